"""Lesson progress rules: starting, completing, course percentage and lesson statuses."""

from __future__ import annotations

from datetime import UTC, datetime

from learncore.domain.ids import new_id
from learncore.domain.progress import (
    LessonStatus,
    course_percent,
    lesson_completed,
    lesson_started,
    lesson_statuses,
)
from learncore.testing import sample_course

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_starting_and_completing_a_lesson_keeps_the_best_score():
    course = sample_course()
    learner, lesson = new_id(), course.lessons[0].id
    record = lesson_started(None, learner_id=learner, lesson_id=lesson, course_id=course.id, now=T0)
    assert (record.status, record.attempts) == (LessonStatus.IN_PROGRESS, 1)
    record = lesson_completed(record, score=80.0, time_spent_seconds=120, now=T0)
    record = lesson_started(record, learner_id=learner, lesson_id=lesson, course_id=course.id, now=T0)
    assert (record.status, record.attempts) == (LessonStatus.COMPLETED, 2)
    record = lesson_completed(record, score=60.0, time_spent_seconds=-5, now=T0)
    assert (record.best_score, record.last_score, record.completion_count, record.time_spent_seconds) == (
        80.0, 60.0, 2, 120.0
    )


def test_statuses_come_from_order_and_what_is_completed():
    course = sample_course(units=2, lessons_per_unit=2)
    learner = new_id()
    first = lesson_completed(
        lesson_started(None, learner_id=learner, lesson_id=course.lessons[0].id, course_id=course.id, now=T0),
        score=100.0, time_spent_seconds=60, now=T0,
    )
    second = lesson_started(None, learner_id=learner, lesson_id=course.lessons[1].id, course_id=course.id,
                            now=T0)
    statuses = [r.status for r in lesson_statuses(course, learner, [first, second])]
    assert statuses == [LessonStatus.COMPLETED, LessonStatus.IN_PROGRESS, LessonStatus.LOCKED,
                        LessonStatus.LOCKED]
    assert course_percent(course, {course.lessons[0].id, new_id()}) == 25.0
