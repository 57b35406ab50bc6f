"""XP rules: how much a completed lesson or a practice drill is worth.

The rules are data (:class:`XpPolicy`), so an app tunes them without code. Every award
comes back as an :class:`XpAward` with its breakdown, which a lesson summary shows as
"10 XP + 5 perfect bonus − 5 replay".
"""

from __future__ import annotations

from typing import Any

import attrs

from learncore.domain.validation import in_range, where
from learncore.errors import InvalidContent

__all__ = ["XpAward", "XpPolicy", "drill_xp", "lesson_xp"]


def _optional_cap(instance: object, attribute: Any, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1_000_000:
        raise InvalidContent(
            where(instance, attribute),
            f"must be None (no cap) or a whole number 1–1000000, got {value!r}",
        )


@attrs.frozen
class XpPolicy:
    """The XP rules.

    - A completed lesson earns its ``Lesson.xp_reward`` (the base).
    - A run without a single wrong answer earns ``perfect_bonus`` on top.
    - Replaying a lesson that was already completed earns ``replay_percent`` % of
      base + bonus (rounded down), so farming an easy lesson pays less.
    - Each correct item of a practice drill earns ``xp_per_drill_item``.
    - No learner earns more than ``daily_cap`` XP per local day (``None``: no cap).
    """

    perfect_bonus: int = attrs.field(default=5, validator=in_range(0, 10_000))
    replay_percent: int = attrs.field(default=50, validator=in_range(0, 100))
    xp_per_drill_item: int = attrs.field(default=1, validator=in_range(0, 10_000))
    daily_cap: int | None = attrs.field(default=1000, validator=_optional_cap)


@attrs.frozen
class XpAward:
    """XP earned by one lesson or drill, with the breakdown; ``total`` is what was credited."""

    base: int = 0
    perfect_bonus: int = 0
    drill: int = 0
    # Subtracted amounts, kept positive so a UI can print "− 5 replay".
    replay_reduction: int = 0
    capped: int = 0

    @property
    def total(self) -> int:
        """The XP actually credited."""
        return self.base + self.perfect_bonus + self.drill - self.replay_reduction - self.capped


def _apply_cap(policy: XpPolicy, gross: int, earned_today: int) -> int:
    """How much of ``gross`` the daily cap takes away."""
    if policy.daily_cap is None:
        return 0
    room = max(policy.daily_cap - max(earned_today, 0), 0)
    return max(gross - room, 0)


def lesson_xp(
    policy: XpPolicy, *, lesson_xp: int, perfect: bool, replay: bool, earned_today: int
) -> XpAward:
    """The award for completing a lesson worth ``lesson_xp``.

    >>> lesson_xp(XpPolicy(), lesson_xp=10, perfect=True, replay=False, earned_today=0).total
    15
    >>> lesson_xp(XpPolicy(), lesson_xp=10, perfect=True, replay=True, earned_today=0).total
    7
    >>> capped = XpPolicy(daily_cap=20)
    >>> lesson_xp(capped, lesson_xp=10, perfect=False, replay=False, earned_today=15).total
    5
    """
    base = max(lesson_xp, 0)
    bonus = policy.perfect_bonus if perfect else 0
    gross = base + bonus
    reduction = gross - gross * policy.replay_percent // 100 if replay else 0
    capped = _apply_cap(policy, gross - reduction, earned_today)
    return XpAward(base=base, perfect_bonus=bonus, replay_reduction=reduction, capped=capped)


def drill_xp(policy: XpPolicy, *, correct_items: int, earned_today: int) -> XpAward:
    """The award for a practice drill with ``correct_items`` right answers.

    >>> drill_xp(XpPolicy(xp_per_drill_item=2), correct_items=6, earned_today=0).total
    12
    """
    gross = max(correct_items, 0) * policy.xp_per_drill_item
    return XpAward(drill=gross, capped=_apply_cap(policy, gross, earned_today))
