"""Applying reward rules inside a unit of work: hearts, the XP ledger, streaks, totals.

The lesson and practice use cases share these steps. Each one reads the rows it changes
with ``for_update=True`` and in the lock order the storage port documents (hearts,
streak, ledger day, totals), and emits the events the change implies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from uuid import UUID

import attrs

from learncore.domain import unchecked
from learncore.domain.events import (
    DailyGoalMet,
    HeartLost,
    HeartRefilled,
    HeartsUnlimitedChanged,
    StreakExtended,
    StreakFrozen,
    StreakLost,
    StreakRepaired,
    XpEarned,
)
from learncore.domain.hearts import (
    HeartChange,
    HeartReason,
    HeartsLogEntry,
    HeartsPolicy,
    HeartsState,
    current_hearts,
    grant_hearts,
    initial_hearts,
    lose_heart,
    settle_hearts,
)
from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.domain.ledger import LedgerDay, ledger_day, open_day
from learncore.domain.policies import RewardPolicies
from learncore.domain.streaks import (
    StreakChange,
    StreakState,
    apply_ledger_update,
    new_streak,
)
from learncore.domain.totals import LearnerTotals
from learncore.domain.xp import XpAward
from learncore.ports.storage import UnitOfWork
from learncore.services.learners import load_learner

__all__ = [
    "XpCredit",
    "credit_xp",
    "load_hearts",
    "load_streak",
    "load_totals",
    "lose_heart_in_run",
    "refill_hearts",
    "set_unlimited_hearts",
    "update_ledger_day",
]


# --- loading (rows are created at registration; these also cope with older learners) ---


def load_hearts(
    uow: UnitOfWork, learner_id: UUID, now: datetime, policy: HeartsPolicy, *, for_update: bool
) -> HeartsState:
    """The learner's hearts (a full set if they have no row yet)."""
    state = uow.rewards.get_hearts(learner_id, for_update=for_update)
    return initial_hearts(learner_id, policy, now) if state is None else state


def load_streak(uow: UnitOfWork, learner_id: UUID, *, for_update: bool) -> StreakState:
    """The learner's streak (an empty one if they have no row yet)."""
    state = uow.rewards.get_streak(learner_id, for_update=for_update)
    return new_streak(learner_id) if state is None else state


def load_totals(uow: UnitOfWork, learner_id: UUID, *, for_update: bool) -> LearnerTotals:
    """The learner's running totals (zeros if they have no row yet)."""
    totals = uow.rewards.get_totals(learner_id, for_update=for_update)
    return LearnerTotals(learner_id=learner_id) if totals is None else totals


# --- hearts ---------------------------------------------------------------------------


def _log_hearts(
    uow: UnitOfWork, learner_id: UUID, changes: Sequence[HeartChange], run_id: UUID | None = None
) -> None:
    for change in changes:
        uow.rewards.append_hearts_log(
            # Every value comes from a change the hearts rules made: built unchecked.
            unchecked.build(
                HeartsLogEntry,
                id=new_id(),
                learner_id=learner_id,
                occurred_at=change.occurred_at,
                delta=change.delta,
                reason=change.reason,
                resulting=change.resulting,
                run_id=run_id if change.reason is HeartReason.WRONG_ANSWER else None,
            )
        )


def lose_heart_in_run(
    uow: UnitOfWork, learner_id: UUID, run_id: UUID, now: datetime, policy: HeartsPolicy
) -> HeartsState:
    """Take one heart for a wrong answer in a hearts-consuming run; logs and emits ``heart_lost``."""
    state = load_hearts(uow, learner_id, now, policy, for_update=True)
    after, changes = lose_heart(state, now, policy)
    if changes:
        uow.rewards.save_hearts(after)
        _log_hearts(uow, learner_id, changes, run_id)
        if changes[-1].reason is HeartReason.WRONG_ANSWER:
            uow.emit(
                HeartLost(occurred_at=now, learner_id=learner_id, hearts_left=after.hearts, run_id=run_id)
            )
    return after


def refill_hearts(
    uow: UnitOfWork,
    learner_id: UUID,
    now: datetime,
    policy: HeartsPolicy,
    *,
    amount: int | None,
    reason: HeartReason,
) -> tuple[HeartsState, int]:
    """Give hearts back (``None``: all of them); the new state and how many were given."""
    state = load_hearts(uow, learner_id, now, policy, for_update=True)
    before = current_hearts(state, now, policy)
    after, changes = grant_hearts(state, now, policy, amount=amount, reason=reason)
    if changes:
        uow.rewards.save_hearts(after)
        _log_hearts(uow, learner_id, changes)
    given = after.hearts - before
    if given > 0:
        uow.emit(
            HeartRefilled(
                occurred_at=now, learner_id=learner_id, amount=given, hearts=after.hearts,
                reason=str(reason),
            )
        )
    return after, given


def set_unlimited_hearts(
    uow: UnitOfWork, learner_id: UUID, now: datetime, policy: HeartsPolicy, *, unlimited: bool
) -> HeartsState:
    """Switch the unlimited-hearts flag (settling regeneration first, so nothing is lost)."""
    load_learner(uow, learner_id)
    state = load_hearts(uow, learner_id, now, policy, for_update=True)
    state, changes = settle_hearts(state, now, policy)
    _log_hearts(uow, learner_id, changes)
    if state.unlimited != unlimited:
        state = attrs.evolve(state, unlimited=unlimited)
        uow.emit(HeartsUnlimitedChanged(occurred_at=now, learner_id=learner_id, unlimited=unlimited))
    uow.rewards.save_hearts(state)
    return state


# --- XP, ledger and streak ----------------------------------------------------------------


@attrs.frozen
class XpCredit:
    """What crediting XP did: the award, the ledger day before and after, and the streak."""

    award: XpAward
    day: date
    before: LedgerDay | None
    after: LedgerDay
    streak: StreakState
    streak_change: StreakChange

    @property
    def goal_just_met(self) -> bool:
        """Whether this credit took the day over its goal."""
        return self.after.goal_met and not (self.before is not None and self.before.goal_met)


def _emit_streak_events(
    uow: UnitOfWork, learner_id: UUID, now: datetime, *, day: date, change: StreakChange,
    state: StreakState,
) -> None:
    if change.frozen_days:
        uow.emit(StreakFrozen(occurred_at=now, learner_id=learner_id, days=change.frozen_days,
                              freezes_left=change.freezes_held))
    if change.lost:
        uow.emit(StreakLost(occurred_at=now, learner_id=learner_id, length=change.lost,
                            broken_on=state.broken_on))
    if change.repaired:
        uow.emit(StreakRepaired(occurred_at=now, learner_id=learner_id, length=change.after))
    if change.extended:
        uow.emit(StreakExtended(occurred_at=now, learner_id=learner_id, day=day, length=change.after))


def update_ledger_day(
    uow: UnitOfWork,
    learner: Learner,
    now: datetime,
    policies: RewardPolicies,
    change_row: Callable[[LedgerDay], LedgerDay],
) -> tuple[date, LedgerDay | None, LedgerDay, StreakState, StreakChange]:
    """Lock the streak and today's ledger row, change the row, and move the streak along."""
    streak = load_streak(uow, learner.id, for_update=True)
    day = ledger_day(now, learner, streak.last_day)
    before = uow.rewards.get_ledger_day(learner.id, day, for_update=True)
    after = change_row(before if before is not None else open_day(learner, day))
    streak, change = apply_ledger_update(streak, before, after, policies.streak)
    uow.rewards.save_ledger_day(after)
    uow.rewards.save_streak(streak)
    _emit_streak_events(uow, learner.id, now, day=day, change=change, state=streak)
    return day, before, after, streak, change


def credit_xp(
    uow: UnitOfWork,
    learner: Learner,
    now: datetime,
    policies: RewardPolicies,
    award_for: Callable[[int], XpAward],
    *,
    lessons: int,
    source: str,
    run_id: UUID | None = None,
) -> XpCredit:
    """Book XP on the learner's ledger day and update the streak.

    ``award_for(earned_today)`` computes the award, so the daily cap sees the day's XP.
    Totals are left to the caller, which usually changes other counters too.
    """
    award: XpAward | None = None

    def change_row(row: LedgerDay) -> LedgerDay:
        nonlocal award
        award = award_for(row.xp)
        return row.with_xp(award.total, lessons=lessons)

    day, before, after, streak, change = update_ledger_day(uow, learner, now, policies, change_row)
    assert award is not None  # set by change_row
    if award.total:
        uow.emit(XpEarned(occurred_at=now, learner_id=learner.id, amount=award.total,
                          source=source, day=day, run_id=run_id))
    credit = XpCredit(award=award, day=day, before=before, after=after, streak=streak,
                      streak_change=change)
    if credit.goal_just_met:
        uow.emit(DailyGoalMet(occurred_at=now, learner_id=learner.id, day=day, goal=after.goal,
                              xp=after.xp))
    return credit
