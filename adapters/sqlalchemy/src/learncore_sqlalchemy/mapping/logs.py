"""Conversion between log entries and their rows."""

from __future__ import annotations

from typing import Any

from learncore.domain.logs import ActivityEntry, AuditEntry

__all__ = ["activity_from_row", "activity_values", "audit_from_row", "audit_values"]


def activity_values(entry: ActivityEntry) -> dict[str, Any]:
    """Row values of an activity entry."""
    return {
        "id": entry.id,
        "learner_id": entry.learner_id,
        "type": entry.type,
        "occurred_at": entry.occurred_at,
        "payload": entry.payload,
    }


def activity_from_row(row: Any) -> ActivityEntry:
    """The activity entry a row holds."""
    return ActivityEntry(
        id=row.id,
        type=row.type,
        occurred_at=row.occurred_at,
        learner_id=row.learner_id,
        payload=row.payload,
    )


def audit_values(entry: AuditEntry) -> dict[str, Any]:
    """Row values of an audit entry."""
    return {
        "id": entry.id,
        "actor": entry.actor,
        "action": entry.action,
        "resource": entry.resource,
        "occurred_at": entry.occurred_at,
        "before": entry.before,
        "after": entry.after,
    }


def audit_from_row(row: Any) -> AuditEntry:
    """The audit entry a row holds."""
    return AuditEntry(
        id=row.id,
        actor=row.actor,
        action=row.action,
        resource=row.resource,
        occurred_at=row.occurred_at,
        before=row.before,
        after=row.after,
    )
