"""SQLite files keep a few connections open between units of work; servers never do."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import text

from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.errors import ConcurrentUpdate


def _driver_connection(storage: SqlStorage) -> object:
    with storage.unit_of_work() as uow:
        return uow.transaction.connection.connection.driver_connection


def test_units_of_work_on_a_sqlite_file_reuse_one_open_connection(sqlite_storage: SqlStorage) -> None:
    first = _driver_connection(sqlite_storage)
    assert _driver_connection(sqlite_storage) is first
    # Another thread takes the idle connection too: file connections are not tied to one.
    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(_driver_connection(sqlite_storage)))
    thread.start()
    thread.join()
    assert seen == [first]


def test_a_unit_of_work_inside_another_gets_its_own_connection(sqlite_storage: SqlStorage) -> None:
    with sqlite_storage.unit_of_work() as outer:
        outer.learners.add(Learner(id=new_id(), display_name="Ada"))
        outer.commit()  # the write lock is released; the connection is still the outer one's
        with sqlite_storage.unit_of_work() as inner:
            inner_connection = inner.transaction.connection
            assert inner_connection is not outer.transaction.connection
            assert inner.learners.list() != []


def test_a_connection_left_in_a_failed_state_is_not_kept(sqlite_storage: SqlStorage) -> None:
    idle = sqlite_storage.idle_connections
    assert idle is not None
    with sqlite_storage.unit_of_work() as uow:
        connection = uow.transaction.connection
        connection.invalidate()
    with sqlite_storage.unit_of_work() as uow:
        assert uow.transaction.connection is not connection
        assert uow.learners.list() == []


def test_closing_the_storage_closes_the_idle_connections_and_completes_the_file(
    sqlite_url: str, tmp_path: Path,
) -> None:
    storage = SqlStorage.open(sqlite_url)
    learner = Learner(id=new_id(), display_name="Ada")
    with storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.commit()
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    storage.close()  # no connection left open: the write-ahead log is folded into the file
    copy = tmp_path / "copy.db"
    shutil.copy(database, copy)
    raw = sqlite3.connect(copy)
    try:
        assert raw.execute("SELECT display_name FROM lc_learners").fetchall() == [("Ada",)]
    finally:
        raw.close()
    with storage.unit_of_work() as uow:  # still usable after close(), as an engine is
        assert uow.learners.get(learner.id) == learner
    storage.close()


def test_an_idle_connection_holds_no_lock(sqlite_url: str) -> None:
    storage = SqlStorage.open(sqlite_url, {"busy_timeout": 0.2})
    other = SqlStorage.open(sqlite_url, {"busy_timeout": 0.2})
    try:
        with storage.unit_of_work() as uow:
            uow.learners.add(Learner(id=new_id(), display_name="Ada"))
            uow.commit()
        with other.unit_of_work() as uow:  # would wait, then fail, on a lock left behind
            uow.learners.add(Learner(id=new_id(), display_name="Bo"))
            uow.commit()
        with storage.unit_of_work() as uow:
            assert len(uow.learners.list()) == 2
            with other.unit_of_work() as blocked, pytest.raises(ConcurrentUpdate):
                blocked.transaction.connection.execute(text("SELECT 1"))
    finally:
        storage.close()
        other.close()


def test_only_sqlite_files_keep_idle_connections(any_storage: SqlStorage) -> None:
    expected = any_storage.engine.dialect.name == "sqlite"
    assert (any_storage.idle_connections is not None) is expected
