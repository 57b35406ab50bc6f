"""The activity log (what learners did) and the audit log (what admins changed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import attrs

from learncore.domain.validation import aware_datetime, is_uuid, max_length, non_blank

__all__ = ["ActivityEntry", "AuditEntry"]


@attrs.frozen
class ActivityEntry:
    """One domain event as stored: its type, the learner it concerns, and a JSON payload."""

    id: UUID = attrs.field(validator=is_uuid)
    type: str = attrs.field(validator=[non_blank, max_length(64)])
    occurred_at: datetime = attrs.field(validator=aware_datetime)
    learner_id: UUID | None = None
    payload: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class AuditEntry:
    """An administrative change to content: who did what to which resource, before and after."""

    id: UUID = attrs.field(validator=is_uuid)
    actor: str = attrs.field(validator=[non_blank, max_length(200)])
    action: str = attrs.field(validator=[non_blank, max_length(64)])
    resource: str = attrs.field(validator=[non_blank, max_length(200)])
    occurred_at: datetime = attrs.field(validator=aware_datetime)
    before: dict[str, Any] | None = attrs.field(default=None, hash=False)
    after: dict[str, Any] | None = attrs.field(default=None, hash=False)
