"""The in-memory backend passes the storage contract every backend must pass."""

from collections.abc import Iterator

import pytest

from learncore.storage.memory import MemoryStorage
from learncore.testing.storage_contract import StorageContract


class TestMemoryStorage(StorageContract):
    @pytest.fixture
    def storage(self) -> Iterator[MemoryStorage]:
        backend = MemoryStorage()
        yield backend
        backend.close()
