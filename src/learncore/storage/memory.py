"""The in-memory storage backend (plugin name ``memory``, URL ``memory://``).

A complete implementation of the storage port, for tests, demos and apps that keep
state elsewhere. Units of work run one at a time (a re-entrant lock is held from
``__enter__`` to ``__exit__``), which makes them serialisable. Writes go straight to
the tables and are journaled; rollback replays the journal backwards, so it costs
O(writes) whatever the size of the store.

Returned domain objects are shared with the store: treat them as read-only (they are
frozen, but dict fields such as ``Learner.preferences`` are plain dicts).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Collection, Mapping, MutableMapping, Sequence
from datetime import date, datetime
from typing import Any, Self, TypeVar
from uuid import UUID

import attrs

from learncore.domain import unchecked
from learncore.domain.achievements import AchievementUnlock
from learncore.domain.content_versions import ArchivedLessonProgress, CourseVersion
from learncore.domain.courses import Course, CourseSummary
from learncore.domain.hearts import HeartsLogEntry, HeartsState
from learncore.domain.languages import Language, normalise_language_code
from learncore.domain.learners import Learner
from learncore.domain.ledger import LedgerDay
from learncore.domain.lesson_runs import Attempt, LessonRun, RunStatus
from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.domain.progress import Enrollment, LessonProgress
from learncore.domain.streaks import StreakState
from learncore.domain.totals import LearnerTotals
from learncore.errors import AlreadyExists, InvalidSettings, UnknownLearner
from learncore.ports.storage import UnitOfWork

__all__ = ["MemoryStorage", "MemoryUnitOfWork"]

K = TypeVar("K")
V = TypeVar("V")
_MISSING: Any = object()


@attrs.define
class _Tables:
    languages: dict[str, Language] = attrs.Factory(dict)
    courses: dict[UUID, Course] = attrs.Factory(dict)
    course_by_slug: dict[str, UUID] = attrs.Factory(dict)
    course_of_lesson: dict[UUID, UUID] = attrs.Factory(dict)
    learners: dict[UUID, Learner] = attrs.Factory(dict)
    enrollments: dict[UUID, Enrollment] = attrs.Factory(dict)
    enrollment_by_pair: dict[tuple[UUID, UUID], UUID] = attrs.Factory(dict)
    lesson_progress: dict[tuple[UUID, UUID], LessonProgress] = attrs.Factory(dict)
    # The lessons each learner has a record of, so listing one learner's progress
    # does not scan everyone's.
    progress_lessons: dict[UUID, list[UUID]] = attrs.Factory(dict)
    activity: list[ActivityEntry] = attrs.Factory(list)
    audit: list[AuditEntry] = attrs.Factory(list)
    # The learning loop. Per-learner lists index the rows for listing and deletion.
    runs: dict[UUID, LessonRun] = attrs.Factory(dict)
    runs_of_learner: dict[UUID, list[UUID]] = attrs.Factory(dict)
    attempts: dict[UUID, Attempt] = attrs.Factory(dict)
    attempts_of_run: dict[UUID, list[UUID]] = attrs.Factory(dict)
    attempts_of_learner: dict[UUID, list[UUID]] = attrs.Factory(dict)
    ledger: dict[tuple[UUID, date], LedgerDay] = attrs.Factory(dict)
    ledger_days: dict[UUID, list[date]] = attrs.Factory(dict)  # kept sorted
    streaks: dict[UUID, StreakState] = attrs.Factory(dict)
    hearts: dict[UUID, HeartsState] = attrs.Factory(dict)
    hearts_log: dict[UUID, list[HeartsLogEntry]] = attrs.Factory(dict)
    totals: dict[UUID, LearnerTotals] = attrs.Factory(dict)
    unlocks: dict[UUID, dict[tuple[str, int], AchievementUnlock]] = attrs.Factory(dict)
    # (learner, lesson) -> progress on a lesson that a content edit removed
    archived_progress: dict[tuple[UUID, UUID], ArchivedLessonProgress] = attrs.Factory(dict)


class _Journal:
    """Undo records of the open transactions, each a function and its arguments.

    One journal serves every unit of work of a storage: they run one at a time, and
    the repositories (built once) write to the innermost open transaction's records.
    A unit of work opened inside another on the same thread (the lock is re-entrant)
    gets records of its own. Tuples rather than closures: a lesson answer writes a
    dozen rows, and a tuple costs a fraction of a closure over three variables.
    """

    __slots__ = ("_open", "_undo")

    def __init__(self) -> None:
        self._open: list[list[tuple[Any, ...]]] = []
        self._undo: list[tuple[Any, ...]] = []  # writes outside a transaction: never undone

    def begin(self) -> list[tuple[Any, ...]]:
        """Start recording for a new transaction; its records."""
        records: list[tuple[Any, ...]] = []
        self._open.append(records)
        self._undo = records
        return records

    def end(self, records: list[tuple[Any, ...]]) -> None:
        """Stop recording for the transaction that ``begin`` returned ``records`` to."""
        self._open.remove(records)
        self._undo = self._open[-1] if self._open else []

    def set(self, table: MutableMapping[K, V], key: K, value: V) -> None:
        self._undo.append((_restore, table, key, table.get(key, _MISSING)))
        table[key] = value

    def delete(self, table: MutableMapping[K, V], key: K) -> None:
        old = table.pop(key, _MISSING)
        if old is not _MISSING:
            self._undo.append((_restore, table, key, old))

    def append(self, items: list[V], value: V) -> None:
        items.append(value)
        self._undo.append((_drop_last, items))

    def insert_sorted(self, items: list[Any], value: Any) -> None:
        bisect.insort(items, value)
        self._undo.append((list.remove, items, value))

    def replace_all(self, items: list[V], kept: list[V]) -> None:
        old = items[:]
        items[:] = kept
        self._undo.append((_replace_all, items, old))


def _undo_all(records: list[tuple[Any, ...]]) -> None:
    while records:
        restore, *arguments = records.pop()
        restore(*arguments)


def _drop_last(items: list[Any]) -> None:
    items.pop()


def _replace_all(items: list[Any], old: list[Any]) -> None:
    items[:] = old


def _restore(table: MutableMapping[Any, Any], key: Any, old: Any) -> None:
    if old is _MISSING:
        table.pop(key, None)
    else:
        table[key] = old


class _Repository:
    __slots__ = ("_j", "_t")

    def __init__(self, tables: _Tables, journal: _Journal) -> None:
        self._t = tables
        self._j = journal


class _ContentRepository(_Repository):
    __slots__ = ()

    def save_language(self, language: Language) -> None:
        self._j.set(self._t.languages, language.code, language)

    def get_language(self, code: str) -> Language | None:
        return self._t.languages.get(normalise_language_code(code))

    def list_languages(self) -> Sequence[Language]:
        return [self._t.languages[code] for code in sorted(self._t.languages)]

    def save_course(self, course: Course) -> None:
        owner = self._t.course_by_slug.get(course.slug)
        if owner is not None and owner != course.id:
            raise AlreadyExists("course", course.slug)
        previous = self._t.courses.get(course.id)
        if previous is not None:
            if previous.slug != course.slug:
                self._j.delete(self._t.course_by_slug, previous.slug)
            for lesson in previous.lessons:
                self._j.delete(self._t.course_of_lesson, lesson.id)
        for lesson in course.lessons:
            other = self._t.course_of_lesson.get(lesson.id)
            if other is not None and other != course.id:
                raise AlreadyExists("lesson", lesson.id)
        self._j.set(self._t.courses, course.id, course)
        self._j.set(self._t.course_by_slug, course.slug, course.id)
        for lesson in course.lessons:
            self._j.set(self._t.course_of_lesson, lesson.id, course.id)

    def get_course(self, course_id: UUID) -> Course | None:
        return self._t.courses.get(course_id)

    def get_course_by_slug(self, slug: str) -> Course | None:
        course_id = self._t.course_by_slug.get(slug)
        return None if course_id is None else self._t.courses[course_id]

    def course_id_of_lesson(self, lesson_id: UUID) -> UUID | None:
        return self._t.course_of_lesson.get(lesson_id)

    def list_courses(self) -> Sequence[CourseSummary]:
        return [
            self._t.courses[self._t.course_by_slug[slug]].summary()
            for slug in sorted(self._t.course_by_slug)
        ]

    def delete_course(self, course_id: UUID) -> bool:
        course = self._t.courses.get(course_id)
        if course is None:
            return False
        self._j.delete(self._t.courses, course_id)
        self._j.delete(self._t.course_by_slug, course.slug)
        for lesson in course.lessons:
            self._j.delete(self._t.course_of_lesson, lesson.id)
        return True


class _LearnerRepository(_Repository):
    __slots__ = ()

    def add(self, learner: Learner) -> None:
        if learner.id in self._t.learners:
            raise AlreadyExists("learner", learner.id)
        self._j.set(self._t.learners, learner.id, learner)

    def get(
        self,
        learner_id: UUID,
        *,
        for_update: bool = False,  # noqa: ARG002 - units of work are already serialised
    ) -> Learner | None:
        return self._t.learners.get(learner_id)

    def update(self, learner: Learner) -> None:
        if learner.id not in self._t.learners:
            raise UnknownLearner(learner.id)
        self._j.set(self._t.learners, learner.id, learner)

    def delete(self, learner_id: UUID) -> bool:
        if learner_id not in self._t.learners:
            return False
        self._j.delete(self._t.learners, learner_id)
        self._delete_loop_rows(learner_id)
        for pair, enrollment_id in list(self._t.enrollment_by_pair.items()):
            if pair[0] == learner_id:
                self._j.delete(self._t.enrollment_by_pair, pair)
                self._j.delete(self._t.enrollments, enrollment_id)
        for lesson_id in self._t.progress_lessons.get(learner_id, ()):
            self._j.delete(self._t.lesson_progress, (learner_id, lesson_id))
        self._j.delete(self._t.progress_lessons, learner_id)
        for key in [key for key in self._t.archived_progress if key[0] == learner_id]:
            self._j.delete(self._t.archived_progress, key)
        if any(entry.learner_id == learner_id for entry in self._t.activity):
            kept = [entry for entry in self._t.activity if entry.learner_id != learner_id]
            self._j.replace_all(self._t.activity, kept)
        return True

    def list(self, *, limit: int = 100, offset: int = 0) -> Sequence[Learner]:
        ids = sorted(self._t.learners, key=str)[offset : offset + limit]
        return [self._t.learners[learner_id] for learner_id in ids]

    def _delete_loop_rows(self, learner_id: UUID) -> None:
        t, j = self._t, self._j
        for run_id in t.runs_of_learner.get(learner_id, ()):
            j.delete(t.runs, run_id)
            j.delete(t.attempts_of_run, run_id)
        for attempt_id in t.attempts_of_learner.get(learner_id, ()):
            j.delete(t.attempts, attempt_id)
        for day in t.ledger_days.get(learner_id, ()):
            j.delete(t.ledger, (learner_id, day))
        tables: tuple[dict[UUID, Any], ...] = (
            t.runs_of_learner,
            t.attempts_of_learner,
            t.ledger_days,
            t.streaks,
            t.hearts,
            t.hearts_log,
            t.totals,
            t.unlocks,
        )
        for table in tables:
            j.delete(table, learner_id)


class _ProgressRepository(_Repository):
    __slots__ = ()

    def get_enrollment(
        self,
        learner_id: UUID,
        course_id: UUID,
        *,
        for_update: bool = False,  # noqa: ARG002 - units of work are already serialised
    ) -> Enrollment | None:
        enrollment_id = self._t.enrollment_by_pair.get((learner_id, course_id))
        return None if enrollment_id is None else self._t.enrollments[enrollment_id]

    def save_enrollment(self, enrollment: Enrollment) -> None:
        if enrollment.learner_id not in self._t.learners:
            raise UnknownLearner(enrollment.learner_id)
        pair = (enrollment.learner_id, enrollment.course_id)
        owner = self._t.enrollment_by_pair.get(pair)
        if owner is not None and owner != enrollment.id:
            raise AlreadyExists("enrollment", f"learner {pair[0]} in course {pair[1]}")
        self._j.set(self._t.enrollments, enrollment.id, enrollment)
        self._j.set(self._t.enrollment_by_pair, pair, enrollment.id)

    def list_enrollments(self, learner_id: UUID) -> Sequence[Enrollment]:
        found = [e for e in self._t.enrollments.values() if e.learner_id == learner_id]
        return sorted(found, key=lambda e: (e.enrolled_at, str(e.id)))

    def get_lesson_progress(
        self,
        learner_id: UUID,
        lesson_id: UUID,
        *,
        for_update: bool = False,  # noqa: ARG002 - units of work are already serialised
    ) -> LessonProgress | None:
        return self._t.lesson_progress.get((learner_id, lesson_id))

    def save_lesson_progress(self, progress: LessonProgress) -> None:
        if progress.learner_id not in self._t.learners:
            raise UnknownLearner(progress.learner_id)
        key = (progress.learner_id, progress.lesson_id)
        if key not in self._t.lesson_progress:
            lessons = self._t.progress_lessons.setdefault(progress.learner_id, [])
            self._j.append(lessons, progress.lesson_id)
        self._j.set(self._t.lesson_progress, key, progress)

    def list_lesson_progress(self, learner_id: UUID, course_id: UUID) -> Sequence[LessonProgress]:
        table = self._t.lesson_progress
        records = (table[(learner_id, lesson)] for lesson in self._t.progress_lessons.get(learner_id, ()))
        return [p for p in records if p.course_id == course_id]


class _LogRepository(_Repository):
    __slots__ = ()

    def append_activity(self, entry: ActivityEntry) -> None:
        self._j.append(self._t.activity, entry)

    def list_activity(
        self, learner_id: UUID | None = None, *, limit: int | None = None
    ) -> Sequence[ActivityEntry]:
        found = [e for e in reversed(self._t.activity) if learner_id is None or e.learner_id == learner_id]
        # Newest first; entries with equal times keep reverse insertion order.
        found.sort(key=lambda e: e.occurred_at, reverse=True)
        return found if limit is None else found[:limit]

    def append_audit(self, entry: AuditEntry) -> None:
        self._j.append(self._t.audit, entry)

    def list_audit(
        self, resource: str | None = None, *, limit: int | None = None
    ) -> Sequence[AuditEntry]:
        found = [e for e in reversed(self._t.audit) if resource is None or e.resource == resource]
        found.sort(key=lambda e: e.occurred_at, reverse=True)
        return found if limit is None else found[:limit]


class _LessonRunRepository(_Repository):
    __slots__ = ()

    def save_run(self, run: LessonRun) -> None:
        t = self._t
        if run.learner_id not in t.learners:
            raise UnknownLearner(run.learner_id)
        if run.exercises:
            run = unchecked.replace(run, exercises=())  # an app convenience, not stored
        if run.id not in t.runs:
            self._j.append(t.runs_of_learner.setdefault(run.learner_id, []), run.id)
        self._j.set(t.runs, run.id, run)

    def get_run(
        self,
        run_id: UUID,
        *,
        for_update: bool = False,  # noqa: ARG002 - units of work are already serialised
    ) -> LessonRun | None:
        return self._t.runs.get(run_id)

    def list_runs(
        self,
        learner_id: UUID,
        *,
        lesson_id: UUID | None = None,
        status: RunStatus | None = None,
    ) -> Sequence[LessonRun]:
        runs = [self._t.runs[run_id] for run_id in self._t.runs_of_learner.get(learner_id, ())]
        found = [
            run
            for run in runs
            if (lesson_id is None or run.lesson_id == lesson_id)
            and (status is None or run.status is status)
        ]
        return sorted(found, key=lambda run: run.started_at)  # stable: insertion order on ties

    def add_attempt(self, attempt: Attempt) -> None:
        t = self._t
        if attempt.id in t.attempts:
            raise AlreadyExists("attempt", attempt.id)
        if attempt.learner_id not in t.learners:
            raise UnknownLearner(attempt.learner_id)
        self._j.set(t.attempts, attempt.id, attempt)
        self._j.append(t.attempts_of_run.setdefault(attempt.run_id, []), attempt.id)
        self._j.append(t.attempts_of_learner.setdefault(attempt.learner_id, []), attempt.id)

    def get_attempt(self, attempt_id: UUID) -> Attempt | None:
        return self._t.attempts.get(attempt_id)

    def list_attempts(self, run_id: UUID) -> Sequence[Attempt]:
        found = [self._t.attempts[a] for a in self._t.attempts_of_run.get(run_id, ())]
        return sorted(found, key=lambda attempt: attempt.ordinal)

    def list_learner_attempts(self, learner_id: UUID) -> Sequence[Attempt]:
        found = [self._t.attempts[a] for a in self._t.attempts_of_learner.get(learner_id, ())]
        return sorted(found, key=lambda attempt: (attempt.submitted_at, attempt.ordinal))


class _RewardRepository(_Repository):
    __slots__ = ()

    def get_ledger_day(
        self,
        learner_id: UUID,
        day: date,
        *,
        for_update: bool = False,  # noqa: ARG002 - units of work are already serialised
    ) -> LedgerDay | None:
        return self._t.ledger.get((learner_id, day))

    def save_ledger_day(self, entry: LedgerDay) -> None:
        t = self._t
        if entry.learner_id not in t.learners:
            raise UnknownLearner(entry.learner_id)
        key = (entry.learner_id, entry.day)
        if key not in t.ledger:
            days = t.ledger_days.setdefault(entry.learner_id, [])
            if days and days[-1] < entry.day:
                self._j.append(days, entry.day)  # the usual case: a new newest day
            else:
                self._j.insert_sorted(days, entry.day)
        self._j.set(t.ledger, key, entry)

    def list_ledger(
        self, learner_id: UUID, *, since: date | None = None, until: date | None = None
    ) -> Sequence[LedgerDay]:
        days = self._t.ledger_days.get(learner_id, [])
        start = 0 if since is None else bisect.bisect_left(days, since)
        stop = len(days) if until is None else bisect.bisect_right(days, until)
        ledger = self._t.ledger
        return [ledger[(learner_id, day)] for day in days[start:stop]]

    def get_streak(
        self,
        learner_id: UUID,
        *,
        for_update: bool = False,  # noqa: ARG002 - units of work are already serialised
    ) -> StreakState | None:
        return self._t.streaks.get(learner_id)

    def save_streak(self, state: StreakState) -> None:
        self._require_learner(state.learner_id)
        self._j.set(self._t.streaks, state.learner_id, state)

    def get_hearts(
        self,
        learner_id: UUID,
        *,
        for_update: bool = False,  # noqa: ARG002 - units of work are already serialised
    ) -> HeartsState | None:
        return self._t.hearts.get(learner_id)

    def save_hearts(self, state: HeartsState) -> None:
        self._require_learner(state.learner_id)
        self._j.set(self._t.hearts, state.learner_id, state)

    def append_hearts_log(self, entry: HeartsLogEntry) -> None:
        self._require_learner(entry.learner_id)
        self._j.append(self._t.hearts_log.setdefault(entry.learner_id, []), entry)

    def list_hearts_log(
        self, learner_id: UUID, *, limit: int | None = None
    ) -> Sequence[HeartsLogEntry]:
        found = list(reversed(self._t.hearts_log.get(learner_id, [])))
        found.sort(key=lambda entry: entry.occurred_at, reverse=True)
        return found if limit is None else found[:limit]

    def get_totals(
        self,
        learner_id: UUID,
        *,
        for_update: bool = False,  # noqa: ARG002 - units of work are already serialised
    ) -> LearnerTotals | None:
        return self._t.totals.get(learner_id)

    def save_totals(self, totals: LearnerTotals) -> None:
        self._require_learner(totals.learner_id)
        self._j.set(self._t.totals, totals.learner_id, totals)

    def _require_learner(self, learner_id: UUID) -> None:
        if learner_id not in self._t.learners:
            raise UnknownLearner(learner_id)


class _AchievementRepository(_Repository):
    __slots__ = ()

    def add_unlock(self, unlock: AchievementUnlock) -> bool:
        if unlock.learner_id not in self._t.learners:
            raise UnknownLearner(unlock.learner_id)
        held = self._t.unlocks.setdefault(unlock.learner_id, {})
        key = (unlock.key, unlock.tier)
        if key in held:
            return False
        self._j.set(held, key, unlock)
        return True

    def list_unlocks(self, learner_id: UUID) -> Sequence[AchievementUnlock]:
        held = self._t.unlocks.get(learner_id, {})
        return sorted(held.values(), key=lambda u: (u.unlocked_at, u.key, u.tier))


class MemoryUnitOfWork(UnitOfWork):
    """A transaction over a :class:`MemoryStorage`."""

    def __init__(self, storage: MemoryStorage) -> None:
        super().__init__()
        self._storage = storage
        self._records: list[tuple[Any, ...]] = []
        # The storage's repositories, built once: they hold no per-transaction state.
        self.__dict__.update(storage._repositories)

    def _begin(self) -> None:
        self._storage._lock.acquire()
        self._records = self._storage._journal.begin()

    def _commit(self) -> None:
        self._records.clear()

    def _rollback(self) -> None:
        _undo_all(self._records)

    def _end(self) -> None:
        self._storage._journal.end(self._records)
        self._storage._lock.release()


class MemoryStorage:
    """An in-process store. Each instance is independent; share the instance to share data."""

    def __init__(self) -> None:
        self._tables = _Tables()
        self._versions = _VersionTables()
        self._lock = threading.RLock()
        self._journal = _Journal()
        tables, journal = self._tables, self._journal
        self._repositories: dict[str, object] = {
            "content": _ContentRepository(tables, journal),
            "content_versions": _ContentVersionRepository(tables, self._versions, journal),
            "learners": _LearnerRepository(tables, journal),
            "progress": _ProgressRepository(tables, journal),
            "logs": _LogRepository(tables, journal),
            "runs": _LessonRunRepository(tables, journal),
            "rewards": _RewardRepository(tables, journal),
            "achievements": _AchievementRepository(tables, journal),
        }

    @classmethod
    def from_url(cls, url: str, options: Mapping[str, Any] | None = None) -> Self:
        """Open from ``memory://`` (no options are understood)."""
        if not url.lower().startswith("memory:"):
            raise InvalidSettings("storage", f"{url!r} is not a memory:// URL")
        if options:
            raise InvalidSettings(
                "storage", f"the memory backend takes no options; got {', '.join(sorted(options))}"
            )
        return cls()

    def unit_of_work(self) -> MemoryUnitOfWork:
        """A new unit of work; use it in a ``with`` block."""
        return MemoryUnitOfWork(self)

    def close(self) -> None:
        """Nothing to release."""


# --- content versions (course import, issue 7) ------------------------------------------
# Kept in their own tables and repository so the rest of the backend does not change.


@attrs.define
class _VersionTables:
    versions: dict[UUID, list[CourseVersion]] = attrs.Factory(dict)
    source_keys: dict[UUID, dict[UUID, str]] = attrs.Factory(dict)


class _ContentVersionRepository(_Repository):
    __slots__ = ("_v",)

    def __init__(self, tables: _Tables, versions: _VersionTables, journal: _Journal) -> None:
        super().__init__(tables, journal)
        self._v = versions

    def record_version(self, version: CourseVersion) -> None:
        existing = self._v.versions.get(version.course_id, [])
        if any(v.version == version.version for v in existing):
            raise AlreadyExists("course version", f"{version.course_id} v{version.version}")
        self._j.set(self._v.versions, version.course_id, [*existing, version])

    def list_versions(self, course_id: UUID) -> Sequence[CourseVersion]:
        return sorted(self._v.versions.get(course_id, []), key=lambda v: v.version)

    def save_source_keys(self, course_id: UUID, keys: Mapping[UUID, str]) -> None:
        self._j.set(self._v.source_keys, course_id, dict(keys))

    def get_source_keys(self, course_id: UUID) -> Mapping[UUID, str]:
        return dict(self._v.source_keys.get(course_id, {}))

    def archive_lesson_progress(
        self,
        course_id: UUID,
        lesson_ids: Collection[UUID],
        *,
        course_version: int,
        archived_at: datetime,
    ) -> int:
        wanted = set(lesson_ids)
        t = self._t
        moved = 0
        for learner_id, lessons in list(t.progress_lessons.items()):
            gone = [
                lesson_id
                for lesson_id in lessons
                if lesson_id in wanted and t.lesson_progress[(learner_id, lesson_id)].course_id == course_id
            ]
            if not gone:
                continue
            for lesson_id in gone:
                key = (learner_id, lesson_id)
                record = ArchivedLessonProgress(
                    t.lesson_progress[key], course_version=course_version, archived_at=archived_at
                )
                self._j.set(t.archived_progress, key, record)
                self._j.delete(t.lesson_progress, key)
            self._j.replace_all(lessons, [lesson_id for lesson_id in lessons if lesson_id not in gone])
            moved += len(gone)
        return moved

    def restore_lesson_progress(self, course_id: UUID, lesson_ids: Collection[UUID]) -> int:
        wanted = set(lesson_ids)
        t = self._t
        moved = 0
        for key, record in list(t.archived_progress.items()):
            # Live progress on the same lesson wins; the archived record then stays archived.
            if record.course_id != course_id or record.lesson_id not in wanted or key in t.lesson_progress:
                continue
            self._j.append(t.progress_lessons.setdefault(record.learner_id, []), record.lesson_id)
            self._j.set(t.lesson_progress, key, record.progress)
            self._j.delete(t.archived_progress, key)
            moved += 1
        return moved

    def list_archived_progress(
        self, *, learner_id: UUID | None = None, course_id: UUID | None = None
    ) -> Sequence[ArchivedLessonProgress]:
        found = [
            record
            for record in self._t.archived_progress.values()
            if (learner_id is None or record.learner_id == learner_id)
            and (course_id is None or record.course_id == course_id)
        ]
        return sorted(found, key=lambda r: (r.archived_at, str(r.learner_id), str(r.lesson_id)))

