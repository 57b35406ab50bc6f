"""Achievements: the seeded definitions, and the tiers learners unlocked.

Unlocks cascade from the learner and are unique per (learner, key, tier), so two
units of work racing to unlock the same tier insert one row: the storage inserts
with ``ON CONFLICT DO NOTHING`` (``INSERT IGNORE`` on MariaDB). Unlocks name their
achievement by key, not by a foreign key: plugins add definitions that need not be
seeded, and an unlock stays valid when a definition is retired.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from learncore_sqlalchemy.models.base import Base, Timestamped, mysql_table_options
from learncore_sqlalchemy.models.types import JsonDocument, UtcDateTime

__all__ = ["AchievementRow", "AchievementUnlockRow", "ExerciseTypeRow"]


class AchievementRow(Timestamped, Base):
    """An achievement definition (seeded): key, title, metric and its tiers as JSON."""

    __tablename__ = "lc_achievements"
    __table_args__ = (UniqueConstraint("key"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(String(32))
    tiers: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument)
    # Who registered it: "learncore" for the built-ins, else the plugin's name.
    provider: Mapped[str] = mapped_column(String(100))


class AchievementUnlockRow(Timestamped, Base):
    """A tier one learner reached."""

    __tablename__ = "lc_achievement_unlocks"
    __table_args__ = (UniqueConstraint("learner_id", "key", "tier"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    learner_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_learners.id", ondelete="CASCADE"), nullable=False
    )
    key: Mapped[str] = mapped_column(String(64))
    tier: Mapped[int] = mapped_column(Integer)
    unlocked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    title: Mapped[str] = mapped_column(String(200))
    metric: Mapped[str] = mapped_column(String(32))
    threshold: Mapped[int] = mapped_column(BigInteger)
    backfilled: Mapped[bool] = mapped_column(Boolean)


class ExerciseTypeRow(Timestamped, Base):
    """An exercise type (seeded): the built-in ones and those plugins registered.

    Exercises name their type by ``name``; there is no foreign key, so a course can be
    stored before the plugin that grades one of its types is installed.
    """

    __tablename__ = "lc_exercise_types"
    __table_args__ = (UniqueConstraint("name"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text)
    provider: Mapped[str] = mapped_column(String(100))
