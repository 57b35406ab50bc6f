"""What grading says about an answer: an outcome plus a token-level diff a UI can underline."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from learncore.domain.validation import member_of, to_enum

__all__ = ["Outcome", "TokenLabel", "Verdict", "VerdictToken"]


class Outcome(enum.StrEnum):
    """The overall judgement. Everything but ``incorrect`` counts as a right answer."""

    CORRECT = "correct"
    TYPO = "typo"  # accepted; some letters were off
    ACCENT = "accent"  # accepted; an accent was missing or wrong (diacritics policy "warn")
    INCORRECT = "incorrect"


class TokenLabel(enum.StrEnum):
    """How one token of the learner's answer compares with the matched accepted answer."""

    OK = "ok"
    TYPO = "typo"
    MISSING_ACCENT = "missing_accent"
    WRONG_WORD = "wrong_word"
    MISSING_WORD = "missing_word"  # in the accepted answer, not in the learner's
    EXTRA_WORD = "extra_word"  # in the learner's answer, not in the accepted one


# The converters pass members straight through: graders build many tokens per answer,
# and an enum lookup per token would be a noticeable part of grading time.


def _label(value: TokenLabel | str) -> TokenLabel:
    return value if type(value) is TokenLabel else to_enum(TokenLabel, value)


def _positions(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


@attrs.frozen
class VerdictToken:
    """One token of the diff.

    ``text`` is exactly what the learner typed for this token and ``start`` is its
    offset in the answer, so a UI can underline ``answer[start + i]`` for each ``i`` in
    ``positions`` (the characters that differ). A ``missing_word`` token has empty
    ``text``, no ``start``, and the word in ``expected``.
    """

    text: str
    label: TokenLabel = attrs.field(converter=_label, validator=member_of(TokenLabel))
    expected: str | None = None
    start: int | None = None
    positions: tuple[int, ...] = attrs.field(default=(), converter=_positions)


def _outcome(value: Outcome | str) -> Outcome:
    return value if type(value) is Outcome else to_enum(Outcome, value)


def _tokens(values: Iterable[VerdictToken]) -> tuple[VerdictToken, ...]:
    return tuple(values)


@attrs.frozen
class Verdict:
    """The result of grading one answer.

    ``matched`` is the accepted answer (in display form) the learner's answer was
    judged against, or ``None`` when nothing came close.
    """

    outcome: Outcome = attrs.field(converter=_outcome, validator=member_of(Outcome))
    matched: str | None = None
    tokens: tuple[VerdictToken, ...] = attrs.field(default=(), converter=_tokens)

    @property
    def accepted(self) -> bool:
        """Whether the answer counts as right (correct, or correct with a typo/accent note)."""
        return self.outcome is not Outcome.INCORRECT


# The text grader builds a verdict, and a token for every word that differs, from values
# it made itself (enum members, tuples), so the converters and validators of __init__
# would only check what is already known. These set the slots directly (the frozen
# classes' __setattr__ is bypassed the way attrs' own __init__ bypasses it); the objects
# are equal to, and hash and print like, those built through __init__.
_new = object.__new__
_set_text = VerdictToken.__dict__["text"].__set__
_set_label = VerdictToken.__dict__["label"].__set__
_set_expected = VerdictToken.__dict__["expected"].__set__
_set_start = VerdictToken.__dict__["start"].__set__
_set_positions = VerdictToken.__dict__["positions"].__set__
_set_outcome = Verdict.__dict__["outcome"].__set__
_set_matched = Verdict.__dict__["matched"].__set__
_set_tokens = Verdict.__dict__["tokens"].__set__


def make_token(
    text: str, label: TokenLabel, expected: str | None, start: int | None, positions: tuple[int, ...]
) -> VerdictToken:
    """A :class:`VerdictToken` from trusted values: a member ``label``, a tuple ``positions``."""
    token: VerdictToken = _new(VerdictToken)
    _set_text(token, text)
    _set_label(token, label)
    _set_expected(token, expected)
    _set_start(token, start)
    _set_positions(token, positions)
    return token


def make_verdict(outcome: Outcome, matched: str | None, tokens: tuple[VerdictToken, ...]) -> Verdict:
    """A :class:`Verdict` from trusted values: a member ``outcome``, a tuple of tokens."""
    verdict: Verdict = _new(Verdict)
    _set_outcome(verdict, outcome)
    _set_matched(verdict, matched)
    _set_tokens(verdict, tokens)
    return verdict
