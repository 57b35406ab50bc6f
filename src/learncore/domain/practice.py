"""What a practice session (a drill outside lessons) earned."""

from __future__ import annotations

from datetime import date

import attrs

from learncore.domain.achievements import AchievementUnlock
from learncore.domain.streaks import StreakChange
from learncore.domain.xp import XpAward

__all__ = ["PracticeReward"]


@attrs.frozen
class PracticeReward:
    """XP for the correct items, the streak change, hearts earned back and achievements."""

    xp: XpAward
    day: date
    xp_today: int
    goal_met: bool
    streak: StreakChange
    hearts_refilled: int
    hearts_left: int | None
    achievements: tuple[AchievementUnlock, ...]
