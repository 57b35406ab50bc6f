"""The activity and audit logs: appended with plain INSERTs, listed newest first."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

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

__all__ = ["SqlLogRepository"]

_activity: Table = ActivityRow.__table__  # type: ignore[assignment]
_audit: Table = AuditRow.__table__  # type: ignore[assignment]


class SqlLogRepository:
    """:class:`~learncore.ports.storage.LogRepository` over a SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def append_activity(self, entry: ActivityEntry) -> None:
        """Record one domain event; an entry about an unknown learner is :class:`UnknownLearner`.

        No savepoint here (this runs for every event): after that error, roll the
        unit of work back.
        """
        try:
            self._session.execute(insert(_activity), [activity_values(entry)])
        except IntegrityError as exc:
            if entry.learner_id is not None and classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(entry.learner_id) from None
            raise

    def list_activity(
        self, learner_id: UUID | None = None, *, limit: int | None = None
    ) -> Sequence[ActivityEntry]:
        """Entries for one learner (or all), newest first; ties by the order they were written."""
        query = select(_activity).order_by(_activity.c.occurred_at.desc(), _activity.c.created_at.desc())
        if learner_id is not None:
            query = query.where(_activity.c.learner_id == learner_id)
        if limit is not None:
            query = query.limit(limit)
        return [activity_from_row(row) for row in self._session.execute(query)]

    def append_audit(self, entry: AuditEntry) -> None:
        """Record one administrative change."""
        self._session.execute(insert(_audit), [audit_values(entry)])

    def list_audit(
        self, resource: str | None = None, *, limit: int | None = None
    ) -> Sequence[AuditEntry]:
        """Entries about one resource (or all), newest first."""
        query = select(_audit).order_by(_audit.c.occurred_at.desc(), _audit.c.created_at.desc())
        if resource is not None:
            query = query.where(_audit.c.resource == resource)
        if limit is not None:
            query = query.limit(limit)
        return [audit_from_row(row) for row in self._session.execute(query)]
