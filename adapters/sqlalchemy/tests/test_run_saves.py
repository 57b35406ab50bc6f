"""Saving a run that the unit of work read locked writes only the columns that changed,
and never leaves the stored row different from the run that was saved."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

import attrs
import pytest
from learncore_sqlalchemy.storage import SqlStorage
from learncore_sqlalchemy.unit_of_work import SqlUnitOfWork
from sqlalchemy import text

from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.domain.lesson_runs import LessonRun, RunStatus
from learncore.errors import UnknownLearner

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

# The conftest fixture statements_sent: what a block sends, transaction control left out.
StatementRecorder = Callable[[SqlStorage], AbstractContextManager[list[str]]]


def _stored_run(storage: SqlStorage) -> LessonRun:
    learner = Learner(id=new_id(), display_name="Ada")
    first, second = new_id(), new_id()
    run = LessonRun(id=new_id(), learner_id=learner.id, course_id=new_id(), lesson_id=new_id(),
                    started_at=NOON, exercise_ids=[first, second], queue=[first, second])
    with storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.runs.save_run(run)
        uow.commit()
    return run


def _answered(run: LessonRun) -> LessonRun:
    return attrs.evolve(run, queue=run.queue[1:], answers=run.answers + 1,
                        first_try_correct=run.first_try_correct + 1)


def _stored(storage: SqlStorage, run: LessonRun) -> LessonRun | None:
    with storage.unit_of_work() as uow:
        return uow.runs.get_run(run.id)


def test_a_locked_run_is_saved_with_an_update_of_what_changed(
    any_storage: SqlStorage, statements_sent: StatementRecorder
) -> None:
    run = _stored_run(any_storage)
    with any_storage.unit_of_work() as uow, statements_sent(any_storage) as seen:
        read = uow.runs.get_run(run.id, for_update=True)
        assert read == run
        once = _answered(run)
        uow.runs.save_run(once)
        twice = _answered(once)
        uow.runs.save_run(twice)  # compared with what the first save wrote
        uow.runs.save_run(twice)  # nothing changed: nothing to write
        uow.commit()
    writes = [s for s in seen if not s.startswith(("SELECT", "COMMIT"))]
    assert len(writes) == 2
    assert all(s.startswith("UPDATE lc_lesson_runs SET queue=") for s in writes)
    assert "exercise_ids" not in writes[0]
    assert _stored(any_storage, run) == twice


def test_a_run_read_without_a_lock_is_saved_whole_on_servers(
    any_storage: SqlStorage, statements_sent: StatementRecorder
) -> None:
    run = _stored_run(any_storage)
    with any_storage.unit_of_work() as uow, statements_sent(any_storage) as seen:
        uow.runs.get_run(run.id)
        uow.runs.save_run(_answered(run))
        uow.commit()
    # SQLite transactions hold the database's write lock, so every read there is locked.
    updates = any_storage.engine.dialect.name == "sqlite"
    assert any(s.startswith("UPDATE lc_lesson_runs") for s in seen) is updates
    assert _stored(any_storage, run) == _answered(run)


def test_after_a_rollback_the_next_save_writes_against_the_stored_row(any_storage: SqlStorage) -> None:
    run = _stored_run(any_storage)
    done = attrs.evolve(_answered(_answered(run)), status=RunStatus.COMPLETED, finished_at=NOON)
    with any_storage.unit_of_work() as uow:
        uow.runs.get_run(run.id, for_update=True)
        uow.runs.save_run(done)
        uow.rollback()  # the row is back to `run`
        uow.runs.save_run(done)
        uow.commit()
    assert _stored(any_storage, run) == done


def _save_then_fail(uow: SqlUnitOfWork, run: LessonRun) -> None:
    with uow.transaction.savepoint():
        uow.runs.save_run(run)
        raise RuntimeError("undo the block")


def test_a_save_undone_by_a_savepoint_is_not_taken_as_stored(sqlite_storage: SqlStorage) -> None:
    run = _stored_run(sqlite_storage)
    once = _answered(run)
    with sqlite_storage.unit_of_work() as uow:
        uow.runs.get_run(run.id, for_update=True)
        with pytest.raises(RuntimeError):
            _save_then_fail(uow, once)
        uow.runs.save_run(once)
        uow.commit()
    assert _stored(sqlite_storage, run) == once


def test_a_run_whose_learner_went_in_the_same_unit_of_work_is_unknown_learner(
    any_storage: SqlStorage,
) -> None:
    run = _stored_run(any_storage)
    with any_storage.unit_of_work() as uow:
        uow.runs.get_run(run.id, for_update=True)
        assert uow.learners.delete(run.learner_id)  # the run goes with the learner
        with pytest.raises(UnknownLearner):
            uow.runs.save_run(_answered(run))


def test_a_row_changed_behind_the_repository_is_overwritten_whole_only_without_a_lock(
    sqlite_storage: SqlStorage,
) -> None:
    """The note of a locked row is what this transaction read or wrote; plain SQL in the same
    transaction that changes the row must go through ``uow.runs`` instead (documented)."""
    run = _stored_run(sqlite_storage)
    with sqlite_storage.unit_of_work() as uow:
        uow.runs.get_run(run.id, for_update=True)
        uow.commit()  # the transaction ended: its note of the row went with its lock
        with sqlite_storage.engine.begin() as other:
            other.execute(text("UPDATE lc_lesson_runs SET answers = 7"))
        uow.runs.save_run(_answered(run))
        uow.commit()
    assert _stored(sqlite_storage, run) == _answered(run)
