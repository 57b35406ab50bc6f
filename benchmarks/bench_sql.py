"""SQL storage benchmarks (learncore-sqlalchemy).

- ``sql.complete_lesson_sqlite``: whole lessons played through the facade on a SQLite
  file, as ``loop.complete_lesson_memory`` plays them in memory: ``start_lesson``, 10
  answers graded and recorded (one wrong, so a heart is lost and the exercise
  re-queued) and ``complete_lesson`` (XP, ledger, streak, hearts, progress, totals,
  achievements), twelve units of work. The baseline is a raw-SQL floor measured in the
  same run: every statement the run sent to SQLite (reads included), with the same
  parameters and the same transactions, replayed through ``sqlite3`` on a copy of the
  database as it was before the run. It is what the same inserts and updates cost with
  no Python around them: no grading, no rules, no mapping, no SQLAlchemy.
  Before the timed lessons, one more learner plays every lesson of the course once,
  untimed: a running app has compiled its SQL statements (SQLAlchemy compiles each
  one once per engine, a few hundred microseconds apiece) and warmed its course
  cache, and a new storage per measurement would otherwise charge that one-off cost
  to the first of only 20 lessons in ``--quick``. That learner's lessons are neither
  timed nor replayed by the floor; the timed lessons are the same as before.
- ``sql.complete_lesson_postgres_8w``: the same lessons with 8 worker threads on
  PostgreSQL, each lesson for one of 8 learners picked at random (so lessons of one
  learner often run at the same time); afterwards every learner's stored totals must
  equal what the workers were told, or the benchmark fails.
- ``sql.complete_lesson_postgres_8p``: the same with 8 worker processes instead, each
  with its own app and connection pool, as app servers are deployed (other learners,
  same database). Each process starts, imports and plays a warm-up learner's lessons
  before the clock starts; the wall time is from the start signal until every process
  has reported, and ``cpu_per_s`` counts the workers' CPU time.
- ``sql.course_tree_load``: ``get_course`` on a course of 5 sections × 10 units × 10
  lessons × 15 exercises (17,500 options, 500 lesson assets, 500 audio assets) stored
  in a SQLite file, with the storage's tree cache off, and the SQL statements it runs.
  The baseline is the idiomatic ORM way to get the same domain object in the same
  run: ``selectinload`` down the relationships, then the domain constructors with
  their validation. For context, ``fetch_only_floor_ms`` runs the same SQL through
  ``sqlite3`` and only fetches the rows: what any loader pays before building a
  single object; ``cached_ms`` is the load when the tree is cached (one statement).

The machine is shared, so rates are per CPU second of this process (``clock:
"cpu"``), with the wall-clock rate beside them. SQLite runs inside the process, so its
CPU time counts too.
"""

from __future__ import annotations

import os
import random
import secrets
import shutil
import sqlite3
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple
from uuid import UUID

import attrs
from bench_loop import EXERCISES_PER_LESSON, build_course
from learncore_sqlalchemy.engine import parse_url
from learncore_sqlalchemy.models import (
    AudioAssetRow,
    CourseRow,
    ExerciseRow,
    ExerciseTagRow,
    LessonPrerequisiteRow,
    LessonRow,
    SectionRow,
    TagRow,
    UnitRow,
)
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.pool import NullPool
from timing import median_seconds, metric

import learncore
from learncore.domain import Exercise, ExerciseType, HeartsPolicy, RewardPolicies
from learncore.domain.audio import AudioAsset, AudioVariant
from learncore.domain.courses import Course, Lesson, LessonAsset, Section, Unit, UnlockRule
from learncore.domain.exercises import ExerciseOption, Hint, MatchPair
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.tags import Tag
from learncore.testing import FixedClock, large_course


def _median_cpu_seconds(fn: Any, *, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def _orm_load(session: Session, course_id: Any) -> Course:
    """The straightforward ORM version: relationship loading plus validated domain constructors."""
    course = session.execute(
        select(CourseRow)
        .where(CourseRow.id == course_id)
        .options(
            selectinload(CourseRow.sections)
            .selectinload(SectionRow.units)
            .selectinload(UnitRow.lessons)
            .selectinload(LessonRow.exercises)
            .selectinload(ExerciseRow.options),
            selectinload(CourseRow.sections, SectionRow.units, UnitRow.lessons, LessonRow.assets),
            selectinload(
                CourseRow.sections, SectionRow.units, UnitRow.lessons, LessonRow.exercises,
                ExerciseRow.audio, AudioAssetRow.variants,
            ),
        )
    ).scalar_one()
    tags: dict[Any, set[Tag]] = {}
    for exercise_id, name, category in session.execute(
        select(ExerciseTagRow.exercise_id, TagRow.name, TagRow.category)
        .join(TagRow, TagRow.id == ExerciseTagRow.tag_id)
        .where(ExerciseTagRow.course_id == course_id)
    ):
        tags.setdefault(exercise_id, set()).add(Tag(name, category))
    prerequisites = session.execute(
        select(LessonPrerequisiteRow.lesson_id, LessonPrerequisiteRow.required_lesson_id)
        .where(LessonPrerequisiteRow.course_id == course_id)
    ).all()

    def exercise(row: ExerciseRow) -> Exercise:
        audio = None
        if row.audio is not None:
            audio = AudioAsset(
                id=row.audio.asset_id, transcript=row.audio.transcript,
                variants=[AudioVariant(v.quality, v.uri, v.format, v.bitrate_kbps, v.duration_ms)
                          for v in row.audio.variants],
            )
        return Exercise(
            id=row.id, type=row.type, prompt=row.prompt, position=row.position,
            accepted_answers=row.accepted_answers or (),
            options=[ExerciseOption(o.option_id, o.text, o.is_correct, o.image_uri) for o in row.options],
            multiple_answers=row.multiple_answers,
            pairs=[MatchPair(a, b) for a, b in row.pairs or ()],
            hints=[Hint(h["text"], h["word"]) for h in row.hints or ()],
            difficulty=row.difficulty, audio=audio, tags=tags.get(row.id, ()),
            grading=None if row.grading is None else GradingPolicy(**row.grading),
            extra=row.extra or {},
        )

    return Course(
        id=course.id, slug=course.slug, title=course.title, from_language=course.from_language,
        to_language=course.to_language, version=course.version, published=course.published,
        description=course.description, grading=GradingPolicy(**course.grading),
        unlock_rule=course.unlock_rule, license=course.license, attribution=course.attribution,
        prerequisites=[(a, b) for a, b in prerequisites],
        sections=[
            Section(
                id=s.id, title=s.title, position=s.position, description=s.description,
                cefr_level=s.cefr_level,
                units=[
                    Unit(
                        id=u.id, title=u.title, position=u.position, description=u.description,
                        icon=u.icon, color=u.color,
                        lessons=[
                            Lesson(
                                id=lesson.id, title=lesson.title, position=lesson.position,
                                xp_reward=lesson.xp_reward, estimated_minutes=lesson.estimated_minutes,
                                description=lesson.description,
                                exercises=[exercise(e) for e in lesson.exercises],
                                assets=[LessonAsset(id=a.asset_id, kind=a.kind, title=a.title,
                                                    position=a.position, uri=a.uri, content=a.content)
                                        for a in lesson.assets],
                            )
                            for lesson in u.lessons
                        ],
                    )
                    for u in s.units
                ],
            )
            for s in course.sections
        ],
    )


def bench_course_tree_load(quick: bool) -> dict[str, object]:
    course = large_course("bench")  # 5 × 10 × 10 × 15 = 7,500 exercises
    with tempfile.TemporaryDirectory() as folder:
        storage = SqlStorage.open(f"sqlite:///{Path(folder) / 'bench.db'}", {"course_cache_size": 0})
        try:
            with storage.unit_of_work() as uow:
                uow.content.save_course(course)
                uow.commit()

            statements: list[tuple[str, Any]] = []

            def count(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
                if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK")):
                    statements.append((statement, parameters))

            def load() -> Course | None:
                with storage.unit_of_work() as uow:
                    return uow.content.get_course(course.id)

            event.listen(storage.engine, "before_cursor_execute", count)
            loaded = load()
            event.remove(storage.engine, "before_cursor_execute", count)
            if loaded != course:
                raise AssertionError("the loaded course differs from the saved one")
            ours = median_seconds(load, repeat=5 if quick else 15)
            # CPU time of this process, for context on a shared machine: other
            # processes inflate the wall-clock figure, much less this one.
            cpu = _median_cpu_seconds(load, repeat=5 if quick else 15)

            def orm_load() -> Course:
                with Session(storage.engine) as session:
                    return _orm_load(session, course.id)

            if orm_load() != course:
                raise AssertionError("the ORM baseline built a different course")
            baseline = median_seconds(orm_load, repeat=2 if quick else 5)
            storage.course_cache.size = 1
            load()  # cached from now on
            cached = median_seconds(load, repeat=5 if quick else 15)
        finally:
            storage.close()
        # The floor: the same statements through sqlite3, fetching rows and building nothing.
        raw = sqlite3.connect(Path(folder) / "bench.db")
        try:
            floor = median_seconds(
                lambda: [raw.execute(sql, params).fetchall() for sql, params in statements],
                repeat=5 if quick else 15,
            )
        finally:
            raw.close()
    return metric(
        "sql.course_tree_load", ours * 1000, "ms", "<150",
        baseline="ORM selectinload + validated constructors",
        ratio=round(baseline / ours, 2),
        statements=len(statements),
        exercises=sum(1 for _ in course.exercises()),
        options=sum(len(e.options) for e in course.exercises()),
        baseline_ms=round(baseline * 1000, 1),
        fetch_only_floor_ms=round(floor * 1000, 1),
        cpu_ms=round(cpu * 1000, 1),
        cached_ms=round(cached * 1000, 2),
    )


# --- whole lessons -------------------------------------------------------------------


def _right_answer(exercise: Exercise) -> Any:
    if exercise.type is ExerciseType.MULTIPLE_CHOICE:
        return exercise.correct_options[0].id
    if exercise.type is ExerciseType.WORD_BANK:
        return exercise.accepted_answers[0].split()
    return exercise.accepted_answers[0]


def _play(
    app: learncore.Learncore,
    learner_id: UUID,
    lesson: Lesson,
    answers: dict[UUID, Any],
    phases: list[float] | None = None,
) -> int:
    """One lesson as ``loop.complete_lesson_memory`` plays it; the XP it earned.

    ``phases`` adds up the CPU seconds of starting, answering and completing.
    """
    tick = time.process_time
    t0 = tick()
    run = app.start_lesson(learner_id, lesson.id)
    t1 = tick()
    first = run.exercise_ids[0]
    app.submit_answer(run.id, first, "wrong on purpose")
    for exercise_id in (*run.exercise_ids[1:], first):
        app.submit_answer(run.id, exercise_id, answers[exercise_id], duration_ms=4000)
    t2 = tick()
    xp = app.complete_lesson(run.id).xp.total
    if phases is not None:
        phases[0] += t1 - t0
        phases[1] += t2 - t1
        phases[2] += tick() - t2
    return xp


def _warm_up(app: learncore.Learncore, course: Course, answers: dict[UUID, Any]) -> None:
    """Play every lesson once as a learner of its own, untimed: a running app's statements are compiled."""
    learner = app.register_learner("warm-up", timezone="Europe/London")
    app.enroll(learner.id, course.id)
    for lesson in course.lessons:
        _play(app, learner.id, lesson, answers)


class _Recorder:
    """Every statement an engine sends (with its driver-level parameters) and each commit."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, bool]] = []

    def statement(self, _conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
        self.calls.append((sql, params, many))

    def commit(self, _conn: Any) -> None:
        self.calls.append(("COMMIT", None, False))

    def rollback(self, _conn: Any) -> None:
        self.calls.append(("ROLLBACK", None, False))


def _replay(database: Path, calls: list[tuple[str, Any, bool]]) -> tuple[float, float]:
    """Run the recorded statements through sqlite3, set up as the storage sets it up; CPU and wall seconds."""
    raw = sqlite3.connect(database, isolation_level=None)
    try:
        for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL"):
            raw.execute(f"PRAGMA {pragma}")
        cpu, wall = time.process_time(), time.perf_counter()
        for sql, params, many in calls:
            if sql == "COMMIT":
                raw.commit()
            elif sql == "ROLLBACK":
                raw.rollback()
            elif many:
                raw.executemany(sql, params)
            else:
                raw.execute(sql, params).fetchall()
        return time.process_time() - cpu, time.perf_counter() - wall
    finally:
        raw.close()


def _sqlite_lessons_once(folder: Path, learners: int) -> dict[str, float]:
    """One measured run on a new SQLite file, and its raw-SQL floor."""
    database = folder / f"loop-{secrets.token_hex(3)}.db"
    storage = SqlStorage.open(f"sqlite:///{database}")
    app = learncore.bootstrap(storage, clock=FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC)),
                              load_entry_points=False)
    clock = app.clock
    assert isinstance(clock, FixedClock)
    try:
        course = app.save_course(build_course())
        answers = {e.id: _right_answer(e) for e in course.exercises()}
        ids = []
        for n in range(learners):
            learner = app.register_learner(f"L{n}", timezone="Europe/London")
            app.enroll(learner.id, course.id)
            ids.append(learner.id)
        _warm_up(app, course, answers)  # statements compiled, course cached: a running app
        storage.close()  # every connection closed: the floor starts from the file as it is now
        snapshot = folder / f"{database.stem}-before.db"
        shutil.copy(database, snapshot)
        recorder = _Recorder()
        event.listen(storage.engine, "before_cursor_execute", recorder.statement)
        event.listen(storage.engine, "commit", recorder.commit)
        event.listen(storage.engine, "rollback", recorder.rollback)
        cpu, wall = time.process_time(), time.perf_counter()
        xp = 0
        phases = [0.0, 0.0, 0.0]
        for learner_id in ids:
            for lesson in course.lessons:
                xp += _play(app, learner_id, lesson, answers, phases)
                clock.advance(seconds=30)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        # The check below is not timed, so the floor must not replay its statements either.
        event.remove(storage.engine, "before_cursor_execute", recorder.statement)
        event.remove(storage.engine, "commit", recorder.commit)
        event.remove(storage.engine, "rollback", recorder.rollback)
        lessons = learners * len(course.lessons)
        if xp <= 0 or sum(app.stats(learner_id).lessons_completed for learner_id in ids) != lessons:
            raise AssertionError("the lessons were not all counted")
    finally:
        storage.close()
    statements = sum(1 for sql, _, _ in recorder.calls if sql not in ("COMMIT", "ROLLBACK"))
    floor_cpu, floor_wall = _replay(snapshot, recorder.calls)
    return {
        "rate_cpu": lessons / cpu, "rate_wall": lessons / wall, "floor_cpu": lessons / floor_cpu,
        "floor_wall": lessons / floor_wall, "statements": statements / lessons,
        "start_ms": phases[0] / lessons * 1000, "ten_answers_ms": phases[1] / lessons * 1000,
        "complete_ms": phases[2] / lessons * 1000,
    }


def _memory_lessons_once(learners: int) -> float:
    """The same lessons on the in-memory backend: completions per CPU second, for context."""
    clock = FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    app = learncore.bootstrap(clock=clock, load_entry_points=False)
    course = app.save_course(build_course())
    answers = {e.id: _right_answer(e) for e in course.exercises()}
    ids = []
    for n in range(learners):
        learner = app.register_learner(f"L{n}", timezone="Europe/London")
        app.enroll(learner.id, course.id)
        ids.append(learner.id)
    _warm_up(app, course, answers)
    cpu = time.process_time()
    for learner_id in ids:
        for lesson in course.lessons:
            _play(app, learner_id, lesson, answers)
            clock.advance(seconds=30)
    return learners * len(course.lessons) / (time.process_time() - cpu)


def bench_complete_lesson_sqlite(quick: bool) -> dict[str, object]:
    learners = 5 if quick else 20
    repeat = 3 if quick else 5
    with tempfile.TemporaryDirectory() as folder:
        runs = [_sqlite_lessons_once(Path(folder), learners) for _ in range(repeat)]
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    memory = statistics.median(_memory_lessons_once(learners) for _ in range(repeat))
    return metric(
        "sql.complete_lesson_sqlite", median["rate_cpu"], "completions/s", ">=500 (ratio >= 0.4)",
        baseline="raw-SQL floor: the same statements and transactions through sqlite3",
        ratio=round(median["rate_cpu"] / median["floor_cpu"], 3),
        clock="cpu",
        wall_per_s=round(median["rate_wall"], 1),
        floor_per_s=round(median["floor_cpu"], 1),
        floor_wall_per_s=round(median["floor_wall"], 1),
        statements_per_completion=round(median["statements"], 1),
        answers_per_completion=EXERCISES_PER_LESSON + 1,
        start_ms=round(median["start_ms"], 2),
        ten_answers_ms=round(median["ten_answers_ms"], 2),
        complete_ms=round(median["complete_ms"], 2),
        memory_per_s=round(memory, 1),
        lessons=learners * 4,
    )


# --- PostgreSQL, 8 workers -----------------------------------------------------------------


def _postgres_url() -> str:
    return os.environ.get(
        "LEARNCORE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )


# Enough hearts that concurrent first plays of a learner's lessons never run out.
_POSTGRES_POLICIES = RewardPolicies(hearts=HeartsPolicy(max_hearts=100))
_POSTGRES_START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
_WORKERS, _LEARNERS = 8, 8


def _postgres_app(url: str) -> learncore.Learncore:
    storage = SqlStorage.open(url, {"pool_size": _WORKERS})
    return learncore.bootstrap(storage, clock=FixedClock(_POSTGRES_START), load_entry_points=False,
                               policies=_POSTGRES_POLICIES)


class _Workload(NamedTuple):
    """What every worker plays: each of its lessons a random lesson for a random learner."""

    course_id: UUID
    learner_ids: list[UUID]
    answers: dict[UUID, Any]
    lessons_per_worker: int


def _play_lessons(
    app: learncore.Learncore, course: Course, workload: _Workload, seed: int
) -> list[tuple[UUID, int]]:
    """One worker's lessons: (learner, XP it was told) for each."""
    rnd = random.Random(seed)
    told = []
    for _ in range(workload.lessons_per_worker):
        learner_id = rnd.choice(workload.learner_ids)
        told.append((learner_id, _play(app, learner_id, rnd.choice(course.lessons), workload.answers)))
    return told


def _in_threads(
    app: learncore.Learncore, course: Course, workload: _Workload
) -> tuple[list[tuple[UUID, int]], float]:
    """8 worker threads sharing one app: what they were told, and the process's CPU seconds."""
    told: list[tuple[UUID, int]] = []
    errors: list[BaseException] = []

    def worker(seed: int) -> None:
        try:
            told.extend(_play_lessons(app, course, workload, seed))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(_WORKERS)]
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return told, time.process_time() - cpu


def _worker_process(url: str, workload: _Workload, seed: int, signals: tuple[Any, Any, Any]) -> None:
    """One app-server process: its own app and connections, warmed up, then timed lessons."""
    ready, go, results = signals
    try:
        app = _postgres_app(url)
        course = app.course(workload.course_id)
        _warm_up(app, course, workload.answers)  # its own warm-up learner, untimed, as a running server
        ready.put(seed)
        go.wait()
        cpu = time.process_time()
        told = _play_lessons(app, course, workload, seed)
        results.put((told, time.process_time() - cpu, None))
        app.close()
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        results.put(([], 0.0, repr(exc)))


def _in_processes(url: str, workload: _Workload) -> tuple[list[tuple[UUID, int]], float, float]:
    """8 worker processes: what they were told, their CPU seconds, and the wall seconds of the lessons."""
    import multiprocessing  # noqa: PLC0415 - only this benchmark starts processes

    context = multiprocessing.get_context("spawn")  # no forked engine or connection
    ready, go, results = context.Queue(), context.Event(), context.Queue()
    processes = [
        context.Process(target=_worker_process, args=(url, workload, seed, (ready, go, results)))
        for seed in range(_WORKERS)
    ]
    for process in processes:
        process.start()
    try:
        _wait_until_ready(processes, ready, results)
        wall = time.perf_counter()
        go.set()
        outcomes = [results.get(timeout=600) for _ in processes]
        wall = time.perf_counter() - wall
    finally:
        for process in processes:
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
    failures = [error for _, _, error in outcomes if error]
    if failures:
        raise RuntimeError(f"a worker process failed: {failures[0]}")
    told = [entry for entries, _, _ in outcomes for entry in entries]
    return told, sum(cpu for _, cpu, _ in outcomes), wall


def _wait_until_ready(processes: list[Any], ready: Any, results: Any) -> None:
    """Until every worker has started, imported and warmed up; a worker that died says why."""
    import queue  # noqa: PLC0415 - only this benchmark starts processes

    waiting = len(processes)
    while waiting:
        try:
            ready.get(timeout=2)
            waiting -= 1
        except queue.Empty:
            dead = [p.exitcode for p in processes if p.exitcode is not None]
            if dead:
                try:
                    reason = results.get_nowait()[2]  # the error a failing worker reported
                except queue.Empty:
                    reason = f"exit code {dead[0]}"
                raise RuntimeError(f"a worker process stopped before it was ready: {reason}") from None


def _lost_updates(app: learncore.Learncore, learner_ids: list[UUID], told: list[tuple[UUID, int]]) -> int:
    """XP points and lessons the stored totals miss against what the workers were told."""
    lost = 0
    for learner_id in learner_ids:
        xp = [earned for whom, earned in told if whom == learner_id]
        stats = app.stats(learner_id)
        lost += abs(stats.total_xp - sum(xp)) + abs(stats.lessons_completed - len(xp))
    return lost


def bench_complete_lesson_postgres(quick: bool) -> list[dict[str, object]]:
    lessons_per_worker = 6 if quick else 25
    base = parse_url(_postgres_url())
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool,
                          connect_args={"connect_timeout": 3})
    name = f"lc_bench_{secrets.token_hex(4)}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no server here: say so instead of a figure
        admin.dispose()
        reason = f"PostgreSQL unreachable: {str(exc).splitlines()[0]}"
        return [metric(bench, 0.0, "completions/s", ">=400", skipped=reason)
                for bench in ("sql.complete_lesson_postgres_8w", "sql.complete_lesson_postgres_8p")]
    url = base.set(database=name).render_as_string(hide_password=False)
    SqlStorage.open(url, {"migrate": True}).close()
    app = _postgres_app(url)
    lines = []
    try:
        # Every lesson open from the start, so workers can play any of them in any order.
        course = app.save_course(attrs.evolve(build_course(), unlock_rule=UnlockRule.PREREQUISITES))
        answers = {e.id: _right_answer(e) for e in course.exercises()}
        lessons = _WORKERS * lessons_per_worker
        common = {"workers": _WORKERS, "learners": _LEARNERS, "lessons": lessons,
                  "answers_per_completion": EXERCISES_PER_LESSON + 1}
        # Threads: 8 workers in one process, one app, one connection pool.
        workload = _Workload(course.id, _learners(app, course, "T"), answers, lessons_per_worker)
        _warm_up(app, course, answers)  # not one of the workload's learners: not checked
        wall = time.perf_counter()
        told, cpu = _in_threads(app, course, workload)
        wall = time.perf_counter() - wall
        lost = _lost_updates(app, workload.learner_ids, told)
        if lost:  # zero lost updates, or no figure at all
            raise AssertionError(f"{lost} XP points or lessons were lost under concurrency (threads)")
        lines.append(metric("sql.complete_lesson_postgres_8w", lessons / wall, "completions/s", ">=400",
                            clock="wall", cpu_per_s=round(lessons / cpu, 1), lost_updates=lost,
                            **common))
        # Processes: 8 app-server processes, as a deployment runs them; other learners.
        workload = _Workload(course.id, _learners(app, course, "P"), answers, lessons_per_worker)
        told, cpu, wall = _in_processes(url, workload)
        lost = _lost_updates(app, workload.learner_ids, told)
        if lost:
            raise AssertionError(f"{lost} XP points or lessons were lost under concurrency (processes)")
        lines.append(metric("sql.complete_lesson_postgres_8p", lessons / wall, "completions/s",
                            "report (goal of 8w: >=400)", clock="wall",
                            cpu_per_s=round(lessons / cpu, 1), lost_updates=lost, **common))
    finally:
        app.close()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return lines


def _learners(app: learncore.Learncore, course: Course, prefix: str) -> list[UUID]:
    ids = []
    for n in range(_LEARNERS):
        learner = app.register_learner(f"{prefix}{n}", timezone="Europe/London")
        app.enroll(learner.id, course.id)
        ids.append(learner.id)
    return ids


def run(quick: bool) -> list[dict[str, object]]:
    """The SQL storage metrics."""
    return [
        bench_complete_lesson_sqlite(quick),
        *bench_complete_lesson_postgres(quick),
        bench_course_tree_load(quick),
    ]

