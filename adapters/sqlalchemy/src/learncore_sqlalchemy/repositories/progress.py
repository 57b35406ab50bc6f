"""Enrolments and per-lesson progress."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID, uuid4

from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learncore.domain.progress import Enrollment, LessonProgress
from learncore.errors import AlreadyExists, UnknownLearner
from learncore_sqlalchemy.error_translation import Failure, classify
from learncore_sqlalchemy.mapping.progress import (
    enrollment_from_row,
    enrollment_values,
    progress_from_row,
    progress_values,
)
from learncore_sqlalchemy.models import EnrollmentRow, LessonProgressRow
from learncore_sqlalchemy.repositories.statements import upsert

__all__ = ["SqlProgressRepository"]

_progress: Table = LessonProgressRow.__table__  # type: ignore[assignment]


class SqlProgressRepository:
    """:class:`~learncore.ports.storage.ProgressRepository` over a SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get_enrollment(
        self, learner_id: UUID, course_id: UUID, *, for_update: bool = False
    ) -> Enrollment | None:
        """The learner's enrolment in a course (row-locked with ``for_update``)."""
        query = select(EnrollmentRow).where(
            EnrollmentRow.learner_id == learner_id, EnrollmentRow.course_id == course_id
        )
        if for_update:
            query = query.with_for_update()
        row = self._session.execute(
            query.execution_options(populate_existing=True)
        ).scalar_one_or_none()
        return None if row is None else enrollment_from_row(row)

    def save_enrollment(self, enrollment: Enrollment) -> None:
        """Insert or update by id; :class:`AlreadyExists` for a second enrolment in the same course."""
        values = enrollment_values(enrollment)
        session = self._session
        try:
            with session.begin_nested():
                row = session.get(EnrollmentRow, enrollment.id)
                if row is None:
                    session.add(EnrollmentRow(**values))
                else:
                    for name, value in values.items():
                        setattr(row, name, value)
        except IntegrityError as exc:
            failure = classify(exc)
            if failure is Failure.FOREIGN_KEY:
                raise UnknownLearner(enrollment.learner_id) from None
            if failure is Failure.UNIQUE:
                raise AlreadyExists(
                    "enrollment", f"learner {enrollment.learner_id} in course {enrollment.course_id}"
                ) from None
            raise

    def list_enrollments(self, learner_id: UUID) -> Sequence[Enrollment]:
        """The learner's enrolments, oldest first."""
        rows = self._session.execute(
            select(EnrollmentRow)
            .where(EnrollmentRow.learner_id == learner_id)
            .order_by(EnrollmentRow.enrolled_at, EnrollmentRow.id)
        ).scalars()
        return [enrollment_from_row(row) for row in rows]

    def get_lesson_progress(
        self, learner_id: UUID, lesson_id: UUID, *, for_update: bool = False
    ) -> LessonProgress | None:
        """The learner's record on one lesson (row-locked with ``for_update``)."""
        query = select(LessonProgressRow).where(
            LessonProgressRow.learner_id == learner_id, LessonProgressRow.lesson_id == lesson_id
        )
        if for_update:
            query = query.with_for_update()
        row = self._session.execute(
            query.execution_options(populate_existing=True)
        ).scalar_one_or_none()
        return None if row is None else progress_from_row(row)

    def save_lesson_progress(self, progress: LessonProgress) -> None:
        """Insert or replace the record for (learner, lesson), atomically."""
        values = progress_values(progress)
        try:
            with self._session.begin_nested():
                upsert(
                    self._session,
                    _progress,
                    [{"id": uuid4(), **values}],
                    key=["learner_id", "lesson_id"],
                    update=[name for name in values if name not in ("learner_id", "lesson_id")],
                )
        except IntegrityError as exc:
            if classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(progress.learner_id) from None
            raise

    def list_lesson_progress(self, learner_id: UUID, course_id: UUID) -> Sequence[LessonProgress]:
        """The learner's records in one course."""
        rows = self._session.execute(
            select(LessonProgressRow)
            .where(LessonProgressRow.learner_id == learner_id, LessonProgressRow.course_id == course_id)
            .execution_options(populate_existing=True)
        ).scalars()
        return [progress_from_row(row) for row in rows]
