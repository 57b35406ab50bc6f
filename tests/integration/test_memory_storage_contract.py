"""The in-memory backend passes the storage contract every backend must pass."""

from collections.abc import Iterator

import pytest

from learncore.domain import Learner, new_id
from learncore.storage.memory import MemoryStorage
from learncore.testing.storage_contract import StorageContract


class TestMemoryStorage(StorageContract):
    @pytest.fixture
    def storage(self) -> Iterator[MemoryStorage]:
        backend = MemoryStorage()
        yield backend
        backend.close()


def a_learner(name: str) -> Learner:
    return Learner(id=new_id(), display_name=name)


def _learner_ids(storage: MemoryStorage) -> list[object]:
    with storage.unit_of_work() as uow:
        return [learner.id for learner in uow.learners.list()]


def test_a_unit_of_work_opened_inside_another_commits_and_rolls_back_on_its_own() -> None:
    # The lock is re-entrant, so a unit of work may open inside another on one thread;
    # the backend's shared journal keeps separate undo records for each.
    storage = MemoryStorage()
    kept, dropped, inner_dropped = a_learner("Kept"), a_learner("Dropped"), a_learner("Inner")
    with storage.unit_of_work() as outer:
        outer.learners.add(dropped)
        with storage.unit_of_work() as inner:
            inner.learners.add(kept)
            inner.commit()
        with storage.unit_of_work() as inner:
            inner.learners.add(inner_dropped)  # rolled back: never committed
        # the outer one is left without a commit
    assert _learner_ids(storage) == [kept.id]


def test_a_unit_of_work_can_be_used_again_after_its_block() -> None:
    storage = MemoryStorage()
    uow = storage.unit_of_work()
    first, second = a_learner("First"), a_learner("Second")
    with uow:
        uow.learners.add(first)
        uow.commit()
    with uow:
        uow.learners.add(second)
    assert _learner_ids(storage) == [first.id]
