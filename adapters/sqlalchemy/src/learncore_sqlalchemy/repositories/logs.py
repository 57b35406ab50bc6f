"""The activity and audit logs: appended with plain INSERTs, listed newest first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from uuid import UUID

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError

from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.errors import UnknownLearner
from learncore_sqlalchemy.error_translation import Failure, classify
from learncore_sqlalchemy.mapping.logs import (
    activity_from_row,
    activity_values,
    audit_from_row,
    audit_values,
)
from learncore_sqlalchemy.models import ActivityRow, AuditRow
from learncore_sqlalchemy.models.types import increasing_utcnow
from learncore_sqlalchemy.repositories.learners import learner_exists
from learncore_sqlalchemy.repositories.statements import execute
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlLogRepository"]

_activity: Table = ActivityRow.__table__  # type: ignore[assignment]
_audit: Table = AuditRow.__table__  # type: ignore[assignment]
_APPEND_ACTIVITY = insert(_activity)
_APPEND_AUDIT = insert(_audit)


class SqlLogRepository:
    """:class:`~learncore.ports.storage.LogRepository` in a unit of work's transaction."""

    def __init__(self, tx: SqlTransaction) -> None:
        self._tx = tx
        self._batch: list[ActivityEntry] | None = None

    def append_activity(self, entry: ActivityEntry) -> None:
        """Record one domain event; an entry about an unknown learner is :class:`UnknownLearner`.

        No savepoint here (this runs for every event): after that error, roll the
        unit of work back. While the unit of work commits, entries are collected and
        written with one statement (see :meth:`batched`).
        """
        if self._batch is not None:
            self._batch.append(entry)
            return
        self._insert([entry])

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Collect the entries appended inside the block; :meth:`flush` writes them at once."""
        self._batch = []
        try:
            yield
        finally:
            self._batch = None

    def flush(self) -> None:
        """Write the entries collected so far (one ``executemany``)."""
        if self._batch:
            entries, self._batch = self._batch, []
            self._insert(entries)

    def _insert(self, entries: list[ActivityEntry]) -> None:
        stamps = increasing_utcnow(len(entries))
        rows = [
            activity_values(entry) | {"created_at": stamp, "updated_at": stamp}
            for entry, stamp in zip(entries, stamps, strict=True)
        ]
        try:
            execute(self._tx, _APPEND_ACTIVITY, rows[0] if len(rows) == 1 else rows)
        except IntegrityError as exc:
            learners = list(dict.fromkeys(e.learner_id for e in entries if e.learner_id is not None))
            if learners and classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(self._missing(learners)) from None
            raise

    def _missing(self, learners: list[UUID]) -> UUID:
        """Which of the learners does not exist (the first, where the database cannot be asked)."""
        if len(learners) > 1 and self._tx.dialect != "postgresql":
            for learner_id in learners:
                if not learner_exists(self._tx, learner_id):
                    return learner_id
        return learners[0]

    def list_activity(
        self, learner_id: UUID | None = None, *, limit: int | None = None
    ) -> Sequence[ActivityEntry]:
        """Entries for one learner (or all), newest first; ties by the order they were written."""
        query = select(_activity).order_by(_activity.c.occurred_at.desc(), _activity.c.created_at.desc())
        if learner_id is not None:
            query = query.where(_activity.c.learner_id == learner_id)
        if limit is not None:
            query = query.limit(limit)
        return [activity_from_row(row) for row in execute(self._tx, query)]

    def append_audit(self, entry: AuditEntry) -> None:
        """Record one administrative change."""
        (stamp,) = increasing_utcnow()
        row = audit_values(entry) | {"created_at": stamp, "updated_at": stamp}
        execute(self._tx, _APPEND_AUDIT, row)

    def list_audit(
        self, resource: str | None = None, *, limit: int | None = None
    ) -> Sequence[AuditEntry]:
        """Entries about one resource (or all), newest first."""
        query = select(_audit).order_by(_audit.c.occurred_at.desc(), _audit.c.created_at.desc())
        if resource is not None:
            query = query.where(_audit.c.resource == resource)
        if limit is not None:
            query = query.limit(limit)
        return [audit_from_row(row) for row in execute(self._tx, query)]
