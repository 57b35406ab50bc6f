"""The storage contract: behaviour every storage backend must share.

Run it against your backend by subclassing and providing a ``storage`` fixture that
yields a fresh, empty, opened :class:`~learncore.ports.Storage`::

    import pytest
    from learncore.testing.storage_contract import StorageContract

    class TestMyBackend(StorageContract):
        @pytest.fixture
        def storage(self, tmp_path):
            backend = open_my_backend(tmp_path / "db")
            yield backend
            backend.close()
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from learncore.domain.content_versions import CourseVersion
from learncore.domain.courses import Course
from learncore.domain.events import LearnerRegistered
from learncore.domain.ids import new_id
from learncore.domain.languages import Language
from learncore.domain.learners import Learner
from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.domain.progress import Enrollment, EnrollmentStatus, LessonProgress, LessonStatus
from learncore.errors import AlreadyExists, UnknownLearner
from learncore.ports.storage import Storage
from learncore.testing.builders import rich_course, sample_course
from learncore.testing.loop_contract import LoopStorageContract

__all__ = ["StorageContract"]

T0 = datetime(2026, 3, 29, 0, 30, 15, 123456, tzinfo=UTC)


def _learner(name: str = "Ana", **changes: object) -> Learner:
    fields: dict[str, object] = {
        "id": new_id(),
        "display_name": name,
        "timezone": "Europe/Madrid",
        "created_at": T0,
    }
    fields.update(changes)
    return Learner(**fields)  # type: ignore[arg-type]


class StorageContract(LoopStorageContract):
    """Subclass in a pytest module and provide a ``storage`` fixture.

    The learning loop's repositories are covered by the inherited
    :class:`~learncore.testing.loop_contract.LoopStorageContract` tests.
    """

    @pytest.fixture
    def storage(self) -> Iterator[Storage]:  # pragma: no cover - always overridden
        raise NotImplementedError("provide a 'storage' fixture yielding an empty Storage")

    # --- unit of work ---------------------------------------------------------

    def test_committed_changes_are_visible_to_the_next_unit_of_work(self, storage: Storage) -> None:
        learner = _learner()
        with storage.unit_of_work() as uow:
            uow.learners.add(learner)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.learners.get(learner.id) == learner

    def test_leaving_without_commit_rolls_back(self, storage: Storage) -> None:
        learner = _learner()
        with storage.unit_of_work() as uow:
            uow.learners.add(learner)
        with storage.unit_of_work() as uow:
            assert uow.learners.get(learner.id) is None

    def test_an_exception_rolls_back_every_repository(self, storage: Storage) -> None:
        learner = _learner()
        course = sample_course()
        with pytest.raises(RuntimeError, match="boom"), storage.unit_of_work() as uow:  # noqa: PT012
            uow.learners.add(learner)
            uow.content.save_course(course)
            uow.logs.append_audit(
                AuditEntry(id=new_id(), actor="t", action="a", resource="r", occurred_at=T0)
            )
            raise RuntimeError("boom")
        with storage.unit_of_work() as uow:
            assert uow.learners.get(learner.id) is None
            assert uow.content.get_course(course.id) is None
            assert list(uow.logs.list_audit()) == []

    def test_work_after_a_commit_is_rolled_back_alone(self, storage: Storage) -> None:
        kept, dropped = _learner("Kept"), _learner("Dropped")
        with storage.unit_of_work() as uow:
            uow.learners.add(kept)
            uow.commit()
            uow.learners.add(dropped)
        with storage.unit_of_work() as uow:
            assert uow.learners.get(kept.id) == kept
            assert uow.learners.get(dropped.id) is None

    def test_emitted_events_are_logged_on_commit_and_released_once(self, storage: Storage) -> None:
        learner = _learner()
        event = LearnerRegistered(occurred_at=T0, learner_id=learner.id, display_name="Ana")
        with storage.unit_of_work() as uow:
            uow.learners.add(learner)
            uow.emit(event)
            assert uow.collect_committed_events() == []
            uow.commit()
        assert uow.collect_committed_events() == [event]
        assert uow.collect_committed_events() == []
        with storage.unit_of_work() as uow:
            (entry,) = uow.logs.list_activity(learner.id)
        assert entry.type == "learner_registered"
        assert entry.payload == {"display_name": "Ana"}
        assert entry.occurred_at == T0

    def test_events_of_rolled_back_work_are_dropped(self, storage: Storage) -> None:
        learner = _learner()
        with storage.unit_of_work() as uow:
            uow.learners.add(learner)
            uow.emit(LearnerRegistered(occurred_at=T0, learner_id=learner.id, display_name="A"))
        assert uow.collect_committed_events() == []
        with storage.unit_of_work() as uow:
            assert list(uow.logs.list_activity()) == []

    def test_concurrent_units_of_work_all_land(self, storage: Storage) -> None:
        learners = [_learner(f"L{i}") for i in range(8)]
        errors: list[BaseException] = []

        def add(learner: Learner) -> None:
            try:
                with storage.unit_of_work() as uow:
                    uow.learners.add(learner)
                    uow.commit()
            except BaseException as exc:  # noqa: BLE001 - collected, then asserted in the main thread
                errors.append(exc)

        threads = [threading.Thread(target=add, args=(learner,)) for learner in learners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with storage.unit_of_work() as uow:
            assert {learner.id for learner in uow.learners.list(limit=100)} == {
                learner.id for learner in learners
            }

    # --- content ----------------------------------------------------------------

    def test_languages_round_trip_and_list_by_code(self, storage: Storage) -> None:
        with storage.unit_of_work() as uow:
            uow.content.save_language(Language("es", "Spanish", "Español", "🇪🇸"))
            uow.content.save_language(Language("ar", "Arabic", "العربية", "🇸🇦", "rtl"))
            uow.content.save_language(Language("pt-BR", "Portuguese (Brazil)", "Português"))
            uow.commit()
        with storage.unit_of_work() as uow:
            assert [lang.code for lang in uow.content.list_languages()] == ["ar", "es", "pt-BR"]
            assert uow.content.get_language("ar") == Language("ar", "Arabic", "العربية", "🇸🇦", "rtl")
            assert uow.content.get_language("pt-br") is not None
            assert uow.content.get_language("xx") is None

    def test_saving_a_language_twice_replaces_it(self, storage: Storage) -> None:
        with storage.unit_of_work() as uow:
            uow.content.save_language(Language("es", "Spanish"))
            uow.commit()
        with storage.unit_of_work() as uow:
            uow.content.save_language(Language("es", "Castilian", "Español"))
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.content.list_languages() == [Language("es", "Castilian", "Español")]

    def test_a_course_tree_with_every_field_round_trips(self, storage: Storage) -> None:
        course = rich_course()
        with storage.unit_of_work() as uow:
            uow.content.save_course(course)
            uow.commit()
        with storage.unit_of_work() as uow:
            loaded = uow.content.get_course(course.id)
            by_slug = uow.content.get_course_by_slug(course.slug)
        assert loaded == course
        assert by_slug == course
        assert loaded is not None
        assert [lesson.id for lesson in loaded.lessons] == [lesson.id for lesson in course.lessons]
        assert loaded.exercise(next(iter(course.exercises())).id) is not None

    def test_course_lookup_by_lesson_and_listing(self, storage: Storage) -> None:
        first, second = sample_course("b-course"), sample_course("a-course")
        with storage.unit_of_work() as uow:
            uow.content.save_course(first)
            uow.content.save_course(second)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert [c.slug for c in uow.content.list_courses()] == ["a-course", "b-course"]
            assert uow.content.list_courses()[0] == second.summary()
            assert uow.content.course_id_of_lesson(first.lessons[-1].id) == first.id
            assert uow.content.course_id_of_lesson(new_id()) is None
            assert uow.content.get_course(new_id()) is None
            assert uow.content.get_course_by_slug("nope") is None

    def test_saving_a_course_again_replaces_its_tree(self, storage: Storage) -> None:
        original = sample_course("c", units=2, lessons_per_unit=2)
        section = original.sections[0]
        trimmed_unit = attrs.evolve(section.units[0], lessons=section.units[0].lessons[:1])
        edited = attrs.evolve(
            original,
            title="Edited",
            version=2,
            sections=[attrs.evolve(section, units=[trimmed_unit])],
        )
        removed_lesson = original.lessons[-1].id
        with storage.unit_of_work() as uow:
            uow.content.save_course(original)
            uow.commit()
        with storage.unit_of_work() as uow:
            uow.content.save_course(edited)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.content.get_course(original.id) == edited
            assert uow.content.course_id_of_lesson(removed_lesson) is None

    def test_two_courses_cannot_share_a_slug(self, storage: Storage) -> None:
        first = sample_course("same")
        other = attrs.evolve(sample_course("other"), slug="same")
        with storage.unit_of_work() as uow:
            uow.content.save_course(first)
            uow.commit()
        with storage.unit_of_work() as uow, pytest.raises(AlreadyExists):
            uow.content.save_course(other)

    def test_deleting_a_course_removes_its_tree(self, storage: Storage) -> None:
        course = sample_course()
        with storage.unit_of_work() as uow:
            uow.content.save_course(course)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.content.delete_course(course.id) is True
            assert uow.content.delete_course(course.id) is False
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.content.get_course(course.id) is None
            assert uow.content.course_id_of_lesson(course.lessons[0].id) is None
            assert list(uow.content.list_courses()) == []

    # --- learners ---------------------------------------------------------------

    def test_learner_fields_round_trip(self, storage: Storage) -> None:
        learner = _learner(
            "Zoë 🦉",
            timezone="Australia/Lord_Howe",
            day_start_hour=4,
            daily_goal=50,
            avatar_uri="https://cdn.example/zoe.png",
            preferences={"sound": False, "voices": ["es-MX"]},
        )
        with storage.unit_of_work() as uow:
            uow.learners.add(learner)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.learners.get(learner.id, for_update=True) == learner

    def test_adding_a_learner_twice_is_a_conflict(self, storage: Storage) -> None:
        learner = _learner()
        with storage.unit_of_work() as uow:
            uow.learners.add(learner)
            uow.commit()
        with storage.unit_of_work() as uow, pytest.raises(AlreadyExists):
            uow.learners.add(learner)

    def test_updating_a_learner_replaces_the_profile(self, storage: Storage) -> None:
        learner = _learner()
        moved = attrs.evolve(learner, timezone="America/New_York", daily_goal=30)
        with storage.unit_of_work() as uow:
            uow.learners.add(learner)
            uow.commit()
        with storage.unit_of_work() as uow:
            uow.learners.update(moved)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.learners.get(learner.id) == moved
            with pytest.raises(UnknownLearner):
                uow.learners.update(_learner("Ghost"))

    def test_learners_are_listed_in_pages(self, storage: Storage) -> None:
        learners = [_learner(f"L{i}") for i in range(5)]
        with storage.unit_of_work() as uow:
            for learner in learners:
                uow.learners.add(learner)
            uow.commit()
        with storage.unit_of_work() as uow:
            first = uow.learners.list(limit=3)
            rest = uow.learners.list(limit=3, offset=3)
        assert len(first) == 3
        assert len(rest) == 2
        assert {learner.id for learner in [*first, *rest]} == {learner.id for learner in learners}

    def test_deleting_a_learner_deletes_their_progress_and_activity(self, storage: Storage) -> None:
        course = sample_course()
        gone, stays = _learner("Gone"), _learner("Stays")
        with storage.unit_of_work() as uow:
            uow.content.save_course(course)
            for learner in (gone, stays):
                uow.learners.add(learner)
                uow.progress.save_enrollment(
                    Enrollment(id=new_id(), learner_id=learner.id, course_id=course.id, enrolled_at=T0)
                )
                uow.progress.save_lesson_progress(
                    LessonProgress(learner_id=learner.id, lesson_id=course.lessons[0].id,
                                   course_id=course.id)
                )
                uow.emit(LearnerRegistered(occurred_at=T0, learner_id=learner.id, display_name="x"))
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.learners.delete(gone.id) is True
            assert uow.learners.delete(gone.id) is False
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.learners.get(gone.id) is None
            assert uow.progress.get_enrollment(gone.id, course.id) is None
            assert uow.progress.get_lesson_progress(gone.id, course.lessons[0].id) is None
            assert list(uow.logs.list_activity(gone.id)) == []
            assert uow.progress.get_enrollment(stays.id, course.id) is not None
            assert len(uow.logs.list_activity(stays.id)) == 1
            assert uow.content.get_course(course.id) == course

    # --- progress ---------------------------------------------------------------

    def test_enrollments_round_trip_and_update_in_place(self, storage: Storage) -> None:
        course = sample_course()
        learner = _learner()
        enrollment = Enrollment(id=new_id(), learner_id=learner.id, course_id=course.id, enrolled_at=T0)
        advanced = attrs.evolve(
            enrollment,
            xp=120,
            status=EnrollmentStatus.COMPLETED,
            current_lesson_id=course.lessons[1].id,
            progress_percent=62.5,
            started_at=T0 + timedelta(minutes=1),
            completed_at=T0 + timedelta(days=3),
        )
        with storage.unit_of_work() as uow:
            uow.content.save_course(course)
            uow.learners.add(learner)
            uow.progress.save_enrollment(enrollment)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.progress.get_enrollment(learner.id, course.id, for_update=True) == enrollment
            uow.progress.save_enrollment(advanced)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.progress.get_enrollment(learner.id, course.id) == advanced
            assert list(uow.progress.list_enrollments(learner.id)) == [advanced]

    def test_a_learner_has_one_enrollment_per_course(self, storage: Storage) -> None:
        course = sample_course()
        learner = _learner()
        with storage.unit_of_work() as uow:
            uow.content.save_course(course)
            uow.learners.add(learner)
            uow.progress.save_enrollment(
                Enrollment(id=new_id(), learner_id=learner.id, course_id=course.id, enrolled_at=T0)
            )
            uow.commit()
        with storage.unit_of_work() as uow, pytest.raises(AlreadyExists):
            uow.progress.save_enrollment(
                Enrollment(id=new_id(), learner_id=learner.id, course_id=course.id, enrolled_at=T0)
            )

    def test_progress_for_an_unknown_learner_is_refused(self, storage: Storage) -> None:
        course = sample_course()
        with storage.unit_of_work() as uow:
            uow.content.save_course(course)
            uow.commit()
        with storage.unit_of_work() as uow, pytest.raises(UnknownLearner):
            uow.progress.save_enrollment(
                Enrollment(id=new_id(), learner_id=new_id(), course_id=course.id, enrolled_at=T0)
            )

    def test_lesson_progress_upserts_per_learner_and_lesson(self, storage: Storage) -> None:
        course = sample_course()
        learner = _learner()
        lesson_a, lesson_b = course.lessons[0].id, course.lessons[1].id
        first = LessonProgress(learner_id=learner.id, lesson_id=lesson_a, course_id=course.id,
                               status=LessonStatus.IN_PROGRESS, attempts=1, updated_at=T0)
        done = attrs.evolve(first, status=LessonStatus.COMPLETED, attempts=2, best_score=87.5,
                            last_score=87.5, completion_count=1, time_spent_seconds=93.25)
        other = LessonProgress(learner_id=learner.id, lesson_id=lesson_b, course_id=course.id)
        with storage.unit_of_work() as uow:
            uow.content.save_course(course)
            uow.learners.add(learner)
            uow.progress.save_lesson_progress(first)
            uow.commit()
        with storage.unit_of_work() as uow:
            uow.progress.save_lesson_progress(done)
            uow.progress.save_lesson_progress(other)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.progress.get_lesson_progress(learner.id, lesson_a, for_update=True) == done
            listed = uow.progress.list_lesson_progress(learner.id, course.id)
            assert sorted(listed, key=lambda p: str(p.lesson_id)) == sorted(
                [done, other], key=lambda p: str(p.lesson_id)
            )
            assert list(uow.progress.list_lesson_progress(learner.id, new_id())) == []

    # --- logs ---------------------------------------------------------------------

    def test_activity_is_listed_newest_first_per_learner(self, storage: Storage) -> None:
        ana, ben = _learner("Ana"), _learner("Ben")
        entries = [
            ActivityEntry(id=new_id(), type="a", occurred_at=T0 + timedelta(seconds=i),
                          learner_id=(ana if i % 2 == 0 else ben).id,
                          payload={"i": i, "text": "ñ", "nested": {"ok": [True, None]}})
            for i in range(6)
        ]
        with storage.unit_of_work() as uow:
            uow.learners.add(ana)
            uow.learners.add(ben)
            for entry in entries:
                uow.logs.append_activity(entry)
            uow.logs.append_activity(
                ActivityEntry(id=new_id(), type="system", occurred_at=T0, learner_id=None)
            )
            uow.commit()
        with storage.unit_of_work() as uow:
            assert list(uow.logs.list_activity(ana.id)) == [entries[4], entries[2], entries[0]]
            assert list(uow.logs.list_activity(ben.id, limit=2)) == [entries[5], entries[3]]
            assert len(uow.logs.list_activity()) == 7

    def test_audit_entries_keep_before_and_after(self, storage: Storage) -> None:
        older = AuditEntry(id=new_id(), actor="admin@example.com", action="course.update",
                           resource="course:1", occurred_at=T0,
                           before={"title": "Old"}, after={"title": "New"})
        newer = AuditEntry(id=new_id(), actor="admin@example.com", action="course.delete",
                           resource="course:2", occurred_at=T0 + timedelta(hours=1),
                           before={"title": "Gone"}, after=None)
        with storage.unit_of_work() as uow:
            uow.logs.append_audit(older)
            uow.logs.append_audit(newer)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert list(uow.logs.list_audit()) == [newer, older]
            assert list(uow.logs.list_audit("course:1")) == [older]
            assert list(uow.logs.list_audit(limit=1)) == [newer]

    # --- content versions (course import) ---------------------------------------------
    # Backends written before ContentVersionRepository existed skip these with a reason.

    @pytest.fixture
    def content_versions_supported(self, storage: Storage) -> None:
        with storage.unit_of_work() as uow:
            if getattr(uow, "content_versions", None) is None:
                pytest.skip("this backend does not implement ContentVersionRepository (content versions) yet")

    def _course_with_progress(self, storage: Storage) -> tuple[Learner, Learner, Course]:
        ana, ben = _learner("Ana"), _learner("Ben")
        course = sample_course()
        with storage.unit_of_work() as uow:
            uow.learners.add(ana)
            uow.learners.add(ben)
            uow.content.save_course(course)
            for learner in (ana, ben):
                for lesson in course.lessons[:2]:
                    uow.progress.save_lesson_progress(
                        LessonProgress(learner_id=learner.id, lesson_id=lesson.id, course_id=course.id,
                                       status=LessonStatus.COMPLETED, attempts=2, best_score=90.0,
                                       completion_count=1, updated_at=T0)
                    )
            uow.commit()
        return ana, ben, course

    @pytest.mark.usefixtures("content_versions_supported")
    def test_course_versions_are_listed_oldest_first(self, storage: Storage) -> None:
        course_id = new_id()
        second = CourseVersion(course_id=course_id, version=2, created_at=T0 + timedelta(days=1),
                               actor="author", source="course.yaml", changes={"lessons": {"added": 1}})
        first = CourseVersion(course_id=course_id, version=1, created_at=T0)
        with storage.unit_of_work() as uow:
            uow.content_versions.record_version(second)
            uow.content_versions.record_version(first)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert list(uow.content_versions.list_versions(course_id)) == [first, second]
            assert list(uow.content_versions.list_versions(new_id())) == []

    @pytest.mark.usefixtures("content_versions_supported")
    def test_a_version_number_is_recorded_once(self, storage: Storage) -> None:
        version = CourseVersion(course_id=new_id(), version=1, created_at=T0)
        with storage.unit_of_work() as uow:
            uow.content_versions.record_version(version)
            uow.commit()
        with pytest.raises(AlreadyExists), storage.unit_of_work() as uow:
            uow.content_versions.record_version(attrs.evolve(version, actor="someone else"))

    @pytest.mark.usefixtures("content_versions_supported")
    def test_source_keys_are_replaced_as_a_whole(self, storage: Storage) -> None:
        course_id, a, b = new_id(), new_id(), new_id()
        with storage.unit_of_work() as uow:
            assert dict(uow.content_versions.get_source_keys(course_id)) == {}
            uow.content_versions.save_source_keys(course_id, {a: "hello", b: "bye"})
            uow.commit()
        with storage.unit_of_work() as uow:
            assert dict(uow.content_versions.get_source_keys(course_id)) == {a: "hello", b: "bye"}
            uow.content_versions.save_source_keys(course_id, {b: "goodbye"})
            uow.commit()
        with storage.unit_of_work() as uow:
            assert dict(uow.content_versions.get_source_keys(course_id)) == {b: "goodbye"}

    @pytest.mark.usefixtures("content_versions_supported")
    def test_archiving_moves_progress_on_the_removed_lessons_only(self, storage: Storage) -> None:
        ana, ben, course = self._course_with_progress(storage)
        removed, kept = course.lessons[0], course.lessons[1]
        with storage.unit_of_work() as uow:
            before = uow.progress.get_lesson_progress(ana.id, removed.id)
            moved = uow.content_versions.archive_lesson_progress(
                course.id, [removed.id], course_version=3, archived_at=T0 + timedelta(days=2)
            )
            uow.commit()
        assert moved == 2
        with storage.unit_of_work() as uow:
            assert uow.progress.get_lesson_progress(ana.id, removed.id) is None
            assert uow.progress.get_lesson_progress(ana.id, kept.id) is not None
            archived = list(uow.content_versions.list_archived_progress(learner_id=ana.id))
            assert [record.progress for record in archived] == [before]
            assert archived[0].course_version == 3
            assert archived[0].archived_at == T0 + timedelta(days=2)
            everyone = uow.content_versions.list_archived_progress(course_id=course.id)
            assert {record.learner_id for record in everyone} == {ana.id, ben.id}
            assert list(uow.content_versions.list_archived_progress(course_id=new_id())) == []

    @pytest.mark.usefixtures("content_versions_supported")
    def test_restoring_brings_archived_progress_back(self, storage: Storage) -> None:
        ana, _, course = self._course_with_progress(storage)
        lesson = course.lessons[0]
        with storage.unit_of_work() as uow:
            before = uow.progress.get_lesson_progress(ana.id, lesson.id)
            uow.content_versions.archive_lesson_progress(
                course.id, [lesson.id], course_version=1, archived_at=T0
            )
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.content_versions.restore_lesson_progress(course.id, [lesson.id]) == 2
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.progress.get_lesson_progress(ana.id, lesson.id) == before
            assert list(uow.content_versions.list_archived_progress()) == []

    @pytest.mark.usefixtures("content_versions_supported")
    def test_restoring_never_overwrites_live_progress(self, storage: Storage) -> None:
        ana, _, course = self._course_with_progress(storage)
        lesson = course.lessons[0]
        fresh = LessonProgress(learner_id=ana.id, lesson_id=lesson.id, course_id=course.id,
                               attempts=1, updated_at=T0 + timedelta(days=3))
        with storage.unit_of_work() as uow:
            uow.content_versions.archive_lesson_progress(
                course.id, [lesson.id], course_version=1, archived_at=T0
            )
            uow.progress.save_lesson_progress(fresh)
            assert uow.content_versions.restore_lesson_progress(course.id, [lesson.id]) == 1
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.progress.get_lesson_progress(ana.id, lesson.id) == fresh
            assert [r.learner_id for r in uow.content_versions.list_archived_progress()] == [ana.id]

    @pytest.mark.usefixtures("content_versions_supported")
    def test_archiving_is_rolled_back_with_the_unit_of_work(self, storage: Storage) -> None:
        ana, _, course = self._course_with_progress(storage)
        lesson = course.lessons[0]
        with storage.unit_of_work() as uow:
            uow.content_versions.archive_lesson_progress(
                course.id, [lesson.id], course_version=1, archived_at=T0
            )
            uow.content_versions.record_version(CourseVersion(course_id=course.id, version=2, created_at=T0))
        with storage.unit_of_work() as uow:
            assert uow.progress.get_lesson_progress(ana.id, lesson.id) is not None
            assert list(uow.content_versions.list_archived_progress()) == []
            assert list(uow.content_versions.list_versions(course.id)) == []

    @pytest.mark.usefixtures("content_versions_supported")
    def test_deleting_a_learner_deletes_their_archived_progress(self, storage: Storage) -> None:
        ana, ben, course = self._course_with_progress(storage)
        with storage.unit_of_work() as uow:
            uow.content_versions.archive_lesson_progress(
                course.id, [course.lessons[0].id], course_version=1, archived_at=T0
            )
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.learners.delete(ana.id)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert [r.learner_id for r in uow.content_versions.list_archived_progress()] == [ben.id]
