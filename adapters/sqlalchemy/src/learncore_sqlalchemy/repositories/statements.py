"""Statements that differ between SQLite, PostgreSQL and MariaDB: upserts and binary ordering."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import Session

from learncore_sqlalchemy.models.types import utcnow

__all__ = ["binary_order", "dialect_of", "insert_missing", "upsert"]


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
    cannot make each other fail.
    """
    if not rows:
        return
    dialect = dialect_of(session)
    now = utcnow()
    if dialect in ("mysql", "mariadb"):
        my_stmt = mysql.insert(table)
        changes: dict[str, Any] = {name: my_stmt.inserted[name] for name in update}
        session.execute(my_stmt.on_duplicate_key_update(changes | {"updated_at": now}), list(rows))
        return
    stmt = (postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table))
    changes = {name: stmt.excluded[name] for name in update}
    session.execute(
        stmt.on_conflict_do_update(index_elements=list(key), set_=changes | {"updated_at": now}),
        list(rows),
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
