"""Learner profile use cases."""

from __future__ import annotations

from uuid import UUID

from learncore.domain.events import LearnerRegistered
from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.errors import UnknownLearner
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork

__all__ = ["load_learner", "register_learner"]


def register_learner(
    uow: UnitOfWork,
    clock: Clock,
    *,
    display_name: str,
    timezone: str = "UTC",
    daily_goal: int = 20,
    day_start_hour: int = 0,
    learner_id: UUID | None = None,
) -> Learner:
    """Create a learner profile and emit ``learner_registered``."""
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
    uow.emit(LearnerRegistered(occurred_at=now, learner_id=learner.id, display_name=display_name))
    return learner


def load_learner(uow: UnitOfWork, learner_id: UUID, *, for_update: bool = False) -> Learner:
    """The learner with ``learner_id``; :class:`~learncore.errors.UnknownLearner` if none."""
    learner = uow.learners.get(learner_id, for_update=for_update)
    if learner is None:
        raise UnknownLearner(learner_id)
    return learner
