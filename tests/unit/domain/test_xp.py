"""XP rules: base, perfect bonus, replay reduction, drill items and the daily cap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learncore.domain.xp import XpAward, XpPolicy, drill_xp, lesson_xp
from learncore.errors import InvalidContent


def test_a_first_completion_earns_the_lessons_xp():
    award = lesson_xp(XpPolicy(), lesson_xp=10, perfect=False, replay=False, earned_today=0)
    assert award == XpAward(base=10)
    assert award.total == 10


def test_a_perfect_run_earns_the_bonus():
    award = lesson_xp(XpPolicy(perfect_bonus=5), lesson_xp=10, perfect=True, replay=False, earned_today=0)
    assert (award.base, award.perfect_bonus, award.total) == (10, 5, 15)


def test_replaying_a_completed_lesson_earns_less():
    award = lesson_xp(XpPolicy(replay_percent=50), lesson_xp=10, perfect=True, replay=True, earned_today=0)
    assert (award.replay_reduction, award.total) == (8, 7)  # 15 * 50 % rounded down
    none = lesson_xp(XpPolicy(replay_percent=0), lesson_xp=10, perfect=False, replay=True, earned_today=0)
    assert none.total == 0


def test_the_daily_cap_stops_farming():
    policy = XpPolicy(daily_cap=100)
    assert lesson_xp(policy, lesson_xp=10, perfect=False, replay=False, earned_today=95).total == 5
    assert lesson_xp(policy, lesson_xp=10, perfect=False, replay=False, earned_today=100).total == 0
    capped = lesson_xp(policy, lesson_xp=10, perfect=False, replay=False, earned_today=120)
    assert (capped.capped, capped.total) == (10, 0)
    assert lesson_xp(XpPolicy(daily_cap=None), lesson_xp=10, perfect=False, replay=False,
                     earned_today=10**9).total == 10


def test_drills_earn_xp_per_correct_item():
    assert drill_xp(XpPolicy(xp_per_drill_item=2), correct_items=7, earned_today=0).total == 14
    assert drill_xp(XpPolicy(xp_per_drill_item=2, daily_cap=10), correct_items=7, earned_today=4).total == 6


@pytest.mark.parametrize(
    ("field", "value"),
    [("perfect_bonus", -1), ("replay_percent", 101), ("daily_cap", 0), ("daily_cap", True),
     ("xp_per_drill_item", "2")],
)
def test_a_policy_with_impossible_values_names_the_field(field, value):
    with pytest.raises(InvalidContent, match=f"XpPolicy.{field}"):
        XpPolicy(**{field: value})


@given(
    lesson=st.integers(0, 10_000), perfect=st.booleans(), replay=st.booleans(),
    earned=st.integers(0, 5_000), cap=st.none() | st.integers(1, 2_000),
    bonus=st.integers(0, 100), percent=st.integers(0, 100),
)
def test_an_award_is_never_negative_and_never_passes_the_cap(*, lesson, perfect, replay, earned, cap, bonus,
                                                             percent):
    policy = XpPolicy(perfect_bonus=bonus, replay_percent=percent, daily_cap=cap)
    award = lesson_xp(policy, lesson_xp=lesson, perfect=perfect, replay=replay, earned_today=earned)
    assert award.total >= 0
    if cap is not None:
        assert earned + award.total <= max(cap, earned)
    uncapped = lesson_xp(XpPolicy(perfect_bonus=bonus, replay_percent=percent, daily_cap=None),
                         lesson_xp=lesson, perfect=perfect, replay=replay, earned_today=earned)
    assert award.total <= uncapped.total
