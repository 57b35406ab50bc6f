"""Conversion between :class:`~learncore.domain.Learner` and its row."""

from __future__ import annotations

from typing import Any

from learncore.domain.learners import Learner

__all__ = ["learner_from_row", "learner_values"]


def learner_values(learner: Learner) -> dict[str, Any]:
    """Row values of a learner (``Learner.created_at`` is stored as ``registered_at``)."""
    return {
        "id": learner.id,
        "display_name": learner.display_name,
        "timezone": learner.timezone,
        "day_start_hour": learner.day_start_hour,
        "daily_goal": learner.daily_goal,
        "avatar_uri": learner.avatar_uri,
        "preferences": learner.preferences,
        "registered_at": learner.created_at,
    }


def learner_from_row(row: Any) -> Learner:
    """The learner a row (with the columns of ``lc_learners``) holds."""
    return Learner(
        id=row.id,
        display_name=row.display_name,
        timezone=row.timezone,
        day_start_hour=row.day_start_hour,
        daily_goal=row.daily_goal,
        avatar_uri=row.avatar_uri,
        preferences=dict(row.preferences),
        created_at=row.registered_at,
    )
