"""Enrolments and per-lesson progress.

Both cascade from the learner. They point at content by id only (no foreign key),
so progress survives a course being re-imported or edited: a lesson that comes back
with the same stable id finds its progress again.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Double, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from learncore_sqlalchemy.models.base import Base, Timestamped, mysql_table_options
from learncore_sqlalchemy.models.types import UtcDateTime

__all__ = ["EnrollmentRow", "LessonProgressRow"]


def _learner_fk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, ForeignKey("lc_learners.id", ondelete="CASCADE"), nullable=False)


class EnrollmentRow(Timestamped, Base):
    """One learner in one course."""

    __tablename__ = "lc_enrollments"
    __table_args__ = (
        UniqueConstraint("learner_id", "course_id"),
        Index(None, "course_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    learner_id: Mapped[uuid.UUID] = _learner_fk()
    course_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    xp: Mapped[int] = mapped_column(BigInteger, default=0)
    current_lesson_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    progress_percent: Mapped[float] = mapped_column(Double, default=0.0)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LessonProgressRow(Timestamped, Base):
    """One learner's record on one lesson. ``changed_at`` is the domain's ``LessonProgress.updated_at``."""

    __tablename__ = "lc_lesson_progress"
    __table_args__ = (
        UniqueConstraint("learner_id", "lesson_id"),
        Index(None, "learner_id", "course_id"),
        # Archiving the progress on removed lessons (course import) finds them by lesson.
        Index(None, "lesson_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    learner_id: Mapped[uuid.UUID] = _learner_fk()
    lesson_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    course_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    best_score: Mapped[float | None] = mapped_column(Double)
    last_score: Mapped[float | None] = mapped_column(Double)
    completion_count: Mapped[int] = mapped_column(Integer, default=0)
    time_spent_seconds: Mapped[float] = mapped_column(Double, default=0.0)
    changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
