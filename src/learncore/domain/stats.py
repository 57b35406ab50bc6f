"""Learner statistics: one read model for a profile page and ``GET /stats``.

:func:`build_stats` is a pure function of stored state and the current instant, so
freezes consumed by missed days and hearts regenerated since the last change show up
without anything being written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from uuid import UUID

import attrs

from learncore.domain.achievements import AchievementUnlock
from learncore.domain.hearts import HeartsPolicy, HeartsState, current_hearts, next_heart_at
from learncore.domain.learners import Learner
from learncore.domain.ledger import LedgerDay
from learncore.domain.streaks import StreakPolicy, StreakState, streak_as_of
from learncore.domain.totals import LearnerTotals

__all__ = ["DayXp", "LearnerStats", "build_stats", "stats_window"]


@attrs.frozen
class DayXp:
    """XP on one learner-local day, and whether the goal was met."""

    day: date
    xp: int
    goal_met: bool


@attrs.frozen
class LearnerStats:
    """Everything a profile page shows. ``hearts`` is None for unlimited hearts."""

    learner_id: UUID
    as_of: datetime
    today: date
    total_xp: int
    xp_today: int
    daily_goal: int
    goal_met_today: bool
    xp_by_day: tuple[DayXp, ...]
    current_streak: int
    longest_streak: int
    freezes_held: int
    streak_at_risk: bool
    streak_repairable: bool
    repair_until: date | None
    hearts: int | None
    max_hearts: int
    next_heart_at: datetime | None
    lessons_completed: int
    perfect_lessons: int
    courses_completed: int
    speaking_passed: int
    achievements: tuple[AchievementUnlock, ...]


def stats_window(today: date, days: int) -> tuple[date, date]:
    """The first and last day of a ``days``-long window ending on ``today``."""
    return today - timedelta(days=max(days, 1) - 1), today


def build_stats(
    learner: Learner,
    now: datetime,
    *,
    totals: LearnerTotals,
    streak: StreakState,
    hearts: HeartsState,
    ledger: Iterable[LedgerDay],
    unlocks: Sequence[AchievementUnlock],
    streak_policy: StreakPolicy,
    hearts_policy: HeartsPolicy,
    days: int = 7,
) -> LearnerStats:
    """The stats of ``learner`` at ``now``; ``ledger`` holds at least the window's rows."""
    local_today = learner.local_date(now)
    view = streak_as_of(streak, local_today, streak_policy, learner.timezone, learner.day_start_hour)
    today = view.today  # never before the newest ledger day
    first, _ = stats_window(today, days)
    rows = {row.day: row for row in ledger if first <= row.day <= today}
    series = []
    day = first
    while day <= today:
        row = rows.get(day)
        series.append(DayXp(day=day, xp=row.xp if row else 0, goal_met=bool(row and row.goal_met)))
        day += timedelta(days=1)
    today_row = rows.get(today)
    unlimited = hearts.unlimited or not hearts_policy.enabled
    return LearnerStats(
        learner_id=learner.id,
        as_of=now,
        today=today,
        total_xp=totals.total_xp,
        xp_today=today_row.xp if today_row else 0,
        daily_goal=today_row.goal if today_row else learner.daily_goal,
        goal_met_today=bool(today_row and today_row.goal_met),
        xp_by_day=tuple(series),
        current_streak=view.current,
        longest_streak=view.longest,
        freezes_held=view.freezes_held,
        streak_at_risk=view.at_risk,
        streak_repairable=view.repairable,
        repair_until=view.repair_until,
        hearts=None if unlimited else current_hearts(hearts, now, hearts_policy),
        max_hearts=hearts_policy.max_hearts,
        next_heart_at=next_heart_at(hearts, now, hearts_policy),
        lessons_completed=totals.lessons_completed,
        perfect_lessons=totals.perfect_lessons,
        courses_completed=totals.courses_completed,
        speaking_passed=totals.speaking_passed,
        achievements=tuple(unlocks),
    )
