"""Migrations: upgrade from empty, autogenerate finds nothing missing, downgrade and upgrade again."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from learncore_sqlalchemy.engine import EngineOptions, build_engine
from learncore_sqlalchemy.migrate import (
    HEAD_REVISION,
    VERSION_TABLE,
    alembic_config,
    current_revision,
    downgrade,
    is_learncore_table,
    upgrade,
)
from learncore_sqlalchemy.models import metadata
from sqlalchemy import inspect, text

DIALECTS = ["sqlite", "postgresql", "mariadb"]


def _differences(url: str) -> list[object]:
    engine = build_engine(url, EngineOptions())
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "version_table": VERSION_TABLE,
                    "include_name": lambda name, kind, _: kind != "table" or is_learncore_table(name),
                },
            )
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def _state(url: str) -> tuple[str | None, set[str]]:
    engine = build_engine(url, EngineOptions())
    try:
        with engine.connect() as connection:
            return current_revision(connection), set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_the_head_revision_constant_is_the_newest_migration() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_upgrading_an_empty_database_creates_exactly_the_models(
    dialect: str, fresh_database: Callable[[str], str]
) -> None:
    url = fresh_database(dialect)
    upgrade(url)
    revision, tables = _state(url)
    assert revision == HEAD_REVISION
    assert {name for name in tables if name != VERSION_TABLE} == set(metadata.tables)
    assert _differences(url) == []


@pytest.mark.parametrize("dialect", DIALECTS)
def test_downgrading_to_base_removes_every_table_and_upgrading_again_restores_them(
    dialect: str, fresh_database: Callable[[str], str]
) -> None:
    url = fresh_database(dialect)
    upgrade(url)
    downgrade(url, "base")
    revision, tables = _state(url)
    assert revision is None
    assert {name for name in tables if is_learncore_table(name)} <= {VERSION_TABLE}
    upgrade(url, "head")
    assert _state(url)[0] == HEAD_REVISION
    assert _differences(url) == []


def test_migrations_run_inside_the_callers_transaction_and_roll_back_with_it(
    fresh_database: Callable[[str], str],
) -> None:
    # How an app's own Alembic env.py (or start-up code) runs learncore's migrations:
    # on its connection, committed or rolled back with its own work.
    engine = build_engine(fresh_database("sqlite"), EngineOptions())
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            upgrade(connection)
            assert current_revision(connection) == HEAD_REVISION
            transaction.rollback()
        with engine.connect() as connection:
            assert current_revision(connection) is None
            assert inspect(connection).get_table_names() == []
        with engine.begin() as connection:
            upgrade(connection)
        with engine.connect() as connection:
            assert current_revision(connection) == HEAD_REVISION
    finally:
        engine.dispose()


def test_learncore_keeps_its_own_version_table_next_to_an_apps_alembic(
    fresh_database: Callable[[str], str],
) -> None:
    url = fresh_database("sqlite")
    engine = build_engine(url, EngineOptions())
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
            connection.execute(text("INSERT INTO alembic_version VALUES ('app_0042')"))
        upgrade(engine)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "app_0042"
            assert current_revision(connection) == HEAD_REVISION
    finally:
        engine.dispose()


def test_offline_mode_prints_the_sql_for_a_dba(capsys: pytest.CaptureFixture[str]) -> None:
    from alembic import command

    command.upgrade(alembic_config(url="postgresql+psycopg://app@db.example/learn"), "head", sql=True)
    out = capsys.readouterr().out
    assert "CREATE TABLE lc_courses" in out
    assert "ON DELETE CASCADE" in out
    assert f"INSERT INTO {VERSION_TABLE}" in out


def test_opening_a_migrated_database_does_not_import_alembic(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    code = (
        "import sys, learncore\n"
        f"app = learncore.bootstrap(storage={sqlite_url!r})\n"
        "app.courses()\n"
        "assert 'alembic' not in sys.modules, 'alembic was imported'\n"
        "import learncore_sqlalchemy.plugin\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_loading_the_plugin_does_not_import_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "from learncore.plugins import load_plugins\n"
        "registry = load_plugins()\n"
        "assert any(r.name == 'sqlalchemy' for r in registry.registrations('storage'))\n"
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize("dialect", ["postgresql", "mariadb"])
def test_app_servers_starting_together_migrate_one_after_the_other(
    dialect: str, fresh_database: Callable[[str], str]
) -> None:
    import threading

    from learncore_sqlalchemy.storage import SqlStorage

    url = fresh_database(dialect)
    errors: list[BaseException] = []

    def start() -> None:
        try:
            SqlStorage.open(url, {"migrate": True}).close()
        except BaseException as exc:  # noqa: BLE001 - collected for the main thread
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _state(url)[0] == HEAD_REVISION
