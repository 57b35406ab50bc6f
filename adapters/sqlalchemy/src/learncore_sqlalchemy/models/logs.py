"""The append-only activity log (cascades from the learner) and the audit log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from learncore_sqlalchemy.models.base import Base, Timestamped, mysql_table_options
from learncore_sqlalchemy.models.types import JsonDocument, UtcDateTime

__all__ = ["ActivityRow", "AuditRow"]


class ActivityRow(Timestamped, Base):
    """One domain event; rows without a learner are system events."""

    __tablename__ = "lc_activity_log"
    __table_args__ = (
        Index(None, "learner_id", "occurred_at"),
        Index(None, "occurred_at"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    learner_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("lc_learners.id", ondelete="CASCADE")
    )
    type: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JsonDocument)


class AuditRow(Timestamped, Base):
    """One administrative change, with the resource's state before and after."""

    __tablename__ = "lc_audit_log"
    __table_args__ = (
        Index(None, "resource", "occurred_at"),
        Index(None, "occurred_at"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    resource: Mapped[str] = mapped_column(String(200))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    before: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)
    after: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)
