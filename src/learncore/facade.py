"""The composition root: :func:`bootstrap` wires storage, speech, clock and plugins into one
:class:`Learncore` object, the only thing an app needs to hold.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from learncore.domain import course_tree
from learncore.domain.achievements import AchievementDefinition, AchievementUnlock
from learncore.domain.courses import Course, CourseSummary, Lesson
from learncore.domain.exercises import Exercise
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Verdict
from learncore.domain.hearts import HeartReason, HeartsLogEntry
from learncore.domain.languages import Language
from learncore.domain.learners import Learner
from learncore.domain.lesson_runs import AnswerResult, Attempt, LessonRun, LessonSummary
from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.domain.policies import RewardPolicies
from learncore.domain.practice import PracticeReward
from learncore.domain.progress import Enrollment, LessonProgress
from learncore.domain.pronunciation import PronunciationAssessment
from learncore.domain.stats import LearnerStats
from learncore.errors import (
    InvalidInput,
    UnknownLanguage,
)
from learncore.plugins.registry import PluginInfo, PluginRegistry
from learncore.ports.clock import Clock, SystemClock
from learncore.ports.speech import SpeechProvider
from learncore.ports.storage import Storage, UnitOfWork
from learncore.services import achievements as achievement_service
from learncore.services import content as content_service
from learncore.services import enrollment as enrollment_service
from learncore.services import learner_data as learner_data_service
from learncore.services import learners as learner_service
from learncore.services import lessons as lesson_service
from learncore.services import practice as practice_service
from learncore.services import rewards as reward_service
from learncore.services import seed as seed_service
from learncore.services import speech as speech_service
from learncore.services import stats as stats_service
from learncore.services import streaks as streak_service
from learncore.services.retry import RetryPolicy, run_with_retry
from learncore.services.speech import build_provider
from learncore.settings import LearncoreSettings, load_settings

__all__ = ["Learncore", "RetryPolicy", "bootstrap"]

F = TypeVar("F", bound=Callable[..., Any])


def _retried(method: F) -> F:
    """Run a use case again when storage reports a concurrent update (see ``Learncore.retry``).

    Safe because each call opens its own unit of work, which rolled back whole, and
    events are published only after a commit, so a failed try published nothing.
    """

    @functools.wraps(method)
    def run(self: Learncore, *args: Any, **kwargs: Any) -> Any:
        return run_with_retry(lambda: method(self, *args, **kwargs), self.retry)

    return cast("F", run)


class _Transaction:
    """``Learncore.transaction()``: a plain class, not a generator, as it wraps every call."""

    __slots__ = ("_registry", "_uow")

    def __init__(self, uow: UnitOfWork, registry: PluginRegistry) -> None:
        self._uow = uow
        self._registry = registry

    def __enter__(self) -> UnitOfWork:
        return self._uow.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._uow.__exit__(exc_type, exc, traceback)
        if exc_type is None:
            events = self._uow.collect_committed_events()
            if events:
                self._registry.publish(events)


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
        policies: RewardPolicies | None = None,
        speech_timeouts: Sequence[float | None] = (),
        retry: RetryPolicy | None = None,
    ) -> None:
        self.storage = storage
        self.registry = registry
        self.clock = clock
        self.settings = settings
        self.speech_chain = tuple(speech)
        self.policies = policies or RewardPolicies()
        # Use cases that write are re-run on ConcurrentUpdate (deadlocks, lock timeouts).
        self.retry = retry or RetryPolicy()
        # Plugins register once, when the registry is built, so the list cannot change.
        self._achievements = registry.achievements()
        # Seconds each provider of the chain may take (None: no deadline).
        self.speech_timeouts = tuple(speech_timeouts) or tuple(
            speech_service.DEFAULT_TIMEOUT for _ in self.speech_chain
        )

    # --- plumbing --------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """A unit of work whose committed events reach the plugins' ``on_event`` afterwards.

        For custom use cases: call ``uow.commit()`` inside the block, or nothing is kept.
        """
        return _Transaction(self.storage.unit_of_work(), self.registry)

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

    @_retried
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

    @_retried
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

    @_retried
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

    @_retried
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

    @_retried
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
                hearts_policy=self.policies.hearts,
            )
            uow.commit()
        return learner

    def learner(self, learner_id: UUID) -> Learner:
        """A learner by id; :class:`~learncore.errors.UnknownLearner` if none."""
        with self.transaction() as uow:
            return learner_service.load_learner(uow, learner_id)

    @_retried
    def update_learner(self, learner_id: UUID | str, **changes: Any) -> Learner:
        """Change profile fields: ``display_name``, ``timezone``, ``day_start_hour``,
        ``daily_goal``, ``avatar_uri``, ``preferences`` (emits ``learner_updated``).

        >>> app = bootstrap(load_entry_points=False)
        >>> ana = app.register_learner("Ana")
        >>> app.update_learner(ana.id, daily_goal=50).daily_goal
        50
        """
        with self.transaction() as uow:
            learner = learner_service.update_learner(uow, self.clock, _id(learner_id), **changes)
            uow.commit()
        return learner

    def set_timezone(
        self, learner_id: UUID | str, timezone: str, *, day_start_hour: int | None = None
    ) -> Learner:
        """Move a learner to another IANA timezone (and day-start hour).

        Days already counted keep their dates: travelling never loses a streak day or
        counts one twice.

        >>> app = bootstrap(load_entry_points=False)
        >>> ana = app.register_learner("Ana", timezone="Europe/Madrid")
        >>> app.set_timezone(ana.id, "America/New_York").timezone
        'America/New_York'
        """
        changes: dict[str, Any] = {"timezone": timezone}
        if day_start_hour is not None:
            changes["day_start_hour"] = day_start_hour
        return self.update_learner(learner_id, **changes)

    def export_learner(self, learner_id: UUID | str) -> dict[str, Any]:
        """Everything stored about a learner, as JSON-compatible data (GDPR access request).

        >>> import json
        >>> app = bootstrap(load_entry_points=False)
        >>> ana = app.register_learner("Ana")
        >>> sorted(app.export_learner(ana.id))[:3]
        ['achievements', 'activity', 'attempts']
        >>> _ = json.dumps(app.export_learner(ana.id))
        """
        with self.transaction() as uow:
            return learner_data_service.export_learner(uow, self.clock, _id(learner_id))

    @_retried
    def delete_learner(self, learner_id: UUID | str) -> None:
        """Delete a learner with all their progress, rewards and logs (GDPR erasure).

        >>> app = bootstrap(load_entry_points=False)
        >>> ana = app.register_learner("Ana")
        >>> app.delete_learner(ana.id)
        >>> app.learner(ana.id)
        Traceback (most recent call last):
        ...
        learncore.errors.UnknownLearner: no learner with id ...
        """
        with self.transaction() as uow:
            learner_data_service.delete_learner(uow, self.clock, _id(learner_id))
            uow.commit()

    # --- the learning loop -------------------------------------------------------

    @_retried
    def enroll(self, learner_id: UUID | str, course_ref: UUID | str) -> Enrollment:
        """Enrol a learner in a course (by id or slug); enrolling again is a no-op.

        >>> from learncore.testing import sample_course
        >>> app = bootstrap(load_entry_points=False)
        >>> course = app.save_course(sample_course())
        >>> ana = app.register_learner("Ana")
        >>> app.enroll(ana.id, "sample").status
        <EnrollmentStatus.ACTIVE: 'active'>
        """
        with self.transaction() as uow:
            enrollment = enrollment_service.enroll(uow, self.clock, _id(learner_id), course_ref)
            uow.commit()
        return enrollment

    def enrollments(self, learner_id: UUID | str) -> Sequence[Enrollment]:
        """A learner's enrolments, oldest first."""
        with self.transaction() as uow:
            return enrollment_service.enrollments(uow, _id(learner_id))

    def lesson_progress(
        self, learner_id: UUID | str, course_ref: UUID | str
    ) -> tuple[LessonProgress, ...]:
        """One record per lesson of a course, in order: locked, available, in progress or completed.

        >>> from learncore.testing import sample_course
        >>> app = bootstrap(load_entry_points=False)
        >>> course = app.save_course(sample_course())
        >>> ana = app.register_learner("Ana")
        >>> [p.status.value for p in app.lesson_progress(ana.id, course.id)]
        ['available', 'locked', 'locked', 'locked']
        """
        with self.transaction() as uow:
            return enrollment_service.lesson_progress(uow, _id(learner_id), course_ref)

    @_retried
    def start_lesson(self, learner_id: UUID | str, lesson_id: UUID | str) -> LessonRun:
        """Start playing a lesson; ``run.exercises`` is the sequence to show.

        Raises :class:`~learncore.errors.LessonLocked` (naming the missing lessons),
        :class:`~learncore.errors.NotEnrolled` or :class:`~learncore.errors.OutOfHearts`
        (saying when the next heart arrives).

        >>> from learncore.testing import sample_course
        >>> app = bootstrap(load_entry_points=False)
        >>> course = app.save_course(sample_course())
        >>> ana = app.register_learner("Ana")
        >>> _ = app.enroll(ana.id, course.id)
        >>> run = app.start_lesson(ana.id, course.lessons[0].id)
        >>> run.next_exercise.prompt
        'I am happy'
        """
        with self.transaction() as uow:
            run = lesson_service.start_lesson(
                uow, self.clock, self.policies, learner_id=_id(learner_id),
                lesson_id=_id(lesson_id, "lesson_id"),
            )
            uow.commit()
        return run

    @_retried
    def submit_answer(
        self,
        run_id: UUID | str,
        exercise_id: UUID | str,
        answer: Any,
        *,
        attempt_id: UUID | str | None = None,
        duration_ms: int | None = None,
        hint_used: bool = False,
    ) -> AnswerResult:
        """Grade and record one answer; a wrong one costs a heart and comes back at the end.

        Send the same ``attempt_id`` when retrying a request: the first result comes back
        and nothing is counted twice. Answer shapes by exercise type are in
        :func:`learncore.domain.grading.dispatch.grade_exercise`.

        >>> from learncore.testing import sample_course
        >>> app = bootstrap(load_entry_points=False)
        >>> course = app.save_course(sample_course())
        >>> ana = app.register_learner("Ana")
        >>> _ = app.enroll(ana.id, course.id)
        >>> run = app.start_lesson(ana.id, course.lessons[0].id)
        >>> result = app.submit_answer(run.id, run.next_exercise_id, "estoy triste")
        >>> result.accepted, result.hearts_left, result.requeued
        (False, 4, True)
        """
        with self.transaction() as uow:
            result = lesson_service.submit_answer(
                uow, self.clock, self.policies,
                run_id=_id(run_id, "run_id"),
                exercise_id=_id(exercise_id, "exercise_id"),
                answer=answer,
                attempt_id=None if attempt_id is None else _id(attempt_id, "attempt_id"),
                duration_ms=duration_ms,
                hint_used=hint_used,
                plugin_grader=self.registry.exercise_grader,
            )
            uow.commit()
        return result

    def submit_spoken_answer(
        self,
        run_id: UUID | str,
        exercise_id: UUID | str,
        audio: bytes,
        *,
        attempt_id: UUID | str | None = None,
        duration_ms: int | None = None,
        hint_used: bool = False,
    ) -> AnswerResult:
        """Answer a ``speak`` exercise of a run with a recording.

        The recording is assessed by the configured provider chain against the
        exercise's reference text, in the course's language (see
        :meth:`assess_pronunciation`), then graded and recorded like
        :meth:`submit_answer`: the course's grading policy (or the exercise's own)
        sets the pass score, and the assessment is kept as the attempt's ``answer``.
        No transaction is open while the provider works. A retry with the same
        ``attempt_id`` returns the first result without assessing the recording again.

        Raises :class:`~learncore.errors.InvalidInput` for an exercise that is not
        answered by speaking, the errors of :meth:`submit_answer` for a run or exercise
        that takes no answer, and the speech errors of :meth:`assess_pronunciation`
        (bad audio, no provider answering); nothing is recorded then.

        >>> from learncore.testing import EchoSpeechProvider, sample_course
        >>> app = bootstrap(speech=[EchoSpeechProvider()], load_entry_points=False)
        >>> course = app.save_course(sample_course())
        >>> ana = app.register_learner("Ana")
        >>> _ = app.enroll(ana.id, course.id)
        >>> run = app.start_lesson(ana.id, course.lessons[0].id)
        >>> speak = next(e for e in run.exercises if e.type == "speak")
        >>> result = app.submit_spoken_answer(run.id, speak.id, b"hola amigo")  # echo: bytes are text
        >>> result.accepted, app.attempts(run.id)[-1].answer["pronunciation"]
        (True, 100.0)
        """
        run = _id(run_id, "run_id")
        exercise = _id(exercise_id, "exercise_id")
        attempt = None if attempt_id is None else _id(attempt_id, "attempt_id")
        with self.transaction() as uow:
            target = lesson_service.speaking_target(
                uow, run_id=run, exercise_id=exercise, attempt_id=attempt, duration_ms=duration_ms
            )
        if isinstance(target, AnswerResult):
            return target
        speak, language = target
        assessment = speech_service.assess_with_fallback(
            self.speech_chain, audio, speak.reference_text, language, timeouts=self.speech_timeouts
        )
        return self._record_spoken(
            run, exercise, assessment, attempt_id=attempt, duration_ms=duration_ms, hint_used=hint_used
        )

    @_retried
    def _record_spoken(
        self,
        run_id: UUID,
        exercise_id: UUID,
        assessment: PronunciationAssessment,
        *,
        attempt_id: UUID | None,
        duration_ms: int | None,
        hint_used: bool,
    ) -> AnswerResult:
        with self.transaction() as uow:
            result = lesson_service.submit_answer(
                uow, self.clock, self.policies, run_id=run_id, exercise_id=exercise_id,
                answer=assessment, attempt_id=attempt_id, duration_ms=duration_ms,
                hint_used=hint_used, plugin_grader=self.registry.exercise_grader, spoken=True,
            )
            uow.commit()
        return result

    @_retried
    def complete_lesson(self, run_id: UUID | str) -> LessonSummary:
        """Finish a run whose exercises are all answered: XP, daily goal, streak, hearts,
        progress and achievements, all or nothing. Completing twice returns the same summary.
        """
        with self.transaction() as uow:
            summary = lesson_service.complete_lesson(
                uow, self.clock, self.policies, self._achievements, run_id=_id(run_id, "run_id")
            )
            uow.commit()
        return summary

    @_retried
    def abandon_lesson(self, run_id: UUID | str) -> LessonRun:
        """Give up a run; it earns nothing and takes no more answers."""
        with self.transaction() as uow:
            run = lesson_service.abandon_lesson(uow, self.clock, _id(run_id, "run_id"))
            uow.commit()
        return run

    def lesson_run(self, run_id: UUID | str) -> LessonRun:
        """A run by id, with its exercises; :class:`~learncore.errors.UnknownRun` if none."""
        with self.transaction() as uow:
            return lesson_service.load_run(uow, _id(run_id, "run_id"))

    def attempts(self, run_id: UUID | str) -> Sequence[Attempt]:
        """The answers recorded in a run, in order."""
        with self.transaction() as uow:
            run = lesson_service.load_run(uow, _id(run_id, "run_id"))
            return uow.runs.list_attempts(run.id)

    @_retried
    def record_practice(
        self, learner_id: UUID | str, correct_items: int, *, source: str = "drill"
    ) -> PracticeReward:
        """Reward a practice drill: XP per correct item, hearts back, streak and achievements."""
        with self.transaction() as uow:
            reward = practice_service.record_practice(
                uow, self.clock, self.policies, self._achievements,
                learner_id=_id(learner_id), correct_items=correct_items, source=source,
            )
            uow.commit()
        return reward

    # --- rewards -------------------------------------------------------------------

    def stats(self, learner_id: UUID | str, *, days: int = 7) -> LearnerStats:
        """Totals, XP per day for the last ``days`` days, streak, hearts and achievements.

        >>> app = bootstrap(load_entry_points=False)
        >>> ana = app.register_learner("Ana")
        >>> stats = app.stats(ana.id)
        >>> stats.total_xp, stats.current_streak, stats.hearts, len(stats.xp_by_day)
        (0, 0, 5, 7)
        """
        with self.transaction() as uow:
            return stats_service.learner_stats(
                uow, self.clock, self.policies, learner_id=_id(learner_id), days=days
            )

    @_retried
    def refill_hearts(self, learner_id: UUID | str) -> int:
        """Refill a learner's hearts all at once (e.g. bought in the shop); the hearts now."""
        with self.transaction() as uow:
            state, _ = reward_service.refill_hearts(
                uow, _id(learner_id), self.clock.now(), self.policies.hearts, amount=None,
                reason=HeartReason.REFILL,
            )
            uow.commit()
        return state.hearts

    @_retried
    def set_unlimited_hearts(self, learner_id: UUID | str, unlimited: bool = True) -> None:
        """Turn unlimited hearts on or off for a learner (e.g. a premium plan)."""
        with self.transaction() as uow:
            reward_service.set_unlimited_hearts(
                uow, _id(learner_id), self.clock.now(), self.policies.hearts, unlimited=unlimited
            )
            uow.commit()

    def hearts_log(self, learner_id: UUID | str, *, limit: int = 50) -> Sequence[HeartsLogEntry]:
        """Recent changes of a learner's hearts (delta, reason, resulting count), newest first."""
        with self.transaction() as uow:
            learner = learner_service.load_learner(uow, _id(learner_id))
            return uow.rewards.list_hearts_log(learner.id, limit=limit)

    @_retried
    def grant_streak_freezes(self, learner_id: UUID | str, count: int = 1) -> int:
        """Give a learner streak freezes (up to the policy's cap); the freezes held now."""
        with self.transaction() as uow:
            held = streak_service.grant_streak_freezes(
                uow, _id(learner_id), self.clock.now(), self.policies, count
            )
            uow.commit()
        return held

    @_retried
    def repair_streak(self, learner_id: UUID | str) -> int:
        """Bring back a streak broken within the repair window; the streak length now.

        Raises :class:`~learncore.errors.StreakNotRepairable` when there is nothing to repair.
        """
        with self.transaction() as uow:
            view = streak_service.repair_streak(
                uow, _id(learner_id), self.clock.now(), self.policies, self._achievements
            )
            uow.commit()
        return view.current

    def achievements(self, learner_id: UUID | str) -> Sequence[AchievementUnlock]:
        """The achievement tiers a learner unlocked, oldest first."""
        with self.transaction() as uow:
            learner = learner_service.load_learner(uow, _id(learner_id))
            return uow.achievements.list_unlocks(learner.id)

    def achievement_definitions(self) -> tuple[AchievementDefinition, ...]:
        """Every achievement: the built-ins and those plugins registered."""
        return self._achievements

    def backfill_achievements(
        self, keys: Collection[str] | None = None, *, page_size: int = 100
    ) -> list[AchievementUnlock]:
        """Evaluate achievements (all, or those with ``keys``) over every learner's history.

        Run it after installing a plugin with new achievements: learners who already
        qualify get them, once. Each learner is one transaction.
        """
        definitions = [d for d in self._achievements if keys is None or d.key in keys]
        unlocked: list[AchievementUnlock] = []
        offset = 0
        while True:
            with self.transaction() as uow:
                page = [learner.id for learner in uow.learners.list(limit=page_size, offset=offset)]
            for learner_id in page:
                unlocked += run_with_retry(
                    functools.partial(self._backfill_one, learner_id, definitions), self.retry
                )
            if len(page) < page_size:
                return unlocked
            offset += page_size

    def _backfill_one(
        self, learner_id: UUID, definitions: Sequence[AchievementDefinition]
    ) -> list[AchievementUnlock]:
        with self.transaction() as uow:
            unlocks = achievement_service.backfill_learner(
                uow, learner_id, self.clock.now(), definitions, self.policies
            )
            uow.commit()
        return unlocks

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

        Each provider is tried in order; one that is unavailable, times out (``timeout``
        in its ``speech_options``, default 30 s) or is rate limited hands over to the
        next. ``.provider`` on the result says who answered. Bad audio
        (:class:`~learncore.errors.AudioRejected`) is not retried elsewhere.

        >>> from learncore.testing import EchoSpeechProvider
        >>> app = bootstrap(speech=[EchoSpeechProvider()], load_entry_points=False)
        >>> app.assess_pronunciation(b"good morning", "Good morning").pronunciation
        100.0
        """
        return speech_service.assess_with_fallback(
            self.speech_chain, audio, reference_text, language, timeouts=self.speech_timeouts
        )

    def assess_speak_exercise(
        self,
        exercise: Exercise,
        audio: bytes,
        language: str = "en",
        policy: GradingPolicy | None = None,
    ) -> tuple[PronunciationAssessment, Verdict]:
        """Assess a spoken answer to a ``speak`` exercise and grade it.

        The verdict passes when the pronunciation score reaches the policy's
        ``speech_pass_score`` (the exercise's own policy first, then ``policy``).

        >>> from learncore.domain import Exercise, stable_id
        >>> from learncore.testing import EchoSpeechProvider
        >>> app = bootstrap(speech=[EchoSpeechProvider()], load_entry_points=False)
        >>> speak = Exercise(id=stable_id("s"), type="speak", prompt="Say it",
        ...                  accepted_answers=["bonjour"])
        >>> assessment, verdict = app.assess_speak_exercise(speak, b"bonjour", "fr")
        >>> verdict.accepted
        True
        """
        return speech_service.assess_speak_exercise(
            self.speech_chain,
            exercise,
            audio,
            language=language,
            policy=policy or GradingPolicy(),
            timeouts=self.speech_timeouts,
        )


def _speech_chain(
    speech: str | SpeechProvider | Sequence[SpeechProvider] | None,
    registry: PluginRegistry,
    settings: LearncoreSettings,
) -> tuple[list[SpeechProvider], list[float | None]]:
    if speech is None:
        speech = settings.speech
    if speech is None:
        return [], []
    if isinstance(speech, str):
        names = [name.strip() for name in speech.split(",") if name.strip()]
        providers: list[SpeechProvider] = []
        timeouts: list[float | None] = []
        for name in names:
            provider, timeout = build_provider(registry, name, settings.speech_options.get(name, {}))
            providers.append(provider)
            timeouts.append(timeout)
        return providers, timeouts
    chain = [speech] if isinstance(speech, SpeechProvider) else list(speech)
    return chain, [speech_service.DEFAULT_TIMEOUT] * len(chain)


def bootstrap(
    storage: str | Storage | None = None,
    speech: str | SpeechProvider | Sequence[SpeechProvider] | None = None,
    clock: Clock | None = None,
    settings: LearncoreSettings | None = None,
    *,
    load_entry_points: bool = True,
    plugins: Iterable[object] = (),
    policies: RewardPolicies | None = None,
    retry: RetryPolicy | None = None,
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
    - ``policies``: the XP, streak and hearts rules (:class:`RewardPolicies`).
    - ``retry``: how use cases that write are re-run after a
      :class:`~learncore.errors.ConcurrentUpdate` (:class:`RetryPolicy`; default 8
      attempts, jittered exponential waits from 5 ms up to 250 ms).

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
    chain, timeouts = _speech_chain(speech, registry, settings)
    return Learncore(
        storage=opened,
        registry=registry,
        clock=clock or SystemClock(),
        settings=settings,
        policies=policies,
        speech=chain,
        speech_timeouts=timeouts,
        retry=retry,
    )


def _id(value: UUID | str, name: str = "learner_id") -> UUID:
    """Accept ids as UUIDs or their text form (as web apps receive them)."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(value)
    except (TypeError, ValueError, AttributeError):
        raise InvalidInput(name, f"{value!r} is not a UUID") from None
