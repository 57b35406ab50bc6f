"""Evaluating achievements inside a unit of work, live and as a backfill over history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from learncore.domain import unchecked
from learncore.domain.achievements import (
    AchievementDefinition,
    AchievementUnlock,
    due_unlocks,
    metric_values,
)
from learncore.domain.backfill import recount_totals
from learncore.domain.events import AchievementUnlocked
from learncore.domain.policies import RewardPolicies
from learncore.domain.streaks import recompute_streak
from learncore.domain.totals import LearnerTotals
from learncore.ports.storage import UnitOfWork
from learncore.services.learners import load_learner
from learncore.services.rewards import load_streak

__all__ = ["backfill_learner", "evaluate_achievements"]


def evaluate_achievements(
    uow: UnitOfWork,
    learner_id: UUID,
    now: datetime,
    definitions: Sequence[AchievementDefinition],
    *,
    totals: LearnerTotals,
    longest_streak: int,
    backfilled: bool = False,
) -> list[AchievementUnlock]:
    """Unlock every tier the learner has reached and does not hold yet; emits an event each.

    Idempotent: held tiers are skipped, and storage refuses a second copy of a
    (learner, key, tier) even when two units of work race.
    """
    if not definitions:
        return []
    held = {(unlock.key, unlock.tier) for unlock in uow.achievements.list_unlocks(learner_id)}
    unlocked = []
    for definition, tier in due_unlocks(definitions, metric_values(totals, longest_streak), held):
        # From a validated definition and tier, for a learner already loaded.
        unlock = unchecked.build(
            AchievementUnlock,
            learner_id=learner_id,
            key=definition.key,
            tier=tier.level,
            unlocked_at=now,
            title=tier.title or definition.title,
            metric=definition.metric,
            threshold=tier.threshold,
            backfilled=backfilled,
        )
        unchecked.check(unlock, "learner_id", "unlocked_at")  # the caller's id and instant
        if uow.achievements.add_unlock(unlock):
            unlocked.append(unlock)
            uow.emit(
                AchievementUnlocked(
                    occurred_at=now,
                    learner_id=learner_id,
                    key=unlock.key,
                    tier=unlock.tier,
                    title=unlock.title,
                    backfilled=backfilled,
                )
            )
    return unlocked


def backfill_learner(
    uow: UnitOfWork,
    learner_id: UUID,
    now: datetime,
    definitions: Sequence[AchievementDefinition],
    policies: RewardPolicies,
) -> list[AchievementUnlock]:
    """Evaluate ``definitions`` against the learner's whole history (runs, enrolments, ledger)."""
    load_learner(uow, learner_id)
    ledger = uow.rewards.list_ledger(learner_id)
    totals = recount_totals(
        learner_id,
        runs=uow.runs.list_runs(learner_id),
        enrollments=uow.progress.list_enrollments(learner_id),
        ledger=ledger,
    )
    # The recomputed streak agrees with the stored one; the stored longest also covers
    # history from before a policy change.
    longest = max(
        recompute_streak(learner_id, ledger, policies.streak).longest,
        load_streak(uow, learner_id, for_update=False).longest,
    )
    return evaluate_achievements(
        uow, learner_id, now, definitions, totals=totals, longest_streak=longest, backfilled=True
    )
