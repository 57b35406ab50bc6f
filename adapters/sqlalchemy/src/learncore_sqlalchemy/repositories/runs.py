"""Lesson runs and attempts: Core statements, one per call.

There are no savepoints on this path (it runs for every answer): after an error
other than a taken attempt id on SQLite or MariaDB, roll the unit of work back.

Every answer reads its run locked, changes a few fields (the queue, the counts) and
saves it. Saving a run that this transaction read locked updates only the columns
that changed: nobody else can have written the row since, so the result is the row
a whole-row upsert would leave, for a fraction of the values to convert and send.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from learncore.domain.hearts import HeartsState
from learncore.domain.lesson_runs import Attempt, LessonRun, RunStatus
from learncore.errors import AlreadyExists, ConcurrentUpdate, UnknownLearner, UnknownRun
from learncore_sqlalchemy.error_translation import Failure, classify, mentions
from learncore_sqlalchemy.mapping.rewards import hearts_state
from learncore_sqlalchemy.mapping.runs import (
    attempt_from_row,
    attempt_values,
    run_from_row,
    run_values,
)
from learncore_sqlalchemy.models import AttemptRow, HeartsRow, LessonRunRow
from learncore_sqlalchemy.models.types import utcnow
from learncore_sqlalchemy.repositories.content import tree_revision_of
from learncore_sqlalchemy.repositories.learners import learner_exists
from learncore_sqlalchemy.repositories.statements import domain_columns, execute, upsert
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlLessonRunRepository"]

_runs: Table = LessonRunRow.__table__  # type: ignore[assignment]
_attempts: Table = AttemptRow.__table__  # type: ignore[assignment]
_RUN_UPDATED = [
    column.name
    for column in _runs.columns
    if column.name not in ("id", "learner_id", "created_at", "updated_at")
]

_hearts: Table = HeartsRow.__table__  # type: ignore[assignment]

# A run comes with what the answer or completion reads next (see ``ReadAlong``): the
# tree revision of its course (a scalar subquery, which FOR UPDATE does not lock) and
# the learner's hearts row (an outer join; ``FOR UPDATE OF`` the run only).
_RUN_COLUMNS = domain_columns(_runs)
_RUN_BY_ID = _runs.c.id == bindparam("id")
_COURSE_REVISION = tree_revision_of(_runs.c.course_id).label("course_revision")
_HEARTS_ALONG = [
    _hearts.c[name].label(f"hearts_{name}") for name in ("learner_id", "hearts", "changed_at", "unlimited")
]
_WITH_HEARTS = (
    select(*_RUN_COLUMNS, _COURSE_REVISION, *_HEARTS_ALONG)
    .select_from(_runs.outerjoin(_hearts, _hearts.c.learner_id == _runs.c.learner_id))
    .where(_RUN_BY_ID)
)
_WITHOUT_HEARTS = select(*_RUN_COLUMNS, _COURSE_REVISION).where(_RUN_BY_ID)
# Plain and locking read of a run, by dialect. MariaDB/MySQL have no FOR UPDATE OF:
# a join would lock the hearts row too, so the run comes without it there.
_RUN_QUERIES: dict[str, tuple[Any, Any]] = {
    "postgresql": (_WITH_HEARTS, _WITH_HEARTS.with_for_update(of=_runs)),
    "sqlite": (_WITH_HEARTS, _WITH_HEARTS),  # the whole database is locked already
    "mysql": (_WITHOUT_HEARTS, _WITHOUT_HEARTS.with_for_update()),
}
_ADD_ATTEMPT = insert(_attempts)
_GET_ATTEMPT = select(*domain_columns(_attempts)).where(_attempts.c.id == bindparam("id"))
# SET takes the columns the parameters name (compiled once per set of names).
_UPDATE_RUN = update(_runs).where(_runs.c.id == bindparam("run_id"))


def _hearts_along(row: Any) -> HeartsState | None:
    if row.hearts_learner_id is None:  # no hearts row yet
        return None
    return hearts_state(row.learner_id, row.hearts_hearts, row.hearts_changed_at, row.hearts_unlimited)


class SqlLessonRunRepository:
    """:class:`~learncore.ports.storage.LessonRunRepository` in a unit of work's transaction."""

    def __init__(self, tx: SqlTransaction) -> None:
        self._tx = tx
        mysql_like = tx.dialect in ("mysql", "mariadb")
        self._run_queries = _RUN_QUERIES["mysql" if mysql_like else tx.dialect]
        self._hearts_along = not mysql_like

    def save_run(self, run: LessonRun) -> None:
        """Insert or replace a run by id, atomically; :class:`UnknownLearner` if the learner is missing."""
        tx = self._tx
        values = run_values(run)
        # A savepoint rolled back later would undo this write but not our note of it.
        locked = None if tx.connection.in_nested_transaction() else tx.locked_runs.pop(run.id, None)
        try:
            if locked is None or not self._update_changed(run.id, locked, values):
                upsert(tx, _runs, [values], key=["id"], update=_RUN_UPDATED)
        except IntegrityError as exc:
            if classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(run.learner_id) from None
            raise
        if locked is not None:
            tx.locked_runs[run.id] = values

    def _update_changed(self, run_id: UUID, stored: dict[str, Any], values: dict[str, Any]) -> bool:
        """Write the columns that differ from the locked row; False if the row is gone."""
        changed = {name: value for name, value in values.items() if stored[name] != value}
        if not changed:
            return True
        params = {**changed, "run_id": run_id, "updated_at": utcnow()}
        return execute(self._tx, _UPDATE_RUN, params).rowcount == 1

    def get_run(self, run_id: UUID, *, for_update: bool = False) -> LessonRun | None:
        """The run with ``run_id`` (row-locked until the unit of work ends with ``for_update``)."""
        row = execute(self._tx, self._run_queries[for_update], {"id": run_id}).first()
        if row is None:
            return None
        read_along = self._tx.read_along
        read_along.course_revisions[row.course_id] = row.course_revision
        if self._hearts_along:
            read_along.hearts[row.learner_id] = _hearts_along(row)
        run = run_from_row(row)
        if (for_update or self._tx.reads_lock) and not self._tx.connection.in_nested_transaction():
            self._tx.locked_runs[run_id] = run_values(run)
        return run

    def list_runs(
        self,
        learner_id: UUID,
        *,
        lesson_id: UUID | None = None,
        status: RunStatus | None = None,
    ) -> Sequence[LessonRun]:
        """The learner's runs (of one lesson, in one status), oldest first."""
        query = select(*_RUN_COLUMNS).where(_runs.c.learner_id == learner_id)
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
