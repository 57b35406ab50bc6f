"""Grading multiple choice: single or multi-select, where a partial selection is wrong."""

# Every grader has the signature (exercise, answer, *, language, policy) so that
# dispatch and plugins are uniform; this one does not need all of them.
# ruff: noqa: ARG001

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from uuid import UUID

from learncore.domain.exercises import Exercise, answer_to
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, make_token, make_verdict
from learncore.errors import InvalidInput

__all__ = ["grade_choice"]


def _chosen_ids(exercise: Exercise, answer: Any) -> set[UUID]:
    if isinstance(answer, UUID):
        return {answer}
    if isinstance(answer, str | bytes) or not isinstance(answer, Collection):
        raise InvalidInput(
            answer_to(exercise),
            f"multiple choice takes an option id or a collection of them, got {type(answer).__name__}",
        )
    chosen: set[UUID] = set()
    for item in answer:
        if not isinstance(item, UUID):
            raise InvalidInput(answer_to(exercise), f"option ids must be UUIDs, got {type(item).__name__}")
        chosen.add(item)
    if len(chosen) > 1 and not exercise.multiple_answers:
        raise InvalidInput(answer_to(exercise), f"this question takes one option, got {len(chosen)}")
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
    options = exercise.options
    known = {option.id for option in options}
    if not chosen <= known:
        raise InvalidInput(
            answer_to(exercise),
            f"{', '.join(sorted(map(str, chosen - known)))} is not an option of this exercise",
        )
    # Option texts and the labels below are the author's validated values: the
    # verdict is built without checking them again.
    tokens = []
    right = []
    for option in options:
        if option.is_correct:
            right.append(option)
        if option.id in chosen:
            label = TokenLabel.OK if option.is_correct else TokenLabel.WRONG_WORD
            tokens.append(make_token(option.text, label, None, None, ()))
        elif option.is_correct:
            tokens.append(make_token("", TokenLabel.MISSING_WORD, option.text, None, ()))
    exact = len(chosen) == len(right) and all(option.id in chosen for option in right)
    matched = ", ".join(option.text for option in right)
    return make_verdict(Outcome.CORRECT if exact else Outcome.INCORRECT, matched, tuple(tokens))
