"""Streak use cases: granting freezes and repairing a broken streak."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import attrs

from learncore.domain.achievements import AchievementDefinition
from learncore.domain.events import StreakFreezesGranted
from learncore.domain.policies import RewardPolicies
from learncore.domain.streaks import StreakView, streak_as_of
from learncore.errors import InvalidInput, StreakNotRepairable
from learncore.ports.storage import UnitOfWork
from learncore.services.achievements import evaluate_achievements
from learncore.services.learners import load_learner
from learncore.services.rewards import load_streak, load_totals, update_ledger_day

__all__ = ["grant_streak_freezes", "repair_streak"]


def grant_streak_freezes(
    uow: UnitOfWork, learner_id: UUID, now: datetime, policies: RewardPolicies, count: int
) -> int:
    """Give the learner up to ``count`` streak freezes (the cap applies); returns freezes held."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 1000:
        raise InvalidInput("count", f"must be a whole number from 1 to 1000, got {count!r}")
    learner = load_learner(uow, learner_id)
    streak = load_streak(uow, learner_id, for_update=True)
    view = streak_as_of(streak, learner.local_date(now), policies.streak, learner.timezone,
                        learner.day_start_hour)
    granted = min(count, policies.streak.freeze_cap - view.freezes_held)
    if granted <= 0:
        return view.freezes_held
    _, _, _, state, _ = update_ledger_day(
        uow, learner, now, policies,
        lambda row: attrs.evolve(row, freezes_granted=row.freezes_granted + granted),
    )
    uow.emit(StreakFreezesGranted(occurred_at=now, learner_id=learner_id, count=granted,
                                  held=state.freezes_held))
    return state.freezes_held


def repair_streak(
    uow: UnitOfWork,
    learner_id: UUID,
    now: datetime,
    policies: RewardPolicies,
    definitions: Sequence[AchievementDefinition] = (),
) -> StreakView:
    """Bring back a streak broken within the repair window; the streak afterwards.

    The longest streak may grow, so streak achievements are evaluated too.
    """
    learner = load_learner(uow, learner_id)
    streak = load_streak(uow, learner_id, for_update=True)
    today = learner.local_date(now)
    view = streak_as_of(streak, today, policies.streak, learner.timezone, learner.day_start_hour)
    if not view.repairable:
        window = policies.streak.repair_window_days
        reason = (
            "repairs are turned off" if window == 0
            else f"there is no streak broken within the last {window} day(s) to repair"
        )
        raise StreakNotRepairable(f"learner {learner_id}: {reason}")
    _, _, _, state, _ = update_ledger_day(
        uow, learner, now, policies, lambda row: attrs.evolve(row, repaired=True)
    )
    evaluate_achievements(
        uow, learner_id, now, definitions,
        totals=load_totals(uow, learner_id, for_update=False), longest_streak=state.longest,
    )
    return streak_as_of(state, today, policies.streak, learner.timezone, learner.day_start_hour)
