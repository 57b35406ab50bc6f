"""import_course / export_course through the facade: versions, progress, all-or-nothing, round trips."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest

import learncore
from learncore.content import export_course, import_course
from learncore.content.importing import read_course
from learncore.domain.progress import LessonProgress, LessonStatus
from learncore.errors import AlreadyExists, InvalidCourseFile
from learncore.testing import FixedClock
from learncore.testing.builders import rich_course

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "examples" / "content" / "spanish-basics"
LIBRELINGO = ROOT / "tests" / "fixtures" / "librelingo" / "spanish-from-english"
T0 = datetime(2026, 3, 29, 9, 0, tzinfo=UTC)


@pytest.fixture
def app():
    return learncore.bootstrap(load_entry_points=False, clock=FixedClock(T0))


@pytest.fixture
def sample(tmp_path) -> Path:
    """A private copy of the sample course, free to edit."""
    target = tmp_path / "spanish-basics"
    shutil.copytree(SAMPLE, target)
    return target


def progress_on(app, learner_id, course):
    with app.transaction() as uow:
        return {p.lesson_id: p for p in uow.progress.list_lesson_progress(learner_id, course.id)}


def complete(app, learner, course, lessons):
    with app.transaction() as uow:
        for lesson in lessons:
            uow.progress.save_lesson_progress(
                LessonProgress(
                    learner_id=learner.id,
                    lesson_id=lesson.id,
                    course_id=course.id,
                    status=LessonStatus.COMPLETED,
                    attempts=1,
                    best_score=100.0,
                    completion_count=1,
                    updated_at=T0,
                )
            )
        uow.commit()


def test_the_sample_course_imports_with_every_exercise_type(app):
    report = import_course(SAMPLE, app)
    course = app.course("spanish-basics")
    assert report.created
    assert not report.unchanged
    assert report.version == 1
    assert (report.sections.added, report.units.added, report.lessons.added) == (2, 6, 20)
    assert report.exercises.added == sum(1 for _ in course.exercises())
    assert {str(e.type) for e in course.exercises()} == {
        "translate",
        "multiple_choice",
        "listen_type",
        "speak",
        "word_bank",
        "match_pairs",
        "fill_blank",
    }
    assert app.language("es").native_name == "Español"
    assert any(e.audio is not None for e in course.exercises())
    assert [entry.action for entry in app.audit_log()][:2] == ["course.import", "course.create"]


def test_importing_the_same_file_twice_writes_nothing(app):
    import_course(SAMPLE, app)
    audit_before = len(app.audit_log(limit=1000))
    activity_before = len(app.activity(limit=1000))
    report = import_course(SAMPLE, app)
    assert report.unchanged
    assert report.version == 1
    assert report.lessons.unchanged == 20
    assert report.lessons.added == 0
    assert len(app.audit_log(limit=1000)) == audit_before
    assert len(app.activity(limit=1000)) == activity_before
    with app.transaction() as uow:
        assert [v.version for v in uow.content_versions.list_versions(report.course_id)] == [1]


def test_an_edited_course_updates_in_place_keeps_progress_and_archives_the_rest(app, sample):
    first = import_course(sample, app)
    course = app.course(first.course_id)
    ana = app.register_learner("Ana")
    hello, goodbye, polite = course.lessons[:3]
    complete(app, ana, course, [hello, goodbye, polite])

    unit = sample / "units" / "greetings.yaml"
    text = unit.read_text()
    # Rename a lesson's title, drop the "goodbye" lesson, add an exercise.
    text = text.replace("title: Hello\n", "title: Hello there\n", 1)
    start = text.index("  - id: goodbye")
    end = text.index("  - id: polite")
    text = text[:start] + text[end:]
    text = text.replace(
        "      - id: polite-fill\n",
        "      - id: polite-new\n        type: translate\n        prompt: Thanks\n"
        "        answers: [Gracias]\n"
        "      - id: polite-fill\n",
    )
    unit.write_text(text)

    report = import_course(sample, app)
    assert report.version == 2
    assert not report.created
    # "hello" has a new title; the two lessons after "goodbye" moved up one place.
    assert report.lessons.changed == 3
    assert report.lessons.removed == 1
    assert report.exercises.added == 1
    assert report.exercises.removed == 3
    assert report.archived_progress == 1
    updated = app.course(first.course_id)
    assert updated.id == course.id
    assert updated.lesson(hello.id).title == "Hello there"
    assert not updated.has_lesson(goodbye.id)
    kept = progress_on(app, ana.id, updated)
    assert set(kept) == {hello.id, polite.id}
    with app.transaction() as uow:
        (archived,) = uow.content_versions.list_archived_progress(learner_id=ana.id)
        versions = uow.content_versions.list_versions(course.id)
    assert archived.lesson_id == goodbye.id
    assert archived.course_version == 1
    assert archived.progress.best_score == 100.0
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].changes["lessons"]["removed"] == 1

    # Putting the lesson back brings the learner's progress back.
    shutil.copy(SAMPLE / "units" / "greetings.yaml", unit)
    report = import_course(sample, app)
    assert report.version == 3
    assert report.restored_progress == 1
    assert goodbye.id in progress_on(app, ana.id, app.course(course.id))


def test_an_invalid_course_writes_nothing_and_lists_every_problem(app, sample):
    import_course(sample, app)
    before = app.course("spanish-basics")
    audit = len(app.audit_log(limit=1000))
    unit = sample / "units" / "food.yaml"
    unit.write_text(
        unit.read_text().replace("answers: [bebe]", "answers: ['?']").replace("prompt: Eating", "prompt: x")
    )
    (sample / "units" / "home.yaml").write_text(
        "id: home\ntitle: Home\nlessons: [{id: x, title: X, colour: red}]\n"
    )
    with pytest.raises(InvalidCourseFile) as caught:
        import_course(sample, app)
    messages = [p.message for p in caught.value.problems]
    assert any("empty once normalised" in m for m in messages)
    assert any("unknown field 'colour'" in m for m in messages)
    assert app.course("spanish-basics") == before
    assert len(app.audit_log(limit=1000)) == audit


def test_a_failure_inside_the_unit_of_work_rolls_everything_back(app, sample):
    other = attrs.evolve(rich_course(), slug="spanish-basics")
    app.save_course(other)
    with pytest.raises(AlreadyExists):
        import_course(sample, app)
    assert [c.id for c in app.courses()] == [other.id]
    with app.transaction() as uow:
        assert uow.content.get_language("es") is None


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_import_export_import_is_lossless_for_the_sample_course(app, tmp_path, suffix):
    import_course(SAMPLE, app)
    original = app.course("spanish-basics")
    path = export_course(app, original.id, tmp_path / f"out/course.{suffix}", media_from=SAMPLE)
    assert (path.parent / "audio" / "hola-amigo.ogg").is_file()
    assert import_course(path, app).unchanged
    converted, _, _ = read_course(path)
    assert attrs.evolve(converted.course, version=1) == original
    fresh = learncore.bootstrap(load_entry_points=False)
    import_course(path, fresh)
    assert fresh.course(original.id) == original
    assert fresh.language("es") == app.language("es")
    # The export keeps the author's keys, not UUIDs.
    text = path.read_text()
    assert "hello-translate" in text
    assert "spanish-basics" in text


def test_a_course_built_through_the_api_round_trips_through_the_format(app, tmp_path):
    course = rich_course()
    app.save_course(course)
    path = export_course(app, course.id, tmp_path / "rich.yaml")
    fresh = learncore.bootstrap(load_entry_points=False)
    import_course(path, fresh)
    # Version numbers belong to a store, not to the file: the fresh store starts at 1.
    assert fresh.course(course.id) == attrs.evolve(course, version=1)
    path_again = export_course(fresh, course.id, tmp_path / "again.yaml")
    assert path_again.read_text() == path.read_text()


def test_the_librelingo_course_round_trips_through_the_learncore_format(app, tmp_path):
    import_course(LIBRELINGO, app, format="librelingo")
    (course,) = app.courses()
    path = export_course(app, course.id, tmp_path)
    assert path.name == "course.yaml"
    fresh = learncore.bootstrap(load_entry_points=False)
    import_course(path, fresh)
    assert fresh.course(course.id) == app.course(course.id)


def test_a_backend_without_content_versions_is_refused_before_anything_is_written():
    from learncore.errors import StorageFeatureMissing
    from learncore.storage.memory import MemoryStorage

    class WithoutVersions(MemoryStorage):
        def unit_of_work(self):
            uow = super().unit_of_work()
            del uow.content_versions
            return uow

    app = learncore.bootstrap(WithoutVersions(), load_entry_points=False)
    with pytest.raises(StorageFeatureMissing, match="ContentVersionRepository"):
        import_course(SAMPLE, app)
    assert app.courses() == []
    assert app.languages() == []
