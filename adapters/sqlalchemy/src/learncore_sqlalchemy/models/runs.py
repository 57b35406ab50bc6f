"""Lesson runs and the attempts (answers) in them.

Both cascade from the learner; attempts also cascade from their run. Like progress,
runs refer to courses, lessons and exercises by id only: a run is history, and keeps
its meaning when the course is edited or re-imported.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from learncore_sqlalchemy.models.base import Base, Timestamped, mysql_table_options
from learncore_sqlalchemy.models.types import JsonDocument, UtcDateTime

__all__ = ["AttemptRow", "LessonRunRow"]


def _learner_fk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, ForeignKey("lc_learners.id", ondelete="CASCADE"), nullable=False)


class LessonRunRow(Timestamped, Base):
    """A lesson being played (or played before), written whole on every change.

    ``exercise_ids``, ``queue`` and ``missed`` are JSON lists of ids (order matters);
    ``summary`` is the JSON of the :class:`~learncore.domain.LessonSummary` once the
    run is completed.
    """

    __tablename__ = "lc_lesson_runs"
    __table_args__ = (
        Index(None, "learner_id", "started_at"),
        CheckConstraint("answers >= 0 AND mistakes >= 0", name="counts_not_negative"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    learner_id: Mapped[uuid.UUID] = _learner_fk()
    course_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    lesson_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    exercise_ids: Mapped[list[str]] = mapped_column(JsonDocument)
    queue: Mapped[list[str]] = mapped_column(JsonDocument)
    practice: Mapped[bool] = mapped_column(Boolean)
    consumes_hearts: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))
    answers: Mapped[int] = mapped_column(Integer)
    mistakes: Mapped[int] = mapped_column(Integer)
    first_try_correct: Mapped[int] = mapped_column(Integer)
    missed: Mapped[list[str]] = mapped_column(JsonDocument)
    hints_used: Mapped[int] = mapped_column(Integer)
    speaking_passed: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)


class AttemptRow(Timestamped, Base):
    """One answer in a run, with its verdict (JSON) and the result the learner was shown.

    The id is the client's idempotency key. One attempt per (run, ordinal): an answer
    can never be counted twice in a run.
    """

    __tablename__ = "lc_attempts"
    __table_args__ = (
        UniqueConstraint("run_id", "ordinal"),
        Index(None, "learner_id", "submitted_at", "ordinal"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    run_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_lesson_runs.id", ondelete="CASCADE"), nullable=False
    )
    learner_id: Mapped[uuid.UUID] = _learner_fk()
    exercise_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    exercise_type: Mapped[str] = mapped_column(String(64))
    ordinal: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answer: Mapped[Any] = mapped_column(JsonDocument)
    verdict: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    hint_used: Mapped[bool] = mapped_column(Boolean)
    requeued: Mapped[bool] = mapped_column(Boolean)
    hearts_after: Mapped[int | None] = mapped_column(Integer)
    next_heart_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_exercise_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    remaining_after: Mapped[int] = mapped_column(Integer)
    run_status_after: Mapped[str] = mapped_column(String(16))
