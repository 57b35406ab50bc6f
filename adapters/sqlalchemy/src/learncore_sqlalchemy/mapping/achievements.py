"""Conversion between achievements (unlocks, definitions) and exercise types and their rows."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

from learncore.domain.achievements import AchievementDefinition, AchievementUnlock
from learncore.domain.json_values import to_json

__all__ = [
    "achievement_id",
    "definition_values",
    "exercise_type_id",
    "unlock_from_row",
    "unlock_values",
]

# Fixed namespaces, so seeded rows get the same ids in every database.
_ACHIEVEMENT_NAMESPACE = UUID("5b1e0c3e-7f7a-4a63-9d59-2f3c7a8e4b10")
_EXERCISE_TYPE_NAMESPACE = UUID("c2a4f1d8-0e6b-4b7e-8a35-61d9f0b2c7e4")


def achievement_id(key: str) -> UUID:
    """The row id of an achievement definition: derived from its key."""
    return uuid.uuid5(_ACHIEVEMENT_NAMESPACE, key)


def exercise_type_id(name: str) -> UUID:
    """The row id of an exercise type: derived from its name."""
    return uuid.uuid5(_EXERCISE_TYPE_NAMESPACE, name)


def unlock_values(unlock: AchievementUnlock) -> dict[str, Any]:
    """Row values of an unlock, with a new row id."""
    return {
        "id": uuid.uuid4(),
        "learner_id": unlock.learner_id,
        "key": unlock.key,
        "tier": unlock.tier,
        "unlocked_at": unlock.unlocked_at,
        "title": unlock.title,
        "metric": unlock.metric.value,
        "threshold": unlock.threshold,
        "backfilled": unlock.backfilled,
    }


def unlock_from_row(row: Any) -> AchievementUnlock:
    """The unlock a row holds."""
    return AchievementUnlock(
        learner_id=row.learner_id,
        key=row.key,
        tier=row.tier,
        unlocked_at=row.unlocked_at,
        title=row.title,
        metric=row.metric,
        threshold=row.threshold,
        backfilled=row.backfilled,
    )


def definition_values(definition: AchievementDefinition, provider: str) -> dict[str, Any]:
    """Row values of an achievement definition registered by ``provider``."""
    return {
        "id": achievement_id(definition.key),
        "key": definition.key,
        "title": definition.title,
        "description": definition.description,
        "metric": definition.metric.value,
        "tiers": to_json(list(definition.tiers)),
        "provider": provider,
    }
