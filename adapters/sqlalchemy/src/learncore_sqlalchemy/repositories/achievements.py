"""Achievement unlocks: insert-if-absent on the unique (learner, key, tier)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Table, bindparam, select
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from learncore.domain.achievements import AchievementUnlock
from learncore.errors import UnknownLearner
from learncore_sqlalchemy.error_translation import Failure, classify
from learncore_sqlalchemy.mapping.achievements import unlock_from_row, unlock_values
from learncore_sqlalchemy.models import AchievementUnlockRow
from learncore_sqlalchemy.repositories.statements import binary_order, domain_columns, execute
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlAchievementRepository"]

_unlocks: Table = AchievementUnlockRow.__table__  # type: ignore[assignment]
_KEY = ["learner_id", "key", "tier"]
_c = _unlocks.c
# SQLAlchemy reports the row count of an INSERT only when asked to.
_COUNTED = {"preserve_rowcount": True}
_INSERT_IF_ABSENT: dict[str, Any] = {
    "postgresql": postgresql.insert(_unlocks)
    .on_conflict_do_nothing(index_elements=_KEY)
    .execution_options(**_COUNTED),
    "sqlite": sqlite.insert(_unlocks)
    .on_conflict_do_nothing(index_elements=_KEY)
    .execution_options(**_COUNTED),
    "mysql": mysql.insert(_unlocks).prefix_with("IGNORE").execution_options(**_COUNTED),
}
_HELD = select(_c.id).where(
    _c.learner_id == bindparam("learner_id"), _c.key == bindparam("key"), _c.tier == bindparam("tier")
)


def _listing(dialect: str) -> Any:
    return (
        select(*domain_columns(_unlocks))
        .where(_c.learner_id == bindparam("learner_id"))
        .order_by(_c.unlocked_at, binary_order(_c.key, dialect), _c.tier)
    )


_LIST = {name: _listing(name) for name in ("postgresql", "sqlite", "mysql")}


class SqlAchievementRepository:
    """:class:`~learncore.ports.storage.AchievementRepository` in a unit of work's transaction."""

    def __init__(self, tx: SqlTransaction) -> None:
        self._tx = tx
        self._dialect = tx.dialect

    def add_unlock(self, unlock: AchievementUnlock) -> bool:
        """Insert ``unlock`` unless (learner, key, tier) is held; True if this call inserted it.

        One statement that cannot fail on a duplicate: ``INSERT ... ON CONFLICT DO
        NOTHING`` on PostgreSQL and SQLite, ``INSERT IGNORE`` on MariaDB/MySQL. Of
        concurrent units of work, the later ones wait for the first to commit on the
        unique key and then insert nothing.
        """
        values = unlock_values(unlock)
        mysql_like = self._dialect in ("mysql", "mariadb")
        statement = _INSERT_IF_ABSENT["mysql" if mysql_like else self._dialect]
        try:
            inserted = execute(self._tx, statement, values).rowcount == 1
        except IntegrityError as exc:
            if classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(unlock.learner_id) from None
            raise
        if inserted or not mysql_like:
            return inserted
        # INSERT IGNORE also turns a missing learner into a warning, so when nothing was
        # inserted, ask which of the two it was (rare: the services only try tiers the
        # learner does not hold).
        params = {"learner_id": unlock.learner_id, "key": unlock.key, "tier": unlock.tier}
        if execute(self._tx, _HELD, params).first() is not None:
            return False
        raise UnknownLearner(unlock.learner_id)

    def list_unlocks(self, learner_id: UUID) -> Sequence[AchievementUnlock]:
        """The learner's unlocks, oldest first, then by key and tier."""
        listing = _LIST["mysql" if self._dialect in ("mysql", "mariadb") else self._dialect]
        rows = execute(self._tx, listing, {"learner_id": learner_id})
        return [unlock_from_row(row) for row in rows]
