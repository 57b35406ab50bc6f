"""Domain events: facts that happened, written to the activity log and passed to plugins.

Each event class has a ``type`` string (``"learner_registered"``...) that becomes the
activity log's type column; ``payload()`` is everything else, as JSON.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar
from uuid import UUID

import attrs

from learncore.domain import unchecked
from learncore.domain.ids import new_id
from learncore.domain.json_values import to_json
from learncore.domain.logs import ActivityEntry
from learncore.domain.validation import aware_datetime

__all__ = [
    "AchievementUnlocked",
    "AnswerSubmitted",
    "CourseCompleted",
    "CourseDeleted",
    "CourseEnrolled",
    "CourseSaved",
    "DailyGoalMet",
    "DomainEvent",
    "HeartLost",
    "HeartRefilled",
    "HeartsUnlimitedChanged",
    "LearnerDeleted",
    "LearnerRegistered",
    "LearnerUpdated",
    "LessonAbandoned",
    "LessonCompleted",
    "LessonFailed",
    "LessonStarted",
    "StreakExtended",
    "StreakFreezesGranted",
    "StreakFrozen",
    "StreakLost",
    "StreakRepaired",
    "XpEarned",
]


# Per event class: the payload's field names; in _LOGGABLE once its ``type`` passed
# ActivityEntry's checks.
_PAYLOAD_FIELDS: dict[type, tuple[str, ...]] = {}
_LOGGABLE: dict[type, tuple[str, ...]] = {}
_NIL = UUID(int=0)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_PLAIN_JSON: frozenset[type] = frozenset({str, int, bool, float, type(None)})
_new_entry = unchecked.builder(ActivityEntry)


def _payload_fields(kind: type[DomainEvent]) -> tuple[str, ...]:
    names = _PAYLOAD_FIELDS.get(kind)
    if names is None:
        names = tuple(
            field.name
            for field in attrs.fields(kind)
            if field.init and field.name not in ("occurred_at", "learner_id")
        )
        _PAYLOAD_FIELDS[kind] = names
    return names


def _activity_fields(kind: type[DomainEvent]) -> tuple[str, ...]:
    names = _LOGGABLE.get(kind)
    if names is None:
        # A plugin's event type could be blank or too long for the log: check it the
        # way ActivityEntry would, once per class.
        ActivityEntry(id=_NIL, type=kind.type, occurred_at=_EPOCH)
        names = _LOGGABLE[kind] = _payload_fields(kind)
    return names


@attrs.frozen(kw_only=True)
class DomainEvent:
    """Base class of events. Subclasses set ``type`` and add their own fields."""

    type: ClassVar[str] = "domain_event"
    occurred_at: datetime = attrs.field(validator=aware_datetime)
    learner_id: UUID | None = None

    def payload(self) -> dict[str, Any]:
        """The event's own fields as JSON (``occurred_at`` and ``learner_id`` are columns)."""
        return self._payload(_payload_fields(type(self)))

    def _payload(self, names: tuple[str, ...]) -> dict[str, Any]:
        # Every committed event passes through here; ids and plain values skip the
        # general (recursive) conversion.
        data: dict[str, Any] = {}
        for name in names:
            value = getattr(self, name)
            kind = type(value)
            if kind is UUID:
                data[name] = str(value)
            elif kind in _PLAIN_JSON:
                data[name] = value
            else:
                data[name] = to_json(value)
        return data

    def to_activity(self) -> ActivityEntry:
        """The activity-log entry that records this event."""
        # The event validated its fields and its class's type is checked once, so the
        # entry is built without checking them again.
        return _new_entry(
            id=new_id(),
            type=self.type,
            occurred_at=self.occurred_at,
            learner_id=self.learner_id,
            payload=self._payload(_activity_fields(type(self))),
        )


@attrs.frozen(kw_only=True)
class LearnerRegistered(DomainEvent):
    """A learner profile was created."""

    type: ClassVar[str] = "learner_registered"
    display_name: str


@attrs.frozen(kw_only=True)
class CourseSaved(DomainEvent):
    """A course was created or replaced."""

    type: ClassVar[str] = "course_saved"
    course_id: UUID
    slug: str
    version: int


@attrs.frozen(kw_only=True)
class CourseDeleted(DomainEvent):
    """A course was removed."""

    type: ClassVar[str] = "course_deleted"
    course_id: UUID
    slug: str


# --- learners -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LearnerUpdated(DomainEvent):
    """Profile fields changed (timezone, daily goal...); ``changes`` maps field to new value."""

    type: ClassVar[str] = "learner_updated"
    changes: dict[str, Any]


@attrs.frozen(kw_only=True)
class LearnerDeleted(DomainEvent):
    """A learner and all their data were deleted.

    ``learner_id`` is left empty so the entry survives in the activity log without
    pointing at a person; plugins read ``deleted_learner_id`` to erase their own copies.
    """

    type: ClassVar[str] = "learner_deleted"
    deleted_learner_id: UUID


# --- enrolment and lessons ------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CourseEnrolled(DomainEvent):
    """A learner enrolled in a course."""

    type: ClassVar[str] = "course_enrolled"
    course_id: UUID
    enrollment_id: UUID


@attrs.frozen(kw_only=True)
class LessonStarted(DomainEvent):
    """A lesson run began."""

    type: ClassVar[str] = "lesson_started"
    run_id: UUID
    course_id: UUID
    lesson_id: UUID
    practice: bool


@attrs.frozen(kw_only=True)
class AnswerSubmitted(DomainEvent):
    """An answer was graded and recorded as an attempt."""

    type: ClassVar[str] = "answer_submitted"
    run_id: UUID
    exercise_id: UUID
    attempt_id: UUID
    outcome: str
    requeued: bool


@attrs.frozen(kw_only=True)
class LessonCompleted(DomainEvent):
    """A lesson run was completed and scored."""

    type: ClassVar[str] = "lesson_completed"
    run_id: UUID
    course_id: UUID
    lesson_id: UUID
    score: float
    perfect: bool
    xp: int
    practice: bool


@attrs.frozen(kw_only=True)
class LessonAbandoned(DomainEvent):
    """A lesson run was given up before the end."""

    type: ClassVar[str] = "lesson_abandoned"
    run_id: UUID
    lesson_id: UUID


@attrs.frozen(kw_only=True)
class LessonFailed(DomainEvent):
    """A lesson run ended because the learner ran out of hearts."""

    type: ClassVar[str] = "lesson_failed"
    run_id: UUID
    lesson_id: UUID


@attrs.frozen(kw_only=True)
class CourseCompleted(DomainEvent):
    """Every lesson of a course is completed."""

    type: ClassVar[str] = "course_completed"
    course_id: UUID


# --- rewards ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class XpEarned(DomainEvent):
    """XP was credited; ``day`` is the learner-local ledger day it counts for."""

    type: ClassVar[str] = "xp_earned"
    amount: int
    source: str
    day: date
    run_id: UUID | None = None


@attrs.frozen(kw_only=True)
class DailyGoalMet(DomainEvent):
    """The learner reached their daily XP goal for ``day``."""

    type: ClassVar[str] = "daily_goal_met"
    day: date
    goal: int
    xp: int


@attrs.frozen(kw_only=True)
class StreakExtended(DomainEvent):
    """``day`` counted toward the streak, which is now ``length`` days long."""

    type: ClassVar[str] = "streak_extended"
    day: date
    length: int


@attrs.frozen(kw_only=True)
class StreakFrozen(DomainEvent):
    """Streak freezes covered missed ``days``; ``freezes_left`` remain."""

    type: ClassVar[str] = "streak_frozen"
    days: tuple[date, ...]
    freezes_left: int


@attrs.frozen(kw_only=True)
class StreakLost(DomainEvent):
    """A streak of ``length`` days broke on ``broken_on`` (a missed day with no freeze)."""

    type: ClassVar[str] = "streak_lost"
    length: int
    broken_on: date | None


@attrs.frozen(kw_only=True)
class StreakRepaired(DomainEvent):
    """A broken streak was repaired; it is ``length`` days long again."""

    type: ClassVar[str] = "streak_repaired"
    length: int


@attrs.frozen(kw_only=True)
class StreakFreezesGranted(DomainEvent):
    """The learner received ``count`` streak freezes and now holds ``held``."""

    type: ClassVar[str] = "streak_freezes_granted"
    count: int
    held: int


@attrs.frozen(kw_only=True)
class HeartLost(DomainEvent):
    """A wrong answer cost a heart."""

    type: ClassVar[str] = "heart_lost"
    hearts_left: int
    run_id: UUID | None = None


@attrs.frozen(kw_only=True)
class HeartRefilled(DomainEvent):
    """Hearts were given back by practice or a refill (regeneration is in the hearts log)."""

    type: ClassVar[str] = "heart_refilled"
    amount: int
    hearts: int
    reason: str


@attrs.frozen(kw_only=True)
class HeartsUnlimitedChanged(DomainEvent):
    """The learner's unlimited-hearts flag (e.g. premium) was switched."""

    type: ClassVar[str] = "hearts_unlimited_changed"
    unlimited: bool


@attrs.frozen(kw_only=True)
class AchievementUnlocked(DomainEvent):
    """The learner reached ``tier`` of achievement ``key``."""

    type: ClassVar[str] = "achievement_unlocked"
    key: str
    tier: int
    title: str
    backfilled: bool = False
