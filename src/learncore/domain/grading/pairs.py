"""Grading match pairs: every pair must be matched, and matched right."""

# Every grader has the signature (exercise, answer, *, language, policy) so that
# dispatch and plugins are uniform; this one does not need all of them.
# ruff: noqa: ARG001

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from learncore.domain.exercises import Exercise, answer_to
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken
from learncore.errors import InvalidInput

__all__ = ["grade_pairs"]


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _given_pairs(exercise: Exercise, answer: Any) -> dict[str, str]:
    if isinstance(answer, Mapping):
        items: Iterable[Any] = answer.items()
    elif isinstance(answer, str | bytes) or not isinstance(answer, Iterable):
        raise InvalidInput(
            answer_to(exercise),
            f"match pairs takes {{left: right}} or (left, right) pairs, got {type(answer).__name__}",
        )
    else:
        items = answer
    lefts = {_clean(pair.left): pair.left for pair in exercise.pairs}
    rights = {_clean(pair.right): pair.right for pair in exercise.pairs}
    given: dict[str, str] = {}
    used: set[str] = set()
    for item in items:
        if not (isinstance(item, tuple | list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            raise InvalidInput(answer_to(exercise), f"each pair is two texts (left, right), got {item!r}")
        left, right = lefts.get(_clean(item[0])), rights.get(_clean(item[1]))
        if left is None:
            raise InvalidInput(answer_to(exercise), f"{item[0]!r} is not a left-hand item of this exercise")
        if right is None:
            raise InvalidInput(answer_to(exercise), f"{item[1]!r} is not a right-hand item of this exercise")
        if left in given:
            raise InvalidInput(answer_to(exercise), f"{left!r} is matched twice")
        if right in used:
            raise InvalidInput(answer_to(exercise), f"{right!r} is matched twice")
        given[left] = right
        used.add(right)
    return given


def grade_pairs(exercise: Exercise, answer: Any, *, language: str, policy: GradingPolicy) -> Verdict:
    """Grade the learner's matching: correct only when every pair is matched right.

    The answer is a mapping ``{left: right}`` or a sequence of ``(left, right)``
    pairs. Tokens follow the exercise's pairs, as ``"left = right"``: ``ok``,
    ``wrong_word`` (``expected`` holds the right match) or ``missing_word``.
    """
    given = _given_pairs(exercise, answer)
    tokens = []
    for pair in exercise.pairs:
        expected = f"{pair.left} = {pair.right}"
        chosen = given.get(pair.left)
        if chosen is None:
            tokens.append(VerdictToken("", TokenLabel.MISSING_WORD, expected))
        elif chosen == pair.right:
            tokens.append(VerdictToken(expected, TokenLabel.OK))
        else:
            tokens.append(VerdictToken(f"{pair.left} = {chosen}", TokenLabel.WRONG_WORD, expected))
    outcome = Outcome.CORRECT if all(t.label is TokenLabel.OK for t in tokens) else Outcome.INCORRECT
    return Verdict(outcome, None, tokens)
