"""Lesson runs and attempts: Core statements, one per call.

There are no savepoints on this path (it runs for every answer): after an error
other than a taken attempt id on SQLite or MariaDB, roll the unit of work back.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from learncore.domain.lesson_runs import Attempt, LessonRun, RunStatus
from learncore.errors import AlreadyExists, ConcurrentUpdate, UnknownLearner, UnknownRun
from learncore_sqlalchemy.course_cache import RevisionsSeen
from learncore_sqlalchemy.error_translation import Failure, classify, mentions
from learncore_sqlalchemy.mapping.runs import (
    attempt_from_row,
    attempt_values,
    run_from_row,
    run_values,
)
from learncore_sqlalchemy.models import AttemptRow, LessonRunRow
from learncore_sqlalchemy.repositories.content import tree_revision_of
from learncore_sqlalchemy.repositories.learners import learner_exists
from learncore_sqlalchemy.repositories.statements import execute, upsert
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlLessonRunRepository"]

_runs: Table = LessonRunRow.__table__  # type: ignore[assignment]
_attempts: Table = AttemptRow.__table__  # type: ignore[assignment]
_RUN_UPDATED = [
    column.name
    for column in _runs.columns
    if column.name not in ("id", "learner_id", "created_at", "updated_at")
]

# With the tree revision of the run's course, which the answer or completion loads next
# (see ``course_cache``). A scalar subquery: FOR UPDATE locks the run row only.
_GET_RUN = select(_runs, tree_revision_of(_runs.c.course_id).label("course_revision")).where(
    _runs.c.id == bindparam("id")
)
_LOCK_RUN = _GET_RUN.with_for_update()
_ADD_ATTEMPT = insert(_attempts)
_GET_ATTEMPT = select(_attempts).where(_attempts.c.id == bindparam("id"))


class SqlLessonRunRepository:
    """:class:`~learncore.ports.storage.LessonRunRepository` in a unit of work's transaction."""

    def __init__(self, tx: SqlTransaction, revisions: RevisionsSeen | None = None) -> None:
        self._tx = tx
        # Where the tree revisions read with runs go, for this unit of work's get_course.
        self._revisions: RevisionsSeen = {} if revisions is None else revisions

    def save_run(self, run: LessonRun) -> None:
        """Insert or replace a run by id, atomically; :class:`UnknownLearner` if the learner is missing."""
        try:
            upsert(self._tx, _runs, [run_values(run)], key=["id"], update=_RUN_UPDATED)
        except IntegrityError as exc:
            if classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(run.learner_id) from None
            raise

    def get_run(self, run_id: UUID, *, for_update: bool = False) -> LessonRun | None:
        """The run with ``run_id`` (row-locked until the unit of work ends with ``for_update``)."""
        row = execute(self._tx, _LOCK_RUN if for_update else _GET_RUN, {"id": run_id}).first()
        if row is None:
            return None
        self._revisions[row.course_id] = row.course_revision
        return run_from_row(row)

    def list_runs(
        self,
        learner_id: UUID,
        *,
        lesson_id: UUID | None = None,
        status: RunStatus | None = None,
    ) -> Sequence[LessonRun]:
        """The learner's runs (of one lesson, in one status), oldest first."""
        query = select(_runs).where(_runs.c.learner_id == learner_id)
        if lesson_id is not None:
            query = query.where(_runs.c.lesson_id == lesson_id)
        if status is not None:
            query = query.where(_runs.c.status == status.value)
        query = query.order_by(_runs.c.started_at, _runs.c.created_at)
        return [run_from_row(row) for row in execute(self._tx, query)]

    def add_attempt(self, attempt: Attempt) -> None:
        """Insert an attempt; a taken id is :class:`AlreadyExists`, a missing learner :class:`UnknownLearner`.

        A missing run is :class:`UnknownRun`.
        """
        try:
            execute(self._tx, _ADD_ATTEMPT, attempt_values(attempt))
        except IntegrityError as exc:
            raise self._attempt_error(exc, attempt) from None

    def _attempt_error(self, exc: IntegrityError, attempt: Attempt) -> Exception:
        failure = classify(exc)
        if failure is Failure.UNIQUE:
            if mentions(exc, "ordinal"):
                # Another unit of work recorded an answer in this run at the same time
                # (it should have locked the run); a retry re-reads the run.
                return ConcurrentUpdate(
                    f"answer {attempt.ordinal} of lesson run {attempt.run_id} was recorded by "
                    "another transaction; retry"
                )
            return AlreadyExists("attempt", attempt.id)
        if failure is Failure.FOREIGN_KEY:
            if self._tx.dialect == "postgresql":
                # The transaction refuses further statements; the message names the key.
                missing_run = mentions(exc, "fk_lc_attempts_run_id")
            else:  # SQLite does not name the key; both keep the transaction usable
                missing_run = learner_exists(self._tx, attempt.learner_id)
            return UnknownRun(attempt.run_id) if missing_run else UnknownLearner(attempt.learner_id)
        return exc

    def get_attempt(self, attempt_id: UUID) -> Attempt | None:
        """The attempt with ``attempt_id``."""
        row = execute(self._tx, _GET_ATTEMPT, {"id": attempt_id}).first()
        return None if row is None else attempt_from_row(row)

    def list_attempts(self, run_id: UUID) -> Sequence[Attempt]:
        """The attempts of one run, by ordinal."""
        rows = execute(
            self._tx,
            select(_attempts).where(_attempts.c.run_id == run_id).order_by(_attempts.c.ordinal)
        )
        return [attempt_from_row(row) for row in rows]

    def list_learner_attempts(self, learner_id: UUID) -> Sequence[Attempt]:
        """Every attempt of a learner, by submission time, then ordinal."""
        rows = execute(
            self._tx,
            select(_attempts)
            .where(_attempts.c.learner_id == learner_id)
            .order_by(_attempts.c.submitted_at, _attempts.c.ordinal, _attempts.c.created_at)
        )
        return [attempt_from_row(row) for row in rows]
