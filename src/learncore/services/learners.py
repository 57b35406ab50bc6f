"""Learner profile use cases."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import attrs

from learncore.domain.events import LearnerRegistered, LearnerUpdated
from learncore.domain.hearts import HeartsPolicy, initial_hearts
from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.domain.streaks import new_streak
from learncore.domain.totals import LearnerTotals
from learncore.errors import InvalidInput, UnknownLearner
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork

__all__ = ["PROFILE_FIELDS", "load_learner", "register_learner", "update_learner"]

# What update_learner may change; the id and creation time are fixed.
PROFILE_FIELDS = frozenset(
    {"display_name", "timezone", "day_start_hour", "daily_goal", "avatar_uri", "preferences"}
)


def register_learner(
    uow: UnitOfWork,
    clock: Clock,
    *,
    display_name: str,
    timezone: str = "UTC",
    daily_goal: int = 20,
    day_start_hour: int = 0,
    learner_id: UUID | None = None,
    hearts_policy: HeartsPolicy | None = None,
) -> Learner:
    """Create a learner profile and emit ``learner_registered``.

    The learner's hearts (full), streak and totals rows are written too, so the rules
    that update them later always find a row to lock.
    """
    now = clock.now()
    learner = Learner(
        id=learner_id or new_id(),
        display_name=display_name,
        timezone=timezone,
        daily_goal=daily_goal,
        day_start_hour=day_start_hour,
        created_at=now,
    )
    uow.learners.add(learner)
    uow.rewards.save_hearts(initial_hearts(learner.id, hearts_policy or HeartsPolicy(), now))
    uow.rewards.save_streak(new_streak(learner.id))
    uow.rewards.save_totals(LearnerTotals(learner_id=learner.id))
    uow.emit(LearnerRegistered(occurred_at=now, learner_id=learner.id, display_name=display_name))
    return learner


def load_learner(uow: UnitOfWork, learner_id: UUID, *, for_update: bool = False) -> Learner:
    """The learner with ``learner_id``; :class:`~learncore.errors.UnknownLearner` if none."""
    learner = uow.learners.get(learner_id, for_update=for_update)
    if learner is None:
        raise UnknownLearner(learner_id)
    return learner


def update_learner(uow: UnitOfWork, clock: Clock, learner_id: UUID, **changes: Any) -> Learner:
    """Change profile fields (validated like a new profile); emits ``learner_updated``.

    A new timezone or day-start hour applies to activity from now on; days already
    counted in the ledger keep their dates, so no counted day is lost or counted twice.
    A new daily goal applies from the next ledger day.
    """
    unknown = sorted(set(changes) - PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(
            "learner", f"cannot change {', '.join(unknown)}; changeable: {', '.join(sorted(PROFILE_FIELDS))}"
        )
    learner = load_learner(uow, learner_id, for_update=True)
    updated = attrs.evolve(learner, **changes)
    changed = {
        name: getattr(updated, name) for name in changes if getattr(learner, name) != getattr(updated, name)
    }
    if changed:
        uow.learners.update(updated)
        uow.emit(LearnerUpdated(occurred_at=clock.now(), learner_id=learner_id, changes=changed))
    return updated
