"""Grading any exercise: one entry point that picks the grader for the exercise type.

Answer shapes, by exercise type:

- translate, listen_type, fill_blank: ``str``
- multiple_choice: the chosen option id (``UUID``) or a collection of them
- word_bank: a sequence of tile texts or option ids, in the order placed
- match_pairs: a mapping ``{left: right}`` or a sequence of ``(left, right)`` pairs
- speak: a :class:`~learncore.domain.pronunciation.PronunciationAssessment`

Every grader has the signature ``grader(exercise, answer, *, language, policy) ->
Verdict``; plugins register graders of the same shape for their own types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from learncore.domain.exercises import Exercise, ExerciseType, answer_to
from learncore.domain.grading.choice import grade_choice
from learncore.domain.grading.pairs import grade_pairs
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.speech import grade_speech
from learncore.domain.grading.text import grade_text
from learncore.domain.grading.verdict import Verdict
from learncore.domain.grading.word_bank import grade_word_bank
from learncore.errors import InvalidInput, UnknownExerciseType

__all__ = ["BUILTIN_GRADERS", "Grader", "grade_exercise", "grade_typed"]

Grader = Callable[..., Verdict]


def grade_typed(
    exercise: Exercise,
    answer: Any,
    *,
    language: str,
    policy: GradingPolicy,
    vocabulary: Iterable[str] = (),
) -> Verdict:
    """Grade a typed answer (translate, listen_type, fill_blank) against the accepted answers."""
    if not isinstance(answer, str):
        raise InvalidInput(
            answer_to(exercise),
            f"a {exercise.type} exercise takes text, got {type(answer).__name__}",
        )
    return grade_text(
        answer, exercise.accepted_answers, language=language, policy=policy, vocabulary=vocabulary
    )


BUILTIN_GRADERS: Mapping[ExerciseType, Grader] = {
    ExerciseType.TRANSLATE: grade_typed,
    ExerciseType.LISTEN_TYPE: grade_typed,
    ExerciseType.FILL_BLANK: grade_typed,
    ExerciseType.MULTIPLE_CHOICE: grade_choice,
    ExerciseType.WORD_BANK: grade_word_bank,
    ExerciseType.MATCH_PAIRS: grade_pairs,
    ExerciseType.SPEAK: grade_speech,
}


def grade_exercise(
    exercise: Exercise,
    answer: Any,
    *,
    language: str,
    policy: GradingPolicy,
    vocabulary: Iterable[str] = (),
    graders: Mapping[str, Grader] | None = None,
) -> Verdict:
    """Grade ``answer`` to ``exercise`` with ``policy`` in ``language`` (the language answered in).

    ``vocabulary`` (typed answers only) adds words a typo must not land on, such as
    the course's vocabulary. ``graders`` maps plugin exercise types to their graders
    (as registered through ``register_exercise_types``); built-in types need none.
    Raises :class:`~learncore.errors.InvalidInput` for an answer of the wrong shape
    and :class:`~learncore.errors.UnknownExerciseType` for a type with no grader.
    """
    kind = exercise.type
    if graders is not None and kind in graders:
        return graders[kind](exercise, answer, language=language, policy=policy)
    if kind in (ExerciseType.TRANSLATE, ExerciseType.LISTEN_TYPE, ExerciseType.FILL_BLANK):
        return grade_typed(exercise, answer, language=language, policy=policy, vocabulary=vocabulary)
    grader: Grader | None = BUILTIN_GRADERS.get(kind)  # type: ignore[call-overload]
    if grader is None:
        raise UnknownExerciseType(
            f"exercise {exercise.id}",
            f"no grader for type {kind!r}; pass the grader its plugin registered "
            "(PluginRegistry.exercise_grader) in graders=",
        )
    return grader(exercise, answer, language=language, policy=policy)
