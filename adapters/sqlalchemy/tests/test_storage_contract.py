"""The SQL backend passes learncore's storage contract on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from learncore_sqlalchemy.storage import SqlStorage

from learncore.testing.storage_contract import StorageContract


class TestSqliteFile(StorageContract):
    @pytest.fixture
    def storage(self, sqlite_storage: SqlStorage) -> SqlStorage:
        return sqlite_storage


class TestSqliteInMemory(StorageContract):
    @pytest.fixture
    def storage(self) -> Iterator[SqlStorage]:
        storage = SqlStorage.open("sqlite://")
        yield storage
        storage.close()


class TestPostgres(StorageContract):
    @pytest.fixture
    def storage(self, postgres_storage: SqlStorage) -> SqlStorage:
        return postgres_storage


class TestMariaDB(StorageContract):
    @pytest.fixture
    def storage(self, mariadb_storage: SqlStorage) -> SqlStorage:
        return mariadb_storage
