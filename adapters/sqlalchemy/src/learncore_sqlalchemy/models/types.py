"""Column types shared by every table: UTC datetimes, JSON documents and the timestamp default."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.dialects import mysql, postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ["JsonDocument", "UtcDateTime", "db_utcnow", "increasing_utcnow", "utcnow"]

_MYSQL = ("mysql", "mariadb")


def utcnow() -> datetime:
    """The ORM-side timestamp default: aware UTC with microseconds."""
    return datetime.now(UTC)


_last_stamp = datetime.min.replace(tzinfo=UTC)
_stamp_lock = threading.Lock()


def increasing_utcnow(count: int = 1) -> list[datetime]:
    """``count`` instants, each at least a microsecond after the last one this process handed out.

    Log rows list newest first, with equal event times in the order they were written
    (by ``created_at``): two rows written within one microsecond, or a clock step
    backwards, must still get distinct, increasing stamps.
    """
    global _last_stamp  # noqa: PLW0603 - one process-wide high-water mark
    step = timedelta(microseconds=1)
    with _stamp_lock:
        start = max(datetime.now(UTC), _last_stamp + step)
        stamps = [start + step * i for i in range(count)]
        _last_stamp = stamps[-1]
    return stamps


class UtcDateTime(TypeDecorator[datetime]):
    """An instant, stored in UTC and always read back timezone-aware.

    PostgreSQL keeps ``timestamptz``; SQLite and MariaDB have no time zones, so the
    value is stored as naive UTC (``DATETIME(6)`` on MariaDB, to keep microseconds).
    A naive datetime is refused rather than guessed at.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name in _MYSQL:
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"refusing to store a naive datetime {value!r}; use UTC")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# JSONB on PostgreSQL (indexable, compact); JSON elsewhere. A Python None is SQL NULL.
JsonDocument = JSON(none_as_null=True).with_variant(
    postgresql.JSONB(none_as_null=True), "postgresql"
)


class db_utcnow(FunctionElement[datetime]):  # noqa: N801 - reads as the SQL function it renders
    """The database-side timestamp default, for rows written without the ORM."""

    type = DateTime(timezone=True)
    inherit_cache = True


@compiles(db_utcnow)
def _default_utcnow(_element: db_utcnow, _compiler: SQLCompiler, **_kw: Any) -> str:
    return "CURRENT_TIMESTAMP"


@compiles(db_utcnow, "mysql")
@compiles(db_utcnow, "mariadb")
def _mysql_utcnow(_element: db_utcnow, _compiler: SQLCompiler, **_kw: Any) -> str:
    # DATETIME(6) needs a default of the same precision. The session time zone is
    # UTC (set on connect), so this is UTC too.
    return "CURRENT_TIMESTAMP(6)"
