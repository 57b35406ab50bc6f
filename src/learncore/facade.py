"""The composition root: :func:`bootstrap` wires storage, speech, clock and plugins into one
:class:`Learncore` object, the only thing an app needs to hold.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self
from uuid import UUID

from learncore.domain import course_tree
from learncore.domain.courses import Course, CourseSummary, Lesson
from learncore.domain.languages import Language
from learncore.domain.learners import Learner
from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.domain.pronunciation import PronunciationAssessment
from learncore.errors import (
    ProviderUnavailable,
    SpeechNotConfigured,
    UnknownLanguage,
)
from learncore.plugins.registry import PluginInfo, PluginRegistry
from learncore.ports.clock import Clock, SystemClock
from learncore.ports.speech import SpeechProvider
from learncore.ports.storage import Storage, UnitOfWork
from learncore.services import content as content_service
from learncore.services import learners as learner_service
from learncore.services import seed as seed_service
from learncore.settings import LearncoreSettings, load_settings

__all__ = ["Learncore", "bootstrap"]


class Learncore:
    """The facade over every use case. Build it with :func:`bootstrap`.

    >>> import learncore
    >>> app = learncore.bootstrap(load_entry_points=False)
    >>> ana = app.register_learner("Ana", timezone="Europe/Madrid")
    >>> app.learner(ana.id).timezone
    'Europe/Madrid'
    """

    def __init__(
        self,
        *,
        storage: Storage,
        registry: PluginRegistry,
        clock: Clock,
        settings: LearncoreSettings,
        speech: Sequence[SpeechProvider] = (),
    ) -> None:
        self.storage = storage
        self.registry = registry
        self.clock = clock
        self.settings = settings
        self.speech_chain = tuple(speech)

    # --- plumbing --------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """A unit of work whose committed events reach the plugins' ``on_event`` afterwards.

        For custom use cases: call ``uow.commit()`` inside the block, or nothing is kept.
        """
        uow = self.storage.unit_of_work()
        with uow:
            yield uow
        self.registry.publish(uow.collect_committed_events())

    def plugins(self) -> tuple[PluginInfo, ...]:
        """The loaded plugins and what each registered."""
        return self.registry.plugins()

    def close(self) -> None:
        """Release the storage backend's connections."""
        self.storage.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- content ---------------------------------------------------------------

    def save_language(self, language: Language, *, actor: str = "system") -> Language:
        """Insert or replace a language."""
        with self.transaction() as uow:
            content_service.save_language(uow, language, actor=actor, clock=self.clock)
            uow.commit()
        return language

    def language(self, code: str) -> Language:
        """The language with BCP-47 ``code``; :class:`~learncore.errors.UnknownLanguage` if none."""
        with self.transaction() as uow:
            found = uow.content.get_language(code)
        if found is None:
            raise UnknownLanguage(code)
        return found

    def languages(self) -> Sequence[Language]:
        """Every language, ordered by code."""
        with self.transaction() as uow:
            return uow.content.list_languages()

    def seed(self, *, replace: bool = False, actor: str = "system") -> seed_service.SeedReport:
        """Write learncore's reference data (the language catalogue); running it again changes nothing.

        Existing languages are kept as they are unless ``replace=True``.

        >>> app = bootstrap(load_entry_points=False)
        >>> len(app.seed().languages_added) >= 40
        True
        >>> app.seed().changed
        False
        """
        with self.transaction() as uow:
            report = seed_service.seed_languages(uow, clock=self.clock, replace=replace, actor=actor)
            uow.commit()
        return report

    def save_course(self, course: Course, *, actor: str = "system") -> Course:
        """Insert or replace a whole course tree (audited, emits ``course_saved``).

        >>> from learncore.domain import Course, stable_id
        >>> app = bootstrap(load_entry_points=False)
        >>> saved = app.save_course(Course(id=stable_id("c"), slug="c", title="C",
        ...                                from_language="en", to_language="fr"))
        >>> [c.slug for c in app.courses()]
        ['c']
        """
        with self.transaction() as uow:
            content_service.save_course(uow, course, actor=actor, clock=self.clock)
            uow.commit()
        return course

    def course(self, course_ref: UUID | str) -> Course:
        """A whole course by id or slug; :class:`~learncore.errors.UnknownCourse` if none."""
        with self.transaction() as uow:
            return content_service.load_course(uow, course_ref)

    def courses(self) -> Sequence[CourseSummary]:
        """Every course, ordered by slug."""
        with self.transaction() as uow:
            return uow.content.list_courses()

    def delete_course(self, course_id: UUID, *, actor: str = "system") -> None:
        """Remove a course (audited, emits ``course_deleted``)."""
        with self.transaction() as uow:
            content_service.delete_course(uow, course_id, actor=actor, clock=self.clock)
            uow.commit()

    def unlocked_lessons(
        self, course_ref: UUID | str, completed: Collection[UUID]
    ) -> tuple[Lesson, ...]:
        """Lessons of a course that can be played given the ``completed`` lesson ids."""
        return course_tree.unlocked_lessons(self.course(course_ref), completed)

    def next_lesson(self, course_ref: UUID | str, completed: Collection[UUID]) -> Lesson | None:
        """The first unlocked, not-yet-completed lesson of a course."""
        return course_tree.next_lesson(self.course(course_ref), completed)

    # --- learners --------------------------------------------------------------

    def register_learner(
        self,
        display_name: str,
        timezone: str = "UTC",
        daily_goal: int = 20,
        learner_id: UUID | None = None,
        *,
        day_start_hour: int = 0,
    ) -> Learner:
        """Create a learner profile (emits ``learner_registered``)."""
        with self.transaction() as uow:
            learner = learner_service.register_learner(
                uow,
                self.clock,
                display_name=display_name,
                timezone=timezone,
                daily_goal=daily_goal,
                day_start_hour=day_start_hour,
                learner_id=learner_id,
            )
            uow.commit()
        return learner

    def learner(self, learner_id: UUID) -> Learner:
        """A learner by id; :class:`~learncore.errors.UnknownLearner` if none."""
        with self.transaction() as uow:
            return learner_service.load_learner(uow, learner_id)

    # --- logs ------------------------------------------------------------------

    def activity(self, learner_id: UUID | None = None, *, limit: int = 50) -> Sequence[ActivityEntry]:
        """Recent activity-log entries (of one learner, or all), newest first."""
        with self.transaction() as uow:
            return uow.logs.list_activity(learner_id, limit=limit)

    def audit_log(self, resource: str | None = None, *, limit: int = 50) -> Sequence[AuditEntry]:
        """Recent audit-log entries, newest first."""
        with self.transaction() as uow:
            return uow.logs.list_audit(resource, limit=limit)

    # --- speech ----------------------------------------------------------------

    def assess_pronunciation(
        self, audio: bytes, reference_text: str, language: str = "en"
    ) -> PronunciationAssessment:
        """Assess ``audio`` with the configured provider chain.

        Each provider is tried in order; one that is unavailable, times out or is rate
        limited hands over to the next. ``.provider`` on the result says who answered.
        Bad audio (:class:`~learncore.errors.AudioRejected`) is not retried elsewhere.
        """
        if not self.speech_chain:
            raise SpeechNotConfigured(
                "no speech provider is configured; pass speech='name' to bootstrap() "
                "or set LEARNCORE_SPEECH"
            )
        failures: list[ProviderUnavailable] = []
        for provider in self.speech_chain:
            try:
                return provider.assess(audio, reference_text, language)
            except ProviderUnavailable as exc:
                failures.append(exc)
        if len(failures) == 1:
            raise failures[0]
        names = ", ".join(f"{f.provider} ({f})" for f in failures)
        raise ProviderUnavailable("chain", f"every provider failed: {names}") from failures[-1]


def _speech_chain(
    speech: str | SpeechProvider | Sequence[SpeechProvider] | None,
    registry: PluginRegistry,
    settings: LearncoreSettings,
) -> list[SpeechProvider]:
    if speech is None:
        speech = settings.speech
    if speech is None:
        return []
    if isinstance(speech, str):
        names = [name.strip() for name in speech.split(",") if name.strip()]
        return [
            registry.speech_provider(name, **settings.speech_options.get(name, {}))
            for name in names
        ]
    if isinstance(speech, SpeechProvider):
        return [speech]
    return list(speech)


def bootstrap(
    storage: str | Storage | None = None,
    speech: str | SpeechProvider | Sequence[SpeechProvider] | None = None,
    clock: Clock | None = None,
    settings: LearncoreSettings | None = None,
    *,
    load_entry_points: bool = True,
    plugins: Iterable[object] = (),
    **storage_options: Any,
) -> Learncore:
    """Build a :class:`Learncore` from names, URLs or ready objects.

    - ``storage``: a backend name (``"memory"``), a URL (``"memory://"``,
      ``"sqlite:///learn.db"``) or an opened :class:`~learncore.ports.Storage`.
      Defaults to ``settings.storage`` (``LEARNCORE_STORAGE``), else in-memory.
    - ``speech``: a provider name, a chain such as ``"azure,sphinx"``, or provider
      objects. Defaults to ``settings.speech`` (``LEARNCORE_SPEECH``).
    - ``clock``: defaults to the system clock; tests pass a fixed one.
    - ``load_entry_points=False`` loads only the built-in plugin and ``plugins``.

    >>> app = bootstrap("memory://", load_entry_points=False)
    >>> app.courses()
    []
    """
    settings = settings or load_settings()
    allow = None
    if settings.load_plugins is not None:
        allow = [part.strip() for part in settings.load_plugins.split(",") if part.strip()]
    registry = PluginRegistry(load_entry_points=load_entry_points, allow=allow, plugins=plugins)
    if storage is None or isinstance(storage, str):
        options = {**settings.storage_options, **storage_options}
        opened = registry.open_storage(storage or settings.storage, options)
    else:
        opened = storage
    return Learncore(
        storage=opened,
        registry=registry,
        clock=clock or SystemClock(),
        settings=settings,
        speech=_speech_chain(speech, registry, settings),
    )
