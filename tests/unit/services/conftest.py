"""Fixtures shared by the use-case tests."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs
import pytest

from learncore.domain import Course, ExerciseType
from learncore.grading import GradingPolicy
from learncore.testing import sample_course

OneLessonCourse = Callable[..., Course]


@pytest.fixture
def one_lesson_course() -> OneLessonCourse:
    """Builds the one-lesson sample course with grading policies set on it.

    ``grading`` is the course's policy; ``by_type`` gives the exercises of a type a
    policy of their own.
    """

    def build(
        *, grading: GradingPolicy | None = None,
        by_type: Mapping[ExerciseType, GradingPolicy | None] | None = None,
    ) -> Course:
        course = sample_course(units=1, lessons_per_unit=1)
        if grading is not None:
            course = attrs.evolve(course, grading=grading)
        by_type = by_type or {}
        lesson = course.lessons[0]
        exercises = [
            attrs.evolve(e, grading=by_type[e.type]) if e.type in by_type else e for e in lesson.exercises
        ]
        section = course.sections[0]
        unit = attrs.evolve(section.units[0], lessons=[attrs.evolve(lesson, exercises=exercises)])
        return attrs.evolve(course, sections=[attrs.evolve(section, units=[unit])])

    return build
