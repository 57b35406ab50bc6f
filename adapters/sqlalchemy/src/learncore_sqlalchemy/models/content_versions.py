"""Course versions, the source keys of imported ids, and progress archived by content edits.

Versions and source keys refer to courses by id only: the version history of a
course outlives a delete-and-reimport. Archived progress cascades from the learner.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Double, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from learncore_sqlalchemy.models.base import Base, Timestamped, mysql_table_options
from learncore_sqlalchemy.models.types import JsonDocument, UtcDateTime

__all__ = ["ArchivedLessonProgressRow", "CourseSourceKeyRow", "CourseVersionRow"]


class CourseVersionRow(Timestamped, Base):
    """One recorded version of a course. ``versioned_at`` is the domain's ``CourseVersion.created_at``."""

    __tablename__ = "lc_course_versions"
    __table_args__ = (UniqueConstraint("course_id", "version"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    course_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    version: Mapped[int] = mapped_column(Integer)
    versioned_at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(2048))
    changes: Mapped[dict[str, Any]] = mapped_column(JsonDocument)


class CourseSourceKeyRow(Timestamped, Base):
    """The key, as written in the course file, that one id of a course was derived from."""

    __tablename__ = "lc_course_source_keys"
    __table_args__ = (UniqueConstraint("course_id", "entity_id"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    course_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    source_key: Mapped[str] = mapped_column(Text)


class ArchivedLessonProgressRow(Timestamped, Base):
    """A learner's record on a lesson that a content edit removed, as it was.

    The columns are those of ``lc_lesson_progress`` (archiving and restoring move rows
    between the two tables with ``INSERT ... SELECT``, keeping the row id), plus the
    last course version that had the lesson and when the record was archived.
    """

    __tablename__ = "lc_archived_lesson_progress"
    __table_args__ = (
        UniqueConstraint("learner_id", "lesson_id"),
        Index(None, "course_id", "lesson_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    learner_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_learners.id", ondelete="CASCADE"), nullable=False
    )
    lesson_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    course_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    best_score: Mapped[float | None] = mapped_column(Double)
    last_score: Mapped[float | None] = mapped_column(Double)
    completion_count: Mapped[int] = mapped_column(Integer)
    time_spent_seconds: Mapped[float] = mapped_column(Double)
    changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    course_version: Mapped[int] = mapped_column(Integer)
    archived_at: Mapped[datetime] = mapped_column(UtcDateTime)
