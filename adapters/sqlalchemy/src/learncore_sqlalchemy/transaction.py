"""The database transaction of one unit of work.

A unit of work runs a dozen small Core statements (one answer: read the run, the
hearts, write the run, the attempt, the activity entry). An ORM ``Session`` around
them costs about as much again as the statements' own SQLAlchemy work (its
transaction bookkeeping, state machine and close), so the repositories run their
statements on a plain ``Connection`` (with Core savepoints where a conflict must
leave the transaction usable); a ``Session`` is made, on that same connection and
inside the same transaction, only when something asks for one (the ORM-based paths,
``SqlUnitOfWork.session``).

The connection is checked out, and the transaction begun, at the first statement,
as a session would: a unit of work that reads nothing holds no connection, and on
SQLite takes no write lock. On a SQLite file it comes from, and goes back to, the
storage's idle connections (see :mod:`learncore_sqlalchemy.connections`).

Some rows come along with others (see :class:`ReadAlong`), so the read that would
fetch them next in the same transaction costs no statement.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from learncore.domain.hearts import HeartsState
from learncore_sqlalchemy.connections import IdleConnections

__all__ = ["ReadAlong", "SqlTransaction"]


class ReadAlong:
    """Rows a transaction read in the same statement as others, for the read that comes next.

    Every answer reads its run, then the course tree (cached per storage, checked
    against the course's ``tree_revision``) and, unlocked, the learner's hearts; so
    reading a run also fetches the course's revision and the learner's hearts row.
    They are as fresh as separate reads would have been: same transaction, an earlier
    statement of it. Only plain reads are served from here, never ``for_update`` ones
    (which must take their lock), unless every read locks (SQLite, see
    ``SqlTransaction.reads_lock``); a repository that writes such a row forgets what
    was read along.
    """

    __slots__ = ("course_revisions", "hearts")

    def __init__(self) -> None:
        self.course_revisions: dict[UUID, Any] = {}
        """Course id → its tree revision (None: no such course)."""
        self.hearts: dict[UUID, HeartsState | None] = {}
        """Learner id → their hearts (None: no hearts row yet)."""

    def forget_learner(self, learner_id: UUID) -> None:
        """Drop what was read of the learner (their rows changed or went)."""
        self.hearts.pop(learner_id, None)

    def clear(self) -> None:
        """Drop everything (the transaction ended: later reads see other commits)."""
        self.course_revisions.clear()
        self.hearts.clear()


class SqlTransaction:
    """One connection and its transaction, plus an ORM session on it made on demand."""

    __slots__ = (
        "_connection", "_engine", "_idle", "_session", "dialect", "locked_runs", "read_along", "reads_lock",
    )

    def __init__(self, engine: Engine, idle: IdleConnections | None = None) -> None:
        self._engine = engine
        self._idle = idle
        self._connection: Connection | None = None
        self._session: Session | None = None
        self.dialect: str = engine.dialect.name
        """``sqlite``, ``postgresql``, ``mysql`` or ``mariadb``."""
        self.reads_lock = self.dialect == "sqlite"
        """Whether every read holds its rows as ``for_update`` would: a SQLite
        transaction takes the database's write lock with its first statement."""
        self.read_along = ReadAlong()
        self.locked_runs: dict[UUID, dict[str, Any]] = {}
        """Run id → its row values as this transaction read them locked (or wrote them since).

        Nobody else can change those rows before the transaction ends, so saving such
        a run only needs to write what differs. Filled and used by the run repository
        outside savepoints only; forgotten when the transaction ends and the locks go.
        Runs written through :attr:`session` are not noted: write them through
        ``uow.runs``.
        """

    @property
    def connection(self) -> Connection:
        """The transaction's connection (checked out and begun on first use)."""
        connection = self._connection
        if connection is None:
            connection = self._engine.connect() if self._idle is None else self._idle.take()
            try:
                connection.begin()
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return connection

    @property
    def session(self) -> Session:
        """An ORM session joined to the transaction.

        Its ``begin_nested()`` savepoints nest inside the transaction; its ``commit()``
        does not end it (only :meth:`commit` and :meth:`rollback` here do).
        """
        if self._session is None:
            # The default join mode ("conditional_savepoint") leaves the connection's
            # transaction to its owner.
            self._session = Session(bind=self.connection, expire_on_commit=False, autoflush=True)
        return self._session

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A SAVEPOINT around the block: an error in it undoes the block only, and the
        transaction stays usable (PostgreSQL refuses every statement after an error
        otherwise)."""
        nested = self.connection.begin_nested()
        try:
            yield
        except BaseException:
            # Back to the savepoint; close() rather than rollback(), which would also
            # complain about a savepoint that a lost connection already took with it.
            nested.close()
            raise
        nested.commit()

    def commit(self) -> None:
        """Write what the session holds, then commit (nothing to do if nothing ran)."""
        if self._session is not None:
            self._session.flush()
        self._forget_reads()
        if self._connection is not None:
            self._connection.commit()

    def _forget_reads(self) -> None:
        self.read_along.clear()
        self.locked_runs.clear()

    def rollback(self) -> None:
        """Undo everything (nothing to do if nothing ran)."""
        self._forget_reads()
        if self._connection is not None:
            self._connection.rollback()

    def close(self) -> None:
        """Give the connection back (rolling back anything not committed)."""
        session, connection = self._session, self._connection
        self._session = self._connection = None
        try:
            if session is not None:
                session.close()
        finally:
            if connection is not None:
                if self._idle is None:
                    connection.close()
                else:
                    self._idle.give_back(connection)
