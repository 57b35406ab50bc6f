"""Running statements cheaply, and those that differ between SQLite, PostgreSQL and MariaDB.

The repositories build their statements once, at import, with bound parameters, and
run them on the session's connection: building a ``select()`` per call and going
through the ORM layer cost several times more than the database's own work on
these small, hot queries.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Executable, Table
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import Session

from learncore_sqlalchemy.models.types import utcnow

__all__ = ["CONNECTION", "binary_order", "dialect_of", "execute", "insert_missing", "upsert"]


# Where a unit of work keeps its transaction's connection (``session.info``): asking the
# session for it on every statement costs more than a small query. The unit of work
# drops it when the transaction ends (see ``SqlUnitOfWork``).
CONNECTION = "learncore.connection"


def execute(session: Session, statement: Executable, params: Any = None) -> CursorResult[Any]:
    """Run a Core statement in the session's transaction, without the ORM's per-call work."""
    connection = session.info.get(CONNECTION)
    if connection is None:
        connection = session.info[CONNECTION] = session.connection()
    return connection.execute(statement, params)


def dialect_of(session: Session) -> str:
    """The dialect name of the session's engine (``sqlite``, ``postgresql``, ``mysql``, ``mariadb``)."""
    return session.get_bind().dialect.name


def upsert(
    session: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    key: Sequence[str],
    update: Sequence[str],
) -> None:
    """Insert ``rows``, or update ``update`` columns (and ``updated_at``) where ``key`` exists.

    One atomic statement on every database, so concurrent writers of the same key
    cannot make each other fail. The statement is built once per table and dialect.
    """
    if not rows:
        return
    now = utcnow()
    statement = _upsert_statement(table, tuple(key), tuple(update), dialect_of(session))
    params = [{**row, "updated_at": now} for row in rows]
    execute(session, statement, params[0] if len(params) == 1 else params)


@functools.cache
def _upsert_statement(table: Table, key: tuple[str, ...], update: tuple[str, ...], dialect: str) -> Any:
    # The new row's updated_at (set by ``upsert``) is also the updated row's.
    changed = (*update, "updated_at")
    if dialect in ("mysql", "mariadb"):
        my_stmt = mysql.insert(table)
        return my_stmt.on_duplicate_key_update({name: my_stmt.inserted[name] for name in changed})
    stmt = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    return stmt.on_conflict_do_update(
        index_elements=list(key), set_={name: stmt.excluded[name] for name in changed}
    )


def insert_missing(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert the ``rows`` whose primary key is not taken yet; leave the others alone."""
    if not rows:
        return
    dialect = dialect_of(session)
    if dialect in ("mysql", "mariadb"):
        # Not INSERT IGNORE: that would also turn other errors into warnings.
        my_stmt = mysql.insert(table)
        key = table.primary_key.columns.values()[0].name
        session.execute(my_stmt.on_duplicate_key_update({key: my_stmt.inserted[key]}), list(rows))
    elif dialect == "postgresql":
        session.execute(postgresql.insert(table).on_conflict_do_nothing(), list(rows))
    else:
        session.execute(sqlite.insert(table).on_conflict_do_nothing(), list(rows))


def binary_order(column: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """``column`` ordered by code point, as Python's ``sorted`` does.

    PostgreSQL's default collation ignores dashes and case at first; SQLite and the
    utf8mb4_bin tables on MariaDB already compare bytes.
    """
    return column.collate("C") if dialect == "postgresql" else column
