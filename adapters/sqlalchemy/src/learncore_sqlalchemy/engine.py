"""Engines for SQLite, PostgreSQL and MariaDB/MySQL, configured the way learncore needs them.

- SQLite: WAL journal, foreign keys on, a busy timeout, and ``BEGIN IMMEDIATE`` for
  every transaction, so units of work take the write lock up front and run one at a
  time instead of failing on a lock upgrade. ``sqlite://`` (no path) is a private
  in-memory database shared by the threads of one storage.
- PostgreSQL: psycopg 3 (``postgresql://`` means ``postgresql+psycopg://``).
- MariaDB/MySQL: PyMySQL (``mysql://`` and ``mariadb://`` get ``+pymysql``), utf8mb4,
  UTC session time zone, READ COMMITTED.

Server engines check connections before use (a SQLite file cannot be dropped by a
server); every engine turns driver errors into learncore errors (see
:mod:`learncore_sqlalchemy.error_translation`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from learncore.errors import InvalidSettings, StorageUnavailable
from learncore.urls import mask_password
from learncore_sqlalchemy.error_translation import install_error_translation

__all__ = ["EngineOptions", "build_engine", "is_memory_sqlite", "parse_url"]

_DEFAULT_DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}


@attrs.frozen
class EngineOptions:
    """Storage options understood by the SQL backend (``bootstrap(storage=url, **options)``).

    - ``migrate``: ``True`` upgrades the schema on open; ``False`` never does; ``None``
      (default) upgrades only a brand-new embedded SQLite database, which nothing
      else can be using.
    - ``busy_timeout``: seconds SQLite waits for the write lock (default 5).
    - ``connect_timeout``: seconds to wait for a server (default 10).
    - ``pool_size`` / ``max_overflow``: connection pool bounds for servers.
    - ``echo``: log every statement (debugging).
    - ``validate_on_load``: rebuild loaded content through the domain's validators
      (slower; for databases edited by hand). By default rows written by learncore
      are trusted.
    - ``course_cache_size``: how many loaded course trees each storage keeps, reused
      while the course is not saved again (default 32; 0 turns the cache off).
    """

    migrate: bool | None = None
    busy_timeout: float = 5.0
    connect_timeout: float = 10.0
    pool_size: int | None = None
    max_overflow: int | None = None
    echo: bool = False
    validate_on_load: bool = False
    course_cache_size: int = 32

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any]) -> EngineOptions:
        """Options from ``bootstrap()`` keywords or ``LEARNCORE_STORAGE_OPTIONS``; errors name the option."""
        values: dict[str, Any] = {}
        for name, value in options.items():
            kind = _OPTION_KINDS.get(name)
            if kind is None:
                raise InvalidSettings(
                    f"storage_options.{name}",
                    f"unknown option for the sqlalchemy backend; known: {', '.join(sorted(_OPTION_KINDS))}",
                )
            if not _OPTION_CHECKS[kind](value):
                raise InvalidSettings(f"storage_options.{name}", f"must be {kind}, got {value!r}")
            values[name] = value
        return cls(**values)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_seconds(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and value >= 0


def _is_count(value: Any) -> bool:
    return value is None or (not isinstance(value, bool) and isinstance(value, int) and value >= 0)


def _is_whole(value: Any) -> bool:
    return value is not None and _is_count(value)


_OPTION_CHECKS = {
    "true or false": _is_bool,
    "true, false or null": lambda value: value is None or _is_bool(value),
    "a number of seconds": _is_seconds,
    "a whole number or null": _is_count,
    "a whole number": _is_whole,
}
_OPTION_KINDS = {
    "migrate": "true, false or null",
    "busy_timeout": "a number of seconds",
    "connect_timeout": "a number of seconds",
    "pool_size": "a whole number or null",
    "max_overflow": "a whole number or null",
    "echo": "true or false",
    "validate_on_load": "true or false",
    "course_cache_size": "a whole number",
}


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL for ``url``, with learncore's default drivers filled in.

    A URL that is not one gives :class:`~learncore.errors.StorageUnavailable` naming it,
    password masked.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StorageUnavailable(
            f"{mask_password(url)!r} is not a database URL ({exc}); use e.g. sqlite:///learn.db "
            "or postgresql+psycopg://user:password@host/dbname"
        ) from None
    driver = _DEFAULT_DRIVERS.get(parsed.drivername)
    return parsed.set(drivername=driver) if driver else parsed


def is_memory_sqlite(url: URL) -> bool:
    """Whether ``url`` is an in-memory SQLite database."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def build_engine(url: str, options: EngineOptions) -> Engine:
    """A configured engine for ``url``; nothing is connected yet."""
    parsed = parse_url(url)
    masked = mask_password(url)
    backend = parsed.get_backend_name()
    # Servers can drop a pooled connection (restart, idle timeout): check each one before
    # use. A SQLite file is opened in this process and cannot go away underneath it, so
    # the check would only add a statement to every unit of work.
    kwargs: dict[str, Any] = {"echo": options.echo, "pool_pre_ping": backend != "sqlite"}
    if backend == "sqlite":
        if is_memory_sqlite(parsed):
            # One connection shared by the storage's threads; the storage serialises
            # units of work, so it is never used by two at once.
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            folder = Path(parsed.database or ".").expanduser().resolve().parent
            if not folder.is_dir():
                raise StorageUnavailable(
                    f"cannot open the database {masked}: the folder {folder} does not exist"
                )
            kwargs["connect_args"] = {"timeout": options.busy_timeout}
    elif backend == "postgresql":
        # The server default, pinned in case a server is configured otherwise: row
        # locks plus a fresh snapshot per statement is what the repositories assume.
        kwargs["isolation_level"] = "READ COMMITTED"
        kwargs["connect_args"] = {
            "connect_timeout": max(1, round(options.connect_timeout)),
            "application_name": "learncore",
        }
    elif backend in ("mysql", "mariadb"):
        # Not InnoDB's REPEATABLE READ: a plain read after a locking one must see the
        # latest committed rows, as on PostgreSQL.
        kwargs["isolation_level"] = "READ COMMITTED"
        kwargs["connect_args"] = {
            "connect_timeout": max(1, round(options.connect_timeout)),
            "charset": "utf8mb4",
            "init_command": "SET time_zone = '+00:00'",
        }
    if backend != "sqlite":
        if options.pool_size is not None:
            kwargs["pool_size"] = options.pool_size
        if options.max_overflow is not None:
            kwargs["max_overflow"] = options.max_overflow
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StorageUnavailable(
            f"cannot open the database {masked}: {exc}; supported URLs start with sqlite://, "
            "postgresql+psycopg://, mysql+pymysql:// or mariadb+pymysql://"
        ) from None
    if backend == "sqlite":
        _configure_sqlite(engine, options)
    install_error_translation(engine, masked)
    return engine


def _configure_sqlite(engine: Engine, options: EngineOptions) -> None:
    busy_ms = int(options.busy_timeout * 1000)

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module (which would begin
        # lazily and break SAVEPOINT); the "begin" hook below issues BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA journal_mode = WAL")
            # Safe in WAL mode: a power loss may drop the last commits, never corrupt.
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
