"""Conversion between enrolments / lesson progress and their rows."""

from __future__ import annotations

from typing import Any

from learncore.domain.progress import Enrollment, EnrollmentStatus, LessonProgress, LessonStatus

__all__ = ["enrollment_from_row", "enrollment_values", "progress_from_row", "progress_values"]


def enrollment_values(enrollment: Enrollment) -> dict[str, Any]:
    """Row values of an enrolment."""
    return {
        "id": enrollment.id,
        "learner_id": enrollment.learner_id,
        "course_id": enrollment.course_id,
        "enrolled_at": enrollment.enrolled_at,
        "status": enrollment.status.value,
        "xp": enrollment.xp,
        "current_lesson_id": enrollment.current_lesson_id,
        "progress_percent": enrollment.progress_percent,
        "started_at": enrollment.started_at,
        "completed_at": enrollment.completed_at,
    }


def enrollment_from_row(row: Any) -> Enrollment:
    """The enrolment a row holds."""
    return Enrollment(
        id=row.id,
        learner_id=row.learner_id,
        course_id=row.course_id,
        enrolled_at=row.enrolled_at,
        status=EnrollmentStatus(row.status),
        xp=row.xp,
        current_lesson_id=row.current_lesson_id,
        progress_percent=row.progress_percent,
        started_at=row.started_at,
        completed_at=row.completed_at,
    )


def progress_values(progress: LessonProgress) -> dict[str, Any]:
    """Row values of a lesson record (``updated_at`` is stored as ``changed_at``)."""
    return {
        "learner_id": progress.learner_id,
        "lesson_id": progress.lesson_id,
        "course_id": progress.course_id,
        "status": progress.status.value,
        "attempts": progress.attempts,
        "best_score": progress.best_score,
        "last_score": progress.last_score,
        "completion_count": progress.completion_count,
        "time_spent_seconds": progress.time_spent_seconds,
        "changed_at": progress.updated_at,
    }


def progress_from_row(row: Any) -> LessonProgress:
    """The lesson record a row holds."""
    return LessonProgress(
        learner_id=row.learner_id,
        lesson_id=row.lesson_id,
        course_id=row.course_id,
        status=LessonStatus(row.status),
        attempts=row.attempts,
        best_score=row.best_score,
        last_score=row.last_score,
        completion_count=row.completion_count,
        time_spent_seconds=row.time_spent_seconds,
        updated_at=row.changed_at,
    )
