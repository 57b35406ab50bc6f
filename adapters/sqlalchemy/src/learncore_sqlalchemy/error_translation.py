"""Driver errors → learncore errors, for SQLite (sqlite3), PostgreSQL (psycopg) and MariaDB (PyMySQL).

One engine-level ``handle_error`` hook turns lost connections and lock contention
into typed errors wherever they happen. Integrity errors are left to
the repositories, which know what was being written and can name it.
"""

from __future__ import annotations

import enum

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext

from learncore.errors import ConcurrentUpdate, StorageUnavailable

__all__ = [
    "Failure",
    "classify",
    "install_error_translation",
    "mentions",
    "not_migrated_message",
]


class Failure(enum.Enum):
    """What a database error means for the caller."""

    UNIQUE = "unique"  # a unique or primary key is already taken
    FOREIGN_KEY = "foreign_key"  # a referenced row is missing
    CONTENTION = "contention"  # deadlock, serialisation failure, lock timeout, busy file
    MISSING_TABLE = "missing_table"  # the schema is not there: not migrated
    UNAVAILABLE = "unavailable"  # cannot connect, or the connection was lost
    OTHER = "other"


# PostgreSQL SQLSTATE codes.
_PG = {
    "23505": Failure.UNIQUE,
    "23503": Failure.FOREIGN_KEY,
    "40001": Failure.CONTENTION,  # serialization_failure
    "40P01": Failure.CONTENTION,  # deadlock_detected
    "55P03": Failure.CONTENTION,  # lock_not_available
    "42P01": Failure.MISSING_TABLE,  # undefined_table
    "57P01": Failure.UNAVAILABLE,  # admin_shutdown (pg_terminate_backend)
    "57P02": Failure.UNAVAILABLE,  # crash_shutdown
    "57P03": Failure.UNAVAILABLE,  # cannot_connect_now
    "53300": Failure.UNAVAILABLE,  # too_many_connections
}
# MariaDB/MySQL error numbers.
_MYSQL = {
    1062: Failure.UNIQUE,
    1586: Failure.UNIQUE,
    1451: Failure.FOREIGN_KEY,
    1452: Failure.FOREIGN_KEY,
    1213: Failure.CONTENTION,  # deadlock
    1205: Failure.CONTENTION,  # lock wait timeout
    1146: Failure.MISSING_TABLE,
    1044: Failure.UNAVAILABLE,  # access denied to database
    1045: Failure.UNAVAILABLE,  # access denied for user
    1049: Failure.UNAVAILABLE,  # unknown database
    2002: Failure.UNAVAILABLE,
    2003: Failure.UNAVAILABLE,
    2006: Failure.UNAVAILABLE,
    2013: Failure.UNAVAILABLE,
}
# sqlite3 extended result codes (Python 3.11+ exposes their names).
_SQLITE = {
    "SQLITE_CONSTRAINT_UNIQUE": Failure.UNIQUE,
    "SQLITE_CONSTRAINT_PRIMARYKEY": Failure.UNIQUE,
    "SQLITE_CONSTRAINT_FOREIGNKEY": Failure.FOREIGN_KEY,
    "SQLITE_BUSY": Failure.CONTENTION,
    "SQLITE_BUSY_SNAPSHOT": Failure.CONTENTION,
    "SQLITE_BUSY_RECOVERY": Failure.CONTENTION,
    "SQLITE_LOCKED": Failure.CONTENTION,
    "SQLITE_CANTOPEN": Failure.UNAVAILABLE,
    "SQLITE_NOTADB": Failure.UNAVAILABLE,
    "SQLITE_READONLY": Failure.UNAVAILABLE,
}


def classify(error: BaseException) -> Failure:  # noqa: PLR0911 - one answer per driver
    """What a DBAPI exception (or SQLAlchemy's wrapper of one) means."""
    original = getattr(error, "orig", None) or error
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(sqlstate, str):
        if sqlstate in _PG:
            return _PG[sqlstate]
        if sqlstate.startswith("08"):  # connection_exception class
            return Failure.UNAVAILABLE
    errorname = getattr(original, "sqlite_errorname", None)
    if isinstance(errorname, str):
        if errorname in _SQLITE:
            return _SQLITE[errorname]
        if errorname.startswith(("SQLITE_IOERR", "SQLITE_FULL")):  # the disk, not the data
            return Failure.UNAVAILABLE
        if "no such table" in str(original):
            return Failure.MISSING_TABLE
        return Failure.OTHER
    module = type(original).__module__
    if module.startswith("pymysql") and original.args and isinstance(original.args[0], int):
        return _MYSQL.get(original.args[0], Failure.OTHER)
    if type(original).__name__ == "OperationalError":
        return Failure.UNAVAILABLE
    return Failure.OTHER


def mentions(error: BaseException, *names: str) -> bool:
    """Whether the database's message about ``error`` names one of ``names`` (constraints, columns).

    PostgreSQL and MariaDB name the violated constraint; SQLite names the columns of a
    unique key (``UNIQUE constraint failed: lc_attempts.run_id, lc_attempts.ordinal``)
    but not the foreign key that failed.
    """
    original = getattr(error, "orig", None) or error
    diag = getattr(original, "diag", None)
    text = " ".join(filter(None, [str(original), getattr(diag, "constraint_name", None)]))
    return any(name in text for name in names)


def not_migrated_message(url: str, current: str | None, head: str) -> str:
    """The text of :class:`~learncore.errors.SchemaNotMigrated`: what is wrong and what fixes it."""
    found = f"at revision {current!r}" if current else "not migrated (no learncore tables)"
    return (
        f"the database {url} is {found}, but learncore-sqlalchemy needs revision {head!r}; "
        f"run learncore_sqlalchemy.upgrade({url!r}) (or `alembic upgrade head` with "
        "script_location learncore_sqlalchemy:migrations), or open the storage with "
        "migrate=True to upgrade on start-up"
    )


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__


def install_error_translation(engine: Engine, masked_url: str) -> None:
    """Make ``engine`` raise learncore errors for lost connections and lock contention."""

    @event.listens_for(engine, "handle_error")
    def translate(context: ExceptionContext) -> BaseException | None:
        error = context.original_exception
        failure = Failure.UNAVAILABLE if context.is_disconnect else classify(error)
        if failure is Failure.UNAVAILABLE:
            return StorageUnavailable(
                f"cannot use the database {masked_url}: {_reason(error)}; check that the server "
                "is running and that the URL, user and password are right"
            )
        if failure is Failure.CONTENTION:
            return ConcurrentUpdate(
                f"another transaction holds the rows this one needs ({_reason(error)}); "
                "the unit of work was rolled back and is safe to retry"
            )
        # A missing table is left alone: SQLAlchemy's own reflection (has_table on
        # MariaDB) relies on catching it. Storages check the schema when they open.
        return None
