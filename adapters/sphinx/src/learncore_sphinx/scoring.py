"""Building the port's PronunciationAssessment from per-word evidence."""

from __future__ import annotations

from collections.abc import Sequence

from learncore.domain.pronunciation import (
    PhonemeAssessment,
    PronunciationAssessment,
    WordAssessment,
    WordError,
)
from learncore_sphinx.calibration import Calibration
from learncore_sphinx.gop import UtteranceEvidence
from learncore_sphinx.lexicon import Pronunciation
from learncore_sphinx.text import ReferenceWord

__all__ = ["INSERTED_WORD", "assessment_from_evidence", "failed_assessment"]

FRAME_MS = 10
INSERTED_WORD = "[speech]"  # the phone loop hears speech but cannot say which word


def _round(score: float) -> float:
    return round(min(100.0, max(0.0, score)), 1)


def assessment_from_evidence(
    reference_text: str,
    words: Sequence[ReferenceWord],
    pronunciations: Sequence[Pronunciation],
    evidence: UtteranceEvidence,
    *,
    calibration: Calibration,
    provider: str,
) -> PronunciationAssessment:
    """Scores per phone, word and utterance; see docs/speech/sphinx.md for the rules."""
    assessed: list[WordAssessment] = []
    accuracies: list[float] = []
    spoken = []
    baseline = calibration.read_baseline(
        [found for found, p in zip(evidence.words, pronunciations, strict=True) if p.scored]
    )
    for word, pronunciation, found in zip(words, pronunciations, evidence.words, strict=True):
        accuracy = calibration.word_accuracy(found, baseline)
        if calibration.is_omitted(found, accuracy):
            error, accuracy = WordError.OMISSION, 0.0
        else:
            spoken.append(found)
            if pronunciation.scored:
                accuracies.append(accuracy)
            mispronounced = pronunciation.scored and accuracy < calibration.mispronounced_below
            error = WordError.MISPRONUNCIATION if mispronounced else WordError.NONE
        assessed.append(
            WordAssessment(
                word=word.text,
                accuracy=_round(accuracy),
                error=error,
                offset_ms=found.start * FRAME_MS,
                duration_ms=found.frames * FRAME_MS,
                phonemes=tuple(
                    PhonemeAssessment(
                        phoneme=p.phone,
                        accuracy=_round(calibration.phone_accuracy(p.gop)),
                        offset_ms=p.start * FRAME_MS,
                        duration_ms=p.frames * FRAME_MS,
                    )
                    for p in found.phones
                ),
                scored=pronunciation.scored,
            )
        )
    recognized = " ".join(w.word for w in assessed if w.error is not WordError.OMISSION)
    insertions = [g for g in evidence.gaps if calibration.is_insertion(g)]
    for gap in insertions:
        accuracies.append(0.0)  # speech that is no reference word counts as a wrong word
        assessed.append(
            WordAssessment(
                word=INSERTED_WORD,
                accuracy=0.0,
                error=WordError.INSERTION,
                offset_ms=gap.start * FRAME_MS,
                duration_ms=gap.frames * FRAME_MS,
                phonemes=tuple(PhonemeAssessment(phoneme=p, accuracy=0.0) for p in gap.heard),
            )
        )
    assessed.sort(key=lambda w: w.offset_ms or 0)
    accuracy = calibration.utterance_accuracy(accuracies)
    completeness = 100.0 * len(spoken) / len(words)
    fluency = calibration.fluency(
        [g.frames / 100 for g in evidence.gaps if g.between_words and g not in insertions],
        sum(f.frames for f in spoken) / 100,
        sum(len(f.phones) for f in spoken),
    )
    scored = sum(1 for p in pronunciations if p.scored)
    return PronunciationAssessment(
        pronunciation=_round(calibration.overall(accuracy, fluency, completeness)),
        accuracy=_round(accuracy),
        fluency=_round(fluency),
        completeness=_round(completeness),
        provider=provider,
        reference_text=reference_text,
        recognized_text=recognized,
        words=tuple(assessed),
        confidence=round(scored / len(pronunciations), 3),
    )


def failed_assessment(
    reference_text: str,
    words: Sequence[ReferenceWord],
    pronunciations: Sequence[Pronunciation],
    provider: str,
) -> PronunciationAssessment:
    """The result when the audio cannot be aligned to the reference at all: everything very low."""
    return PronunciationAssessment(
        pronunciation=0.0,
        accuracy=0.0,
        fluency=0.0,
        completeness=0.0,
        provider=provider,
        reference_text=reference_text,
        recognized_text="",
        words=tuple(
            WordAssessment(
                word=w.text,
                accuracy=0.0,
                error=WordError.MISPRONUNCIATION,
                scored=p.scored,
            )
            for w, p in zip(words, pronunciations, strict=True)
        ),
        confidence=0.0,
    )
