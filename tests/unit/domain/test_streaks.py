"""Streak rules: counted days, freezes, repairs, DST, skipped dates and timezone moves.

Every test also checks that the O(1) incremental state equals a full recompute from the
ledger.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learncore.domain.ids import new_id
from learncore.domain.ledger import LedgerDay
from learncore.domain.streaks import (
    StreakPolicy,
    StreakQualifier,
    apply_ledger_update,
    new_streak,
    recompute_streak,
)
from learncore.errors import InvalidContent


def local(zone: str, *wall: int, fold: int = 0) -> datetime:
    return datetime(*wall, tzinfo=ZoneInfo(zone), fold=fold)  # type: ignore[misc]


def utc(*wall: int) -> datetime:
    return datetime(*wall, tzinfo=UTC)  # type: ignore[misc]


def agree(d) -> None:
    assert d.recomputed() == d.state


# --- the basic rules ---------------------------------------------------------------------


def test_consecutive_days_make_a_streak_and_a_day_counts_once(diary):
    d = diary()
    assert d.practise(utc(2026, 1, 1, 9)).after == 1
    change = d.practise(utc(2026, 1, 1, 20))
    assert (change.extended, change.after) == (False, 1)
    assert d.practise(utc(2026, 1, 2, 9)).after == 2
    assert d.practise(utc(2026, 1, 3, 23, 59)).after == 3
    assert (d.state.current, d.state.longest, d.state.last_active_day) == (3, 3, date(2026, 1, 3))
    agree(d)


def test_a_missed_day_without_a_freeze_breaks_the_streak(diary):
    d = diary()
    for day in (1, 2, 3):
        d.practise(utc(2026, 1, day, 12))
    change = d.practise(utc(2026, 1, 5, 12))
    assert (change.lost, change.after, change.extended) == (3, 1, True)
    assert (d.state.current, d.state.longest, d.state.broken_on) == (1, 3, date(2026, 1, 4))
    agree(d)


def test_freezes_cover_missed_days_one_each_in_order(diary):
    d = diary(policy=StreakPolicy(freeze_cap=2))
    d.practise(utc(2026, 1, 1, 12))
    d.grant(utc(2026, 1, 1, 13), 2)
    change = d.practise(utc(2026, 1, 4, 12))  # the 2nd and 3rd missed
    assert change.frozen_days == (date(2026, 1, 2), date(2026, 1, 3))
    assert (change.after, change.lost, change.freezes_held) == (2, 0, 0)
    assert d.state.freezes_used == 2
    agree(d)


def test_a_freeze_is_spent_even_when_the_gap_is_too_long_to_save(diary):
    d = diary(policy=StreakPolicy(freeze_cap=2))
    d.practise(utc(2026, 1, 1, 12))
    d.grant(utc(2026, 1, 1, 13), 1)
    change = d.practise(utc(2026, 1, 5, 12))  # three missed days, one freeze
    assert change.frozen_days == (date(2026, 1, 2),)
    assert change.lost == 1
    assert d.state.broken_on == date(2026, 1, 3)
    assert d.state.freezes_held == 0
    agree(d)


def test_freezes_are_capped(diary):
    d = diary(policy=StreakPolicy(freeze_cap=2))
    d.grant(utc(2026, 1, 1, 12), 5)
    assert d.state.freezes_held == 2
    agree(d)


def test_a_freeze_never_protects_a_streak_that_does_not_exist(diary):
    d = diary()
    d.grant(utc(2026, 1, 1, 12), 1)
    d.practise(utc(2026, 1, 5, 12))
    assert (d.state.current, d.state.freezes_held) == (1, 1)
    agree(d)


def test_freezes_are_consumed_lazily_and_the_view_shows_it(diary):
    d = diary()
    d.practise(utc(2026, 1, 1, 12))
    d.grant(utc(2026, 1, 1, 13), 1)
    view = d.view(utc(2026, 1, 3, 8))  # the 2nd was missed; nothing stored yet
    assert (view.current, view.freezes_held, view.at_risk, view.active_today) == (1, 0, True, False)
    assert d.state.freezes_held == 1
    broken = d.view(utc(2026, 1, 4, 8))
    assert broken.current == 0


def test_a_repair_inside_the_window_brings_the_streak_back(diary):
    d = diary(policy=StreakPolicy(repair_window_days=2))
    for day in (1, 2, 3, 4):
        d.practise(utc(2026, 1, day, 12))
    view = d.view(utc(2026, 1, 6, 9))  # the 5th was missed
    assert (view.current, view.repairable, view.repair_length, view.repair_until) == (
        0, True, 4, date(2026, 1, 7)
    )
    change = d.repair(utc(2026, 1, 6, 9))
    assert (change.repaired, change.lost, change.after) == (True, 4, 4)
    assert d.practise(utc(2026, 1, 6, 10)).after == 5
    agree(d)


def test_a_repair_joins_the_days_practised_since_the_break(diary):
    d = diary(policy=StreakPolicy(repair_window_days=3))
    for day in (1, 2, 3):
        d.practise(utc(2026, 1, day, 12))
    d.practise(utc(2026, 1, 5, 12))  # the 4th was missed: a new streak of 1
    change = d.repair(utc(2026, 1, 5, 13))
    assert (change.repaired, change.after, d.state.longest) == (True, 4, 4)
    agree(d)


def test_a_repair_after_the_window_does_nothing(diary):
    d = diary(policy=StreakPolicy(repair_window_days=1))
    d.practise(utc(2026, 1, 1, 12))
    d.practise(utc(2026, 1, 2, 12))
    assert not d.view(utc(2026, 1, 5, 9)).repairable
    change = d.repair(utc(2026, 1, 5, 9))
    assert (change.repaired, d.state.current) == (False, 0)
    agree(d)


def test_the_goal_policy_counts_only_days_that_meet_the_goal(diary):
    d = diary(policy=StreakPolicy(qualifier=StreakQualifier.GOAL_MET), goal=20)
    assert not d.practise(utc(2026, 1, 1, 9), xp=10).extended
    assert d.practise(utc(2026, 1, 1, 10), xp=10).extended
    assert not d.practise(utc(2026, 1, 1, 11), xp=10).extended
    assert d.state.current == 1
    agree(d)


def test_the_ledger_must_not_go_back_in_time():
    learner_id = new_id()
    state = new_streak(learner_id)
    state, _ = apply_ledger_update(state, None, LedgerDay(learner_id=learner_id, day=date(2026, 1, 5), xp=5),
                                   StreakPolicy())
    with pytest.raises(ValueError, match="older than the newest"):
        apply_ledger_update(state, None, LedgerDay(learner_id=learner_id, day=date(2026, 1, 4), xp=5),
                            StreakPolicy())
    with pytest.raises(ValueError, match="date order"):
        recompute_streak(learner_id, [LedgerDay(learner_id=learner_id, day=date(2026, 1, 5)),
                                      LedgerDay(learner_id=learner_id, day=date(2026, 1, 5))], StreakPolicy())


def test_policies_validate_their_fields():
    with pytest.raises(InvalidContent, match="StreakPolicy.freeze_cap"):
        StreakPolicy(freeze_cap=-1)
    with pytest.raises(InvalidContent, match="StreakPolicy.qualifier"):
        StreakPolicy(qualifier="daily")  # type: ignore[arg-type]


# --- DST, skipped dates and travel (table tests) ------------------------------------------------

DST_TABLE = [
    pytest.param(
        "America/New_York", 0,
        [(2026, 3, 7, 23, 30), (2026, 3, 8, 3, 0), (2026, 3, 8, 23, 59), (2026, 3, 9, 0, 1)],
        3, id="new-york-spring-forward",
    ),
    pytest.param(
        "America/New_York", 2,
        # 01:59 EST still belongs to the 7th with a 02:00 day start; 03:01 EDT is the 8th.
        [(2026, 3, 7, 12, 0), (2026, 3, 8, 1, 59), (2026, 3, 8, 3, 1), (2026, 3, 9, 2, 0)],
        3, id="new-york-day-start-inside-the-gap",
    ),
    pytest.param(
        "America/New_York", 0,
        [(2026, 10, 31, 22, 0), (2026, 11, 1, 1, 30), (2026, 11, 1, 1, 30, 1), (2026, 11, 2, 0, 30)],
        3, id="new-york-fall-back-repeats-an-hour",
    ),
    pytest.param(
        "Europe/London", 1,
        [(2026, 3, 28, 23, 0), (2026, 3, 29, 0, 30), (2026, 3, 29, 2, 30), (2026, 3, 30, 1, 0)],
        3, id="london-spring-forward-with-1am-day-start",
    ),
    pytest.param(
        "Europe/London", 0,
        [(2026, 10, 24, 23, 59), (2026, 10, 25, 1, 30), (2026, 10, 25, 1, 30, 1), (2026, 10, 26, 0, 0)],
        3, id="london-fall-back",
    ),
    pytest.param(
        "Australia/Lord_Howe", 2,
        # Lord Howe moves its clocks by 30 minutes: 02:00 becomes 02:30 on 2026-10-04.
        [(2026, 10, 3, 12, 0), (2026, 10, 4, 1, 59), (2026, 10, 4, 2, 30), (2026, 10, 5, 2, 0)],
        3, id="lord-howe-half-hour-spring-forward",
    ),
    pytest.param(
        "Australia/Lord_Howe", 0,
        [(2026, 4, 4, 20, 0), (2026, 4, 5, 1, 45), (2026, 4, 5, 1, 45, 1), (2026, 4, 6, 0, 10)],
        3, id="lord-howe-half-hour-fall-back",
    ),
    pytest.param(
        "Pacific/Apia", 0,
        # 2011-12-30 never happened in Apia: the 29th and the 31st are consecutive.
        [(2011, 12, 28, 12, 0), (2011, 12, 29, 23, 0), (2011, 12, 31, 0, 30), (2012, 1, 1, 9, 0)],
        4, id="apia-skipped-day",
    ),
    pytest.param(
        "Pacific/Apia", 4,
        # With a 04:00 day start the 30th did exist, from the jump to 04:00 on the 31st.
        [(2011, 12, 29, 10, 0), (2011, 12, 31, 3, 0), (2011, 12, 31, 5, 0)],
        3, id="apia-with-4am-day-start-keeps-four-hours-of-the-30th",
    ),
]


@pytest.mark.parametrize(("zone", "hour", "walls", "expected"), DST_TABLE)
def test_streaks_across_dst_and_skipped_dates(diary, zone, hour, walls, expected):
    d = diary(zone, hour, StreakPolicy(freeze_cap=0, repair_window_days=0))
    for wall in walls:
        *parts, = wall
        fold = parts.pop() if len(parts) == 6 else 0
        d.practise(local(zone, *parts, fold=fold))
    assert (d.state.current, d.state.longest, d.state.freezes_used) == (expected, expected, 0)
    agree(d)


def test_a_freeze_is_not_spent_on_apias_skipped_date(diary):
    d = diary("Pacific/Apia", 0, StreakPolicy(freeze_cap=2))
    d.practise(local("Pacific/Apia", 2011, 12, 29, 20, 0))
    d.grant(local("Pacific/Apia", 2011, 12, 29, 21, 0), 1)
    change = d.practise(local("Pacific/Apia", 2011, 12, 31, 9, 0))
    assert (change.after, change.frozen_days, d.state.freezes_held) == (2, (), 1)
    # A real missed day around the skipped one is frozen, and only it.
    change = d.practise(local("Pacific/Apia", 2012, 1, 2, 9, 0))
    assert (change.after, change.frozen_days, d.state.freezes_held) == (3, (date(2012, 1, 1),), 0)
    agree(d)


def test_the_break_day_skips_apias_missing_date(diary):
    d = diary("Pacific/Apia", 0, StreakPolicy(freeze_cap=0, repair_window_days=1))
    d.practise(local("Pacific/Apia", 2011, 12, 28, 12, 0))
    d.practise(local("Pacific/Apia", 2012, 1, 1, 12, 0))  # the 29th and 31st were missed
    assert d.state.broken_on == date(2011, 12, 29)
    agree(d)


def test_flying_west_never_counts_a_day_twice(diary):
    d = diary("Asia/Tokyo")
    d.practise(local("Asia/Tokyo", 2026, 6, 10, 23, 0))  # the 10th in Tokyo
    d.move("America/Los_Angeles")
    # Landing in Los Angeles it is the 10th again (08:00): the same day, not a new one.
    same = d.practise(local("America/Los_Angeles", 2026, 6, 10, 8, 0))
    assert (same.extended, d.state.current) == (False, 1)
    assert d.practise(local("America/Los_Angeles", 2026, 6, 11, 8, 0)).after == 2
    agree(d)


def test_flying_west_across_midnight_never_loses_the_day_already_counted(diary):
    d = diary("Asia/Tokyo")
    d.practise(local("Asia/Tokyo", 2026, 6, 10, 12, 0))
    d.practise(local("Asia/Tokyo", 2026, 6, 11, 9, 0))  # counted: the 11th
    d.move("America/Los_Angeles")
    # In Los Angeles it is still the 10th: the XP goes to the 11th, already counted.
    change = d.practise(local("America/Los_Angeles", 2026, 6, 10, 18, 0))
    assert (change.extended, d.state.current, d.state.last_day) == (False, 2, date(2026, 6, 11))
    assert sorted(d.rows) == [date(2026, 6, 10), date(2026, 6, 11)]
    assert d.practise(local("America/Los_Angeles", 2026, 6, 12, 9, 0)).after == 3
    agree(d)


def test_flying_east_skips_no_day(diary):
    d = diary("America/Los_Angeles")
    d.practise(local("America/Los_Angeles", 2026, 6, 10, 20, 0))  # 04:00 UTC on the 11th
    d.move("Asia/Tokyo")
    # Tokyo is already on the 11th when the plane lands; the streak simply goes on.
    change = d.practise(local("Asia/Tokyo", 2026, 6, 11, 21, 0))
    assert (change.after, change.lost, change.frozen_days) == (2, 0, ())
    agree(d)


def test_a_later_day_start_hour_keeps_the_counted_day(diary):
    d = diary("Europe/Madrid", 0)
    d.practise(local("Europe/Madrid", 2026, 5, 1, 0, 30))  # counted: the 1st
    d.move("Europe/Madrid", 4)
    # 01:00 on the 2nd now belongs to the 1st: already counted, nothing happens.
    change = d.practise(local("Europe/Madrid", 2026, 5, 2, 1, 0))
    assert (change.extended, d.state.current) == (False, 1)
    assert d.practise(local("Europe/Madrid", 2026, 5, 2, 5, 0)).after == 2
    agree(d)


# --- random histories: the incremental update agrees with the recompute --------------------

# hypothesis takes naive bounds and adds the timezone itself.
EARLIEST = datetime(2010, 1, 1)  # noqa: DTZ001
LATEST = datetime(2030, 1, 1)  # noqa: DTZ001
ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Apia",
         "Asia/Tokyo", "America/Los_Angeles"]

steps = st.lists(
    st.tuples(
        st.sampled_from(["practise", "practise", "practise", "grant", "repair", "move", "idle"]),
        st.integers(0, 60),  # hours to wait before the step
        st.integers(0, 40),  # XP, or freezes to grant
        st.sampled_from(ZONES),
        st.integers(0, 6),  # day-start hour after a move
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(
    start=st.datetimes(min_value=EARLIEST, max_value=LATEST, timezones=st.just(UTC)),
    history=steps,
    cap=st.integers(0, 3),
    window=st.integers(0, 3),
    by_goal=st.booleans(),
)
def test_the_incremental_streak_equals_the_recomputed_one(diary, *, start, history, cap, window, by_goal):
    qualifier = StreakQualifier.GOAL_MET if by_goal else StreakQualifier.ANY_XP
    d = diary("UTC", 0, StreakPolicy(qualifier=qualifier, freeze_cap=cap, repair_window_days=window))
    now = start
    for action, hours, amount, zone, hour in history:
        now += timedelta(hours=hours)
        if action == "practise":
            d.practise(now, xp=amount)
        elif action == "grant":
            d.grant(now, max(amount, 1))
        elif action == "repair":
            d.repair(now)
        elif action == "move":
            d.move(zone, hour)
        assert d.state.freezes_held <= cap
        assert d.state.current <= d.state.longest
    agree(d)


@settings(max_examples=60, deadline=None)
@given(history=steps)
def test_the_recompute_agrees_around_apias_skipped_date(diary, history):
    d = diary("Pacific/Apia", 0, StreakPolicy(freeze_cap=2, repair_window_days=2))
    now = local("Pacific/Apia", 2011, 12, 26, 12, 0)
    for action, hours, amount, _zone, _hour in history:
        now += timedelta(hours=hours // 3)
        if action == "practise":
            d.practise(now, xp=amount)
        elif action == "grant":
            d.grant(now, 1)
        elif action == "repair":
            d.repair(now)
    agree(d)
