"""Right and wrong answers to any built-in exercise, for tests, demos and benchmarks.

Accepted answers written in the grading engine's authoring syntax are reduced to their
first form: ``I [am|'m] (very) happy`` gives ``I am very happy``.
"""

from __future__ import annotations

import re
from typing import Any

from learncore.domain.exercises import Exercise, ExerciseType
from learncore.domain.pronunciation import PronunciationAssessment

__all__ = ["correct_answer", "wrong_answer"]

_CHOICE = re.compile(r"\[([^|\]]*)(?:\|[^\]]*)?\]")
_OPTIONAL = re.compile(r"\(([^)]*)\)")


def _plain(accepted: str) -> str:
    return " ".join(_OPTIONAL.sub(r"\1", _CHOICE.sub(r"\1", accepted)).split())


def _spoken(exercise: Exercise, score: float) -> PronunciationAssessment:
    return PronunciationAssessment(
        pronunciation=score, accuracy=score, fluency=score, completeness=score,
        provider="learncore.testing", reference_text=exercise.reference_text,
        recognized_text=exercise.reference_text if score else "",
    )


def correct_answer(exercise: Exercise) -> Any:
    """An answer the grading engine accepts, in the shape ``submit_answer`` takes."""
    kind = exercise.type
    if kind is ExerciseType.MULTIPLE_CHOICE:
        ids = [option.id for option in exercise.correct_options]
        return ids if exercise.multiple_answers else ids[0]
    if kind is ExerciseType.WORD_BANK:
        return _plain(exercise.accepted_answers[0]).split()
    if kind is ExerciseType.MATCH_PAIRS:
        return {pair.left: pair.right for pair in exercise.pairs}
    if kind is ExerciseType.SPEAK:
        return _spoken(exercise, 100.0)
    if isinstance(kind, ExerciseType):
        return _plain(exercise.accepted_answers[0])
    raise ValueError(f"no known correct answer for plugin exercise type {kind!r}")


def wrong_answer(exercise: Exercise) -> Any:
    """An answer the grading engine rejects, in the shape ``submit_answer`` takes."""
    kind = exercise.type
    if kind is ExerciseType.MULTIPLE_CHOICE:
        wrong = [option.id for option in exercise.options if not option.is_correct]
        if wrong:
            return wrong if exercise.multiple_answers else wrong[0]
        return []
    if kind is ExerciseType.WORD_BANK:
        # Real tiles in the wrong order: the grader refuses tiles the bank does not hold.
        tiles = _plain(exercise.accepted_answers[0]).split()
        backwards = tiles[::-1]
        return backwards if backwards != tiles else []
    if kind is ExerciseType.MATCH_PAIRS:
        rights = [pair.right for pair in exercise.pairs]
        return {pair.left: right for pair, right in zip(exercise.pairs, rights[1:] + rights[:1], strict=True)}
    if kind is ExerciseType.SPEAK:
        return _spoken(exercise, 0.0)
    if isinstance(kind, ExerciseType):
        return "qwxz vbnm"
    raise ValueError(f"no known wrong answer for plugin exercise type {kind!r}")
