"""Use cases are re-run after a ConcurrentUpdate, a bounded number of times, publishing events once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import learncore
from learncore.errors import ConcurrentUpdate, InvalidContent, UnknownLearner
from learncore.plugins import hookimpl
from learncore.services.retry import RetryPolicy, run_with_retry
from learncore.storage.memory import MemoryStorage, MemoryUnitOfWork
from learncore.testing import FixedClock


class ConflictOnCommit(MemoryUnitOfWork):
    """Fails the next ``conflicts`` commits as a database would on a deadlock."""

    conflicts = 0

    def _commit(self) -> None:
        if ConflictOnCommit.conflicts:
            ConflictOnCommit.conflicts -= 1
            raise ConcurrentUpdate("deadlock detected; the unit of work was rolled back")
        super()._commit()


class ContendedStorage(MemoryStorage):
    def unit_of_work(self) -> MemoryUnitOfWork:
        return ConflictOnCommit(self)


class Recorder:
    __name__ = "recorder"

    def __init__(self) -> None:
        self.events: list[str] = []

    @hookimpl
    def on_event(self, event: object) -> None:
        self.events.append(event.type)  # type: ignore[attr-defined]


def _app(retry: RetryPolicy | None = None) -> tuple[learncore.Learncore, Recorder]:
    recorder = Recorder()
    app = learncore.bootstrap(
        ContendedStorage(), clock=FixedClock(), load_entry_points=False, plugins=[recorder],
        retry=retry or RetryPolicy(base_delay=0, max_delay=0),
    )
    return app, recorder


def test_a_use_case_that_meets_a_deadlock_is_run_again_and_publishes_its_events_once() -> None:
    app, recorder = _app()
    ConflictOnCommit.conflicts = 3
    ana = app.register_learner("Ana")
    assert ConflictOnCommit.conflicts == 0
    assert recorder.events == ["learner_registered"]
    assert app.stats(ana.id).hearts == 5
    assert [entry.type for entry in app.activity(ana.id)] == ["learner_registered"]


def test_retrying_gives_up_after_the_policy_s_attempts() -> None:
    app, recorder = _app(RetryPolicy(attempts=3, base_delay=0, max_delay=0))
    ConflictOnCommit.conflicts = 3
    with pytest.raises(ConcurrentUpdate, match="deadlock"):
        app.register_learner("Ana")
    assert recorder.events == []
    ConflictOnCommit.conflicts = 0
    assert app.activity() == []


def test_other_errors_are_not_retried() -> None:
    calls: list[int] = []

    def work() -> None:
        calls.append(1)
        raise UnknownLearner("x")

    with pytest.raises(UnknownLearner):
        run_with_retry(work, RetryPolicy())
    assert calls == [1]


def test_waits_grow_and_are_jittered_within_the_bounds() -> None:
    policy = RetryPolicy(attempts=6, base_delay=0.01, max_delay=0.05)
    slept: list[float] = []
    failures = iter(range(5))

    def work() -> str:
        if next(failures, None) is not None:
            raise ConcurrentUpdate("busy")
        return "done"

    assert run_with_retry(work, policy, sleep=slept.append, draw=lambda: 0.5) == "done"
    assert slept == [0.005, 0.01, 0.02, 0.025, 0.025]


@given(retry=st.integers(1, 40), draw=st.floats(0, 1, exclude_max=True))
def test_a_wait_is_never_negative_nor_longer_than_the_cap(retry: int, draw: float) -> None:
    policy = RetryPolicy(base_delay=0.005, max_delay=0.25)
    assert 0 <= policy.delay(retry, draw) <= 0.25


def test_a_policy_with_no_attempts_or_absurd_waits_is_refused() -> None:
    with pytest.raises(InvalidContent, match="RetryPolicy.attempts"):
        RetryPolicy(attempts=0)
    with pytest.raises(InvalidContent, match="RetryPolicy.max_delay"):
        RetryPolicy(max_delay=-1)
