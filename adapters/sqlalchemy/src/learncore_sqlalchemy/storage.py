"""The SQL storage backend: open a URL, check (or migrate) the schema, hand out units of work."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, inspect

from learncore.errors import SchemaNotMigrated
from learncore.urls import mask_password
from learncore_sqlalchemy.connections import IdleConnections
from learncore_sqlalchemy.course_cache import CourseCache
from learncore_sqlalchemy.engine import EngineOptions, build_engine, is_memory_sqlite
from learncore_sqlalchemy.error_translation import not_migrated_message
from learncore_sqlalchemy.mapping.content import TreeReader
from learncore_sqlalchemy.migrate import HEAD_REVISION, current_revision, upgrade
from learncore_sqlalchemy.unit_of_work import SqlUnitOfWork

__all__ = ["SqlStorage"]

# The default size of SQLAlchemy's pool for a SQLite file.
_IDLE_SQLITE_CONNECTIONS = 5


class SqlStorage:
    """learncore's storage port on a SQL database.

    >>> storage = SqlStorage.open("sqlite://")  # in memory, migrated on open
    >>> with storage.unit_of_work() as uow:
    ...     uow.content.list_languages()
    []
    >>> storage.close()
    """

    def __init__(self, engine: Engine, options: EngineOptions | None = None) -> None:
        """Wrap an engine whose schema is already at head (see :meth:`open` to check it)."""
        self.engine = engine
        self.options = options or EngineOptions()
        self.tree_reader = TreeReader(validate=self.options.validate_on_load)
        self.course_cache = CourseCache(self.options.course_cache_size)
        # A private in-memory SQLite database has one connection: run units of work
        # one at a time on it.
        self._serial = threading.RLock() if is_memory_sqlite(engine.url) else None
        self.idle_connections: IdleConnections | None = None
        """Open connections between units of work (SQLite files only)."""
        if engine.dialect.name == "sqlite" and self._serial is None:
            self.idle_connections = IdleConnections(engine, limit=_IDLE_SQLITE_CONNECTIONS)

    @classmethod
    def open(cls, url: str, options: Mapping[str, Any] | EngineOptions | None = None) -> SqlStorage:
        """Open ``url`` and check that its schema is at head.

        Raises :class:`~learncore.errors.StorageUnavailable` for a wrong URL or an
        unreachable database and :class:`~learncore.errors.SchemaNotMigrated` for a
        schema that is behind, unless ``migrate=True`` asks to upgrade it (a new
        embedded SQLite database is upgraded unless ``migrate=False``).
        """
        if not isinstance(options, EngineOptions):
            options = EngineOptions.from_mapping(options or {})
        engine = build_engine(url, options)
        try:
            _ensure_schema(engine, mask_password(url), options)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, options)

    def unit_of_work(self) -> SqlUnitOfWork:
        """A new unit of work; use it in a ``with`` block."""
        return SqlUnitOfWork(self)

    def close(self) -> None:
        """Close every connection that no unit of work is using (the storage stays usable)."""
        if self.idle_connections is not None:
            self.idle_connections.close_all()
        self.engine.dispose()

    def _acquire(self) -> None:
        if self._serial is not None:
            self._serial.acquire()

    def _release(self) -> None:
        if self._serial is not None:
            self._serial.release()

    def __repr__(self) -> str:
        return f"SqlStorage({self.engine.url.render_as_string(hide_password=True)!r})"


def _ensure_schema(engine: Engine, masked_url: str, options: EngineOptions) -> None:
    with engine.connect() as connection:
        revision = current_revision(connection)
        # A brand-new embedded database: nothing else can be using it yet.
        is_new_sqlite = (
            engine.dialect.name == "sqlite"
            and revision is None
            and not inspect(connection).get_table_names()
        )
    if revision == HEAD_REVISION:
        return
    if options.migrate or (options.migrate is None and is_new_sqlite):
        upgrade(engine)
        return
    if revision is not None and not _is_known(revision):
        raise SchemaNotMigrated(
            f"the database {masked_url} is at revision {revision!r}, which this version of "
            f"learncore-sqlalchemy does not know (it needs {HEAD_REVISION!r}); it was migrated "
            "by a newer release: upgrade the learncore-sqlalchemy package"
        )
    raise SchemaNotMigrated(not_migrated_message(masked_url, revision, HEAD_REVISION))


def _is_known(revision: str) -> bool:
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - only on this error path

    from learncore_sqlalchemy.migrate import alembic_config  # noqa: PLC0415

    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False
