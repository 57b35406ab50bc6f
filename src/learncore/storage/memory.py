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

import threading
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any, Self, TypeVar
from uuid import UUID

import attrs

from learncore.domain.courses import Course, CourseSummary
from learncore.domain.languages import Language, normalise_language_code
from learncore.domain.learners import Learner
from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.domain.progress import Enrollment, LessonProgress
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
    activity: list[ActivityEntry] = attrs.Factory(list)
    audit: list[AuditEntry] = attrs.Factory(list)


class _Journal:
    """Undo records for the current transaction."""

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []

    def set(self, table: MutableMapping[K, V], key: K, value: V) -> None:
        old = table.get(key, _MISSING)
        table[key] = value
        self._undo.append(lambda: _restore(table, key, old))

    def delete(self, table: MutableMapping[K, V], key: K) -> None:
        old = table.pop(key, _MISSING)
        if old is not _MISSING:
            self._undo.append(lambda: _restore(table, key, old))

    def append(self, items: list[V], value: V) -> None:
        items.append(value)
        self._undo.append(lambda: _drop_last(items))

    def replace_all(self, items: list[V], kept: list[V]) -> None:
        old = items[:]
        items[:] = kept
        self._undo.append(lambda: items.__setitem__(slice(None), old))

    def undo(self) -> None:
        while self._undo:
            self._undo.pop()()

    def forget(self) -> None:
        self._undo.clear()


def _drop_last(items: list[Any]) -> None:
    items.pop()


def _restore(table: MutableMapping[Any, Any], key: Any, old: Any) -> None:
    if old is _MISSING:
        table.pop(key, None)
    else:
        table[key] = old


class _Repository:
    def __init__(self, tables: _Tables, journal: _Journal) -> None:
        self._t = tables
        self._j = journal


class _ContentRepository(_Repository):
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
        for pair, enrollment_id in list(self._t.enrollment_by_pair.items()):
            if pair[0] == learner_id:
                self._j.delete(self._t.enrollment_by_pair, pair)
                self._j.delete(self._t.enrollments, enrollment_id)
        for key in [key for key in self._t.lesson_progress if key[0] == learner_id]:
            self._j.delete(self._t.lesson_progress, key)
        if any(entry.learner_id == learner_id for entry in self._t.activity):
            kept = [entry for entry in self._t.activity if entry.learner_id != learner_id]
            self._j.replace_all(self._t.activity, kept)
        return True

    def list(self, *, limit: int = 100, offset: int = 0) -> Sequence[Learner]:
        ids = sorted(self._t.learners, key=str)[offset : offset + limit]
        return [self._t.learners[learner_id] for learner_id in ids]


class _ProgressRepository(_Repository):
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
        self._j.set(self._t.lesson_progress, (progress.learner_id, progress.lesson_id), progress)

    def list_lesson_progress(self, learner_id: UUID, course_id: UUID) -> Sequence[LessonProgress]:
        return [
            p
            for (owner, _), p in self._t.lesson_progress.items()
            if owner == learner_id and p.course_id == course_id
        ]


class _LogRepository(_Repository):
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


class MemoryUnitOfWork(UnitOfWork):
    """A transaction over a :class:`MemoryStorage`."""

    def __init__(self, storage: MemoryStorage) -> None:
        super().__init__()
        self._storage = storage
        self._journal = _Journal()
        tables = storage._tables
        self.content = _ContentRepository(tables, self._journal)
        self.learners = _LearnerRepository(tables, self._journal)
        self.progress = _ProgressRepository(tables, self._journal)
        self.logs = _LogRepository(tables, self._journal)

    def _begin(self) -> None:
        self._storage._lock.acquire()

    def _commit(self) -> None:
        self._journal.forget()

    def _rollback(self) -> None:
        self._journal.undo()

    def _end(self) -> None:
        self._storage._lock.release()


class MemoryStorage:
    """An in-process store. Each instance is independent; share the instance to share data."""

    def __init__(self) -> None:
        self._tables = _Tables()
        self._lock = threading.RLock()

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
