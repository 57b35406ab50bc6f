"""Achievement unlocks: insert-if-absent on the unique (learner, key, tier)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import Table, select
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learncore.domain.achievements import AchievementUnlock
from learncore.errors import UnknownLearner
from learncore_sqlalchemy.error_translation import Failure, classify
from learncore_sqlalchemy.mapping.achievements import unlock_from_row, unlock_values
from learncore_sqlalchemy.models import AchievementUnlockRow
from learncore_sqlalchemy.repositories.statements import binary_order, dialect_of

__all__ = ["SqlAchievementRepository"]

_unlocks: Table = AchievementUnlockRow.__table__  # type: ignore[assignment]
_KEY = ["learner_id", "key", "tier"]
# SQLAlchemy reports the row count of an INSERT only when asked to.
_COUNTED = {"preserve_rowcount": True}


class SqlAchievementRepository:
    """:class:`~learncore.ports.storage.AchievementRepository` over a SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._dialect = dialect_of(session)

    def add_unlock(self, unlock: AchievementUnlock) -> bool:
        """Insert ``unlock`` unless (learner, key, tier) is held; True if this call inserted it.

        One statement that cannot fail on a duplicate: ``INSERT ... ON CONFLICT DO
        NOTHING`` on PostgreSQL and SQLite, ``INSERT IGNORE`` on MariaDB/MySQL. Of
        concurrent units of work, the later ones wait for the first to commit on the
        unique key and then insert nothing.
        """
        values = unlock_values(unlock)
        if self._dialect in ("mysql", "mariadb"):
            # INSERT IGNORE also turns a missing learner into a warning, so when nothing
            # was inserted, ask which of the two it was (rare: the services only try
            # tiers the learner does not hold).
            result = self._session.execute(
                mysql.insert(_unlocks).prefix_with("IGNORE"), values, execution_options=_COUNTED
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                return True
            if self._held(unlock):
                return False
            raise UnknownLearner(unlock.learner_id)
        dialect_insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
        statement = dialect_insert(_unlocks).on_conflict_do_nothing(index_elements=_KEY)
        try:
            result = self._session.execute(statement, values, execution_options=_COUNTED)
        except IntegrityError as exc:
            if classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(unlock.learner_id) from None
            raise
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def _held(self, unlock: AchievementUnlock) -> bool:
        c = _unlocks.c
        found = self._session.execute(
            select(c.id).where(c.learner_id == unlock.learner_id, c.key == unlock.key, c.tier == unlock.tier)
        ).first()
        return found is not None

    def list_unlocks(self, learner_id: UUID) -> Sequence[AchievementUnlock]:
        """The learner's unlocks, oldest first, then by key and tier."""
        c = _unlocks.c
        rows = self._session.execute(
            select(_unlocks)
            .where(c.learner_id == learner_id)
            .order_by(c.unlocked_at, binary_order(c.key, self._dialect), c.tier)
        )
        return [unlock_from_row(row) for row in rows]
