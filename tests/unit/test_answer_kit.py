"""The testing kit's right and wrong answers grade as promised for every built-in type."""

from __future__ import annotations

import pytest

from learncore.domain.grading.dispatch import grade_exercise
from learncore.testing import correct_answer, sample_course, wrong_answer
from learncore.testing.builders import rich_course

EXERCISES = [e for e in [*sample_course().exercises(), *rich_course().exercises()] if ":" not in e.type]


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: f"{e.type}-{str(e.id)[:8]}")
def test_correct_answers_are_accepted_and_wrong_ones_rejected(exercise):
    policy = exercise.grading or sample_course().grading
    assert grade_exercise(exercise, correct_answer(exercise), language="es", policy=policy).accepted
    assert not grade_exercise(exercise, wrong_answer(exercise), language="es", policy=policy).accepted
