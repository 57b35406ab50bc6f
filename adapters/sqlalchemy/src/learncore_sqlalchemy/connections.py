"""Connections kept open between units of work, for SQLite files.

A unit of work checks a connection out at its first statement and gives it back at
its end. For a SQLite file, making the SQLAlchemy ``Connection`` and going through the
pool (checkout, then checkin with its reset) costs about as much as two of the small
statements a unit of work runs, and a lesson runs twelve units of work. A SQLite file
is opened by this process and cannot be dropped by a server, so a connection whose
transaction ended can serve the next unit of work as it is: up to ``limit`` of them
wait here, open, for any thread (file connections are not tied to the thread that
opened them). Server connections always go back to the pool, which pings them.
"""

from __future__ import annotations

from collections import deque

from sqlalchemy import Connection, Engine

__all__ = ["IdleConnections"]


class IdleConnections:
    """Open connections, out of any transaction, waiting for the next unit of work."""

    def __init__(self, engine: Engine, limit: int) -> None:
        self._engine = engine
        self._limit = limit
        # deque.append and pop are atomic: no lock between threads.
        self._idle: deque[Connection] = deque()

    def take(self) -> Connection:
        """An idle connection, or a new one from the engine's pool."""
        try:
            return self._idle.pop()
        except IndexError:
            return self._engine.connect()

    def give_back(self, connection: Connection) -> None:
        """Keep ``connection`` for the next unit of work, or close it.

        Only a connection with no transaction left open, that no error invalidated,
        is kept; beyond ``limit`` it goes back to the pool.
        """
        if (
            connection.closed
            or connection.invalidated
            or connection.in_transaction()
            or len(self._idle) >= self._limit
        ):
            connection.close()
            return
        self._idle.append(connection)

    def close_all(self) -> None:
        """Close the idle connections (back to the pool)."""
        while self._idle:
            try:
                connection = self._idle.pop()
            except IndexError:  # another thread took the last one
                return
            connection.close()
