"""The unit of work: one database transaction (see :mod:`learncore_sqlalchemy.transaction`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from learncore.errors import StorageUnavailable
from learncore.ports.storage import UnitOfWork
from learncore_sqlalchemy.repositories import (
    SqlAchievementRepository,
    SqlContentRepository,
    SqlContentVersionRepository,
    SqlLearnerRepository,
    SqlLessonRunRepository,
    SqlLogRepository,
    SqlProgressRepository,
    SqlRewardRepository,
)
from learncore_sqlalchemy.transaction import SqlTransaction

if TYPE_CHECKING:
    from learncore_sqlalchemy.storage import SqlStorage

__all__ = ["SqlUnitOfWork"]

logger = logging.getLogger(__name__)


class SqlUnitOfWork(UnitOfWork):
    """A transaction over a :class:`~learncore_sqlalchemy.SqlStorage`.

    ``session`` is a SQLAlchemy session in the transaction, for queries of your own
    that must see (and commit with) the same changes; ``transaction.connection`` runs
    Core statements in it without one.
    """

    content: SqlContentRepository
    content_versions: SqlContentVersionRepository
    learners: SqlLearnerRepository
    progress: SqlProgressRepository
    logs: SqlLogRepository
    runs: SqlLessonRunRepository
    rewards: SqlRewardRepository
    achievements: SqlAchievementRepository

    def __init__(self, storage: SqlStorage) -> None:
        super().__init__()
        self._storage = storage
        self._tx: SqlTransaction | None = None

    @property
    def transaction(self) -> SqlTransaction:
        """The running transaction."""
        if self._tx is None:
            raise RuntimeError("the unit of work is not running; use it in a 'with' block")
        return self._tx

    @property
    def session(self) -> Session:
        """An ORM session in the running transaction (made on first use)."""
        return self.transaction.session

    def _begin(self) -> None:
        self._storage._acquire()
        # The transaction begins with the first statement (BEGIN IMMEDIATE on SQLite).
        self._tx = tx = SqlTransaction(self._storage.engine, self._storage.idle_connections)
        storage = self._storage
        self.content = SqlContentRepository(tx, storage.tree_reader, storage.course_cache)
        self.learners = SqlLearnerRepository(tx)
        self.progress = SqlProgressRepository(tx)
        self.logs = SqlLogRepository(tx)
        self.content_versions = SqlContentVersionRepository(tx)
        self.runs = SqlLessonRunRepository(tx)
        self.rewards = SqlRewardRepository(tx)
        self.achievements = SqlAchievementRepository(tx)

    def commit(self) -> None:
        """Make every change durable; the events' activity entries go in with one statement."""
        logs = getattr(self, "logs", None)
        if logs is None:  # never begun: the base class says so
            super().commit()
            return
        with logs.batched():
            super().commit()

    def _commit(self) -> None:
        self.logs.flush()
        self.transaction.commit()

    def _rollback(self) -> None:
        try:
            self.transaction.rollback()
        except StorageUnavailable:
            # The connection is gone, and the server discards an unfinished transaction
            # with it. Raising here would hide the error that got us here.
            logger.warning("rollback on a lost connection; the server already discarded the transaction")

    def _end(self) -> None:
        try:
            if self._tx is not None:
                self._tx.close()
        finally:
            self._tx = None
            self._storage._release()
