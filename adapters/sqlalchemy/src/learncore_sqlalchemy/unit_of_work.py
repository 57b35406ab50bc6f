"""The unit of work: one SQLAlchemy session, hence one database transaction."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from learncore.errors import StorageUnavailable
from learncore.ports.storage import UnitOfWork
from learncore_sqlalchemy.course_cache import RevisionsSeen
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
from learncore_sqlalchemy.repositories.statements import CONNECTION

if TYPE_CHECKING:
    from learncore_sqlalchemy.storage import SqlStorage

__all__ = ["SqlUnitOfWork"]

logger = logging.getLogger(__name__)


class SqlUnitOfWork(UnitOfWork):
    """A transaction over a :class:`~learncore_sqlalchemy.SqlStorage`.

    ``session`` is the SQLAlchemy session of the transaction, for queries of your own
    that must see (and commit with) the same changes.
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
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The session of the running transaction."""
        if self._session is None:
            raise RuntimeError("the unit of work is not running; use it in a 'with' block")
        return self._session

    def _begin(self) -> None:
        self._storage._acquire()
        try:
            # The transaction begins with the first statement (BEGIN IMMEDIATE on SQLite).
            session = Session(self._storage.engine, expire_on_commit=False, autoflush=True)
        except BaseException:
            self._storage._release()
            raise
        self._session = session
        storage = self._storage
        # Course revisions read along with runs and lessons, for get_course's cache check.
        revisions: RevisionsSeen = {}
        self.content = SqlContentRepository(
            session, storage.tree_reader, storage.course_cache, revisions
        )
        self.learners = SqlLearnerRepository(session)
        self.progress = SqlProgressRepository(session)
        self.logs = SqlLogRepository(session)
        self.content_versions = SqlContentVersionRepository(session)
        self.runs = SqlLessonRunRepository(session, revisions)
        self.rewards = SqlRewardRepository(session)
        self.achievements = SqlAchievementRepository(session)

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
        try:
            self.session.commit()
        finally:
            self.session.info.pop(CONNECTION, None)  # the next transaction may use another

    def _rollback(self) -> None:
        self.session.info.pop(CONNECTION, None)
        try:
            self.session.rollback()
        except StorageUnavailable:
            # The connection is gone, and the server discards an unfinished transaction
            # with it. Raising here would hide the error that got us here.
            logger.warning("rollback on a lost connection; the server already discarded the transaction")

    def _end(self) -> None:
        try:
            if self._session is not None:
                self._session.close()
        finally:
            self._session = None
            self._storage._release()
