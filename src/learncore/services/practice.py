"""Practice use cases: rewarding a drill session played outside a lesson run."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import attrs

from learncore.domain.achievements import AchievementDefinition
from learncore.domain.hearts import HeartReason, current_hearts
from learncore.domain.policies import RewardPolicies
from learncore.domain.practice import PracticeReward
from learncore.domain.xp import drill_xp
from learncore.errors import InvalidInput
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork
from learncore.services.achievements import evaluate_achievements
from learncore.services.learners import load_learner
from learncore.services.rewards import credit_xp, load_hearts, load_totals, refill_hearts

__all__ = ["record_practice"]


def record_practice(
    uow: UnitOfWork,
    clock: Clock,
    policies: RewardPolicies,
    definitions: Sequence[AchievementDefinition],
    *,
    learner_id: UUID,
    correct_items: int,
    source: str = "drill",
) -> PracticeReward:
    """Credit XP per correct drill item and earn hearts back, as practice does (if any was right).

    The XP goes through the same daily ledger, cap and streak as lesson XP.
    """
    if isinstance(correct_items, bool) or not isinstance(correct_items, int):
        raise InvalidInput("correct_items", f"must be a whole number, got {correct_items!r}")
    if not 0 <= correct_items <= 10_000:
        raise InvalidInput("correct_items", f"must be from 0 to 10000, got {correct_items}")
    now = clock.now()
    learner = load_learner(uow, learner_id)
    if correct_items > 0:  # an empty session is no practice
        hearts, refilled = refill_hearts(
            uow, learner_id, now, policies.hearts, amount=policies.hearts.practice_refill,
            reason=HeartReason.PRACTICE,
        )
    else:
        hearts, refilled = load_hearts(uow, learner_id, now, policies.hearts, for_update=False), 0
    credit = credit_xp(
        uow, learner, now, policies,
        lambda earned: drill_xp(policies.xp, correct_items=correct_items, earned_today=earned),
        lessons=0, source=source,
    )
    totals = load_totals(uow, learner_id, for_update=True)
    totals = attrs.evolve(totals, total_xp=totals.total_xp + credit.award.total)
    uow.rewards.save_totals(totals)
    unlocks = evaluate_achievements(
        uow, learner_id, now, definitions, totals=totals, longest_streak=credit.streak.longest
    )
    unlimited = hearts.unlimited or not policies.hearts.enabled
    return PracticeReward(
        xp=credit.award,
        day=credit.day,
        xp_today=credit.after.xp,
        goal_met=credit.after.goal_met,
        streak=credit.streak_change,
        hearts_refilled=refilled,
        hearts_left=None if unlimited else current_hearts(hearts, now, policies.hearts),
        achievements=tuple(unlocks),
    )
