"""The storage port: repositories grouped in a unit of work that commits or rolls back as one.

A backend plugin provides a :class:`Storage` (opened from a URL) whose
``unit_of_work()`` returns a :class:`UnitOfWork`. Use cases follow one pattern::

    with storage.unit_of_work() as uow:
        learner = uow.learners.get(learner_id)
        ...
        uow.emit(SomethingHappened(...))
        uow.commit()

Leaving the block without ``commit()`` (or through an exception) rolls everything
back. ``commit()`` writes the emitted events to the activity log in the same
transaction; the caller hands them to plugins afterwards, with
:meth:`UnitOfWork.collect_committed_events`.

Getters return ``None`` for a missing row; the services turn that into a typed
not-found error. ``for_update=True`` asks the backend to lock the row until the unit
of work ends, for read-modify-write rules (XP, hearts) under concurrency. A lock
taken on a row that does not exist yet need not block anything: the services create
per-learner reward rows once, when the learner registers, so later updates find them.

Every read-modify-write of XP, hearts and streaks goes through a ``for_update=True``
getter. To keep concurrent units of work free of deadlocks, the services take those
locks in one fixed order: the lesson run, the enrolment, the lesson progress, then the
learner's hearts, streak, ledger day and totals. Achievement unlocks need no lock:
:meth:`AchievementRepository.add_unlock` is an insert-if-absent on a unique key.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self
from uuid import UUID

from learncore.domain.achievements import AchievementUnlock
from learncore.domain.content_versions import ArchivedLessonProgress, CourseVersion
from learncore.domain.courses import Course, CourseSummary
from learncore.domain.events import DomainEvent
from learncore.domain.hearts import HeartsLogEntry, HeartsState
from learncore.domain.languages import Language
from learncore.domain.learners import Learner
from learncore.domain.ledger import LedgerDay
from learncore.domain.lesson_runs import Attempt, LessonRun, RunStatus
from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.domain.progress import Enrollment, LessonProgress
from learncore.domain.streaks import StreakState
from learncore.domain.totals import LearnerTotals

__all__ = [
    "AchievementRepository",
    "ContentRepository",
    "ContentVersionRepository",
    "LearnerRepository",
    "LessonRunRepository",
    "LogRepository",
    "ProgressRepository",
    "RewardRepository",
    "Storage",
    "StorageFactory",
    "UnitOfWork",
]


class ContentRepository(Protocol):
    """Languages and whole course trees."""

    def save_language(self, language: Language) -> None:
        """Insert or replace a language by code."""
        ...

    def get_language(self, code: str) -> Language | None:
        """The language with BCP-47 ``code``."""
        ...

    def list_languages(self) -> Sequence[Language]:
        """Every language, ordered by code."""
        ...

    def save_course(self, course: Course) -> None:
        """Insert a course, or replace the stored tree of the course with the same id.

        Raises :class:`~learncore.errors.AlreadyExists` if another course has the slug.
        """
        ...

    def get_course(self, course_id: UUID) -> Course | None:
        """The whole tree of one course."""
        ...

    def get_course_by_slug(self, slug: str) -> Course | None:
        """The whole tree of the course with ``slug``."""
        ...

    def course_id_of_lesson(self, lesson_id: UUID) -> UUID | None:
        """The id of the course holding ``lesson_id``."""
        ...

    def list_courses(self) -> Sequence[CourseSummary]:
        """Every course, ordered by slug, without trees."""
        ...

    def delete_course(self, course_id: UUID) -> bool:
        """Remove a course and its tree; True if it existed."""
        ...


class LearnerRepository(Protocol):
    """Learner profiles. Deleting a learner deletes everything that belongs to them."""

    def add(self, learner: Learner) -> None:
        """Insert a new learner; :class:`~learncore.errors.AlreadyExists` if the id is taken."""
        ...

    def get(self, learner_id: UUID, *, for_update: bool = False) -> Learner | None:
        """The learner with ``learner_id``."""
        ...

    def update(self, learner: Learner) -> None:
        """Replace a stored learner; :class:`~learncore.errors.UnknownLearner` if absent."""
        ...

    def delete(self, learner_id: UUID) -> bool:
        """Remove a learner with everything that belongs to them; True if they existed.

        That is their enrolments, lesson progress and activity-log entries, and the
        rows of :class:`LessonRunRepository` (runs, attempts), :class:`RewardRepository`
        (ledger, streak, hearts, hearts log, totals) and :class:`AchievementRepository`.
        """
        ...

    def list(self, *, limit: int = 100, offset: int = 0) -> Sequence[Learner]:
        """Learners ordered by id, one page at a time."""
        ...


class ProgressRepository(Protocol):
    """Enrolments and per-lesson progress."""

    def get_enrollment(
        self, learner_id: UUID, course_id: UUID, *, for_update: bool = False
    ) -> Enrollment | None:
        """The learner's enrolment in a course."""
        ...

    def save_enrollment(self, enrollment: Enrollment) -> None:
        """Insert or update by id; :class:`~learncore.errors.AlreadyExists` if the learner
        already has another enrolment in the same course."""
        ...

    def list_enrollments(self, learner_id: UUID) -> Sequence[Enrollment]:
        """The learner's enrolments, oldest first."""
        ...

    def get_lesson_progress(
        self, learner_id: UUID, lesson_id: UUID, *, for_update: bool = False
    ) -> LessonProgress | None:
        """The learner's record on one lesson."""
        ...

    def save_lesson_progress(self, progress: LessonProgress) -> None:
        """Insert or replace the record for (learner, lesson)."""
        ...

    def list_lesson_progress(self, learner_id: UUID, course_id: UUID) -> Sequence[LessonProgress]:
        """The learner's records in one course (any order)."""
        ...


class LogRepository(Protocol):
    """The append-only activity and audit logs."""

    def append_activity(self, entry: ActivityEntry) -> None:
        """Record one domain event."""
        ...

    def list_activity(
        self, learner_id: UUID | None = None, *, limit: int | None = None
    ) -> Sequence[ActivityEntry]:
        """Entries for one learner (or all, with ``None``), newest first."""
        ...

    def append_audit(self, entry: AuditEntry) -> None:
        """Record one administrative change."""
        ...

    def list_audit(
        self, resource: str | None = None, *, limit: int | None = None
    ) -> Sequence[AuditEntry]:
        """Entries about one resource (or all), newest first."""
        ...


class LessonRunRepository(Protocol):
    """Lesson runs and the attempts (answers) in them.

    A run is written whole on every change (its queue, counters, status and, once
    completed, its summary; see ``lesson_runs.summary_to_json``). Attempts are written
    once and never change; their ids are client-chosen idempotency keys.
    """

    def save_run(self, run: LessonRun) -> None:
        """Insert or replace a run by id (``run.exercises`` is not stored).

        :class:`~learncore.errors.UnknownLearner` if the learner does not exist.
        """
        ...

    def get_run(self, run_id: UUID, *, for_update: bool = False) -> LessonRun | None:
        """The run with ``run_id``."""
        ...

    def list_runs(
        self,
        learner_id: UUID,
        *,
        lesson_id: UUID | None = None,
        status: RunStatus | None = None,
    ) -> Sequence[LessonRun]:
        """The learner's runs (of one lesson, in one status, if given), oldest first."""
        ...

    def add_attempt(self, attempt: Attempt) -> None:
        """Insert an attempt; :class:`~learncore.errors.AlreadyExists` if its id is taken.

        :class:`~learncore.errors.UnknownLearner` if the learner does not exist.
        """
        ...

    def get_attempt(self, attempt_id: UUID) -> Attempt | None:
        """The attempt with ``attempt_id``."""
        ...

    def list_attempts(self, run_id: UUID) -> Sequence[Attempt]:
        """The attempts of one run, by ``ordinal``."""
        ...

    def list_learner_attempts(self, learner_id: UUID) -> Sequence[Attempt]:
        """Every attempt of a learner, by submission time (then ordinal)."""
        ...


class RewardRepository(Protocol):
    """The daily XP ledger, streak and hearts state, the hearts log and running totals.

    One ledger row per (learner, day); one streak, hearts and totals row per learner.
    """

    def get_ledger_day(
        self, learner_id: UUID, day: date, *, for_update: bool = False
    ) -> LedgerDay | None:
        """The ledger row of one learner-local day."""
        ...

    def save_ledger_day(self, entry: LedgerDay) -> None:
        """Insert or replace the row for (learner, day)."""
        ...

    def list_ledger(
        self, learner_id: UUID, *, since: date | None = None, until: date | None = None
    ) -> Sequence[LedgerDay]:
        """The learner's rows with ``since <= day <= until`` (bounds optional), oldest first."""
        ...

    def get_streak(self, learner_id: UUID, *, for_update: bool = False) -> StreakState | None:
        """The learner's streak state."""
        ...

    def save_streak(self, state: StreakState) -> None:
        """Insert or replace the learner's streak state."""
        ...

    def get_hearts(self, learner_id: UUID, *, for_update: bool = False) -> HeartsState | None:
        """The learner's hearts state."""
        ...

    def save_hearts(self, state: HeartsState) -> None:
        """Insert or replace the learner's hearts state."""
        ...

    def append_hearts_log(self, entry: HeartsLogEntry) -> None:
        """Record one change of a learner's hearts."""
        ...

    def list_hearts_log(
        self, learner_id: UUID, *, limit: int | None = None
    ) -> Sequence[HeartsLogEntry]:
        """The learner's hearts log, newest first (equal times: last appended first)."""
        ...

    def get_totals(self, learner_id: UUID, *, for_update: bool = False) -> LearnerTotals | None:
        """The learner's running totals."""
        ...

    def save_totals(self, totals: LearnerTotals) -> None:
        """Insert or replace the learner's running totals."""
        ...


class AchievementRepository(Protocol):
    """Achievement unlocks: at most one per (learner, key, tier), even under concurrency."""

    def add_unlock(self, unlock: AchievementUnlock) -> bool:
        """Insert ``unlock`` unless (learner, key, tier) is already held; True if inserted.

        Concurrent units of work may both try: exactly one gets True (a unique key on
        the three columns, e.g. ``INSERT ... ON CONFLICT DO NOTHING``).
        """
        ...

    def list_unlocks(self, learner_id: UUID) -> Sequence[AchievementUnlock]:
        """The learner's unlocks, oldest first (then by key and tier)."""
        ...


# --- content versions (course import, issue 7) ------------------------------------------


class ContentVersionRepository(Protocol):
    """Course versions, the source keys of imported ids, and progress archived by content edits."""

    def record_version(self, version: CourseVersion) -> None:
        """Append a version record; :class:`~learncore.errors.AlreadyExists` if that number is taken."""
        ...

    def list_versions(self, course_id: UUID) -> Sequence[CourseVersion]:
        """The course's version records, oldest first."""
        ...

    def save_source_keys(self, course_id: UUID, keys: Mapping[UUID, str]) -> None:
        """Replace the keys (as written in the course file) that the course's ids came from."""
        ...

    def get_source_keys(self, course_id: UUID) -> Mapping[UUID, str]:
        """The keys last saved for the course (empty when none)."""
        ...

    def archive_lesson_progress(
        self,
        course_id: UUID,
        lesson_ids: Collection[UUID],
        *,
        course_version: int,
        archived_at: datetime,
    ) -> int:
        """Move every learner's progress on ``lesson_ids`` of the course to the archive; the count moved."""
        ...

    def restore_lesson_progress(self, course_id: UUID, lesson_ids: Collection[UUID]) -> int:
        """Move archived progress on ``lesson_ids`` back (a removed lesson returned); the count moved.

        An archived record is not restored over live progress on the same lesson.
        """
        ...

    def list_archived_progress(
        self, *, learner_id: UUID | None = None, course_id: UUID | None = None
    ) -> Sequence[ArchivedLessonProgress]:
        """Archived records, filtered by learner and/or course, oldest archive first."""
        ...


class UnitOfWork(abc.ABC):
    """A transaction over every repository. Subclasses implement the four ``_`` hooks.

    The base class owns the rules every backend must share: roll back unless
    committed, write emitted events to the activity log inside the transaction, and
    release them for publishing only once the commit succeeded.
    """

    content: ContentRepository
    content_versions: ContentVersionRepository
    learners: LearnerRepository
    progress: ProgressRepository
    logs: LogRepository
    runs: LessonRunRepository
    rewards: RewardRepository
    achievements: AchievementRepository

    def __init__(self) -> None:
        self._pending_events: list[DomainEvent] = []
        self._committed_events: list[DomainEvent] = []
        self._active = False

    def __enter__(self) -> Self:
        if self._active:
            raise RuntimeError("this unit of work is already in use; open a new one")
        self._begin()
        self._active = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            self._active = False
            self._end()

    def emit(self, event: DomainEvent) -> None:
        """Record an event; it is logged on commit and discarded on rollback."""
        self._pending_events.append(event)

    def commit(self) -> None:
        """Make every change since the last commit durable, including the emitted events."""
        if not self._active:
            raise RuntimeError("commit() outside a 'with' block")
        for event in self._pending_events:
            self.logs.append_activity(event.to_activity())
        self._commit()
        self._committed_events.extend(self._pending_events)
        self._pending_events.clear()

    def rollback(self) -> None:
        """Discard every change since the last commit."""
        self._pending_events.clear()
        self._rollback()

    def collect_committed_events(self) -> list[DomainEvent]:
        """The events of committed work, once; the caller publishes them to plugins."""
        events, self._committed_events = self._committed_events, []
        return events

    @abc.abstractmethod
    def _begin(self) -> None:
        """Start a transaction."""

    @abc.abstractmethod
    def _commit(self) -> None:
        """Make the transaction durable (a failure here must leave nothing applied)."""

    @abc.abstractmethod
    def _rollback(self) -> None:
        """Undo uncommitted changes (a no-op when there are none)."""

    @abc.abstractmethod
    def _end(self) -> None:
        """Release what ``_begin`` took (connections, locks)."""


class Storage(Protocol):
    """An opened storage backend."""

    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work; use it in a ``with`` block."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...


StorageFactory = Callable[[str, Mapping[str, Any]], Storage]
"""What a storage plugin registers: ``factory(url, options) -> Storage``."""
