"""Faults: connections killed mid-transaction, lock contention, unique violations."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from learncore_sqlalchemy.storage import SqlStorage
from learncore_sqlalchemy.unit_of_work import SqlUnitOfWork
from sqlalchemy import event, text

from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.domain.progress import Enrollment
from learncore.errors import AlreadyExists, ConcurrentUpdate, StorageUnavailable
from learncore.testing import sample_course

if TYPE_CHECKING:
    from conftest import Server

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SERVERS = ["postgresql", "mariadb"]


def _learner() -> Learner:
    return Learner(id=new_id(), display_name="Ana", created_at=T0)


@pytest.fixture(params=SERVERS)
def server_storage(request: pytest.FixtureRequest) -> tuple[SqlStorage, Server]:
    name = "postgres" if request.param == "postgresql" else "mariadb"
    return request.getfixturevalue(f"{name}_storage"), request.getfixturevalue(f"{name}_server")


def _kill(server: Server, uow: SqlUnitOfWork) -> None:
    """Kill the unit of work's connection from a second, administrative connection."""
    with server.admin.connect() as admin:
        if server.dialect == "postgresql":
            pid = uow.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
        else:
            pid = uow.session.execute(text("SELECT CONNECTION_ID()")).scalar_one()
            admin.execute(text(f"KILL {int(pid)}"))


def _counts(storage: SqlStorage) -> dict[str, int]:
    tables = ["lc_learners", "lc_enrollments", "lc_courses", "lc_sections", "lc_units", "lc_lessons",
              "lc_exercises", "lc_exercise_options", "lc_activity_log", "lc_audit_log"]
    with storage.engine.connect() as connection:
        return {t: connection.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in tables}


def test_a_connection_killed_before_commit_leaves_no_learner_or_enrollment(
    server_storage: tuple[SqlStorage, Server],
) -> None:
    storage, server = server_storage
    learner = _learner()
    with storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.progress.save_enrollment(
            Enrollment(id=new_id(), learner_id=learner.id, course_id=new_id(), enrolled_at=T0)
        )
        _kill(server, uow)
        with pytest.raises(StorageUnavailable) as caught:
            uow.commit()
    assert "check that the server is running" in str(caught.value)
    assert all(count == 0 for count in _counts(storage).values())
    # The pool drops the dead connection; the next unit of work just works.
    with storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.commit()
    assert _counts(storage)["lc_learners"] == 1


def test_a_connection_killed_in_the_middle_of_a_course_save_leaves_no_partial_tree(
    server_storage: tuple[SqlStorage, Server],
) -> None:
    storage, server = server_storage
    course = sample_course("killed", units=3, lessons_per_unit=3)
    uow = storage.unit_of_work()

    def kill_before_exercises(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Sections, units and lessons are written by now; exercises come next.
        if statement.startswith("INSERT INTO lc_exercises "):
            event.remove(storage.engine, "before_cursor_execute", kill_before_exercises)
            _kill(server, uow)

    event.listen(storage.engine, "before_cursor_execute", kill_before_exercises)
    try:
        with uow, pytest.raises(StorageUnavailable):
            uow.content.save_course(course)
    finally:
        if event.contains(storage.engine, "before_cursor_execute", kill_before_exercises):
            event.remove(storage.engine, "before_cursor_execute", kill_before_exercises)
    assert all(count == 0 for count in _counts(storage).values())
    with storage.unit_of_work() as check:
        assert check.content.get_course(course.id) is None


def test_a_lock_held_too_long_is_a_concurrent_update_safe_to_retry(
    server_storage: tuple[SqlStorage, Server],
) -> None:
    storage, server = server_storage
    learner = _learner()
    with storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.commit()
    holding, release = threading.Event(), threading.Event()

    def hold_the_row() -> None:
        with storage.unit_of_work() as uow:
            uow.learners.get(learner.id, for_update=True)
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert holding.wait(10)
        with storage.unit_of_work() as uow:
            if server.dialect == "postgresql":
                uow.session.execute(text("SET LOCAL lock_timeout = '200ms'"))
            else:
                uow.session.execute(text("SET SESSION innodb_lock_wait_timeout = 1"))
            with pytest.raises(ConcurrentUpdate, match="safe to retry"):
                uow.learners.get(learner.id, for_update=True)
    finally:
        release.set()
        holder.join()
    # Once the lock is gone, the same work succeeds.
    with storage.unit_of_work() as uow:
        assert uow.learners.get(learner.id, for_update=True) == learner


def test_sqlite_waits_for_the_write_lock_then_reports_contention(sqlite_url: str) -> None:
    storage = SqlStorage.open(sqlite_url, {"busy_timeout": 0.2})
    try:
        with storage.unit_of_work() as first:
            first.learners.add(_learner())  # takes the write lock (BEGIN IMMEDIATE)
            with pytest.raises(ConcurrentUpdate), storage.unit_of_work() as second:
                second.learners.list()
    finally:
        storage.close()


def test_unique_violations_are_typed_and_leave_the_unit_of_work_usable(any_storage: SqlStorage) -> None:
    course = sample_course("first")
    clash = attrs.evolve(sample_course("second"), sections=course.sections)  # same lesson ids
    learner = _learner()
    with any_storage.unit_of_work() as uow:
        uow.content.save_course(course)
        uow.learners.add(learner)
        uow.commit()
    with any_storage.unit_of_work() as uow:
        with pytest.raises(AlreadyExists) as caught:
            uow.content.save_course(clash)
        assert caught.value.kind == "section"
        with pytest.raises(AlreadyExists, match="learner"):
            uow.learners.add(learner)
        # Still usable: PostgreSQL would otherwise refuse every statement after an error.
        other = _learner()
        uow.learners.add(other)
        uow.commit()
    with any_storage.unit_of_work() as uow:
        assert uow.learners.get(other.id) == other
        assert uow.content.get_course_by_slug("second") is None


def test_an_exercise_id_taken_by_another_course_is_named(any_storage: SqlStorage) -> None:
    course = sample_course("first")
    lesson = course.lessons[0]
    stolen = lesson.exercises[0]
    other = sample_course("second")
    first_lesson = other.lessons[0]
    edited_lesson = attrs.evolve(
        first_lesson, exercises=[*first_lesson.exercises[1:], attrs.evolve(stolen, position=99)]
    )
    first_unit = other.sections[0].units[0]
    unit = attrs.evolve(first_unit, lessons=[edited_lesson, *first_unit.lessons[1:]])
    section = attrs.evolve(other.sections[0], units=[unit, *other.sections[0].units[1:]])
    other = attrs.evolve(other, sections=[section])
    with any_storage.unit_of_work() as uow:
        uow.content.save_course(course)
        uow.commit()
    with any_storage.unit_of_work() as uow, pytest.raises(AlreadyExists) as caught:
        uow.content.save_course(other)
    assert caught.value.kind == "exercise"
    assert caught.value.key == stolen.id


def test_a_connection_killed_in_the_middle_of_a_lesson_completion_leaves_nothing_of_it(
    postgres_storage: SqlStorage, postgres_server: Server
) -> None:
    import learncore
    from learncore.testing import FixedClock, correct_answer

    storage, server = postgres_storage, postgres_server
    app = learncore.bootstrap(storage, clock=FixedClock(T0), load_entry_points=False)
    course = app.save_course(sample_course("killed-loop"))
    ana = app.register_learner("Ana")
    app.enroll(ana.id, course.id)
    run = app.start_lesson(ana.id, course.lessons[0].id)
    for exercise in run.exercises:
        app.submit_answer(run.id, exercise.id, correct_answer(exercise))
    before = app.stats(ana.id), app.lesson_progress(ana.id, course.id), app.enrollments(ana.id)
    activity = len(app.activity(ana.id, limit=1000))

    killed: list[int] = []

    def kill_at_the_totals(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # XP, the ledger day, the streak, enrolment and lesson progress are written by now.
        if statement.startswith("INSERT INTO lc_learner_totals") and not killed:
            killed.append(conn.connection.dbapi_connection.info.backend_pid)
            with server.admin.connect() as admin:
                admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed[0]})

    event.listen(storage.engine, "before_cursor_execute", kill_at_the_totals)
    try:
        with pytest.raises(StorageUnavailable):
            app.complete_lesson(run.id)
    finally:
        event.remove(storage.engine, "before_cursor_execute", kill_at_the_totals)
    assert killed
    assert (app.stats(ana.id), app.lesson_progress(ana.id, course.id), app.enrollments(ana.id)) == before
    assert len(app.activity(ana.id, limit=1000)) == activity
    assert app.lesson_run(run.id).status.value == "active"
    with storage.engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM lc_ledger_days")).scalar_one() == 0
    summary = app.complete_lesson(run.id)  # once the database is back, it completes, once
    assert app.stats(ana.id).total_xp == summary.xp.total > 0
