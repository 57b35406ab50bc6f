"""What changed between two versions of a course, level by level.

An item is matched across versions by id. It is *changed* when its own fields differ
or it moved to another parent; edits inside its children count at the children's
level (adding an exercise changes no lesson).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import attrs

from learncore.domain.courses import Course, Lesson, Section, Unit
from learncore.domain.exercises import Exercise

__all__ = ["CourseDiff", "LevelDiff", "diff_courses"]


@attrs.frozen
class LevelDiff:
    """The ids added, changed, removed and unchanged at one level of the tree."""

    added: frozenset[UUID] = frozenset()
    changed: frozenset[UUID] = frozenset()
    removed: frozenset[UUID] = frozenset()
    unchanged: frozenset[UUID] = frozenset()

    def counts(self) -> dict[str, int]:
        """The sizes, as JSON."""
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "unchanged": len(self.unchanged),
        }


@attrs.frozen
class CourseDiff:
    """Per-level differences between an old and a new version of one course."""

    course_changed: bool
    sections: LevelDiff
    units: LevelDiff
    lessons: LevelDiff
    exercises: LevelDiff

    @property
    def any(self) -> bool:
        """Whether anything at all differs."""
        return self.course_changed or any(
            level.added or level.changed or level.removed
            for level in (self.sections, self.units, self.lessons, self.exercises)
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """Every level's counts, as JSON."""
        return {
            "sections": self.sections.counts(),
            "units": self.units.counts(),
            "lessons": self.lessons.counts(),
            "exercises": self.exercises.counts(),
        }


def _own(item: Section | Unit | Lesson | Exercise) -> Any:
    """The item without its children, for comparing its own fields."""
    if isinstance(item, Section):
        return attrs.evolve(item, units=())
    if isinstance(item, Unit):
        return attrs.evolve(item, lessons=())
    if isinstance(item, Lesson):
        return attrs.evolve(item, exercises=())
    return item


def _levels(course: Course | None) -> Iterator[dict[UUID, tuple[Any, UUID | None]]]:
    """Each level's items by id, with their parent's id."""
    sections: dict[UUID, tuple[Any, UUID | None]] = {}
    units: dict[UUID, tuple[Any, UUID | None]] = {}
    lessons: dict[UUID, tuple[Any, UUID | None]] = {}
    exercises: dict[UUID, tuple[Any, UUID | None]] = {}
    if course is not None:
        for section in course.sections:
            sections[section.id] = (section, None)
            for unit in section.units:
                units[unit.id] = (unit, section.id)
                for lesson in unit.lessons:
                    lessons[lesson.id] = (lesson, unit.id)
                    for exercise in lesson.exercises:
                        exercises[exercise.id] = (exercise, lesson.id)
    yield from (sections, units, lessons, exercises)


def _diff(old: dict[UUID, tuple[Any, UUID | None]], new: dict[UUID, tuple[Any, UUID | None]]) -> LevelDiff:
    changed: set[UUID] = set()
    unchanged: set[UUID] = set()
    for item_id, (item, parent) in new.items():
        before = old.get(item_id)
        if before is None:
            continue
        if before[1] == parent and (before[0] == item or _own(before[0]) == _own(item)):
            unchanged.add(item_id)
        else:
            changed.add(item_id)
    return LevelDiff(
        added=frozenset(new.keys() - old.keys()),
        changed=frozenset(changed),
        removed=frozenset(old.keys() - new.keys()),
        unchanged=frozenset(unchanged),
    )


def diff_courses(old: Course | None, new: Course) -> CourseDiff:
    """How ``new`` differs from ``old`` (everything is added when ``old`` is None).

    The course's own fields are compared without its version, tree and prerequisites;
    prerequisite edits show as changed lessons.
    """
    levels = [_diff(before, after) for before, after in zip(_levels(old), _levels(new), strict=True)]
    lessons = levels[2]
    if old is not None:
        old_requires = _requirements(old)
        new_requires = _requirements(new)
        moved = {
            lesson_id
            for lesson_id in lessons.unchanged
            if old_requires.get(lesson_id, frozenset()) != new_requires.get(lesson_id, frozenset())
        }
        if moved:
            lessons = attrs.evolve(
                lessons, changed=lessons.changed | moved, unchanged=lessons.unchanged - moved
            )
    course_changed = old is None or _shell(old) != _shell(new)
    return CourseDiff(course_changed, levels[0], levels[1], lessons, levels[3])


def _requirements(course: Course) -> dict[UUID, frozenset[UUID]]:
    out: dict[UUID, set[UUID]] = {}
    for lesson_id, required in course.prerequisites:
        out.setdefault(lesson_id, set()).add(required)
    return {lesson_id: frozenset(reqs) for lesson_id, reqs in out.items()}


def _shell(course: Course) -> Course:
    return attrs.evolve(course, sections=(), prerequisites=(), version=1)
