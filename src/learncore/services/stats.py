"""The stats read model: a learner's totals, recent XP, streak, hearts and achievements."""

from __future__ import annotations

from uuid import UUID

from learncore.domain.policies import RewardPolicies
from learncore.domain.stats import LearnerStats, build_stats, stats_window
from learncore.errors import InvalidInput
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork
from learncore.services.learners import load_learner
from learncore.services.rewards import load_hearts, load_streak, load_totals

__all__ = ["MAX_STATS_DAYS", "learner_stats"]

MAX_STATS_DAYS = 366


def learner_stats(
    uow: UnitOfWork, clock: Clock, policies: RewardPolicies, *, learner_id: UUID, days: int = 7
) -> LearnerStats:
    """Stats as of now, with XP per day for the last ``days`` learner-local days (today included)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_STATS_DAYS:
        raise InvalidInput("days", f"must be a whole number from 1 to {MAX_STATS_DAYS}, got {days!r}")
    now = clock.now()
    learner = load_learner(uow, learner_id)
    streak = load_streak(uow, learner_id, for_update=False)
    today = learner.local_date(now)
    if streak.last_day is not None and streak.last_day > today:
        today = streak.last_day
    first, last = stats_window(today, days)
    return build_stats(
        learner,
        now,
        totals=load_totals(uow, learner_id, for_update=False),
        streak=streak,
        hearts=load_hearts(uow, learner_id, now, policies.hearts, for_update=False),
        ledger=uow.rewards.list_ledger(learner_id, since=first, until=last),
        unlocks=uow.achievements.list_unlocks(learner_id),
        streak_policy=policies.streak,
        hearts_policy=policies.hearts,
        days=days,
    )
