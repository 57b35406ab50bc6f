"""Rows read along with a lesson run: the plain read that follows costs no statement, and a
write in the same unit of work is never hidden by what was read before it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from learncore_sqlalchemy.storage import SqlStorage

from learncore.domain.hearts import HeartsState
from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.domain.lesson_runs import LessonRun

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

# The conftest fixture statements_sent: what a block sends, transaction control left out.
StatementRecorder = Callable[[SqlStorage], AbstractContextManager[list[str]]]


def _learner_with_run(storage: SqlStorage) -> tuple[Learner, LessonRun]:
    learner = Learner(id=new_id(), display_name="Ada")
    run = LessonRun(id=new_id(), learner_id=learner.id, course_id=new_id(), lesson_id=new_id(),
                    started_at=NOON, exercise_ids=[new_id()], queue=[])
    with storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.runs.save_run(run)
        uow.commit()
    return learner, run


def test_the_hearts_read_along_with_a_run_cost_no_statement(
    any_storage: SqlStorage, statements_sent: StatementRecorder
) -> None:
    learner, run = _learner_with_run(any_storage)
    joins = any_storage.engine.dialect.name not in ("mysql", "mariadb")  # no FOR UPDATE OF there
    with any_storage.unit_of_work() as uow, statements_sent(any_storage) as seen:
        assert uow.runs.get_run(run.id, for_update=True) == run
        assert uow.rewards.get_hearts(learner.id) is None  # no hearts row yet
    assert len(seen) == (1 if joins else 2)
    hearts = HeartsState(learner_id=learner.id, hearts=3, updated_at=NOON)
    with any_storage.unit_of_work() as uow:
        uow.rewards.save_hearts(hearts)
        uow.commit()
    with any_storage.unit_of_work() as uow, statements_sent(any_storage) as seen:
        uow.runs.get_run(run.id, for_update=True)
        assert uow.rewards.get_hearts(learner.id) == hearts
        # A locking read asks the database, to take the lock, unless the transaction
        # holds the whole database already (SQLite).
        assert uow.rewards.get_hearts(learner.id, for_update=True) == hearts
    locks_all = any_storage.engine.dialect.name == "sqlite"
    assert len(seen) == (1 if locks_all else 2 if joins else 3)


def test_a_write_in_the_unit_of_work_is_never_hidden_by_a_row_read_along(any_storage: SqlStorage) -> None:
    learner, run = _learner_with_run(any_storage)
    before = HeartsState(learner_id=learner.id, hearts=5, updated_at=NOON)
    after = HeartsState(learner_id=learner.id, hearts=4, updated_at=NOON)
    with any_storage.unit_of_work() as uow:
        uow.rewards.save_hearts(before)
        uow.commit()
    with any_storage.unit_of_work() as uow:
        uow.runs.get_run(run.id, for_update=True)
        uow.rewards.save_hearts(after)
        assert uow.rewards.get_hearts(learner.id) == after
        uow.commit()
    with any_storage.unit_of_work() as uow:
        uow.runs.get_run(run.id)
        assert uow.learners.delete(learner.id)
        assert uow.rewards.get_hearts(learner.id) is None  # gone with the learner
