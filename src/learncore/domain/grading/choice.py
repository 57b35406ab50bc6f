"""Grading multiple choice: single or multi-select, where a partial selection is wrong."""

# Every grader has the signature (exercise, answer, *, language, policy) so that
# dispatch and plugins are uniform; this one does not need all of them.
# ruff: noqa: ARG001

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from uuid import UUID

from learncore.domain.exercises import Exercise
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken
from learncore.errors import InvalidInput

__all__ = ["grade_choice"]


def _chosen_ids(exercise: Exercise, answer: Any) -> set[UUID]:
    where = f"answer to exercise {exercise.id}"
    if isinstance(answer, UUID):
        return {answer}
    if isinstance(answer, str | bytes) or not isinstance(answer, Collection):
        raise InvalidInput(
            where, f"multiple choice takes an option id or a collection of them, got {type(answer).__name__}"
        )
    chosen: set[UUID] = set()
    for item in answer:
        if not isinstance(item, UUID):
            raise InvalidInput(where, f"option ids must be UUIDs, got {type(item).__name__}")
        chosen.add(item)
    if len(chosen) > 1 and not exercise.multiple_answers:
        raise InvalidInput(where, f"this question takes one option, got {len(chosen)}")
    return chosen


def grade_choice(exercise: Exercise, answer: Any, *, language: str, policy: GradingPolicy) -> Verdict:
    """Grade the chosen option id (or ids, for multi-select) of a multiple-choice exercise.

    The answer is correct only when exactly the correct options are chosen. Tokens
    go through the options in display order: a chosen correct option is ``ok``, a
    chosen wrong one ``wrong_word``, a correct one left out ``missing_word``.
    Raises :class:`~learncore.errors.InvalidInput` for ids that are not options of
    the exercise, or several ids for a single-answer question.
    """
    chosen = _chosen_ids(exercise, answer)
    known = {option.id for option in exercise.options}
    unknown = chosen - known
    if unknown:
        raise InvalidInput(
            f"answer to exercise {exercise.id}",
            f"{', '.join(sorted(map(str, unknown)))} is not an option of this exercise",
        )
    tokens = []
    for option in exercise.options:
        if option.id in chosen:
            label = TokenLabel.OK if option.is_correct else TokenLabel.WRONG_WORD
            tokens.append(VerdictToken(option.text, label))
        elif option.is_correct:
            tokens.append(VerdictToken("", TokenLabel.MISSING_WORD, option.text))
    right = {option.id for option in exercise.correct_options}
    outcome = Outcome.CORRECT if chosen == right else Outcome.INCORRECT
    matched = ", ".join(option.text for option in exercise.correct_options)
    return Verdict(outcome, matched, tokens)
