"""Enrolment use cases: joining a course, and where a learner stands in it."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import attrs

from learncore.domain import course_tree
from learncore.domain.events import CourseEnrolled
from learncore.domain.ids import new_id
from learncore.domain.progress import (
    Enrollment,
    EnrollmentStatus,
    LessonProgress,
    completed_lesson_ids,
    lesson_statuses,
)
from learncore.errors import NotEnrolled
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork
from learncore.services.content import load_course
from learncore.services.learners import load_learner

__all__ = ["enroll", "enrollments", "lesson_progress", "require_enrollment"]


def enroll(uow: UnitOfWork, clock: Clock, learner_id: UUID, course_ref: UUID | str) -> Enrollment:
    """Enrol a learner in a course; enrolling again returns the existing enrolment.

    A learner who had left the course is active again. Emits ``course_enrolled`` when
    something changed.
    """
    now = clock.now()
    load_learner(uow, learner_id)
    course = load_course(uow, course_ref)
    existing = uow.progress.get_enrollment(learner_id, course.id, for_update=True)
    if existing is not None and existing.status is not EnrollmentStatus.LEFT:
        return existing
    if existing is None:
        first = course_tree.next_lesson(course, ())
        enrollment = Enrollment(
            id=new_id(),
            learner_id=learner_id,
            course_id=course.id,
            enrolled_at=now,
            current_lesson_id=first.id if first is not None else None,
        )
    else:
        enrollment = attrs.evolve(existing, status=EnrollmentStatus.ACTIVE)
    uow.progress.save_enrollment(enrollment)
    uow.emit(
        CourseEnrolled(
            occurred_at=now, learner_id=learner_id, course_id=course.id, enrollment_id=enrollment.id
        )
    )
    return enrollment


def require_enrollment(
    uow: UnitOfWork, learner_id: UUID, course_id: UUID, *, for_update: bool
) -> Enrollment:
    """The learner's active (or completed) enrolment; :class:`~learncore.errors.NotEnrolled` if none."""
    enrollment = uow.progress.get_enrollment(learner_id, course_id, for_update=for_update)
    if enrollment is None or enrollment.status is EnrollmentStatus.LEFT:
        raise NotEnrolled(learner_id, course_id)
    return enrollment


def enrollments(uow: UnitOfWork, learner_id: UUID) -> Sequence[Enrollment]:
    """The learner's enrolments, oldest first."""
    load_learner(uow, learner_id)
    return uow.progress.list_enrollments(learner_id)


def lesson_progress(
    uow: UnitOfWork, learner_id: UUID, course_ref: UUID | str
) -> tuple[LessonProgress, ...]:
    """A record for every lesson of the course in order: stored progress, or locked/available."""
    load_learner(uow, learner_id)
    course = load_course(uow, course_ref)
    return lesson_statuses(course, learner_id, uow.progress.list_lesson_progress(learner_id, course.id))


def completed_in_course(uow: UnitOfWork, learner_id: UUID, course_id: UUID) -> frozenset[UUID]:
    """The lessons of a course the learner has completed at least once."""
    return completed_lesson_ids(uow.progress.list_lesson_progress(learner_id, course_id))
