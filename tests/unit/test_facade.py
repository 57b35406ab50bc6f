"""The facade: bootstrap wiring, transactions, events after commit, speech chains."""

from __future__ import annotations

import pytest

import learncore
from learncore.domain import Language, LearnerRegistered
from learncore.errors import (
    AudioRejected,
    InvalidContent,
    InvalidSettings,
    ProviderTimeout,
    ProviderUnavailable,
    SpeechNotConfigured,
    UnknownCourse,
    UnknownLanguage,
    UnknownLearner,
    UnknownStorageBackend,
)
from learncore.plugins import hookimpl
from learncore.settings import load_settings
from learncore.storage.memory import MemoryStorage, MemoryUnitOfWork
from learncore.testing import EchoSpeechProvider, FixedClock, echo_speech_plugin, sample_course


class Recorder:
    """A plugin that records the events it is given."""

    def __init__(self) -> None:
        self.events: list[object] = []

    @hookimpl
    def on_event(self, event):
        self.events.append(event)


def make_app(clock: FixedClock, **kwargs):
    return learncore.bootstrap(load_entry_points=False, clock=clock, **kwargs)


def test_bootstrap_opens_storage_by_name_url_or_object(clock):
    assert isinstance(make_app(clock).storage, MemoryStorage)
    assert isinstance(make_app(clock, storage="memory").storage, MemoryStorage)
    shared = MemoryStorage()
    assert make_app(clock, storage=shared).storage is shared


def test_bootstrap_reads_the_storage_url_from_the_environment(clock, monkeypatch):
    monkeypatch.setenv("LEARNCORE_STORAGE", "nosuch://x")
    with pytest.raises(UnknownStorageBackend, match="nosuch://x"):
        make_app(clock)


def test_invalid_settings_name_the_field(monkeypatch):
    monkeypatch.setenv("LEARNCORE_STORAGE_OPTIONS", "not json")
    with pytest.raises(InvalidSettings, match="LEARNCORE_STORAGE_OPTIONS: .*JSON"):
        load_settings()
    monkeypatch.delenv("LEARNCORE_STORAGE_OPTIONS")
    with pytest.raises(InvalidSettings, match="settings.storage"):
        load_settings(storage="")


def test_events_reach_plugins_after_commit(clock):
    recorder = Recorder()
    app = make_app(clock, plugins=[recorder])
    learner = app.register_learner("Ana")
    (event,) = recorder.events
    assert isinstance(event, LearnerRegistered)
    assert event.learner_id == learner.id
    assert event.occurred_at == clock.now()
    (entry,) = app.activity(learner.id)
    assert entry.type == "learner_registered"


def test_a_failed_commit_applies_nothing_and_publishes_nothing(clock):
    class FailingCommit(MemoryUnitOfWork):
        def _commit(self) -> None:
            raise OSError("disk full")

    class FailingStorage(MemoryStorage):
        def unit_of_work(self) -> MemoryUnitOfWork:
            return FailingCommit(self)

    recorder = Recorder()
    app = make_app(clock, storage=FailingStorage(), plugins=[recorder])
    with pytest.raises(OSError, match="disk full"):
        app.register_learner("Ana")
    assert recorder.events == []
    with app.storage.unit_of_work() as uow:
        assert list(uow.learners.list()) == []
        assert list(uow.logs.list_activity()) == []


def test_courses_are_saved_audited_and_found_by_id_or_slug(clock):
    app = make_app(clock)
    course = sample_course()
    app.save_course(course, actor="editor@example.com")
    assert app.course(course.id) == course
    assert app.course("sample") == course
    assert app.course(str(course.id)) == course
    (audit,) = app.audit_log()
    assert (audit.actor, audit.action, audit.before) == ("editor@example.com", "course.create", None)
    app.save_course(course)
    assert app.audit_log()[0].action == "course.update"
    app.delete_course(course.id)
    with pytest.raises(UnknownCourse):
        app.course("sample")
    assert app.audit_log()[0].action == "course.delete"


def test_course_tree_queries_through_the_facade(clock):
    app = make_app(clock)
    course = app.save_course(sample_course())
    first, second = course.lessons[:2]
    assert app.unlocked_lessons("sample", set()) == (first,)
    assert app.next_lesson(course.id, {first.id}) == second


def test_languages_are_saved_and_looked_up(clock):
    app = make_app(clock)
    app.save_language(Language("es", "Spanish", "Español", "🇪🇸"))
    assert app.language("ES").native_name == "Español"
    assert [lang.code for lang in app.languages()] == ["es"]
    with pytest.raises(UnknownLanguage):
        app.language("fr")


def test_unknown_ids_raise_typed_not_found_errors(clock):
    app = make_app(clock)
    with pytest.raises(UnknownLearner):
        app.learner(learncore.new_id())
    with pytest.raises(UnknownCourse):
        app.course("missing")
    with pytest.raises(LookupError):
        app.course(learncore.new_id())


def test_registering_with_a_bad_timezone_names_the_field(clock):
    app = make_app(clock)
    with pytest.raises(InvalidContent, match="Learner.timezone: 'Mars/Olympus' is not an IANA timezone"):
        app.register_learner("Ana", timezone="Mars/Olympus")
    with app.storage.unit_of_work() as uow:
        assert list(uow.learners.list()) == []


def test_speech_needs_a_configured_provider(clock):
    with pytest.raises(SpeechNotConfigured, match="LEARNCORE_SPEECH"):
        make_app(clock).assess_pronunciation(b"hola", "hola")


def test_speech_providers_are_chosen_by_name(clock):
    app = make_app(clock, speech="echo", plugins=[echo_speech_plugin])
    result = app.assess_pronunciation(b"hola amigo", "hola amigo", "es")
    assert result.provider == "echo"
    assert result.pronunciation == 100.0


class Unavailable:
    name = "down"

    def assess(self, audio, reference_text, language="en"):
        raise ProviderTimeout(self.name, 5)


def test_a_chain_falls_back_when_a_provider_is_unavailable(clock):
    app = make_app(clock, speech=[Unavailable(), EchoSpeechProvider()])
    assert app.assess_pronunciation(b"hola", "hola").provider == "echo"


def test_a_chain_reports_every_failure_when_all_providers_fail(clock):
    app = make_app(clock, speech=[Unavailable(), Unavailable()])
    with pytest.raises(ProviderUnavailable, match="every provider failed"):
        app.assess_pronunciation(b"hola", "hola")


def test_bad_audio_is_not_retried_on_the_next_provider(clock):
    class Counting(EchoSpeechProvider):
        calls = 0

        def assess(self, audio, reference_text, language="en"):
            Counting.calls += 1
            return super().assess(audio, reference_text, language)

    app = make_app(clock, speech=[EchoSpeechProvider(), Counting()])
    with pytest.raises(AudioRejected, match="empty"):
        app.assess_pronunciation(b"", "hola")
    assert Counting.calls == 0


def test_the_app_closes_its_storage(clock):
    closed = []

    class Closing(MemoryStorage):
        def close(self) -> None:
            closed.append(True)

    with make_app(clock, storage=Closing()):
        pass
    assert closed == [True]
