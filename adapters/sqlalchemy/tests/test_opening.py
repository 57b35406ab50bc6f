"""Opening a storage: engine settings, wrong URLs, unreachable servers, unmigrated schemas, options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from learncore_sqlalchemy.engine import EngineOptions, build_engine
from learncore_sqlalchemy.migrate import VERSION_TABLE, downgrade, upgrade
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import text

from learncore.errors import InvalidSettings, SchemaNotMigrated, StorageUnavailable

if TYPE_CHECKING:
    from conftest import Server


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(sqlite_storage: SqlStorage) -> None:
    with sqlite_storage.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_the_busy_timeout_is_an_option(sqlite_url: str) -> None:
    storage = SqlStorage.open(sqlite_url, {"busy_timeout": 0.25})
    try:
        with storage.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 250
    finally:
        storage.close()


@pytest.mark.parametrize(
    "url",
    [
        "not a database url",
        "nosuchdb+nodriver://app:s3cret@db.example/learn",
        "postgresql+nodriver://app:s3cret@db.example/learn",
    ],
)
def test_a_wrong_url_is_storage_unavailable_naming_it_with_the_password_masked(url: str) -> None:
    with pytest.raises(StorageUnavailable) as caught:
        SqlStorage.open(url)
    message = str(caught.value)
    assert "s3cret" not in message
    if "://" in url:
        assert "app:***@db.example" in message


def test_a_missing_sqlite_folder_is_storage_unavailable(tmp_path: Path) -> None:
    with pytest.raises(StorageUnavailable, match="does not exist"):
        SqlStorage.open(f"sqlite:///{tmp_path / 'nowhere' / 'learn.db'}")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://app:s3cret@127.0.0.1:1/learn",
        "mysql+pymysql://app:s3cret@127.0.0.1:1/learn",
    ],
)
def test_an_unreachable_server_is_storage_unavailable_with_the_password_masked(url: str) -> None:
    with pytest.raises(StorageUnavailable) as caught:
        SqlStorage.open(url, {"connect_timeout": 2})
    message = str(caught.value)
    assert "s3cret" not in message
    assert "app:***@127.0.0.1:1/learn" in message
    assert "running" in message  # says what to check


def test_wrong_credentials_are_storage_unavailable(mariadb_server: Server) -> None:
    url = mariadb_server.base_url.set(username="lc_nobody", password="s3cret")
    with pytest.raises(StorageUnavailable) as caught:
        SqlStorage.open(url.render_as_string(hide_password=False))
    assert "s3cret" not in str(caught.value)
    assert "lc_nobody:***@" in str(caught.value)


@pytest.mark.parametrize("dialect", ["postgresql", "mariadb"])
def test_a_server_database_is_never_migrated_unless_asked(
    dialect: str, fresh_database: Callable[[str], str]
) -> None:
    url = fresh_database(dialect)
    with pytest.raises(SchemaNotMigrated) as caught:
        SqlStorage.open(url)
    message = str(caught.value)
    assert "learncore_sqlalchemy.upgrade(" in message
    assert "migrate=True" in message
    storage = SqlStorage.open(url, {"migrate": True})
    storage.close()
    SqlStorage.open(url).close()  # now at head


def test_a_new_sqlite_file_is_migrated_on_open_unless_told_not_to(
    fresh_database: Callable[[str], str],
) -> None:
    with pytest.raises(SchemaNotMigrated):
        SqlStorage.open(fresh_database("sqlite"), {"migrate": False})
    SqlStorage.open(fresh_database("sqlite")).close()


def test_a_sqlite_file_holding_other_tables_is_not_migrated_behind_its_back(
    fresh_database: Callable[[str], str],
) -> None:
    url = fresh_database("sqlite")
    engine = build_engine(url, EngineOptions())
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE app_users (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(SchemaNotMigrated, match="not migrated"):
        SqlStorage.open(url)


def test_a_downgraded_database_must_be_upgraded_again(fresh_database: Callable[[str], str]) -> None:
    url = fresh_database("sqlite")
    upgrade(url)
    downgrade(url, "base")
    with pytest.raises(SchemaNotMigrated):
        SqlStorage.open(url)
    upgrade(url)
    SqlStorage.open(url).close()


def test_a_database_migrated_by_a_newer_release_says_to_upgrade_the_package(
    fresh_database: Callable[[str], str],
) -> None:
    url = fresh_database("sqlite")
    upgrade(url)
    engine = build_engine(url, EngineOptions())
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(SchemaNotMigrated, match="newer release"):
        SqlStorage.open(url)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"pool_sise": 5}, "storage_options.pool_sise"),
        ({"migrate": "yes"}, "storage_options.migrate"),
        ({"busy_timeout": -1}, "storage_options.busy_timeout"),
        ({"pool_size": 2.5}, "storage_options.pool_size"),
        ({"echo": 1}, "storage_options.echo"),
    ],
)
def test_bad_options_are_invalid_settings_naming_the_option(
    options: dict[str, object], field: str, sqlite_url: str
) -> None:
    with pytest.raises(InvalidSettings) as caught:
        SqlStorage.open(sqlite_url, options)
    assert caught.value.location == field


def test_plain_server_urls_get_the_default_drivers() -> None:
    from learncore_sqlalchemy.engine import parse_url

    assert parse_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert parse_url("mysql://u@h/db").drivername == "mysql+pymysql"
    assert parse_url("mariadb://u@h/db").drivername == "mariadb+pymysql"
    assert parse_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("fixture", ["postgres_storage", "mariadb_storage"])
def test_server_transactions_run_at_read_committed(fixture: str, request: pytest.FixtureRequest) -> None:
    storage: SqlStorage = request.getfixturevalue(fixture)
    postgres = storage.engine.dialect.name == "postgresql"
    query = "SHOW transaction_isolation" if postgres else "SELECT @@session.tx_isolation"
    with storage.unit_of_work() as uow:
        level = str(uow.session.execute(text(query)).scalar_one())
    assert level.replace("-", " ").lower() == "read committed"
