"""Course versions and archived progress: what lets authors edit a course learners already use.

Each import that changes a course records a :class:`CourseVersion`. Progress on a
lesson that an edit removes is not deleted but archived as an
:class:`ArchivedLessonProgress`, tagged with the last version that had the lesson;
if a later version brings the lesson back (same id), the progress is restored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import attrs

from learncore.domain.progress import LessonProgress
from learncore.domain.validation import aware_datetime, in_range, is_uuid, max_length, non_blank

__all__ = ["ArchivedLessonProgress", "CourseVersion"]


@attrs.frozen
class CourseVersion:
    """One recorded version of a course: when, by whom, from what source, and what changed.

    ``changes`` holds JSON counts such as ``{"lessons": {"added": 2, "changed": 1,
    "removed": 0}}``, as the import report gives them.
    """

    course_id: UUID = attrs.field(validator=is_uuid)
    version: int = attrs.field(validator=in_range(1, 2**31 - 1))
    created_at: datetime = attrs.field(validator=aware_datetime)
    actor: str = attrs.field(default="system", validator=[non_blank, max_length(200)])
    source: str = attrs.field(default="", validator=max_length(2048))
    changes: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class ArchivedLessonProgress:
    """A learner's record on a lesson that a content edit removed, kept as it was."""

    progress: LessonProgress = attrs.field(validator=attrs.validators.instance_of(LessonProgress))
    # The last course version that still had the lesson.
    course_version: int = attrs.field(validator=in_range(1, 2**31 - 1))
    archived_at: datetime = attrs.field(validator=aware_datetime)

    @property
    def learner_id(self) -> UUID:
        """Whose record it is."""
        return self.progress.learner_id

    @property
    def lesson_id(self) -> UUID:
        """The removed lesson."""
        return self.progress.lesson_id

    @property
    def course_id(self) -> UUID:
        """The course the lesson belonged to."""
        return self.progress.course_id
