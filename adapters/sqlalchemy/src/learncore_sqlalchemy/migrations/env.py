"""Alembic environment for learncore's tables (``script_location = learncore_sqlalchemy:migrations``).

Online, it runs on the connection that :func:`learncore_sqlalchemy.upgrade` passes in
``config.attributes["connection"]``, or on a new one from ``sqlalchemy.url``.
Offline (``alembic upgrade head --sql``) it prints the SQL instead.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from learncore_sqlalchemy.migrate import VERSION_TABLE, is_learncore_table
from learncore_sqlalchemy.models import metadata
from sqlalchemy import Connection


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    # Only learncore's tables: the database may hold the host app's too.
    return is_learncore_table(name) if type_ == "table" else True


def _configure(**options: Any) -> None:
    context.configure(
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        include_name=include_name,
        compare_type=True,
        **options,
    )


def _run_online(connection: Connection) -> None:
    # SQLite can only change a table by copying it; batch mode does that for us.
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    if context.is_offline_mode():
        url = config.get_main_option("sqlalchemy.url") or ""
        _configure(
            url=url,
            literal_binds=True,
            dialect_opts={"paramstyle": "named"},
            render_as_batch=url.startswith("sqlite"),
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_online(connection)
        return
    from learncore_sqlalchemy.engine import EngineOptions, build_engine  # noqa: PLC0415

    engine = build_engine(config.get_main_option("sqlalchemy.url") or "", EngineOptions())
    try:
        with engine.begin() as new_connection:
            _run_online(new_connection)
    finally:
        engine.dispose()


_main()
