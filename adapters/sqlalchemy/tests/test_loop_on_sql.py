"""The learning loop through the facade on SQL storage: the same outcomes as in memory, and it persists.

A scripted week (answers right and wrong, completions, practice, a missed day covered
by a freeze, hearts lost and regained, achievements) is played on the in-memory
backend and on each SQL database; everything the app is told must be identical.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from learncore_sqlalchemy.storage import SqlStorage

import learncore
from learncore.content import import_course
from learncore.testing import FixedClock, correct_answer, sample_course, wrong_answer

MONDAY = datetime(2026, 3, 23, 18, 0, tzinfo=UTC)
SPANISH = Path(__file__).resolve().parents[3] / "examples" / "content" / "spanish-basics"


def _play(app: learncore.Learncore, learner_id: Any, lesson_id: Any, misses: int) -> list[Any]:
    """One lesson, the first ``misses`` answers wrong; what the app was told."""
    told: list[Any] = []
    run = app.start_lesson(learner_id, lesson_id)
    exercise = run.next_exercise
    wrong = misses
    while exercise is not None:
        answer = wrong_answer(exercise) if wrong else correct_answer(exercise)
        wrong = max(0, wrong - 1)
        result = app.submit_answer(run.id, exercise.id, answer)
        told.append((result.accepted, result.hearts_left, result.requeued, result.remaining,
                     result.run_status.value, result.next_heart_at))
        if result.run_status.value != "active":
            return told
        exercise = result.next_exercise
    summary = app.complete_lesson(run.id)
    told.append((summary.xp, summary.total_xp, summary.xp_today, summary.goal_met, summary.streak,
                 summary.hearts_left, summary.next_heart_at, summary.hearts_refilled,
                 [(u.key, u.tier) for u in summary.achievements], summary.practice))
    assert app.complete_lesson(run.id) == summary  # completing again changes nothing
    return told


def _week(app: learncore.Learncore) -> list[Any]:
    clock = app.clock
    assert isinstance(clock, FixedClock)
    course = app.save_course(sample_course("week"))
    ana = app.register_learner("Ana", timezone="Europe/Madrid", daily_goal=20)
    app.enroll(ana.id, course.id)
    app.grant_streak_freezes(ana.id, 1)
    told: list[Any] = []
    lessons = [lesson.id for lesson in course.lessons]
    told += _play(app, ana.id, lessons[0], misses=2)  # Monday: two hearts lost
    told += _play(app, ana.id, lessons[1], misses=0)
    clock.advance(days=1)
    told += _play(app, ana.id, lessons[0], misses=1)  # Tuesday: practice gives a heart back
    clock.advance(days=2)  # Wednesday missed: the freeze covers it
    told += _play(app, ana.id, lessons[2], misses=5)  # Thursday: runs out of hearts
    clock.advance(hours=9)
    told += _play(app, ana.id, lessons[2], misses=0)
    stats = app.stats(ana.id, days=7)
    told.append((stats.total_xp, stats.current_streak, stats.longest_streak, stats.hearts,
                 stats.lessons_completed, [(d.day, d.xp) for d in stats.xp_by_day]))
    told.append([(e.delta, e.reason, e.resulting) for e in app.hearts_log(ana.id)])
    told.append([(u.key, u.tier, u.unlocked_at) for u in app.achievements(ana.id)])
    told.append([p.status.value for p in app.lesson_progress(ana.id, course.id)])
    told.append([e.type for e in app.activity(ana.id, limit=500)])
    return told


def test_a_week_of_the_loop_on_sql_tells_the_app_exactly_what_memory_does(any_storage: SqlStorage) -> None:
    expected = _week(learncore.bootstrap(clock=FixedClock(MONDAY), load_entry_points=False))
    app = learncore.bootstrap(any_storage, clock=FixedClock(MONDAY), load_entry_points=False)
    assert _week(app) == expected


def test_bootstrap_with_a_sqlite_file_runs_the_whole_loop_and_keeps_it_across_restarts(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    clock = FixedClock(MONDAY)
    with learncore.bootstrap(storage=url, clock=clock) as app:
        app.seed()
        report = import_course(SPANISH, app)
        course = app.course(report.course_id)
        ana = app.register_learner("Ana", timezone="Europe/Madrid")
        app.enroll(ana.id, course.id)
        summary_told = _play(app, ana.id, course.lessons[0].id, misses=1)[-1]
        stats = app.stats(ana.id)
        export = app.export_learner(ana.id)
    assert stats.lessons_completed == 1
    assert stats.total_xp == summary_told[1] > 0
    with learncore.bootstrap(storage=url, clock=clock) as app:  # a restart: all still there
        assert app.stats(ana.id) == stats
        assert app.export_learner(ana.id) == export
        json.dumps(export, default=str)
        assert import_course(SPANISH, app).unchanged  # re-importing the same file writes nothing
        app.delete_learner(ana.id)
        assert app.activity(ana.id) == []


def test_re_importing_a_course_without_a_lesson_archives_its_progress_and_restores_it(
    any_storage: SqlStorage, tmp_path: Path,
) -> None:
    import shutil

    app = learncore.bootstrap(any_storage, clock=FixedClock(MONDAY), load_entry_points=False)
    folder = tmp_path / "spanish"
    shutil.copytree(SPANISH, folder)
    course = app.course(import_course(folder, app).course_id)
    ana = app.register_learner("Ana")
    app.enroll(ana.id, course.id)
    last = course.lessons[-1]
    before = app.lesson_progress(ana.id, course.id)
    _play(app, ana.id, course.lessons[0].id, misses=0)
    with any_storage.unit_of_work() as uow:  # progress on the last lesson too, as if played
        from learncore.domain.progress import LessonProgress, LessonStatus

        uow.progress.save_lesson_progress(LessonProgress(
            learner_id=ana.id, lesson_id=last.id, course_id=course.id,
            status=LessonStatus.COMPLETED, completion_count=1, updated_at=MONDAY,
        ))
        uow.commit()
    original = (folder / "course.yaml").read_text(encoding="utf-8")
    assert course.lessons[-1].id == last.id
    # The last unit (its lessons with it) leaves the course, then comes back.
    (folder / "course.yaml").write_text(
        original.replace("      - include: units/home.yaml\n", ""), encoding="utf-8"
    )
    removed = import_course(folder, app)
    assert removed.archived_progress == 1
    with any_storage.unit_of_work() as uow:
        (archived,) = uow.content_versions.list_archived_progress(learner_id=ana.id)
        assert archived.lesson_id == last.id
        assert uow.progress.get_lesson_progress(ana.id, last.id) is None
    (folder / "course.yaml").write_text(original, encoding="utf-8")
    restored = import_course(folder, app)
    assert restored.restored_progress == 1
    after = app.lesson_progress(ana.id, course.id)
    assert len(after) == len(before)
    assert after[-1].status.value == "completed"
