"""Pronunciation assessment results, shaped like Azure's HundredMark output.

Every speech provider returns these types, so apps and graders never depend on a
vendor's format. Scores are floats from 0 to 100.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from learncore.domain.validation import (
    at_least,
    max_length,
    member_of,
    non_blank,
    optional_score,
    score,
    to_enum,
    where,
)
from learncore.errors import InvalidContent

__all__ = [
    "PhonemeAssessment",
    "PronunciationAssessment",
    "TranscribedWord",
    "Transcript",
    "WordAssessment",
    "WordError",
]


class WordError(enum.StrEnum):
    """What went wrong with one word of the reference."""

    NONE = "none"
    OMISSION = "omission"  # in the reference, not said
    INSERTION = "insertion"  # said, not in the reference
    MISPRONUNCIATION = "mispronunciation"


def _word_error(value: WordError | str) -> WordError:
    return to_enum(WordError, value)


def _confidence(instance: object, attribute: Any, value: float | None) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1
    ):
        raise InvalidContent(where(instance, attribute), f"must be from 0 to 1, got {value!r}")


def _phonemes(items: Iterable[PhonemeAssessment]) -> tuple[PhonemeAssessment, ...]:
    return tuple(items)


def _word_assessments(items: Iterable[WordAssessment]) -> tuple[WordAssessment, ...]:
    return tuple(items)


def _transcribed_words(items: Iterable[TranscribedWord]) -> tuple[TranscribedWord, ...]:
    return tuple(items)


@attrs.frozen
class PhonemeAssessment:
    """One phone of a word, with its accuracy."""

    phoneme: str = attrs.field(validator=non_blank)
    accuracy: float = attrs.field(validator=score)
    offset_ms: int | None = attrs.field(default=None, validator=at_least(0))
    duration_ms: int | None = attrs.field(default=None, validator=at_least(0))


@attrs.frozen
class WordAssessment:
    """One word of the reference (or an inserted word), scored.

    ``scored`` is False when the provider could not judge the word (for example a word
    missing from an offline dictionary); its accuracy then carries no information.
    """

    word: str = attrs.field(validator=max_length(200))
    accuracy: float = attrs.field(validator=score)
    error: WordError = attrs.field(
        default=WordError.NONE,
        converter=_word_error,
        validator=member_of(WordError),
    )
    offset_ms: int | None = attrs.field(default=None, validator=at_least(0))
    duration_ms: int | None = attrs.field(default=None, validator=at_least(0))
    phonemes: tuple[PhonemeAssessment, ...] = attrs.field(default=(), converter=_phonemes)
    scored: bool = True


@attrs.frozen
class PronunciationAssessment:
    """The result of assessing one utterance against its reference text."""

    pronunciation: float = attrs.field(validator=score)
    accuracy: float = attrs.field(validator=score)
    fluency: float = attrs.field(validator=score)
    completeness: float = attrs.field(validator=score)
    provider: str = attrs.field(validator=non_blank)
    reference_text: str = ""
    recognized_text: str = ""
    words: tuple[WordAssessment, ...] = attrs.field(default=(), converter=_word_assessments)
    prosody: float | None = attrs.field(default=None, validator=optional_score)
    confidence: float | None = attrs.field(default=None, validator=_confidence)


@attrs.frozen
class TranscribedWord:
    """A recognised word with the provider's confidence and timing, when given."""

    word: str
    confidence: float | None = attrs.field(default=None, validator=_confidence)
    offset_ms: int | None = attrs.field(default=None, validator=at_least(0))
    duration_ms: int | None = attrs.field(default=None, validator=at_least(0))


@attrs.frozen
class Transcript:
    """What a transcribing provider heard."""

    text: str
    provider: str = attrs.field(validator=non_blank)
    language: str = "en"
    words: tuple[TranscribedWord, ...] = attrs.field(default=(), converter=_transcribed_words)
    confidence: float | None = attrs.field(default=None, validator=_confidence)
