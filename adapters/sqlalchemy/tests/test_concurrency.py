"""No lost updates: 16 threads × 200 submissions for one learner, on PostgreSQL and on MariaDB.

Every thread plays lessons of the same learner through the facade: answers (some
wrong, costing hearts in lessons played for the first time), completions (XP,
ledger, streak, totals, achievements; practice runs earn hearts back), with the
clock moving forward so hearts regenerate and the ledger day changes. Afterwards the
stored totals must equal what the threads were told, to the point:

- XP: the totals, the sum of the ledger days, the enrolment and the summaries agree;
- lessons: the totals, the ledger, the per-lesson completion counts and the
  completions agree;
- hearts: the hearts log, in the order it was written, is one unbroken chain from
  the starting five to the stored count, never below zero (a lost update would show
  as two entries starting from the same count);
- achievements: each tier once, exactly the tiers the final totals earn, one
  ``achievement_unlocked`` event per unlock;
- every answer the threads got a result for is stored once.
"""

from __future__ import annotations

import os
import random
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from learncore_sqlalchemy.error_translation import Failure, classify
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import event, text

import learncore
from learncore.domain.lesson_runs import RunStatus
from learncore.domain.progress import LessonStatus
from learncore.errors import OutOfHearts
from learncore.testing import FixedClock, correct_answer, sample_course, wrong_answer

if TYPE_CHECKING:
    from conftest import Server

THREADS = 16
SUBMISSIONS = int(os.environ.get("LEARNCORE_STRESS_SUBMISSIONS", "200"))  # per thread
START = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
STEP_MINUTES = 24 * 60 * 10 / (THREADS * SUBMISSIONS)


@pytest.fixture(params=["postgresql", "mariadb"])
def loop_app(request: pytest.FixtureRequest) -> Iterator[learncore.Learncore]:
    server: Server = request.getfixturevalue(
        "postgres_server" if request.param == "postgresql" else "mariadb_server"
    )
    url = server.create_database()
    # One pooled connection per thread, so no thread waits for a connection.
    storage = SqlStorage.open(url, {"migrate": True, "pool_size": THREADS, "max_overflow": 4})
    app = learncore.bootstrap(storage, clock=FixedClock(START), load_entry_points=False)
    try:
        yield app
    finally:
        storage.close()
        server.drop_database(url)


class Tally:
    """What the threads were told, added up under a lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.submissions = 0
        self.answers: list[Any] = []
        self.summaries: list[Any] = []
        self.errors: list[BaseException] = []


def _play(app: learncore.Learncore, learner_id: Any, course: Any, seed: int, tally: Tally) -> None:
    rnd = random.Random(seed)
    clock = app.clock
    assert isinstance(clock, FixedClock)
    done = 0
    run = None
    next_exercise = None
    while done < SUBMISSIONS:
        if run is None:
            records = app.lesson_progress(learner_id, course.id)
            playable = (LessonStatus.AVAILABLE, LessonStatus.IN_PROGRESS)
            fresh = [r.lesson_id for r in records if r.status in playable]
            practice = [r.lesson_id for r in records if r.status is LessonStatus.COMPLETED]
            choice = fresh[0] if fresh and rnd.random() < 0.6 else rnd.choice(practice)
            try:
                run = app.start_lesson(learner_id, choice)
            except OutOfHearts:
                run = app.start_lesson(learner_id, rnd.choice(practice))  # practice costs no hearts
            next_exercise = run.next_exercise
            continue
        if next_exercise is None:  # every exercise answered: complete the run
            summary = app.complete_lesson(run.id)
            with tally.lock:
                tally.summaries.append(summary)
            run = None
        else:
            wrong = rnd.random() < 0.3
            answer = wrong_answer(next_exercise) if wrong else correct_answer(next_exercise)
            result = app.submit_answer(run.id, next_exercise.id, answer)
            with tally.lock:
                tally.answers.append(result)
            next_exercise = result.next_exercise
            if result.run_status is RunStatus.FAILED:
                run = None
        done += 1
        if done % 10 == 0:  # about a day passes in all: hearts regenerate, the ledger day moves on
            clock.advance(minutes=STEP_MINUTES)
    with tally.lock:
        tally.submissions += done


def _rows(app: learncore.Learncore, sql: str, **params: Any) -> list[Any]:
    storage = app.storage
    assert isinstance(storage, SqlStorage)
    with storage.engine.connect() as connection:
        return list(connection.execute(text(sql), params))


def test_sixteen_threads_answering_and_completing_for_one_learner_lose_nothing(
    loop_app: learncore.Learncore,
) -> None:
    app = loop_app
    course = app.save_course(sample_course("stress", units=5, lessons_per_unit=5))
    ana = app.register_learner("Ana", daily_goal=50)
    app.enroll(ana.id, course.id)
    # One lesson done first, so there is always a practice lesson to earn hearts back with.
    first = app.start_lesson(ana.id, course.lessons[0].id)
    for exercise in first.exercises:
        app.submit_answer(first.id, exercise.id, correct_answer(exercise))
    first_summary = app.complete_lesson(first.id)

    tally = Tally()
    retried: list[str] = []  # deadlocks and lock timeouts that the facade retried

    def contention(context: Any) -> None:
        if classify(context.original_exception) is Failure.CONTENTION:
            retried.append(str(context.original_exception).splitlines()[0])

    storage = app.storage
    assert isinstance(storage, SqlStorage)
    event.listen(storage.engine, "handle_error", contention)

    def player(seed: int) -> None:
        try:
            _play(app, ana.id, course, seed, tally)
        except BaseException as exc:  # noqa: BLE001 - collected, then asserted in the main thread
            with tally.lock:
                tally.errors.append(exc)

    threads = [threading.Thread(target=player, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    event.remove(storage.engine, "handle_error", contention)
    assert tally.errors == []
    assert tally.submissions == THREADS * SUBMISSIONS
    print(f"{len(retried)} units of work retried after contention: {Counter(retried).most_common(3)}")

    summaries = [first_summary, *tally.summaries]
    stats = app.stats(ana.id)
    # XP and lessons: every completion counted once, everywhere.
    told_xp = sum(summary.xp.total for summary in summaries)
    ledger = _rows(app, "SELECT SUM(xp), SUM(lessons_completed), COUNT(*) FROM lc_ledger_days")[0]
    (enrollment,) = app.enrollments(ana.id)
    assert stats.total_xp == told_xp == ledger[0] == enrollment.xp
    assert stats.lessons_completed == len(summaries) == ledger[1]
    completions = _rows(app, "SELECT SUM(completion_count) FROM lc_lesson_progress")[0][0]
    assert completions == len(summaries)
    assert ledger[2] >= 2  # the clock crossed midnight: more than one ledger day
    assert len({summary.run_id for summary in summaries}) == len(summaries)

    # Hearts: the log, in the order it was written, is one unbroken chain.
    log = _rows(app, "SELECT delta, resulting, reason FROM lc_hearts_log ORDER BY seq")
    hearts = 5
    for delta, resulting, _reason in log:
        assert resulting == hearts + delta >= 0
        hearts = resulting
    stored = _rows(app, "SELECT hearts FROM lc_hearts")[0][0]
    assert stored == hearts
    reasons = Counter(reason for _, _, reason in log)
    lost_events = app.activity(ana.id, limit=100_000)
    assert reasons["wrong_answer"] == sum(1 for e in lost_events if e.type == "heart_lost") > 0
    assert reasons["practice"] > 0

    # Answers: each one stored once, with the result the thread was shown.
    stored_attempts = _rows(app, "SELECT COUNT(*), COUNT(DISTINCT id) FROM lc_attempts")[0]
    assert stored_attempts[0] == stored_attempts[1] == len(tally.answers) + len(first.exercises)

    # Achievements: each tier once, exactly those the totals earn, one event each.
    held = [(u.key, u.tier) for u in app.achievements(ana.id)]
    assert len(held) == len(set(held))
    values = {"lessons": stats.lessons_completed, "xp": stats.total_xp}
    for definition in app.achievement_definitions():
        if definition.key in values:
            earned = {t.level for t in definition.tiers if t.threshold <= values[definition.key]}
            assert {tier for key, tier in held if key == definition.key} == earned
    unlocked_events = [e for e in lost_events if e.type == "achievement_unlocked"]
    assert len(unlocked_events) == len(held)


def test_a_use_case_that_times_out_on_a_lock_is_retried_and_publishes_once(
    postgres_server: Server,
) -> None:
    url = postgres_server.create_database()
    name = url.rsplit("/", 1)[-1]
    with postgres_server.admin.connect() as admin:
        admin.execute(text(f'ALTER DATABASE "{name}" SET lock_timeout = \'100ms\''))
    storage = SqlStorage.open(url, {"migrate": True})
    seen: list[str] = []

    class Listener:
        __name__ = "listener"

        @learncore.hookimpl
        def on_event(self, event: Any) -> None:
            seen.append(event.type)

    app = learncore.bootstrap(storage, clock=FixedClock(START), load_entry_points=False, plugins=[Listener()])
    timeouts: list[str] = []
    try:
        ana = app.register_learner("Ana")
        app.refill_hearts(ana.id)
        holding, release = threading.Event(), threading.Event()

        def hold_the_hearts() -> None:
            with storage.unit_of_work() as uow:
                uow.rewards.get_hearts(ana.id, for_update=True)
                holding.set()
                release.wait(10)

        holder = threading.Thread(target=hold_the_hearts)
        holder.start()
        assert holding.wait(10)
        threading.Timer(0.4, release.set).start()
        event.listen(storage.engine, "handle_error", lambda context: timeouts.append("x"))
        seen.clear()
        app.set_unlimited_hearts(ana.id, True)  # needs the hearts lock: waits, times out, retries
        holder.join()
        assert timeouts  # it did time out at least once
        assert seen == ["hearts_unlimited_changed"]  # published once, after the commit that worked
        assert app.stats(ana.id).hearts is None  # unlimited
    finally:
        storage.close()
        postgres_server.drop_database(url)
