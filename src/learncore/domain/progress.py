"""Where a learner stands in a course: enrolments and per-lesson progress."""

from __future__ import annotations

import enum
from datetime import datetime
from uuid import UUID

import attrs

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

__all__ = ["Enrollment", "EnrollmentStatus", "LessonProgress", "LessonStatus"]


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
