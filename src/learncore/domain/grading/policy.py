"""How strictly answers are compared: set per course, overridable per exercise."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from learncore.domain.validation import (
    member_of,
    member_set_of,
    score,
    to_enum,
    to_enum_set,
    where,
)
from learncore.errors import InvalidContent

__all__ = ["DiacriticsMode", "GradingPolicy", "SpellingVariant"]


class DiacriticsMode(enum.StrEnum):
    """What a missing or wrong accent costs."""

    STRICT = "strict"  # a missing accent makes the answer wrong
    WARN = "warn"  # accepted, but the verdict says "accent" and shows which letter
    IGNORE = "ignore"  # accepted silently


class SpellingVariant(enum.StrEnum):
    """Spelling differences that may count as equal."""

    ESZETT = "eszett"  # German ß = ss
    UMLAUT_DIGRAPHS = "umlaut_digraphs"  # German ä = ae, ö = oe, ü = ue
    CYRILLIC_YO = "cyrillic_yo"  # Russian ё = е
    QUOTES = "quotes"  # straight and curly quotes and apostrophes
    FULL_WIDTH = "full_width"  # full-width Latin letters and digits = ASCII


def _diacritics(value: DiacriticsMode | str) -> DiacriticsMode:
    return to_enum(DiacriticsMode, value)


def _spelling_variants(values: Iterable[SpellingVariant | str]) -> frozenset[SpellingVariant]:
    return to_enum_set(SpellingVariant, values)


def _typo_steps(value: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    try:
        steps = tuple(sorted((int(length), int(edits)) for length, edits in value))
    except (TypeError, ValueError):
        return value  # type: ignore[return-value]  # the validator names the problem
    return steps


def _check_typo_steps(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(step, tuple) and len(step) == 2 for step in value
    ):
        raise InvalidContent(
            where(instance, attribute),
            "must be pairs of (minimum word length, allowed typos), e.g. ((4, 1), (8, 2))",
        )
    for length, edits in value:
        if length < 1 or edits < 0:
            raise InvalidContent(
                where(instance, attribute),
                f"({length}, {edits}): lengths start at 1 and typo counts cannot be negative",
            )
    allowed = [edits for _, edits in value]
    if allowed != sorted(allowed):
        raise InvalidContent(
            where(instance, attribute), "longer words must allow at least as many typos as shorter ones"
        )


# The hash is cached: every answer graded looks its compiled answer key up by policy.
@attrs.frozen(cache_hash=True)
class GradingPolicy:
    """The knobs of answer comparison; the defaults suit most language courses.

    ``typo_tolerance`` is a staircase of ``(minimum word length, allowed typos)``: the
    default allows none in words of up to 3 letters, one from 4 letters and two from 8.
    """

    case_sensitive: bool = False
    diacritics: DiacriticsMode = attrs.field(
        default=DiacriticsMode.WARN,
        converter=_diacritics,
        validator=member_of(DiacriticsMode),
    )
    ignore_punctuation: bool = True
    typo_tolerance: tuple[tuple[int, int], ...] = attrs.field(
        default=((4, 1), (8, 2)), converter=_typo_steps, validator=_check_typo_steps
    )
    spelling_variants: frozenset[SpellingVariant] = attrs.field(
        default=frozenset(SpellingVariant),
        converter=_spelling_variants,
        validator=member_set_of(SpellingVariant),
    )
    # A spoken answer passes when the overall pronunciation score reaches this.
    speech_pass_score: float = attrs.field(default=60.0, validator=score)
    # A spoken word scoring below this is marked wrong in the verdict's tokens.
    speech_word_pass_score: float = attrs.field(default=50.0, validator=score)

    def allowed_typos(self, word_length: int) -> int:
        """How many typos a word of ``word_length`` letters may carry."""
        allowed = 0
        for min_length, edits in self.typo_tolerance:
            if word_length >= min_length:
                allowed = edits
        return allowed

    def merged(self, **changes: Any) -> GradingPolicy:
        """A copy with ``changes`` applied, as an exercise overriding its course's policy."""
        return attrs.evolve(self, **changes)
