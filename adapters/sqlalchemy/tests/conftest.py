"""Fixtures: SQLite files in tmp_path, and throwaway databases on PostgreSQL and MariaDB.

Server tests read ``LEARNCORE_TEST_POSTGRES_URL`` / ``LEARNCORE_TEST_MARIADB_URL``.
Each test session creates its own uniquely named databases (``lc_storage_<hex>``)
and drops them at the end, so runs never see each other's rows. An unreachable
server skips its tests, or fails them when ``LEARNCORE_REQUIRE_SERVICES=1`` (CI).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from learncore_sqlalchemy.engine import parse_url
from learncore_sqlalchemy.models import metadata
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from learncore.urls import mask_password

POSTGRES_URL = os.environ.get(
    "LEARNCORE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
MARIADB_URL = os.environ.get("LEARNCORE_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
REQUIRE_SERVICES = os.environ.get("LEARNCORE_REQUIRE_SERVICES") == "1"


class Server:
    """A database server on which tests create and drop their own databases."""

    def __init__(self, label: str, url: str, variable: str) -> None:
        self.label = label
        self.base_url: URL = parse_url(url)
        self.admin: Engine = create_engine(
            self.base_url, isolation_level="AUTOCOMMIT", poolclass=NullPool,
            connect_args={"connect_timeout": 3},
        )
        try:
            with self.admin.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means "not usable here"
            self.admin.dispose()
            reason = (
                f"{label} at {mask_password(url)} is unreachable ({type(exc).__name__}: "
                f"{str(exc).splitlines()[0]}); start it or point {variable} at one"
            )
            if REQUIRE_SERVICES:
                pytest.fail(f"{reason} (LEARNCORE_REQUIRE_SERVICES=1)", pytrace=False)
            pytest.skip(reason)
        self.created: list[str] = []

    @property
    def dialect(self) -> str:
        return self.base_url.get_backend_name()

    def create_database(self) -> str:
        """A new empty database; its URL (password unmasked) as a string."""
        name = f"lc_storage_{secrets.token_hex(5)}"
        with self.admin.connect() as connection:
            if self.dialect == "postgresql":
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            else:
                connection.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
        self.created.append(name)
        return self.base_url.set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        name = parse_url(url).database
        with self.admin.connect() as connection:
            if self.dialect == "postgresql":
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                connection.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        for name in list(self.created):
            self.drop_database(self.base_url.set(database=name).render_as_string(hide_password=False))
        self.admin.dispose()


def _server(label: str, url: str, variable: str) -> Iterator[Server]:
    server = Server(label, url, variable)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    yield from _server("PostgreSQL", POSTGRES_URL, "LEARNCORE_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[Server]:
    yield from _server("MariaDB", MARIADB_URL, "LEARNCORE_TEST_MARIADB_URL")


def _clean(storage: SqlStorage) -> None:
    with storage.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="session")
def postgres_storage_shared(postgres_server: Server) -> Iterator[SqlStorage]:
    storage = SqlStorage.open(postgres_server.create_database(), {"migrate": True})
    yield storage
    storage.close()


@pytest.fixture(scope="session")
def mariadb_storage_shared(mariadb_server: Server) -> Iterator[SqlStorage]:
    storage = SqlStorage.open(mariadb_server.create_database(), {"migrate": True})
    yield storage
    storage.close()


@pytest.fixture
def postgres_storage(postgres_storage_shared: SqlStorage) -> SqlStorage:
    """A migrated PostgreSQL storage with empty tables (the database lives for the session)."""
    _clean(postgres_storage_shared)
    return postgres_storage_shared


@pytest.fixture
def mariadb_storage(mariadb_storage_shared: SqlStorage) -> SqlStorage:
    """A migrated MariaDB storage with empty tables (the database lives for the session)."""
    _clean(mariadb_storage_shared)
    return mariadb_storage_shared


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of a SQLite file that does not exist yet."""
    return f"sqlite:///{tmp_path / 'learn.db'}"


@pytest.fixture
def sqlite_storage(sqlite_url: str) -> Iterator[SqlStorage]:
    """A new SQLite file, migrated on open."""
    storage = SqlStorage.open(sqlite_url)
    yield storage
    storage.close()


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def any_storage(request: pytest.FixtureRequest) -> SqlStorage:
    """Each backend in turn (server ones marked ``services``)."""
    fixture = {"sqlite": "sqlite_storage", "postgresql": "postgres_storage",
               "mariadb": "mariadb_storage"}[request.param]
    storage: SqlStorage = request.getfixturevalue(fixture)
    return storage


@pytest.fixture
def fresh_database(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """``make(dialect)``: the URL of a new, empty database of that kind."""

    def make(dialect: str) -> str:
        if dialect == "sqlite":
            return f"sqlite:///{tmp_path / f'{secrets.token_hex(4)}.db'}"
        server: Server = request.getfixturevalue(
            "postgres_server" if dialect == "postgresql" else "mariadb_server"
        )
        url = server.create_database()
        request.addfinalizer(lambda: server.drop_database(url))
        return url

    return make


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests that reach a server carry the "services" marker, so `-m "not services"`
    # runs the SQLite part alone.
    here = Path(__file__).parent
    for item in items:
        if here not in item.path.parents:
            continue  # this hook sees the whole session's items
        callspec = getattr(item, "callspec", None)
        params = {v for v in callspec.params.values() if isinstance(v, str)} if callspec else set()
        uses_server = any(
            name.startswith(("postgres", "mariadb")) for name in getattr(item, "fixturenames", ())
        ) or bool(params & {"postgresql", "mariadb", "postgres_storage", "mariadb_storage"})
        if uses_server:
            item.add_marker(pytest.mark.services)


_TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")

StatementRecorder = Callable[[SqlStorage], AbstractContextManager[list[str]]]


@contextmanager
def _statements_sent(storage: SqlStorage) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.split(None, 1)[0].upper() not in _TRANSACTION_CONTROL:
            statements.append(statement)

    event.listen(storage.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(storage.engine, "before_cursor_execute", record)


@pytest.fixture
def statements_sent() -> StatementRecorder:
    """``with statements_sent(storage) as sent:`` lists the SQL the block sends.

    Transaction control (BEGIN, COMMIT, savepoints) is left out.
    """
    return _statements_sent
