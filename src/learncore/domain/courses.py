"""The course tree: Course → Section → Unit → Lesson → Exercise, plus lesson assets.

Everything here is immutable and validated at construction. Children are kept sorted
by ``position`` and positions must be unique among siblings. Edit a course with
``attrs.evolve`` or the ``with_*`` helpers; the result is validated again.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, TypeVar
from uuid import UUID

import attrs

from learncore.domain.exercises import Exercise
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.languages import language_code_validator, normalise_language_code
from learncore.domain.prerequisites import PrerequisiteGraph
from learncore.domain.validation import (
    in_range,
    instances_of,
    is_uuid,
    matches,
    max_length,
    member_of,
    non_blank,
    to_enum,
    unique,
    where,
)
from learncore.errors import InvalidContent, PrerequisiteCycle, UnknownExercise, UnknownLesson

__all__ = [
    "CEFR_LEVELS",
    "Course",
    "CourseSummary",
    "Lesson",
    "LessonAsset",
    "LessonAssetKind",
    "Section",
    "Unit",
    "UnlockRule",
]

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
SLUG_PATTERN = r"[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?"


class _Positioned(Protocol):
    @property
    def position(self) -> int: ...


P = TypeVar("P", bound=_Positioned)


def _by_position(items: Iterable[P]) -> tuple[P, ...]:
    try:
        return tuple(sorted(items, key=lambda item: item.position))
    except AttributeError:
        return tuple(items)  # the instances_of validator reports the stray item


def _child_checks(kind: type, what: str) -> list[Any]:
    return [
        instances_of(kind, what),
        unique(lambda child: child.position, "position"),
        unique(lambda child: child.id, "id"),
    ]


# Named converters (not a generic helper) so type checkers see that lists are accepted.
def _exercises(items: Iterable[Exercise]) -> tuple[Exercise, ...]:
    return _by_position(items)


def _assets(items: Iterable[LessonAsset]) -> tuple[LessonAsset, ...]:
    return _by_position(items)


def _lessons(items: Iterable[Lesson]) -> tuple[Lesson, ...]:
    return _by_position(items)


def _units(items: Iterable[Unit]) -> tuple[Unit, ...]:
    return _by_position(items)


def _sections(items: Iterable[Section]) -> tuple[Section, ...]:
    return _by_position(items)


def _json_compatible(instance: object, attribute: Any, value: Any) -> None:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidContent(where(instance, attribute), f"must be JSON-compatible: {exc}") from None


class LessonAssetKind(enum.StrEnum):
    """Material that comes with a lesson (the course-generator shapes)."""

    VIDEO = "video"
    SCRIPT = "script"
    QUIZ = "quiz"


def _asset_kind(value: LessonAssetKind | str) -> LessonAssetKind:
    return to_enum(LessonAssetKind, value)


@attrs.frozen
class LessonAsset:
    """A video, script or quiz attached to a lesson: JSON ``content`` and/or a ``uri``."""

    id: UUID = attrs.field(validator=is_uuid)
    kind: LessonAssetKind = attrs.field(converter=_asset_kind, validator=member_of(LessonAssetKind))
    title: str = attrs.field(default="", validator=max_length(200))
    position: int = attrs.field(default=0, validator=in_range(0, 1_000_000))
    uri: str | None = attrs.field(default=None, validator=max_length(2048))
    content: dict[str, Any] = attrs.field(factory=dict, hash=False, validator=_json_compatible)


@attrs.frozen
class Lesson:
    """A playable sequence of exercises that earns ``xp_reward`` XP when completed."""

    id: UUID = attrs.field(validator=is_uuid)
    title: str = attrs.field(validator=[non_blank, max_length(200)])
    position: int = attrs.field(default=0, validator=in_range(0, 1_000_000))
    xp_reward: int = attrs.field(default=10, validator=in_range(0, 10_000))
    estimated_minutes: int = attrs.field(default=5, validator=in_range(1, 600))
    description: str = attrs.field(default="", validator=max_length(2000))
    exercises: tuple[Exercise, ...] = attrs.field(
        default=(), converter=_exercises, validator=_child_checks(Exercise, "Exercise")
    )
    assets: tuple[LessonAsset, ...] = attrs.field(
        default=(), converter=_assets, validator=_child_checks(LessonAsset, "LessonAsset")
    )


@attrs.frozen
class Unit:
    """A themed group of lessons, drawn as one node of the learning path."""

    id: UUID = attrs.field(validator=is_uuid)
    title: str = attrs.field(validator=[non_blank, max_length(200)])
    position: int = attrs.field(default=0, validator=in_range(0, 1_000_000))
    description: str = attrs.field(default="", validator=max_length(2000))
    icon: str | None = attrs.field(default=None, validator=max_length(200))
    color: str | None = attrs.field(
        default=None, validator=matches(r"#[0-9a-fA-F]{6}", "a colour like '#58CC02'")
    )
    lessons: tuple[Lesson, ...] = attrs.field(
        default=(), converter=_lessons, validator=_child_checks(Lesson, "Lesson")
    )


@attrs.frozen
class Section:
    """A large block of a course, optionally labelled with a CEFR level."""

    id: UUID = attrs.field(validator=is_uuid)
    title: str = attrs.field(validator=[non_blank, max_length(200)])
    position: int = attrs.field(default=0, validator=in_range(0, 1_000_000))
    description: str = attrs.field(default="", validator=max_length(2000))
    cefr_level: str | None = attrs.field(
        default=None,
        validator=matches("|".join(CEFR_LEVELS), f"a CEFR level ({', '.join(CEFR_LEVELS)})"),
    )
    units: tuple[Unit, ...] = attrs.field(
        default=(), converter=_units, validator=_child_checks(Unit, "Unit")
    )


class UnlockRule(enum.StrEnum):
    """How lessons become available."""

    # Each lesson also requires the one before it in course order (a learning path).
    SEQUENTIAL = "sequential"
    # Only the explicit prerequisites count; lessons without any are open from the start.
    PREREQUISITES = "prerequisites"


def _unlock_rule(value: UnlockRule | str) -> UnlockRule:
    return to_enum(UnlockRule, value)


def _prerequisite_pairs(
    value: Iterable[tuple[UUID, UUID]] | PrerequisiteGraph[UUID],
) -> tuple[tuple[UUID, UUID], ...]:
    if isinstance(value, PrerequisiteGraph):
        return tuple(value.edges())
    try:
        pairs = {(a, b) for a, b in value}
        return tuple(sorted(pairs, key=lambda pair: (str(pair[0]), str(pair[1]))))
    except (TypeError, ValueError):
        return value  # type: ignore[return-value]  # the validator names the problem


def _check_prerequisite_pairs(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, UUID) for x in pair)
        for pair in value
    ):
        raise InvalidContent(
            where(instance, attribute), "must be (lesson id, required lesson id) pairs of UUIDs"
        )


@attrs.frozen
class CourseSummary:
    """What a course list shows, without loading the tree."""

    id: UUID
    slug: str
    title: str
    from_language: str
    to_language: str
    version: int
    published: bool


@attrs.frozen
class Course:
    """A whole course: metadata, grading policy, the section tree and lesson prerequisites.

    >>> from learncore.domain.ids import stable_id
    >>> lesson = Lesson(id=stable_id("demo", "l1"), title="Hello")
    >>> unit = Unit(id=stable_id("demo", "u1"), title="Basics", lessons=[lesson])
    >>> course = Course(
    ...     id=stable_id("demo"), slug="demo", title="Demo", from_language="en",
    ...     to_language="es", sections=[Section(id=stable_id("demo", "s1"), title="One", units=[unit])],
    ... )
    >>> [lesson.title for lesson in course.lessons]
    ['Hello']
    """

    id: UUID = attrs.field(validator=is_uuid)
    slug: str = attrs.field(
        validator=matches(SLUG_PATTERN, "a slug of lowercase letters, digits and dashes")
    )
    title: str = attrs.field(validator=[non_blank, max_length(200)])
    from_language: str = attrs.field(
        converter=normalise_language_code, validator=language_code_validator
    )
    to_language: str = attrs.field(
        converter=normalise_language_code, validator=language_code_validator
    )
    version: int = attrs.field(default=1, validator=in_range(1, 2**31 - 1))
    published: bool = False
    description: str = attrs.field(default="", validator=max_length(5000))
    grading: GradingPolicy = attrs.field(
        factory=GradingPolicy, validator=attrs.validators.instance_of(GradingPolicy)
    )
    unlock_rule: UnlockRule = attrs.field(
        default=UnlockRule.SEQUENTIAL,
        converter=_unlock_rule,
        validator=member_of(UnlockRule),
    )
    license: str | None = attrs.field(default=None, validator=max_length(200))
    attribution: str | None = attrs.field(default=None, validator=max_length(2000))
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_sections, validator=_child_checks(Section, "Section")
    )
    prerequisites: tuple[tuple[UUID, UUID], ...] = attrs.field(
        default=(), converter=_prerequisite_pairs, validator=_check_prerequisite_pairs
    )

    # Indexes derived from the tree, built once at construction.
    _lessons: tuple[Lesson, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _lesson_index: dict[UUID, int] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _exercise_index: dict[UUID, tuple[Lesson, Exercise]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _unit_of: dict[UUID, Unit] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _graph: PrerequisiteGraph[UUID] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _requirements: tuple[frozenset[UUID], ...] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )

    def __attrs_post_init__(self) -> None:  # noqa: PLR0912 - one pass builds every index
        lessons: list[Lesson] = []
        unit_of: dict[UUID, Unit] = {}
        exercise_index: dict[UUID, tuple[Lesson, Exercise]] = {}
        seen_ids: dict[UUID, str] = {}

        def claim(item_id: UUID, label: str) -> None:
            if item_id in seen_ids:
                raise InvalidContent(
                    "Course.sections", f"id {item_id} is used by both {seen_ids[item_id]} and {label}"
                )
            seen_ids[item_id] = label

        for section in self.sections:
            claim(section.id, f"section {section.title!r}")
            for unit in section.units:
                claim(unit.id, f"unit {unit.title!r}")
                for lesson in unit.lessons:
                    claim(lesson.id, f"lesson {lesson.title!r}")
                    lessons.append(lesson)
                    unit_of[lesson.id] = unit
                    for exercise in lesson.exercises:
                        claim(exercise.id, f"an exercise of lesson {lesson.title!r}")
                        exercise_index[exercise.id] = (lesson, exercise)
        lesson_index = {lesson.id: i for i, lesson in enumerate(lessons)}

        for node, prerequisite in self.prerequisites:
            for end in (node, prerequisite):
                if end not in lesson_index:
                    raise InvalidContent(
                        "Course.prerequisites", f"lesson {end} is not part of this course"
                    )
        try:
            graph = PrerequisiteGraph(self.prerequisites)
        except PrerequisiteCycle as exc:
            raise self._named_cycle(exc.cycle, lessons, lesson_index) from None

        if self.unlock_rule is UnlockRule.SEQUENTIAL:
            # Course order already makes every lesson depend on all earlier ones, so an
            # explicit edge pointing forward closes a cycle through that order.
            for node, prerequisite in self.prerequisites:
                if lesson_index[prerequisite] > lesson_index[node]:
                    labels = [
                        repr(lessons[lesson_index[node]].title),
                        repr(lessons[lesson_index[prerequisite]].title),
                        "(earlier lessons, by course order)",
                        repr(lessons[lesson_index[node]].title),
                    ]
                    raise PrerequisiteCycle(
                        (node, prerequisite, node), location="Course.prerequisites", labels=labels
                    )

        requirements: list[frozenset[UUID]] = []
        for i, lesson in enumerate(lessons):
            needs = graph.requires(lesson.id)
            if self.unlock_rule is UnlockRule.SEQUENTIAL and i > 0:
                needs = needs | {lessons[i - 1].id}
            requirements.append(needs)

        set_ = object.__setattr__
        set_(self, "_lessons", tuple(lessons))
        set_(self, "_lesson_index", lesson_index)
        set_(self, "_exercise_index", exercise_index)
        set_(self, "_unit_of", unit_of)
        set_(self, "_graph", graph)
        set_(self, "_requirements", tuple(requirements))

    @staticmethod
    def _named_cycle(
        cycle: tuple[UUID, ...], lessons: list[Lesson], index: dict[UUID, int]
    ) -> PrerequisiteCycle:
        labels = [repr(lessons[index[node]].title) for node in cycle]
        return PrerequisiteCycle(cycle, location="Course.prerequisites", labels=labels)

    # --- lookups -------------------------------------------------------------

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        """Every lesson in course order (section, unit, lesson positions)."""
        return self._lessons

    @property
    def prerequisite_graph(self) -> PrerequisiteGraph[UUID]:
        """The explicit prerequisites as a graph."""
        return self._graph

    def units(self) -> Iterator[Unit]:
        """Every unit in course order."""
        for section in self.sections:
            yield from section.units

    def exercises(self) -> Iterator[Exercise]:
        """Every exercise in course order."""
        for lesson in self._lessons:
            yield from lesson.exercises

    def lesson(self, lesson_id: UUID) -> Lesson:
        """The lesson with ``lesson_id``; :class:`~learncore.errors.UnknownLesson` if absent."""
        try:
            return self._lessons[self._lesson_index[lesson_id]]
        except KeyError:
            raise UnknownLesson(lesson_id) from None

    def has_lesson(self, lesson_id: UUID) -> bool:
        """Whether ``lesson_id`` belongs to this course."""
        return lesson_id in self._lesson_index

    def lesson_position(self, lesson_id: UUID) -> int:
        """The 0-based index of a lesson in course order."""
        try:
            return self._lesson_index[lesson_id]
        except KeyError:
            raise UnknownLesson(lesson_id) from None

    def unit_of(self, lesson_id: UUID) -> Unit:
        """The unit holding ``lesson_id``."""
        try:
            return self._unit_of[lesson_id]
        except KeyError:
            raise UnknownLesson(lesson_id) from None

    def exercise(self, exercise_id: UUID) -> Exercise:
        """The exercise with ``exercise_id``; :class:`~learncore.errors.UnknownExercise` if absent."""
        try:
            return self._exercise_index[exercise_id][1]
        except KeyError:
            raise UnknownExercise(exercise_id) from None

    def lesson_of_exercise(self, exercise_id: UUID) -> Lesson:
        """The lesson an exercise belongs to."""
        try:
            return self._exercise_index[exercise_id][0]
        except KeyError:
            raise UnknownExercise(exercise_id) from None

    def requirements(self, lesson_id: UUID) -> frozenset[UUID]:
        """Every lesson that must be completed before ``lesson_id`` unlocks (order rule included)."""
        return self._requirements[self.lesson_position(lesson_id)]

    def requirements_in_order(self) -> Iterator[tuple[Lesson, frozenset[UUID]]]:
        """Each lesson with its requirements, in course order; the basis of the tree queries."""
        return zip(self._lessons, self._requirements, strict=True)

    def grading_for(self, exercise: Exercise) -> GradingPolicy:
        """The policy that grades ``exercise``: its own override, else the course's."""
        return exercise.grading if exercise.grading is not None else self.grading

    def summary(self) -> CourseSummary:
        """The listing view of this course."""
        return CourseSummary(
            id=self.id,
            slug=self.slug,
            title=self.title,
            from_language=self.from_language,
            to_language=self.to_language,
            version=self.version,
            published=self.published,
        )

    # --- edits ---------------------------------------------------------------

    def with_prerequisite(self, lesson_id: UUID, required_id: UUID) -> Course:
        """A copy where ``lesson_id`` also requires ``required_id``.

        Raises :class:`~learncore.errors.PrerequisiteCycle` naming the lessons of the
        cycle if the new edge would close one.
        """
        for end in (lesson_id, required_id):
            if end not in self._lesson_index:
                raise UnknownLesson(end)
        try:
            graph = self._graph.with_edge(lesson_id, required_id)
        except PrerequisiteCycle as exc:
            raise self._named_cycle(exc.cycle, list(self._lessons), self._lesson_index) from None
        return attrs.evolve(self, prerequisites=graph)
