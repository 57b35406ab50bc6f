"""Goodness of pronunciation (GOP) from a forced alignment and a free phone loop.

For every frame, the forced alignment says how well the audio fits the reference's
phones, and the free phone loop says how well it fits the best phones of all. Their
difference, averaged over a phone's frames, is that phone's GOP: near zero when the
reference phone is what was said, strongly negative when another sound was.
All numbers here are decoder score units per 10 ms frame; calibration.py maps them
to 0-100. Each phone and word also carries how far its duration strays from a correct
read's (durations.py).
"""

from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Sequence

import attrs

from learncore_sphinx.decoding import FILLERS, FrameAlignment, PhoneSpan
from learncore_sphinx.durations import TYPICAL_DURATIONS, PhoneDurations

__all__ = [
    "GapEvidence",
    "PhoneEvidence",
    "UtteranceEvidence",
    "WordEvidence",
    "loop_frame_scores",
    "measure",
    "quiet_frames",
    "with_durations",
]

SAMPLES_PER_FRAME = 160  # 10 ms at 16 kHz
QUIET_BELOW_PEAK_DB = 30.0  # "silence": this far below the utterance's loud frames


@attrs.frozen
class PhoneEvidence:
    """One aligned phone, its GOP, and its duration z-score.

    ``duration_z`` is how many standard deviations longer (positive) or shorter than a
    correctly read one the phone is, the read's tempo taken off (:mod:`durations`).
    """

    phone: str
    start: int
    frames: int
    gop: float
    duration_z: float = 0.0


@attrs.frozen
class WordEvidence:
    """What the decoder found for one reference word.

    ``gop`` is the frame-weighted mean over the word; ``quiet_share`` is the part of
    its frames that are silence by their energy (an omitted word is all quiet);
    ``duration_deviation`` is the root mean square of its phones' duration z-scores
    (about 0.8 for a correct read; higher when the aligner had to stretch and squash
    the reference's phones over another word's sounds).
    """

    start: int
    frames: int
    gop: float
    phones: tuple[PhoneEvidence, ...]
    quiet_share: float
    duration_deviation: float = 0.0

    @property
    def worst_phone_gop(self) -> float:
        """The GOP of the word's worst phone: one wrong sound is enough to spoil a word."""
        return min((p.gop for p in self.phones), default=self.gop)


@attrs.frozen
class GapEvidence:
    """A stretch the aligner filled with silence or noise instead of a reference word.

    A real pause scores a GOP near zero. Speech there (an extra word, or a wrong word
    the aligner pushed out of its slot) is not quiet and scores a strongly negative GOP.
    ``gop`` is over the ``speech_frames`` (those not quiet); ``heard`` is what the
    phone loop heard in the gap, and ``heard_frames`` how long those phones last.
    """

    start: int
    frames: int
    gop: float
    speech_frames: int
    heard: tuple[str, ...]
    heard_frames: int
    between_words: bool

    @property
    def worst_phone_gop(self) -> float:
        """A gap has no phones of its own; its GOP stands for them (see WordEvidence)."""
        return self.gop


@attrs.frozen
class UtteranceEvidence:
    """Per-word evidence, the gaps between and around the words, and the length in frames."""

    words: tuple[WordEvidence, ...]
    gaps: tuple[GapEvidence, ...]
    total_frames: int

    @property
    def pauses(self) -> tuple[int, ...]:
        """Frames of each gap between the first and the last word."""
        return tuple(g.frames for g in self.gaps if g.between_words)


def loop_frame_scores(spans: Sequence[PhoneSpan], frames: int) -> tuple[float, ...]:
    """Per-frame scores of the phone loop, each phone's score spread evenly over its frames.

    (Realigning the loop's phone string with the context-dependent models gave the
    same discrimination on the calibration set at a third more CPU time.)"""
    scores = [0.0] * frames
    for span in spans:
        share = span.score / max(span.frames, 1)
        for frame in range(span.start, min(span.start + span.frames, frames)):
            scores[frame] = share
    return tuple(scores)


def quiet_frames(pcm: bytes, frames: int) -> tuple[bool, ...]:
    """For each 10 ms frame, whether it is silence: far below the utterance's loud frames.

    Relative to the recording's own level, so a quiet microphone is not "silent" and
    steady background noise (which raises every frame) hides no speech.
    """
    samples = array("h", pcm[: len(pcm) - len(pcm) % 2])
    levels = []
    for frame in range(frames):
        block = samples[frame * SAMPLES_PER_FRAME : (frame + 1) * SAMPLES_PER_FRAME]
        energy = sum(map(operator.mul, block, block)) / max(len(block), 1)
        levels.append(10 * math.log10(energy + 1.0))
    if not levels:
        return ()
    loud = sorted(levels)[int(0.95 * (len(levels) - 1))]
    return tuple(level < loud - QUIET_BELOW_PEAK_DB for level in levels)


def _gop(forced: Sequence[float], free: Sequence[float], start: int, frames: int) -> float:
    end = min(start + frames, len(forced), len(free))
    if end <= start:
        return 0.0
    return sum(forced[t] - free[t] for t in range(start, end)) / (end - start)


def measure(
    forced: FrameAlignment,
    free_scores: Sequence[float],
    loop: Sequence[PhoneSpan],
    entries_per_word: Sequence[int],
    quiet: Sequence[bool],
    *,
    durations: PhoneDurations = TYPICAL_DURATIONS,
) -> UtteranceEvidence:
    """GOP and duration evidence per phone and per reference word, and the gaps the
    aligner filled with silence.

    ``entries_per_word`` says how many dictionary entries each reference word was
    aligned as ("2024" is four: two thousand twenty four); the aligned words, fillers
    left out, follow the same order. ``quiet`` marks silent frames (:func:`quiet_frames`);
    ``durations`` are the typical phone durations the words are compared with.
    """
    total = len(forced.frame_scores)
    quiet = [*quiet[:total], *([False] * (total - len(quiet)))]
    spoken = [w for w in forced.words if not w.is_filler]
    if len(spoken) != sum(entries_per_word):
        raise ValueError(
            f"the alignment has {len(spoken)} words but the reference has {sum(entries_per_word)}"
        )
    words = []
    cursor = 0
    for count in entries_per_word:
        group = spoken[cursor : cursor + count]
        cursor += count
        start = group[0].start
        frames = sum(w.frames for w in group)
        phones = tuple(
            PhoneEvidence(
                p.phone,
                p.start,
                p.frames,
                _gop(forced.frame_scores, free_scores, p.start, p.frames),
            )
            for w in group
            for p in w.phones
        )
        quiet_share = sum(quiet[start : start + frames]) / max(frames, 1)
        gop = _gop(forced.frame_scores, free_scores, start, frames)
        words.append(WordEvidence(start, frames, gop, phones, quiet_share))
    gaps = _gaps(forced, free_scores, quiet, loop)
    return with_durations(UtteranceEvidence(tuple(words), gaps, total), durations)


def with_durations(evidence: UtteranceEvidence, durations: PhoneDurations) -> UtteranceEvidence:
    """The evidence with its words' and phones' duration scores judged by ``durations``."""
    judged = durations.judge([[(p.phone, p.frames) for p in w.phones] for w in evidence.words])
    words = tuple(
        attrs.evolve(
            word,
            duration_deviation=deviation,
            phones=tuple(attrs.evolve(phone, duration_z=z) for phone, z in zip(word.phones, zs, strict=True)),
        )
        for word, (deviation, zs) in zip(evidence.words, judged, strict=True)
    )
    return attrs.evolve(evidence, words=words)


def _gaps(
    forced: FrameAlignment,
    free_scores: Sequence[float],
    quiet: Sequence[bool],
    loop: Sequence[PhoneSpan],
) -> tuple[GapEvidence, ...]:
    """Runs of consecutive fillers (<sil> then [NOISE] make one gap), with their GOP."""
    spoken_indexes = [i for i, w in enumerate(forced.words) if not w.is_filler]
    first, last = spoken_indexes[0], spoken_indexes[-1]
    runs: list[tuple[int, int, bool]] = []  # (start, frames, between words)
    for index, word in enumerate(forced.words):
        if not word.is_filler:
            continue
        inside = first < index < last
        if runs and runs[-1][0] + runs[-1][1] == word.start and runs[-1][2] == inside:
            start, frames, _ = runs.pop()
            runs.append((start, frames + word.frames, inside))
        else:
            runs.append((word.start, word.frames, inside))
    gaps = []
    for start, frames, inside in runs:
        in_gap = [s for s in loop if s.phone not in FILLERS and start <= s.start < start + frames]
        heard = tuple(s.phone for s in in_gap)
        heard_frames = sum(min(s.frames, start + frames - s.start) for s in in_gap)
        # Judge only the frames with sound in them: a long real pause around a short
        # noise must not average the noise away, nor a short word hide in a long pause.
        loud = [t for t in range(start, min(start + frames, len(free_scores))) if not quiet[t]]
        gop = sum(forced.frame_scores[t] - free_scores[t] for t in loud) / len(loud) if loud else 0.0
        gaps.append(GapEvidence(start, frames, gop, len(loud), heard, heard_frames, inside))
    return tuple(gaps)
