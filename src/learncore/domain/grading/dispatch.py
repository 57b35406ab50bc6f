"""Grading any exercise: one entry point that picks the grader for the exercise type.

Answer shapes, by exercise type:

- translate, listen_type, fill_blank: ``str``
- multiple_choice: the chosen option id (``UUID``) or a collection of them
- word_bank: a sequence of tile texts or option ids, in the order placed
- match_pairs: a mapping ``{left: right}`` or a sequence of ``(left, right)`` pairs
- speak: a :class:`~learncore.domain.pronunciation.PronunciationAssessment`

This first version compares exactly after :func:`normalise_text`; the grading engine
refines the text graders behind the same signature.
"""

# Every grader takes (exercise, answer, language, policy) so dispatch is uniform;
# some graders do not need all four.
# ruff: noqa: ARG001

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from learncore.domain.exercises import Exercise, ExerciseType
from learncore.domain.grading.normalise import normalise_text
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Outcome, Verdict
from learncore.domain.pronunciation import PronunciationAssessment
from learncore.errors import InvalidInput, UnknownExerciseType

__all__ = ["grade_exercise"]


def _invalid(exercise: Exercise, expected: str, answer: Any) -> InvalidInput:
    return InvalidInput(
        f"answer to exercise {exercise.id}",
        f"a {exercise.type} exercise takes {expected}, got {type(answer).__name__}",
    )


def _grade_text(exercise: Exercise, answer: Any, language: str, policy: GradingPolicy) -> Verdict:
    if not isinstance(answer, str):
        raise _invalid(exercise, "text", answer)
    given = normalise_text(answer, language=language, policy=policy)
    for accepted in exercise.accepted_answers:
        if normalise_text(accepted, language=language, policy=policy) == given:
            return Verdict(outcome=Outcome.CORRECT, matched=accepted)
    return Verdict(outcome=Outcome.INCORRECT)


def _grade_choice(exercise: Exercise, answer: Any, language: str, policy: GradingPolicy) -> Verdict:
    chosen = {answer} if isinstance(answer, UUID) else answer
    if isinstance(chosen, str) or not all(isinstance(c, UUID) for c in chosen):
        raise _invalid(exercise, "option ids", answer)
    right = {option.id for option in exercise.correct_options}
    if set(chosen) == right:
        return Verdict(outcome=Outcome.CORRECT, matched=", ".join(o.text for o in exercise.correct_options))
    return Verdict(outcome=Outcome.INCORRECT)


def _grade_word_bank(exercise: Exercise, answer: Any, language: str, policy: GradingPolicy) -> Verdict:
    if isinstance(answer, str) or not all(isinstance(t, str | UUID) for t in answer):
        raise _invalid(exercise, "a sequence of tiles", answer)
    texts = {option.id: option.text for option in exercise.options}
    sentence = " ".join(texts.get(t, "") if isinstance(t, UUID) else t for t in answer)
    return _grade_text(exercise, sentence, language, policy)


def _grade_pairs(exercise: Exercise, answer: Any, language: str, policy: GradingPolicy) -> Verdict:
    pairs = dict(answer.items()) if isinstance(answer, Mapping) else dict(answer)
    expected = {pair.left: pair.right for pair in exercise.pairs}
    outcome = Outcome.CORRECT if pairs == expected else Outcome.INCORRECT
    return Verdict(outcome=outcome)


def _grade_speech(exercise: Exercise, answer: Any, language: str, policy: GradingPolicy) -> Verdict:
    if not isinstance(answer, PronunciationAssessment):
        raise _invalid(exercise, "a PronunciationAssessment", answer)
    passed = answer.pronunciation >= policy.speech_pass_score
    return Verdict(outcome=Outcome.CORRECT if passed else Outcome.INCORRECT, matched=exercise.reference_text)


_GRADERS = {
    ExerciseType.TRANSLATE: _grade_text,
    ExerciseType.LISTEN_TYPE: _grade_text,
    ExerciseType.FILL_BLANK: _grade_text,
    ExerciseType.MULTIPLE_CHOICE: _grade_choice,
    ExerciseType.WORD_BANK: _grade_word_bank,
    ExerciseType.MATCH_PAIRS: _grade_pairs,
    ExerciseType.SPEAK: _grade_speech,
}


def grade_exercise(
    exercise: Exercise, answer: Any, *, language: str, policy: GradingPolicy
) -> Verdict:
    """Grade ``answer`` to a built-in exercise type with ``policy``.

    Plugin types (``"acme:drag_drop"``) are graded by the grader their plugin
    registered; look it up with ``PluginRegistry.exercise_grader``.
    """
    grader = _GRADERS.get(exercise.type)  # type: ignore[call-overload]
    if grader is None:
        raise UnknownExerciseType(
            f"exercise {exercise.id}", f"no built-in grader for type {exercise.type!r}"
        )
    verdict: Verdict = grader(exercise, answer, language, policy)
    return verdict
