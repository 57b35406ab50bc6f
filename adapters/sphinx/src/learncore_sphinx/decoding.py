"""pocketsphinx decoders: a free phone loop, forced alignment to phones and states, and a pool.

A pocketsphinx ``Decoder`` is not thread-safe and costs a model load to build, so
each one serves one assessment at a time and is reused from a :class:`DecoderPool`.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

import attrs

__all__ = [
    "FILLERS",
    "AlignedPhone",
    "AlignedWord",
    "DecoderPool",
    "FrameAlignment",
    "HeardWord",
    "PhoneSpan",
    "SphinxDecoder",
    "SphinxRecognizer",
]

T = TypeVar("T")
FRAMES_PER_SECOND = 100  # pocketsphinx's default frame rate (10 ms frames)
FILLERS = frozenset({"SIL", "+NSN+", "+SPN+"})
_PHONE_LOOP = "phone_loop"
# Pass 2 (state alignment) fails with "Alignment failed in frame N" under the default
# beams even on clean speech; wide beams cost little on a linear alignment graph.
_ALIGN_BEAMS = {"beam": 1e-80, "pbeam": 1e-80, "wbeam": 1e-60}
# Gaussians per codebook that score each frame. pocketsphinx's default (4) is tuned for
# fast recognition; 16 makes the per-frame scores precise enough that a replaced word
# stands out from an accent better (development set, tools/calibrate.py, worst-phone
# weight 0.5, no accent allowance: AUC of correct against swapped reads 0.946 -> 0.958)
# for ~1.7x the CPU time.
_SCORING = {"topn": 16}


@attrs.frozen
class PhoneSpan:
    """A phone the free phone loop heard, over ``frames`` frames from ``start``."""

    phone: str
    start: int
    frames: int
    score: int


@attrs.frozen
class AlignedPhone:
    """One phone of a forced alignment with its acoustic score (sum over its frames)."""

    phone: str
    start: int
    frames: int
    score: int


@attrs.frozen
class AlignedWord:
    """One dictionary entry of a forced alignment (``entry`` may carry a variant, ``to(3)``)."""

    entry: str
    start: int
    frames: int
    phones: tuple[AlignedPhone, ...]

    @property
    def base(self) -> str:
        """The entry without its variant number."""
        return self.entry.split("(", 1)[0]

    @property
    def is_filler(self) -> bool:
        """Silence and noise entries the aligner inserts between words."""
        return self.entry.startswith(("<", "["))


@attrs.frozen
class FrameAlignment:
    """A state-level forced alignment: its words, and an acoustic score for every frame."""

    words: tuple[AlignedWord, ...]
    frame_scores: tuple[float, ...]


class SphinxDecoder:
    """One pocketsphinx decoder with a phone-loop search and alignment; one thread at a time."""

    def __init__(self, decoder_factory: Callable[..., Any], **config: Any) -> None:
        self._decoder = decoder_factory(
            lm=None,
            bestpath=False,
            loglevel="FATAL",
            **{**_ALIGN_BEAMS, **_SCORING, **config},
        )
        self._decoder.add_allphone_file(_PHONE_LOOP, None)  # uniform: any phone may follow any
        self._known_additions: set[str] = set()

    def reset(self) -> None:
        """Forget what earlier utterances taught the front end.

        The noise remover (on in the model's feat.params, and worth keeping: scores on
        noisy speech drop without it) carries its noise estimate from one utterance to
        the next, so the same audio would score differently depending on what the
        decoder heard before. A fresh front end makes scores reproducible.
        """
        self._decoder.reinit_feat()

    def lookup(self, entry: str) -> str | None:
        """The phones of a dictionary entry, or None."""
        found: str | None = self._decoder.lookup_word(entry)
        return found

    def learn(self, additions: Sequence[tuple[str, str]]) -> None:
        """Add entries (word, phones) this decoder has not seen yet."""
        missing = [(w, p) for w, p in additions if w not in self._known_additions]
        for index, (word, phones) in enumerate(missing):
            if self._decoder.lookup_word(word) is None:
                self._decoder.add_word(word, phones, update=index == len(missing) - 1)
            self._known_additions.add(word)

    def phone_loop(self, pcm: bytes) -> tuple[PhoneSpan, ...]:
        """What the free phone loop hears: the best phone sequence with no word constraint."""
        decoder = self._decoder
        decoder.activate_search(_PHONE_LOOP)
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        logmath = decoder.get_logmath()
        spans = []
        for segment in decoder.seg() or ():
            # Segment scores come back exponentiated; take the log to get the raw score.
            raw = logmath.log(segment.ascore) if segment.ascore > 0 else logmath.get_zero()
            frames = segment.end_frame - segment.start_frame + 1
            spans.append(PhoneSpan(segment.word, segment.start_frame, frames, raw))
        return tuple(spans)

    def align(self, pcm: bytes, entries: Sequence[str]) -> FrameAlignment | None:
        """Force-align ``entries`` to the audio down to HMM states; None if it cannot be done.

        Pass 1 finds words (with variants and optional silences); pass 2 aligns their
        phones and states. Failure means the audio does not fit the text at all.
        """
        decoder = self._decoder
        try:
            decoder.set_align_text(" ".join(entries))
            decoder.start_utt()
            decoder.process_raw(pcm, full_utt=True)
            decoder.end_utt()
            if decoder.hyp() is None:
                return None
            decoder.set_alignment()
            decoder.start_utt()
            decoder.process_raw(pcm, full_utt=True)
            decoder.end_utt()
        except RuntimeError:
            return None  # "Final result does not match the grammar" / "Alignment failed"
        alignment = decoder.get_alignment()
        if alignment is None:
            return None
        frames = decoder.n_frames()
        scores = [0.0] * frames
        words = []
        for word in alignment:
            phones = []
            for phone in word:
                for state in phone:
                    share = state.score / max(state.duration, 1)
                    for frame in range(state.start, min(state.start + state.duration, frames)):
                        scores[frame] = share
                phones.append(AlignedPhone(phone.name, phone.start, phone.duration, phone.score))
            words.append(AlignedWord(word.name, word.start, word.duration, tuple(phones)))
        return FrameAlignment(tuple(words), tuple(scores))


@attrs.frozen
class HeardWord:
    """A word the language-model decoder recognised, with its posterior probability."""

    word: str
    start: int
    frames: int
    probability: float


class SphinxRecognizer:
    """One pocketsphinx decoder with the bundled n-gram language model, for transcription.

    Separate from :class:`SphinxDecoder` because the language model costs 30 MB and
    most apps only assess.
    """

    def __init__(self, decoder_factory: Callable[..., Any], **config: Any) -> None:
        self._decoder = decoder_factory(loglevel="FATAL", **config)

    def recognise(self, pcm: bytes) -> tuple[tuple[HeardWord, ...], float]:
        """The words heard (fillers left out) and the posterior of the whole hypothesis."""
        decoder = self._decoder
        decoder.reinit_feat()  # forget earlier utterances' noise estimate (see SphinxDecoder.reset)
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        if hypothesis is None:
            return (), 0.0
        words = tuple(
            HeardWord(
                segment.word.split("(", 1)[0],
                segment.start_frame,
                segment.end_frame - segment.start_frame + 1,
                min(1.0, max(0.0, float(segment.prob))),
            )
            for segment in decoder.seg() or ()
            if not segment.word.startswith(("<", "["))
        )
        return words, min(1.0, max(0.0, float(hypothesis.prob)))


class DecoderPool(Generic[T]):
    """Up to ``size`` decoders, built on first need and lent to one thread at a time."""

    def __init__(self, factory: Callable[[], T], size: int) -> None:
        if size < 1:
            raise ValueError(f"a decoder pool needs at least one decoder, got {size}")
        self._factory = factory
        self._size = size
        self._idle: queue.LifoQueue[T] = queue.LifoQueue()
        self._created = 0
        self._lock = threading.Lock()

    @property
    def created(self) -> int:
        """How many decoders exist so far."""
        return self._created

    @contextmanager
    def decoder(self) -> Iterator[T]:
        """Borrow a decoder: an idle one, a new one while under ``size``, else wait for one."""
        try:
            lent = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                grow = self._created < self._size
                if grow:
                    self._created += 1
            if grow:
                try:
                    lent = self._factory()
                except BaseException:
                    with self._lock:
                        self._created -= 1
                    raise
            else:
                lent = self._idle.get()
        try:
            yield lent
        finally:
            self._idle.put(lent)
