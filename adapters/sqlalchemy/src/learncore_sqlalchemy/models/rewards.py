"""The daily XP ledger, streak and hearts state, the hearts log and running totals.

Every table cascades from the learner. Streak, hearts and totals have one row per
learner, keyed by the learner's id; they are written when the learner registers, so
the loop always finds a row to lock (``SELECT ... FOR UPDATE``). ``CHECK``
constraints are a last line of defence under concurrency: a bug that would take
hearts below zero or XP negative fails the transaction instead of storing it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from learncore_sqlalchemy.models.base import Base, Timestamped, mysql_table_options
from learncore_sqlalchemy.models.types import UtcDateTime

__all__ = ["HeartsLogRow", "HeartsRow", "LearnerTotalsRow", "LedgerDayRow", "StreakRow"]


def _learner_fk(*, primary_key: bool = False) -> Mapped[uuid.UUID]:
    return mapped_column(
        Uuid, ForeignKey("lc_learners.id", ondelete="CASCADE"), primary_key=primary_key, nullable=False
    )


class LedgerDayRow(Timestamped, Base):
    """XP and streak facts of one learner-local day; one row per (learner, day)."""

    __tablename__ = "lc_ledger_days"
    __table_args__ = (
        UniqueConstraint("learner_id", "day"),
        CheckConstraint("xp >= 0 AND lessons_completed >= 0", name="counts_not_negative"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    learner_id: Mapped[uuid.UUID] = _learner_fk()
    day: Mapped[date] = mapped_column(Date)
    xp: Mapped[int] = mapped_column(BigInteger)
    goal: Mapped[int] = mapped_column(Integer)
    lessons_completed: Mapped[int] = mapped_column(Integer)
    freezes_granted: Mapped[int] = mapped_column(Integer)
    repaired: Mapped[bool] = mapped_column(Boolean)
    timezone: Mapped[str] = mapped_column(String(64))
    day_start_hour: Mapped[int] = mapped_column(Integer)


class StreakRow(Timestamped, Base):
    """A learner's streak state (see :class:`~learncore.domain.StreakState`)."""

    __tablename__ = "lc_streaks"
    __table_args__ = (
        CheckConstraint("current_length >= 0 AND freezes_held >= 0", name="counts_not_negative"),
        mysql_table_options(),
    )

    learner_id: Mapped[uuid.UUID] = _learner_fk(primary_key=True)
    # ``current`` is a reserved word in some SQL dialects.
    current_length: Mapped[int] = mapped_column(Integer)
    longest: Mapped[int] = mapped_column(Integer)
    last_day: Mapped[date | None] = mapped_column(Date)
    last_active_day: Mapped[date | None] = mapped_column(Date)
    covered_through: Mapped[date | None] = mapped_column(Date)
    freezes_held: Mapped[int] = mapped_column(Integer)
    freezes_used: Mapped[int] = mapped_column(Integer)
    lost_length: Mapped[int] = mapped_column(Integer)
    broken_on: Mapped[date | None] = mapped_column(Date)


class HeartsRow(Timestamped, Base):
    """A learner's hearts. ``changed_at`` (the domain's ``updated_at``) anchors regeneration."""

    __tablename__ = "lc_hearts"
    __table_args__ = (
        CheckConstraint("hearts >= 0", name="hearts_not_negative"),
        mysql_table_options(),
    )

    learner_id: Mapped[uuid.UUID] = _learner_fk(primary_key=True)
    hearts: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    unlimited: Mapped[bool] = mapped_column(Boolean)


class HeartsLogRow(Timestamped, Base):
    """One change of a learner's hearts.

    ``seq`` numbers a learner's entries in the order they were appended (1, 2, ...):
    entries with equal times list newest-appended first, and the unique key turns two
    writers racing past the hearts lock into a retryable conflict, not a fork.
    ``run_id`` is a plain id, not a foreign key: an entry stays as it was logged.
    """

    __tablename__ = "lc_hearts_log"
    __table_args__ = (
        UniqueConstraint("learner_id", "seq"),
        Index(None, "learner_id", "occurred_at"),
        CheckConstraint("resulting >= 0", name="resulting_not_negative"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    learner_id: Mapped[uuid.UUID] = _learner_fk()
    seq: Mapped[int] = mapped_column(BigInteger)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    delta: Mapped[int] = mapped_column(Integer)
    resulting: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    run_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class LearnerTotalsRow(Timestamped, Base):
    """A learner's running totals, the inputs of most achievements."""

    __tablename__ = "lc_learner_totals"
    __table_args__ = (
        CheckConstraint("total_xp >= 0 AND lessons_completed >= 0", name="counts_not_negative"),
        mysql_table_options(),
    )

    learner_id: Mapped[uuid.UUID] = _learner_fk(primary_key=True)
    total_xp: Mapped[int] = mapped_column(BigInteger)
    lessons_completed: Mapped[int] = mapped_column(Integer)
    perfect_lessons: Mapped[int] = mapped_column(Integer)
    courses_completed: Mapped[int] = mapped_column(Integer)
    speaking_passed: Mapped[int] = mapped_column(Integer)
