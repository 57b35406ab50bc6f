"""The learner table. Everything a learner owns references it with ON DELETE CASCADE."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from learncore_sqlalchemy.models.base import Base, Timestamped, mysql_table_options
from learncore_sqlalchemy.models.types import JsonDocument, UtcDateTime

__all__ = ["LearnerRow"]


class LearnerRow(Timestamped, Base):
    """A learner profile. ``registered_at`` is the domain's ``Learner.created_at``."""

    __tablename__ = "lc_learners"
    __table_args__ = (mysql_table_options(),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64))
    day_start_hour: Mapped[int] = mapped_column(Integer)
    daily_goal: Mapped[int] = mapped_column(Integer)
    avatar_uri: Mapped[str | None] = mapped_column(String(2048))
    preferences: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    registered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
