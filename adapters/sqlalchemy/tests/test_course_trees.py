"""Course trees: a constant number of statements to load, exact round trips, whole-tree replacement."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from learncore_sqlalchemy.mapping.content import TreeReader
from learncore_sqlalchemy.mapping.trusted import init_field_names
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import text

from learncore.domain.audio import AudioAsset, AudioVariant
from learncore.domain.ids import new_id, stable_id
from learncore.domain.learners import Learner
from learncore.domain.lesson_runs import LessonRun
from learncore.errors import InvalidContent
from learncore.testing import large_course, rich_course, sample_course

TREE_TABLES = ["lc_sections", "lc_units", "lc_lessons", "lc_lesson_prerequisites", "lc_lesson_assets",
               "lc_audio_assets", "lc_audio_variants", "lc_exercises", "lc_exercise_options",
               "lc_exercise_tags"]

# The conftest fixture statements_sent: what a block sends, transaction control left out.
StatementRecorder = Callable[[SqlStorage], AbstractContextManager[list[str]]]


def _save(storage: SqlStorage, *courses: Any) -> None:
    with storage.unit_of_work() as uow:
        for course in courses:
            uow.content.save_course(course)
        uow.commit()


def _rows(storage: SqlStorage, course_id: object) -> dict[str, int]:
    value = course_id if storage.engine.dialect.name == "postgresql" else course_id.hex  # type: ignore[attr-defined]
    with storage.engine.connect() as connection:
        return {
            table: connection.execute(
                text(f"SELECT COUNT(*) FROM {table} WHERE course_id = :id"), {"id": value}
            ).scalar_one()
            for table in TREE_TABLES
        }


def test_loading_a_tree_takes_the_same_few_statements_whatever_its_size(
    any_storage: SqlStorage, statements_sent: StatementRecorder
) -> None:
    small, big = rich_course("small"), large_course("big", sections=2, units=3, lessons=4, exercises=15)
    _save(any_storage, small, big)
    counts = []
    for course in (small, big):
        with any_storage.unit_of_work() as uow, statements_sent(any_storage) as statements:
            any_storage.course_cache.clear()  # count the queries, not the cache
            assert uow.content.get_course(course.id) == course
            any_storage.course_cache.clear()
            assert uow.content.get_course_by_slug(course.slug) == course
        counts.append(len(statements) / 2)
    assert counts[0] == counts[1] <= 6
    assert counts[0] == 6  # both courses have audio, so every query runs


def test_a_cached_tree_costs_one_statement_until_the_course_is_saved_again(
    any_storage: SqlStorage, statements_sent: StatementRecorder
) -> None:
    course = sample_course("cached")
    _save(any_storage, course)
    with any_storage.unit_of_work() as uow:
        first = uow.content.get_course(course.id)
    with any_storage.unit_of_work() as uow, statements_sent(any_storage) as statements:
        assert uow.content.get_course(course.id) is first
        assert uow.content.get_course_by_slug("cached") is first
    assert len(statements) == 2
    edited = attrs.evolve(course, title="Edited", version=2)
    with any_storage.unit_of_work() as uow:  # an edit that is rolled back is never served
        uow.content.save_course(edited)
        assert uow.content.get_course(course.id) == edited
    with any_storage.unit_of_work() as uow:
        assert uow.content.get_course(course.id) == course
    _save(any_storage, edited)
    with any_storage.unit_of_work() as uow:
        assert uow.content.get_course(course.id) == edited


def test_a_run_brings_its_course_revision_so_a_cached_tree_costs_nothing(
    any_storage: SqlStorage, statements_sent: StatementRecorder
) -> None:
    course = sample_course("by-run")
    _save(any_storage, course)
    lesson = course.lessons[0]
    with any_storage.unit_of_work() as uow:  # a learner with a run of the first lesson
        person = Learner(id=new_id(), display_name="R")
        uow.learners.add(person)
        run = LessonRun(id=new_id(), learner_id=person.id, course_id=course.id, lesson_id=lesson.id,
                        started_at=datetime(2026, 1, 1, tzinfo=UTC),
                        exercise_ids=[e.id for e in lesson.exercises], queue=[])
        uow.runs.save_run(run)
        uow.commit()
        cached = uow.content.get_course(course.id)
    with any_storage.unit_of_work() as uow, statements_sent(any_storage) as statements:
        assert uow.runs.get_run(run.id, for_update=True) == run
        assert uow.content.get_course(course.id) is cached
        assert uow.content.course_id_of_lesson(lesson.id) == course.id
        assert uow.content.get_course(course.id) is cached
    assert len(statements) == 2
    # Another storage on the same database edits the course: the next run read brings
    # the new revision, and the stale tree is not served.
    other = SqlStorage(any_storage.engine, any_storage.options)
    edited = attrs.evolve(course, title="Edited by another process", version=2)
    _save(other, edited)
    with any_storage.unit_of_work() as uow:
        assert uow.runs.get_run(run.id) == run
        assert uow.content.get_course(course.id) == edited
    with any_storage.unit_of_work() as uow:  # and a course saved in the unit of work is read back
        assert uow.runs.get_run(run.id) == run
        uow.content.save_course(course)
        assert uow.content.get_course(course.id) == course


def test_trees_are_not_cached_when_the_cache_is_off(
    sqlite_url: str, statements_sent: StatementRecorder
) -> None:
    storage = SqlStorage.open(sqlite_url, {"course_cache_size": 0})
    try:
        course = sample_course()
        _save(storage, course)
        with storage.unit_of_work() as uow, statements_sent(storage) as statements:
            assert uow.content.get_course(course.id) == uow.content.get_course(course.id)
        assert len(statements) == 10
    finally:
        storage.close()


def test_a_course_without_audio_skips_the_variants_query(
    any_storage: SqlStorage, statements_sent: StatementRecorder
) -> None:
    course = sample_course()
    _save(any_storage, course)
    with any_storage.unit_of_work() as uow, statements_sent(any_storage) as statements:
        any_storage.course_cache.clear()
        assert uow.content.get_course(course.id) == course
    assert len(statements) == 5


def test_a_large_tree_round_trips_exactly_with_and_without_validation(any_storage: SqlStorage) -> None:
    course = large_course("large", sections=2, units=2, lessons=3, exercises=12)
    _save(any_storage, course)
    validating = SqlStorage(any_storage.engine, attrs.evolve(any_storage.options, validate_on_load=True))
    for storage in (any_storage, validating):
        with storage.unit_of_work() as uow:
            loaded = uow.content.get_course(course.id)
        assert loaded == course
        assert loaded is not None
        assert [e.id for e in loaded.exercises()] == [e.id for e in course.exercises()]
        assert loaded.requirements(course.lessons[3].id) == course.requirements(course.lessons[3].id)


def test_trusted_loading_skips_validation_that_validate_on_load_restores(sqlite_storage: SqlStorage) -> None:
    course = sample_course()
    _save(sqlite_storage, course)
    with sqlite_storage.engine.begin() as connection:  # a hand edit that breaks a domain rule
        connection.execute(text("UPDATE lc_exercises SET prompt = '   '"))
    with sqlite_storage.unit_of_work() as uow:
        assert uow.content.get_course(course.id) is not None
    options = attrs.evolve(sqlite_storage.options, validate_on_load=True)
    validating = SqlStorage(sqlite_storage.engine, options)
    with validating.unit_of_work() as uow, pytest.raises(InvalidContent, match=r"Exercise\.prompt"):
        uow.content.get_course(course.id)


def test_saving_a_course_again_leaves_no_rows_of_the_old_tree(any_storage: SqlStorage) -> None:
    original = rich_course()
    smaller = attrs.evolve(
        original,
        sections=[attrs.evolve(original.sections[0], units=[original.sections[0].units[1]])],
        prerequisites=[],
        version=4,
    )
    _save(any_storage, original)
    assert all(count > 0 for count in _rows(any_storage, original.id).values())
    _save(any_storage, smaller)
    expected = {
        "lc_sections": 1, "lc_units": 1, "lc_lessons": 2, "lc_lesson_prerequisites": 0,
        "lc_lesson_assets": 0, "lc_audio_assets": 0, "lc_audio_variants": 0,
        "lc_exercises": 14, "lc_exercise_options": 12, "lc_exercise_tags": 0,
    }
    assert _rows(any_storage, original.id) == expected
    with any_storage.unit_of_work() as uow:
        assert uow.content.get_course(original.id) == smaller


def test_deleting_a_course_cascades_to_every_tree_table(any_storage: SqlStorage) -> None:
    course, other = rich_course("gone"), rich_course("kept")
    _save(any_storage, course, other)
    with any_storage.unit_of_work() as uow:
        assert uow.content.delete_course(course.id)
        uow.commit()
    assert set(_rows(any_storage, course.id).values()) == {0}
    assert all(count > 0 for count in _rows(any_storage, other.id).values())


def test_tags_are_shared_between_courses_and_stored_once(any_storage: SqlStorage) -> None:
    _save(any_storage, rich_course("one"), rich_course("two"))
    with any_storage.engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM lc_tags")).scalar_one() == 2
        assert connection.execute(text("SELECT COUNT(*) FROM lc_exercise_tags")).scalar_one() == 4


def test_two_exercises_may_share_an_audio_asset_only_if_it_is_the_same(sqlite_storage: SqlStorage) -> None:
    course = rich_course()
    fancy = next(e for e in course.exercises() if e.audio is not None)
    assert fancy.audio is not None
    shared = attrs.evolve(course.lessons[1].exercises[0], audio=fancy.audio)
    same = _replace_exercise(course, shared)
    _save(sqlite_storage, same)
    with sqlite_storage.unit_of_work() as uow:
        assert uow.content.get_course(course.id) == same
    different_audio = AudioAsset(id=fancy.audio.id, variants=[AudioVariant("low", "https://x.example/a.ogg")])
    clash = _replace_exercise(course, attrs.evolve(shared, audio=different_audio))
    with sqlite_storage.unit_of_work() as uow, pytest.raises(InvalidContent, match="audio asset"):
        uow.content.save_course(clash)


def _replace_exercise(course: Any, exercise: Any) -> Any:
    sections = []
    for section in course.sections:
        units = []
        for unit in section.units:
            lessons = [
                attrs.evolve(
                    lesson, exercises=[exercise if e.id == exercise.id else e for e in lesson.exercises]
                )
                for lesson in unit.lessons
            ]
            units.append(attrs.evolve(unit, lessons=lessons))
        sections.append(attrs.evolve(section, units=units))
    return attrs.evolve(course, sections=sections)


def test_plugin_exercise_types_and_their_extra_data_survive(sqlite_storage: SqlStorage) -> None:
    course = rich_course()
    _save(sqlite_storage, course)
    with sqlite_storage.unit_of_work() as uow:
        loaded = uow.content.get_course(course.id)
    assert loaded is not None
    plugin = loaded.exercise(stable_id("rich", "plugin"))
    assert plugin.type == "acme:drag_drop"
    assert plugin.extra == {"targets": {"a": 1}}


def test_the_reader_names_every_field_of_the_domain_classes() -> None:
    # A new domain field must reach the mapping; the trusted constructors refuse to
    # build an object with a field missing, and the queries select these columns.
    from learncore.domain.courses import Course
    from learncore.domain.exercises import Exercise

    assert set(TreeReader.COURSE) <= set(init_field_names(Course))
    assert set(init_field_names(Course)) - set(TreeReader.COURSE) == {"sections", "prerequisites"}
    exercise_fields = set(init_field_names(Exercise))
    assert exercise_fields - set(TreeReader.EXERCISE) == {"options", "tags", "audio"}


def test_courses_and_languages_are_listed_in_code_point_order_on_every_database(
    any_storage: SqlStorage,
) -> None:
    # PostgreSQL's usual collations skip dashes and fold case at first; the storage
    # orders like Python's sorted(), as the in-memory backend does.
    from learncore.domain.languages import Language

    slugs = ["ab", "a-course", "a1", "b"]
    codes = ["pt", "pt-BR", "pta", "zh-Hant", "zh-hans"]
    with any_storage.unit_of_work() as uow:
        for slug in slugs:
            uow.content.save_course(sample_course(slug, units=1, lessons_per_unit=1))
        for code in codes:
            uow.content.save_language(Language(code, code))
        uow.commit()
    with any_storage.unit_of_work() as uow:
        assert [c.slug for c in uow.content.list_courses()] == sorted(slugs)
        assert [lang.code for lang in uow.content.list_languages()] == sorted(
            lang.code for lang in (Language(code, code) for code in codes)
        )
