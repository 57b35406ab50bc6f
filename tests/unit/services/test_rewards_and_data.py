"""Achievements with backfill, atomic completion, GDPR export and deletion."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest

import learncore
from learncore.domain.achievements import AchievementDefinition, AchievementTier
from learncore.domain.lesson_runs import RunStatus
from learncore.plugins import hookimpl
from learncore.storage.memory import MemoryStorage, MemoryUnitOfWork
from learncore.testing import FixedClock, correct_answer, sample_course

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def finish(app, learner_id, lesson_id):
    run = app.start_lesson(learner_id, lesson_id)
    for exercise in run.exercises:
        app.submit_answer(run.id, exercise.id, correct_answer(exercise))
    return run


def build(storage=None, plugins=()):
    clock = FixedClock(START)
    app = learncore.bootstrap(storage=storage or MemoryStorage(), load_entry_points=False, clock=clock,
                              plugins=plugins)
    course = app.save_course(sample_course())
    ana = app.register_learner("Ana", timezone="Europe/Madrid")
    app.enroll(ana.id, course.id)
    return app, clock, course, ana


class Bookworm:
    """A plugin adding an achievement after learners already played."""

    __name__ = "bookworm"

    @hookimpl
    def register_achievements(self, register):
        register(AchievementDefinition(key="acme.bookworm", title="Bookworm", metric="lessons_completed",
                                       tiers=[AchievementTier(1, 1, "First book"), AchievementTier(2, 2)]))


def test_a_backfill_unlocks_new_definitions_from_history_once():
    storage = MemoryStorage()
    app, _, course, ana = build(storage)
    app.complete_lesson(finish(app, ana.id, course.lessons[0].id).id)
    assert "acme.bookworm" not in {u.key for u in app.achievements(ana.id)}

    # The app restarts with the plugin installed, on the same data.
    with_plugin = learncore.bootstrap(storage=storage, load_entry_points=False, clock=app.clock,
                                      plugins=[Bookworm()])
    unlocked = with_plugin.backfill_achievements(keys={"acme.bookworm"})
    assert [(u.key, u.tier, u.backfilled) for u in unlocked] == [("acme.bookworm", 1, True)]
    assert with_plugin.backfill_achievements() == []  # idempotent, and the built-ins are held
    held = [(u.key, u.tier) for u in with_plugin.achievements(ana.id)]
    assert len(held) == len(set(held))
    event = with_plugin.activity(ana.id, limit=1)[0]
    assert (event.type, event.payload["backfilled"]) == ("achievement_unlocked", True)
    # Live evaluation then picks up the next tier as usual.
    summary = with_plugin.complete_lesson(finish(with_plugin, ana.id, course.lessons[1].id).id)
    assert ("acme.bookworm", 2) in {(u.key, u.tier) for u in summary.achievements}


def test_backfill_walks_every_learner_in_pages():
    app, _, course, _ = build(plugins=[])
    others = [app.register_learner(f"L{n}") for n in range(5)]
    for learner in others:
        app.enroll(learner.id, course.id)
        app.complete_lesson(finish(app, learner.id, course.lessons[0].id).id)
    # Forget the live unlocks, as if they were never evaluated.
    with app.transaction() as uow:
        for learner in others:
            for unlock in uow.achievements.list_unlocks(learner.id):
                del app.storage._tables.unlocks[learner.id][(unlock.key, unlock.tier)]  # type: ignore[attr-defined]
        uow.commit()
    unlocked = app.backfill_achievements(keys={"lessons"}, page_size=2)
    assert sorted(str(u.learner_id) for u in unlocked) == sorted(str(o.id) for o in others)


def test_concurrent_completions_unlock_each_tier_once():
    app, _, course, ana = build()
    runs = [finish(app, ana.id, course.lessons[0].id) for _ in range(6)]
    errors: list[BaseException] = []

    def complete(run_id):
        try:
            app.complete_lesson(run_id)
        except BaseException as exc:  # noqa: BLE001 - collected, then asserted below
            errors.append(exc)

    threads = [threading.Thread(target=complete, args=(run.id,)) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    held = [(u.key, u.tier) for u in app.achievements(ana.id)]
    assert len(held) == len(set(held))
    assert app.stats(ana.id).lessons_completed == 6


class FailingCommit(MemoryUnitOfWork):
    fail = False

    def _commit(self) -> None:
        if FailingCommit.fail:
            raise ConnectionError("the database went away during commit")
        super()._commit()


class FlakyStorage(MemoryStorage):
    def unit_of_work(self) -> MemoryUnitOfWork:
        return FailingCommit(self)


def snapshot(app, learner_id, course_id):
    stats = app.stats(learner_id)
    return {
        "stats": stats,
        "progress": app.lesson_progress(learner_id, course_id),
        "enrollments": app.enrollments(learner_id),
        "hearts_log": app.hearts_log(learner_id),
        "activity": [entry.id for entry in app.activity(learner_id, limit=1000)],
        "achievements": app.achievements(learner_id),
        "export": json.dumps(app.export_learner(learner_id), sort_keys=True, default=str)
        .replace(app.clock.now().isoformat(), "now"),
    }


def test_a_failure_during_complete_lesson_leaves_nothing_half_applied():
    app, clock, course, ana = build(FlakyStorage())
    app.grant_streak_freezes(ana.id, 1)
    app.complete_lesson(finish(app, ana.id, course.lessons[0].id).id)
    clock.advance(days=2)  # a missed day: completing will consume a freeze, too
    run = finish(app, ana.id, course.lessons[0].id)  # a replay: practice refills hearts
    before = snapshot(app, ana.id, course.id)
    FailingCommit.fail = True
    try:
        with pytest.raises(ConnectionError):
            app.complete_lesson(run.id)
    finally:
        FailingCommit.fail = False
    assert snapshot(app, ana.id, course.id) == before
    assert app.lesson_run(run.id).status is RunStatus.ACTIVE
    summary = app.complete_lesson(run.id)  # a retry after the outage works, once
    assert summary.streak.frozen_days
    assert app.stats(ana.id).lessons_completed == 2


def test_events_reach_plugins_only_after_commit():
    seen: list[str] = []

    class Listener:
        __name__ = "listener"

        @hookimpl
        def on_event(self, event):
            seen.append(event.type)

    app, _, course, ana = build(FlakyStorage(), plugins=[Listener()])
    run = finish(app, ana.id, course.lessons[0].id)
    seen.clear()
    FailingCommit.fail = True
    try:
        with pytest.raises(ConnectionError):
            app.complete_lesson(run.id)
    finally:
        FailingCommit.fail = False
    assert seen == []
    app.complete_lesson(run.id)
    assert "lesson_completed" in seen


def test_an_export_holds_everything_about_the_learner_as_json():
    app, _, course, ana = build()
    app.complete_lesson(finish(app, ana.id, course.lessons[0].id).id)
    data = app.export_learner(ana.id)
    json.dumps(data)  # JSON-compatible as is
    assert data["format"] == "learncore.learner-export/1"
    assert data["learner"]["id"] == str(ana.id)
    assert len(data["lesson_runs"]) == 1
    assert data["lesson_runs"][0]["summary"]["xp"]["base"] == 10
    assert len(data["attempts"]) == 7
    assert data["daily_ledger"][0]["xp"] == 15
    assert data["totals"]["total_xp"] == 15
    assert {a["key"] for a in data["achievements"]} >= {"lessons"}
    assert {e["type"] for e in data["activity"]} >= {"learner_registered", "lesson_completed"}
    assert data["hearts"]["hearts"] == 5
    assert data["enrollments"][0]["course_id"] == str(course.id)
    assert len(data["lesson_progress"]) == 1


def test_deleting_a_learner_removes_all_their_data_and_nothing_else():
    app, _, course, ana = build()
    ben = app.register_learner("Ben")
    app.enroll(ben.id, course.id)
    for learner in (ana, ben):
        app.complete_lesson(finish(app, learner.id, course.lessons[0].id).id)
    app.delete_learner(ana.id)
    with pytest.raises(learncore.errors.UnknownLearner):
        app.export_learner(ana.id)
    with pytest.raises(learncore.errors.UnknownLearner):
        app.delete_learner(ana.id)
    assert app.activity(ana.id) == []
    (deleted,) = [e for e in app.activity(limit=1000) if e.type == "learner_deleted"]
    assert deleted.learner_id is None
    assert deleted.payload == {"deleted_learner_id": str(ana.id)}
    assert app.stats(ben.id).lessons_completed == 1
    assert len(app.export_learner(ben.id)["attempts"]) == 7
