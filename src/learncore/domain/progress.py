"""Where a learner stands in a course: enrolments and per-lesson progress."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

import attrs

from learncore.domain import unchecked
from learncore.domain.courses import Course
from learncore.domain.validation import (
    at_least,
    aware_datetime,
    in_range,
    is_uuid,
    member_of,
    optional_score,
    score,
    to_enum,
)

__all__ = [
    "Enrollment",
    "EnrollmentStatus",
    "LessonProgress",
    "LessonStatus",
    "completed_lesson_ids",
    "course_percent",
    "lesson_completed",
    "lesson_started",
    "lesson_statuses",
]


class EnrollmentStatus(enum.StrEnum):
    """The state of a learner's enrolment in a course."""

    ACTIVE = "active"
    COMPLETED = "completed"
    LEFT = "left"


class LessonStatus(enum.StrEnum):
    """The state of one lesson for one learner."""

    LOCKED = "locked"
    AVAILABLE = "available"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


def _enrollment_status(value: EnrollmentStatus | str) -> EnrollmentStatus:
    return to_enum(EnrollmentStatus, value)


def _lesson_status(value: LessonStatus | str) -> LessonStatus:
    return to_enum(LessonStatus, value)


@attrs.frozen
class Enrollment:
    """One learner in one course (there is at most one per pair)."""

    id: UUID = attrs.field(validator=is_uuid)
    learner_id: UUID = attrs.field(validator=is_uuid)
    course_id: UUID = attrs.field(validator=is_uuid)
    enrolled_at: datetime = attrs.field(validator=aware_datetime)
    status: EnrollmentStatus = attrs.field(
        default=EnrollmentStatus.ACTIVE,
        converter=_enrollment_status,
        validator=member_of(EnrollmentStatus),
    )
    xp: int = attrs.field(default=0, validator=in_range(0, 2**62))
    current_lesson_id: UUID | None = None
    progress_percent: float = attrs.field(default=0.0, validator=score)
    started_at: datetime | None = attrs.field(default=None, validator=aware_datetime)
    completed_at: datetime | None = attrs.field(default=None, validator=aware_datetime)


@attrs.frozen
class LessonProgress:
    """One learner's record on one lesson; scores are percentages."""

    learner_id: UUID = attrs.field(validator=is_uuid)
    lesson_id: UUID = attrs.field(validator=is_uuid)
    course_id: UUID = attrs.field(validator=is_uuid)
    status: LessonStatus = attrs.field(
        default=LessonStatus.AVAILABLE,
        converter=_lesson_status,
        validator=member_of(LessonStatus),
    )
    attempts: int = attrs.field(default=0, validator=in_range(0, 2**31 - 1))
    best_score: float | None = attrs.field(default=None, validator=optional_score)
    last_score: float | None = attrs.field(default=None, validator=optional_score)
    completion_count: int = attrs.field(default=0, validator=in_range(0, 2**31 - 1))
    time_spent_seconds: float = attrs.field(default=0.0, validator=at_least(0))
    updated_at: datetime | None = attrs.field(default=None, validator=aware_datetime)


# --- rules -----------------------------------------------------------------------------


def lesson_started(
    progress: LessonProgress | None,
    *,
    learner_id: UUID,
    lesson_id: UUID,
    course_id: UUID,
    now: datetime,
) -> LessonProgress:
    """The record after a run of the lesson starts: one more attempt, in progress unless done."""
    if progress is None:
        first = unchecked.build(
            LessonProgress,
            learner_id=learner_id,
            lesson_id=lesson_id,
            course_id=course_id,
            status=LessonStatus.IN_PROGRESS,
            attempts=1,
            updated_at=now,
        )
        # The status and count are the rule's own; the ids and instant are the caller's.
        unchecked.check(first, "learner_id", "lesson_id", "course_id", "updated_at")
        return first
    done = progress.status is LessonStatus.COMPLETED
    status = LessonStatus.COMPLETED if done else LessonStatus.IN_PROGRESS
    # Only ``now`` is new from outside; the rest derives from the validated record.
    started = unchecked.replace(progress, status=status, attempts=progress.attempts + 1, updated_at=now)
    unchecked.check(started, "updated_at")
    return started


def lesson_completed(
    progress: LessonProgress, *, score: float, time_spent_seconds: float, now: datetime
) -> LessonProgress:
    """The record after a run of the lesson is completed with ``score``."""
    best = score if progress.best_score is None else max(progress.best_score, score)
    completed = unchecked.replace(
        progress,
        status=LessonStatus.COMPLETED,
        best_score=best,
        last_score=score,
        completion_count=progress.completion_count + 1,
        time_spent_seconds=progress.time_spent_seconds + max(time_spent_seconds, 0.0),
        updated_at=now,
    )
    # The caller's values (the best score follows from the last); counts derive from the record.
    unchecked.check(completed, "last_score", "best_score", "time_spent_seconds", "updated_at")
    return completed


def completed_lesson_ids(records: Iterable[LessonProgress]) -> frozenset[UUID]:
    """The lessons among ``records`` completed at least once."""
    return frozenset(r.lesson_id for r in records if r.completion_count > 0)


def course_percent(course: Course, completed: Iterable[UUID]) -> float:
    """How much of ``course`` is completed, as a percentage of its lessons still in it."""
    if not course.lessons:
        return 0.0
    done = sum(1 for lesson_id in set(completed) if course.has_lesson(lesson_id))
    return round(100.0 * done / len(course.lessons), 2)


def lesson_statuses(
    course: Course, learner_id: UUID, records: Iterable[LessonProgress]
) -> tuple[LessonProgress, ...]:
    """A record for every lesson of ``course`` in course order, stored or not.

    Lessons never played are ``locked`` or ``available`` from the course's
    prerequisites and order. A played lesson keeps its stored status, except that a
    lesson started but since locked by a content edit shows as ``locked``.
    """
    stored = {r.lesson_id: r for r in records}
    done = completed_lesson_ids(stored.values())
    out = []
    for lesson, required in course.requirements_in_order():
        record = stored.get(lesson.id)
        unlocked = required <= done
        if record is None:
            status = LessonStatus.AVAILABLE if unlocked else LessonStatus.LOCKED
            record = LessonProgress(
                learner_id=learner_id, lesson_id=lesson.id, course_id=course.id, status=status
            )
        elif record.status is not LessonStatus.COMPLETED and not unlocked:
            record = attrs.evolve(record, status=LessonStatus.LOCKED)
        out.append(record)
    return tuple(out)
