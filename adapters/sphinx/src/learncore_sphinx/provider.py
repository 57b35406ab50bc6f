"""The offline speech provider: pocketsphinx forced alignment plus free-phone-loop GOP."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import attrs

from learncore.audio import AudioLimits, load_audio
from learncore.domain.pronunciation import PronunciationAssessment
from learncore.errors import InvalidSettings, ProviderUnavailable
from learncore_sphinx.calibration import Calibration
from learncore_sphinx.decoding import DecoderPool, SphinxDecoder
from learncore_sphinx.gop import UtteranceEvidence, loop_frame_scores, measure, quiet_frames
from learncore_sphinx.lexicon import Lexicon, Pronunciation
from learncore_sphinx.scoring import assessment_from_evidence, failed_assessment
from learncore_sphinx.text import ReferenceWord, split_reference

__all__ = ["Analysis", "SphinxSpeechProvider"]

_DEFAULT_POOL = 4


def _positive_int(name: str, value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if (
        isinstance(value, bool)
        or number < 1
        or (isinstance(value, float) and not value.is_integer())
    ):
        raise InvalidSettings(
            f"speech_options.sphinx.{name}", f"must be a whole number >= 1, got {value!r}"
        )
    return number


class SphinxSpeechProvider:
    """Scores pronunciation offline with pocketsphinx and its bundled US English model.

    Each word of the reference is force-aligned to the audio, and every phone's
    goodness of pronunciation (GOP) compares the aligned phone with what a free phone
    loop hears in the same frames. Scores are calibrated to 0-100
    (see :class:`~learncore_sphinx.calibration.Calibration`).

    Settings (all optional): ``hmm`` and ``dictionary`` paths for another acoustic
    model and pronouncing dictionary, ``languages`` it serves (default ``("en",)``),
    ``pool_size`` (decoders used in parallel, default ``min(4, CPUs)``), ``limits``
    (:class:`~learncore.audio.AudioLimits`) and ``calibration``.

    Safe to share between threads: each assessment borrows its own decoder.
    """

    def __init__(
        self,
        *,
        hmm: str | None = None,
        dictionary: str | None = None,
        languages: Sequence[str] | str = ("en",),
        pool_size: int | None = None,
        limits: AudioLimits | None = None,
        calibration: Calibration | None = None,
        name: str = "sphinx",
    ) -> None:
        self.name = name
        self.languages = (languages,) if isinstance(languages, str) else tuple(languages)
        if not self.languages:
            raise InvalidSettings(
                "speech_options.sphinx.languages", "must name at least one language"
            )
        size = _positive_int(
            "pool_size",
            pool_size if pool_size is not None else min(_DEFAULT_POOL, os.cpu_count() or 1),
        )
        self.limits = limits or AudioLimits()
        self.calibration = calibration or Calibration()
        self._config: dict[str, Any] = {}
        if hmm is not None:
            self._config["hmm"] = os.fspath(hmm)
        if dictionary is not None:
            self._config["dict"] = os.fspath(dictionary)
        self._lexicon = Lexicon()
        self._pool = DecoderPool(self._new_decoder, size)

    def _new_decoder(self) -> SphinxDecoder:
        from pocketsphinx import Decoder  # noqa: PLC0415 - loads the native library on first use

        try:
            return SphinxDecoder(Decoder, **self._config)
        except (RuntimeError, OSError, ValueError) as exc:
            raise ProviderUnavailable(
                self.name, f"pocketsphinx could not load its model: {exc}"
            ) from exc

    def _check_language(self, language: str) -> None:
        primary = str(language).replace("_", "-").split("-", 1)[0].lower()
        if primary not in {lang.split("-", 1)[0].lower() for lang in self.languages}:
            served = ", ".join(self.languages)
            raise ProviderUnavailable(
                self.name, f"no acoustic model for language {language!r} (serves: {served})"
            )

    def analyse(self, audio: bytes, reference_text: str, language: str = "en") -> Analysis:
        """The decoder's evidence before calibration (what :meth:`assess` scores).

        For recalibrating on your own recordings; same errors as :meth:`assess`.
        """
        self._check_language(language)
        words = tuple(split_reference(reference_text))
        pcm = load_audio(audio, self.limits).pcm
        with self._pool.decoder() as decoder:
            pronunciations = tuple(self._lexicon.pronounce(word, decoder.lookup) for word in words)
            decoder.learn([a for p in pronunciations for a in p.additions])
            loop = decoder.phone_loop(pcm)
            forced = decoder.align(pcm, [e for p in pronunciations for e in p.entries])
        if forced is None:
            return Analysis(words, pronunciations, None)
        frames = len(forced.frame_scores)
        evidence = measure(
            forced,
            loop_frame_scores(loop, frames),
            loop,
            [len(p.entries) for p in pronunciations],
            quiet_frames(pcm, frames),
        )
        return Analysis(words, pronunciations, evidence)

    def assess(
        self, audio: bytes, reference_text: str, language: str = "en"
    ) -> PronunciationAssessment:
        """Assess ``audio`` (any supported format) as a reading of ``reference_text``.

        Raises :class:`~learncore.errors.AudioRejected` for unusable audio,
        :class:`~learncore.errors.InvalidInput` for a reference with no words, and
        :class:`~learncore.errors.ProviderUnavailable` for a language it has no model for.
        """
        analysis = self.analyse(audio, reference_text, language)
        if analysis.evidence is None:
            return failed_assessment(
                reference_text, analysis.words, analysis.pronunciations, self.name
            )
        return assessment_from_evidence(
            reference_text,
            analysis.words,
            analysis.pronunciations,
            analysis.evidence,
            calibration=self.calibration,
            provider=self.name,
        )


@attrs.frozen
class Analysis:
    """The reference's words, how each was pronounced for alignment, and the decoder's
    evidence (None when the audio could not be aligned to the reference at all)."""

    words: tuple[ReferenceWord, ...]
    pronunciations: tuple[Pronunciation, ...]
    evidence: UtteranceEvidence | None
