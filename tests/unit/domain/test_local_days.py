"""Learner-local dates: timezone, day-start hour, DST and skipped dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from learncore.domain.local_days import (
    day_exists,
    day_start,
    existing_days_between,
    local_date,
    missed_days,
    nth_existing_day_after,
)
from learncore.errors import InvalidInput

# hypothesis takes naive bounds and adds the timezone itself.
EARLIEST = datetime(2005, 1, 1)  # noqa: DTZ001
LATEST = datetime(2035, 1, 1)  # noqa: DTZ001
ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Apia",
         "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Kwajalein"]


def at(zone: str, *wall: int, fold: int = 0) -> datetime:
    return datetime(*wall, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)  # type: ignore[misc]


def test_the_local_date_follows_the_learners_timezone():
    instant = datetime(2026, 3, 8, 3, 30, tzinfo=UTC)
    assert local_date(instant, "UTC") == date(2026, 3, 8)
    assert local_date(instant, "America/New_York") == date(2026, 3, 7)
    assert local_date(instant, "Asia/Tokyo") == date(2026, 3, 8)


def test_the_day_start_hour_moves_early_hours_to_the_day_before():
    assert local_date(at("Europe/Madrid", 2026, 5, 2, 3, 59), "Europe/Madrid", 4) == date(2026, 5, 1)
    assert local_date(at("Europe/Madrid", 2026, 5, 2, 4, 0), "Europe/Madrid", 4) == date(2026, 5, 2)


def test_the_day_start_counts_on_the_wall_clock_across_dst():
    # New York springs forward at 02:00 on 2026-03-08: 02:xx never happens that night.
    zone = "America/New_York"
    assert local_date(at(zone, 2026, 3, 8, 1, 59), zone, 2) == date(2026, 3, 7)
    assert local_date(at(zone, 2026, 3, 8, 3, 0), zone, 2) == date(2026, 3, 8)
    # Falling back, 01:30 happens twice on 2026-11-01; both belong to that day.
    assert local_date(at(zone, 2026, 11, 1, 1, 30), zone) == date(2026, 11, 1)
    assert local_date(at(zone, 2026, 11, 1, 1, 30, fold=1), zone) == date(2026, 11, 1)


def test_naive_instants_are_refused():
    with pytest.raises(InvalidInput, match="timezone-aware"):
        local_date(datetime(2026, 1, 1), "UTC")  # noqa: DTZ001 - the point of the test


def test_apia_skipped_the_30th_of_december_2011():
    zone = "Pacific/Apia"
    assert not day_exists(date(2011, 12, 30), zone)
    # With a 04:00 day start, the 30th is the four hours from the jump to 04:00 on the 31st.
    assert day_exists(date(2011, 12, 30), zone, 4)
    assert day_start(date(2011, 12, 30), zone, 4) == datetime(2011, 12, 30, 10, 0, tzinfo=UTC)
    assert day_exists(date(2011, 12, 29), zone)
    assert day_exists(date(2011, 12, 31), zone)
    assert existing_days_between(date(2011, 12, 29), date(2011, 12, 31), zone, limit=5) == 0
    assert missed_days(date(2011, 12, 28), date(2012, 1, 1), zone, limit=5) == [
        date(2011, 12, 29), date(2011, 12, 31)
    ]
    assert nth_existing_day_after(date(2011, 12, 29), 1, zone) == date(2011, 12, 31)
    # The whole of the 29th (local) ends where the 31st begins.
    assert day_start(date(2011, 12, 30), zone) == day_start(date(2011, 12, 31), zone)


def test_dst_days_exist_in_every_zone_that_only_shifts_by_hours():
    for zone, day in [("America/New_York", date(2026, 3, 8)), ("Europe/London", date(2026, 3, 29)),
                      ("Australia/Lord_Howe", date(2026, 10, 4)), ("America/New_York", date(2026, 11, 1))]:
        for hour in (0, 1, 2, 3):
            assert day_exists(day, zone, hour), (zone, day, hour)


def test_counting_missed_days_stops_past_the_limit():
    assert existing_days_between(date(2026, 1, 1), date(2026, 1, 2), "UTC", limit=3) == 0
    assert existing_days_between(date(2026, 1, 1), date(2026, 1, 4), "UTC", limit=3) == 2
    assert existing_days_between(date(2026, 1, 1), date(2027, 1, 1), "UTC", limit=3) == 4


@given(
    zone=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
    instant=st.datetimes(min_value=EARLIEST, max_value=LATEST, timezones=st.just(UTC)),
)
@example(zone="Pacific/Apia", hour=4, instant=datetime(2011, 12, 30, 12, 0, tzinfo=UTC))
@example(zone="America/New_York", hour=2, instant=datetime(2026, 3, 8, 7, 0, tzinfo=UTC))
@example(zone="Australia/Lord_Howe", hour=2, instant=datetime(2026, 10, 3, 15, 30, tzinfo=UTC))
def test_every_instant_falls_on_a_day_that_exists_and_started_before_it(zone, hour, instant):
    day = local_date(instant, zone, hour)
    assert day_exists(day, zone, hour)
    start = day_start(day, zone, hour)
    assert start <= instant
    assert local_date(start, zone, hour) == day
    assert local_date(start - timedelta(seconds=1), zone, hour) < day
    assert local_date(instant + timedelta(hours=26), zone, hour) > day


@given(
    zone=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
    first=st.dates(min_value=date(2005, 1, 1), max_value=date(2035, 1, 1)),
    gap=st.integers(0, 12),
    limit=st.integers(0, 6),
)
@example(zone="Pacific/Apia", hour=0, first=date(2011, 12, 27), gap=6, limit=5)
@example(zone="Pacific/Apia", hour=5, first=date(2011, 12, 29), gap=3, limit=0)
@example(zone="Pacific/Kwajalein", hour=0, first=date(1993, 8, 18), gap=5, limit=2)
@example(zone="Pacific/Kiritimati", hour=0, first=date(1994, 12, 29), gap=4, limit=3)
def test_missed_days_agree_with_checking_each_date(zone, hour, first, gap, limit):
    last = first + timedelta(days=gap)
    expected = [first + timedelta(days=n) for n in range(1, gap)
                if day_exists(first + timedelta(days=n), zone, hour)][: limit + 1]
    assert missed_days(first, last, zone, hour, limit=limit) == expected
