"""Schema migrations: Alembic scripts shipped in ``learncore_sqlalchemy/migrations``.

Alembic is imported only when a migration runs. learncore keeps its own version
table (``lc_alembic_version``), so it can live in a database whose app has its own
Alembic history.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "HEAD_REVISION",
    "SCRIPT_LOCATION",
    "VERSION_TABLE",
    "alembic_config",
    "current_revision",
    "downgrade",
    "is_learncore_table",
    "upgrade",
]

# The newest migration in migrations/versions (a test keeps the two in step). Opening
# a storage compares the database with it without importing Alembic.
HEAD_REVISION = "0002"
SCRIPT_LOCATION = "learncore_sqlalchemy:migrations"
VERSION_TABLE = "lc_alembic_version"
_TABLE_PREFIX = "lc_"


def is_learncore_table(name: str | None) -> bool:
    """Whether a table belongs to learncore; use it to keep them out of your own autogenerate."""
    return bool(name) and str(name).startswith(_TABLE_PREFIX)


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic ``Config`` for learncore's migrations, bound to ``connection`` or ``url``."""
    from alembic.config import Config  # noqa: PLC0415 - Alembic loads only when migrating

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option("path_separator", "os")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The learncore schema revision of the database, or None when it was never migrated."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    found = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()  # noqa: S608 - a constant name
    return found[0] if found else None


def upgrade(target: str | Engine | Connection, revision: str = "head") -> None:
    """Upgrade learncore's tables to ``revision`` (default: the newest).

    ``target`` is a URL, an :class:`~sqlalchemy.Engine` or a
    :class:`~sqlalchemy.Connection` (to run inside your own migration or transaction;
    it is not committed here). Every step runs on that one connection.
    """
    from alembic import command  # noqa: PLC0415

    with _connected(target) as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(target: str | Engine | Connection, revision: str) -> None:
    """Downgrade learncore's tables to ``revision`` (``"base"`` removes them all)."""
    from alembic import command  # noqa: PLC0415

    with _connected(target) as connection:
        command.downgrade(alembic_config(connection), revision)


@contextmanager
def _connected(target: str | Engine | Connection) -> Iterator[Connection]:
    if isinstance(target, Connection):
        yield target
        return
    if isinstance(target, Engine):
        with _migration_connection(target) as connection:
            yield connection
        return
    from learncore_sqlalchemy.engine import EngineOptions, build_engine  # noqa: PLC0415

    engine = build_engine(target, EngineOptions())
    try:
        with _migration_connection(engine) as connection:
            yield connection
    finally:
        engine.dispose()


# Taken while migrating, so app servers started together with migrate=True upgrade
# one after the other (the later ones then find the schema at head).
_LOCK_KEY = 0x6C635F6D696772  # "lc_migr"
_LOCK_NAME = "learncore_migrations"


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        dialect = engine.dialect.name
        if dialect == "postgresql":
            with connection.begin():
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
                yield connection
            return
        if dialect != "sqlite":  # MariaDB/MySQL: DDL commits by itself, so a session lock
            connection.execute(text("SELECT GET_LOCK(:name, 600)"), {"name": _LOCK_NAME})
            connection.commit()
            try:
                with connection.begin():
                    yield connection
            finally:
                connection.execute(text("SELECT RELEASE_LOCK(:name)"), {"name": _LOCK_NAME})
                connection.commit()
            return
        # SQLite changes tables by copying them ("batch" mode); with foreign keys on,
        # dropping the old copy would cascade into the children. Turn them off for
        # the migration (only possible outside a transaction) and check them after.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration left rows with broken foreign keys: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
