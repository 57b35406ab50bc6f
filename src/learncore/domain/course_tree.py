"""Pure queries over a course tree: which lessons are open, and what to play next."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from learncore.domain.courses import Course, Lesson

__all__ = ["is_unlocked", "missing_prerequisites", "next_lesson", "unlocked_lessons"]


def _as_set(completed: Collection[UUID]) -> frozenset[UUID] | set[UUID]:
    return completed if isinstance(completed, set | frozenset) else frozenset(completed)


def unlocked_lessons(course: Course, completed: Collection[UUID]) -> tuple[Lesson, ...]:
    """Lessons whose requirements are all in ``completed``, in course order.

    Completed lessons are included when their own requirements hold: they stay
    available for replay. Runs in O(lessons + prerequisites) on the index the course
    built at construction.
    """
    done = _as_set(completed)
    return tuple(lesson for lesson, required in course.requirements_in_order() if required <= done)


def next_lesson(course: Course, completed: Collection[UUID]) -> Lesson | None:
    """The first lesson in course order that is unlocked and not yet completed, if any."""
    done = _as_set(completed)
    for lesson, required in course.requirements_in_order():
        if lesson.id not in done and required <= done:
            return lesson
    return None


def missing_prerequisites(
    course: Course, lesson_id: UUID, completed: Collection[UUID]
) -> tuple[Lesson, ...]:
    """The lessons still to complete before ``lesson_id`` unlocks, in course order."""
    missing = course.requirements(lesson_id) - _as_set(completed)
    lessons = (course.lesson(lesson_id) for lesson_id in missing)
    return tuple(sorted(lessons, key=lambda lesson: course.lesson_position(lesson.id)))


def is_unlocked(course: Course, lesson_id: UUID, completed: Collection[UUID]) -> bool:
    """Whether ``lesson_id`` can be started given ``completed``."""
    return course.requirements(lesson_id) <= _as_set(completed)
