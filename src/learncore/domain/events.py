"""Domain events: facts that happened, written to the activity log and passed to plugins.

Each event class has a ``type`` string (``"learner_registered"``...) that becomes the
activity log's type column; ``payload()`` is everything else, as JSON.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

import attrs

from learncore.domain.ids import new_id
from learncore.domain.json_values import to_json
from learncore.domain.logs import ActivityEntry
from learncore.domain.validation import aware_datetime

__all__ = ["CourseDeleted", "CourseSaved", "DomainEvent", "LearnerRegistered"]


@attrs.frozen(kw_only=True)
class DomainEvent:
    """Base class of events. Subclasses set ``type`` and add their own fields."""

    type: ClassVar[str] = "domain_event"
    occurred_at: datetime = attrs.field(validator=aware_datetime)
    learner_id: UUID | None = None

    def payload(self) -> dict[str, Any]:
        """The event's own fields as JSON (``occurred_at`` and ``learner_id`` are columns)."""
        data: dict[str, Any] = to_json(self)
        data.pop("occurred_at", None)
        data.pop("learner_id", None)
        return data

    def to_activity(self) -> ActivityEntry:
        """The activity-log entry that records this event."""
        return ActivityEntry(
            id=new_id(),
            type=self.type,
            occurred_at=self.occurred_at,
            learner_id=self.learner_id,
            payload=self.payload(),
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
