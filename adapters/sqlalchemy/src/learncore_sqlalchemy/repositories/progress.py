"""Enrolments and per-lesson progress: one statement per call on the hot path.

Like the loop's repositories, these take no savepoints: after an error, roll the unit
of work back.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID, uuid4

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

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
from learncore_sqlalchemy.repositories.statements import domain_columns, execute, upsert
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlProgressRepository"]

_enrollments: Table = EnrollmentRow.__table__  # type: ignore[assignment]
_progress: Table = LessonProgressRow.__table__  # type: ignore[assignment]

_e, _p = _enrollments.c, _progress.c
_GET_ENROLLMENT = select(*domain_columns(_enrollments)).where(
    _e.learner_id == bindparam("learner_id"), _e.course_id == bindparam("course_id")
)
_LOCK_ENROLLMENT = _GET_ENROLLMENT.with_for_update()
_UPDATE_ENROLLMENT = update(_enrollments).where(_e.id == bindparam("enrollment_id"))
_ADD_ENROLLMENT = insert(_enrollments)
_LIST_ENROLLMENTS = (
    select(*domain_columns(_enrollments))
    .where(_e.learner_id == bindparam("learner_id"))
    .order_by(_e.enrolled_at, _e.id)
)
_GET_PROGRESS = select(*domain_columns(_progress)).where(
    _p.learner_id == bindparam("learner_id"), _p.lesson_id == bindparam("lesson_id")
)
_LOCK_PROGRESS = _GET_PROGRESS.with_for_update()
_LIST_PROGRESS = select(*domain_columns(_progress)).where(
    _p.learner_id == bindparam("learner_id"), _p.course_id == bindparam("course_id")
)
_PROGRESS_CHANGED = [
    column.name
    for column in _progress.columns
    if column.name not in ("id", "learner_id", "lesson_id", "created_at", "updated_at")
]


class SqlProgressRepository:
    """:class:`~learncore.ports.storage.ProgressRepository` in a unit of work's transaction."""

    def __init__(self, tx: SqlTransaction) -> None:
        self._tx = tx

    def get_enrollment(
        self, learner_id: UUID, course_id: UUID, *, for_update: bool = False
    ) -> Enrollment | None:
        """The learner's enrolment in a course (row-locked with ``for_update``)."""
        query = _LOCK_ENROLLMENT if for_update else _GET_ENROLLMENT
        row = execute(self._tx, query, {"learner_id": learner_id, "course_id": course_id}).first()
        return None if row is None else enrollment_from_row(row)

    def save_enrollment(self, enrollment: Enrollment) -> None:
        """Insert or update by id; :class:`AlreadyExists` for a second enrolment in the same course."""
        values = enrollment_values(enrollment)
        tx = self._tx
        try:
            enrollment_id = values.pop("id")
            if execute(tx, _UPDATE_ENROLLMENT, {**values, "enrollment_id": enrollment_id}).rowcount == 0:
                execute(tx, _ADD_ENROLLMENT, {**values, "id": enrollment_id})
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
        rows = execute(self._tx, _LIST_ENROLLMENTS, {"learner_id": learner_id})
        return [enrollment_from_row(row) for row in rows]

    def get_lesson_progress(
        self, learner_id: UUID, lesson_id: UUID, *, for_update: bool = False
    ) -> LessonProgress | None:
        """The learner's record on one lesson (row-locked with ``for_update``)."""
        query = _LOCK_PROGRESS if for_update else _GET_PROGRESS
        row = execute(self._tx, query, {"learner_id": learner_id, "lesson_id": lesson_id}).first()
        return None if row is None else progress_from_row(row)

    def save_lesson_progress(self, progress: LessonProgress) -> None:
        """Insert or replace the record for (learner, lesson), atomically."""
        try:
            upsert(
                self._tx,
                _progress,
                [{"id": uuid4(), **progress_values(progress)}],
                key=["learner_id", "lesson_id"],
                update=_PROGRESS_CHANGED,
            )
        except IntegrityError as exc:
            if classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(progress.learner_id) from None
            raise

    def list_lesson_progress(self, learner_id: UUID, course_id: UUID) -> Sequence[LessonProgress]:
        """The learner's records in one course."""
        rows = execute(self._tx, _LIST_PROGRESS, {"learner_id": learner_id, "course_id": course_id})
        return [progress_from_row(row) for row in rows]
