"""The learner's local day: which calendar date an instant belongs to, for them.

A learner's day is a date in their IANA timezone that starts at ``day_start_hour``
on the wall clock (a night owl with ``day_start_hour=4`` still counts 02:00 as the
day before). Everything here works on wall-clock time, so DST never makes a day 23
or 25 hours "wrong": the day simply is as long as the clock says.

Zones can also *skip* a whole date: Pacific/Apia jumped from 29 to 31 December 2011.
A skipped date never existed for the learner, so streak rules must not count it as
missed; :func:`day_exists` and :func:`existing_days_between` say which dates did.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from learncore.errors import InvalidInput

__all__ = [
    "day_exists",
    "day_start",
    "existing_days_after",
    "existing_days_between",
    "local_date",
    "missed_days",
    "missed_ordinals",
    "nth_existing_day_after",
    "skips_between_years",
    "zone_of",
]

_ONE_DAY = timedelta(days=1)
_HALF_DAY = timedelta(hours=12)
_ONE_SECOND = timedelta(seconds=1)
_START_TIMES = tuple(time(hour) for hour in range(24))


@lru_cache(maxsize=512)
def zone_of(name: str) -> ZoneInfo:
    """The ``ZoneInfo`` for an IANA name (cached; names are validated on the Learner)."""
    return ZoneInfo(name)


def _zone(zone: ZoneInfo | str) -> ZoneInfo:
    return zone_of(zone) if isinstance(zone, str) else zone


def local_date(instant: datetime, zone: ZoneInfo | str, day_start_hour: int = 0) -> date:
    """The learner-local date ``instant`` falls on.

    >>> from datetime import UTC, datetime
    >>> local_date(datetime(2026, 3, 8, 3, 30, tzinfo=UTC), "America/New_York")
    datetime.date(2026, 3, 7)
    >>> local_date(datetime(2026, 3, 8, 7, 30, tzinfo=UTC), "America/New_York", day_start_hour=4)
    datetime.date(2026, 3, 7)
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise InvalidInput("instant", "must be a timezone-aware datetime (use UTC)")
    wall = instant.astimezone(_zone(zone))
    if day_start_hour:
        # Aware-datetime arithmetic in Python is wall-clock arithmetic, which is what a
        # day that starts at "04:00 on the clock" means, DST or not.
        wall = wall - timedelta(hours=day_start_hour)
    return wall.date()


def day_start(day: date, zone: ZoneInfo | str, day_start_hour: int = 0) -> datetime:
    """The UTC instant at which ``day`` starts for the learner.

    When the starting wall time falls in a gap (the clock jumps over it), the day
    starts at the jump: the first instant whose wall time is past the start.
    """
    zone = _zone(zone)
    wall = datetime.combine(day, _START_TIMES[day_start_hour])
    aware = wall.replace(tzinfo=zone)
    first = aware.astimezone(UTC)  # fold=0: the earlier of two repeated wall times
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In a gap the two readings of the wall time bracket the jump; find it to the second.
    other = aware.replace(fold=1).astimezone(UTC)
    low, high = min(first, other), max(first, other)
    while high - low > _ONE_SECOND:
        middle = low + (high - low) / 2
        if middle.astimezone(zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0) if high.microsecond else high


def day_exists(day: date, zone: ZoneInfo | str, day_start_hour: int = 0) -> bool:
    """Whether ``day`` happened at all in ``zone`` (False for Apia's 2011-12-30).

    A date is skipped when its starting wall time lies in a gap so long that the
    first instant after the gap already belongs to the next date.
    """
    return local_date(day_start(day, zone, day_start_hour), zone, day_start_hour) == day


def _offset(day: date, zone: ZoneInfo, day_start_hour: int) -> timedelta:
    offset = datetime.combine(day, _START_TIMES[day_start_hour], tzinfo=zone).utcoffset()
    return offset if offset is not None else timedelta(0)


@lru_cache(maxsize=4096)
def _year_skips(zone: ZoneInfo, day_start_hour: int, year: int) -> bool:
    # Skipping a date moves the UTC offset by a whole day; DST only ever moves it by
    # an hour or two. No zone has skipped a date and repeated one within a year.
    shift = _offset(date(year + 1, 1, 1), zone, day_start_hour) - _offset(
        date(year, 1, 1), zone, day_start_hour
    )
    return abs(shift) > _HALF_DAY


def skips_between_years(
    zone: ZoneInfo | str, day_start_hour: int, first_year: int, last_year: int
) -> bool:
    """Whether ``zone`` may have skipped a date in any year from ``first_year`` to ``last_year``.

    A cheap, cached screen: when it says no, every calendar date in those years existed.
    """
    zone = _zone(zone)
    return any(_year_skips(zone, day_start_hour, year) for year in range(first_year, last_year + 1))


def existing_days_between(
    first: date, last: date, zone: ZoneInfo | str, day_start_hour: int = 0, *, limit: int
) -> int:
    """How many dates strictly between ``first`` and ``last`` existed, up to ``limit + 1``.

    Streak rules only need to know whether the count exceeds what freezes or a repair
    window can cover, so counting stops early; that keeps the work bounded by the
    policy, not by how long the learner was away.
    """
    return len(missed_ordinals(first.toordinal(), last.toordinal(), zone, day_start_hour, limit=limit))


def missed_days(
    first: date, last: date, zone: ZoneInfo | str, day_start_hour: int = 0, *, limit: int
) -> list[date]:
    """The dates strictly between ``first`` and ``last`` that existed, at most ``limit + 1``."""
    found = missed_ordinals(first.toordinal(), last.toordinal(), zone, day_start_hour, limit=limit)
    return [date.fromordinal(ordinal) for ordinal in found]


def missed_ordinals(
    first: int, last: int, zone: ZoneInfo | str, day_start_hour: int = 0, *, limit: int
) -> Sequence[int]:
    """:func:`missed_days` on date ordinals, for the streak rules' inner loop.

    Only the first ``limit + 1`` dates after ``first`` can matter, so only they are
    checked for skipped dates (a cached, per-year check); without one the answer is a
    plain ``range``.
    """
    if last - first <= 1:
        return ()
    zone = _zone(zone)
    stop = min(last, first + limit + 2)
    start_year = date.fromordinal(first + 1).year
    stop_year = date.fromordinal(stop).year
    if not any(_year_skips(zone, day_start_hour, y) for y in range(start_year, stop_year + 1)):
        return range(first + 1, stop)
    found: list[int] = []
    ordinal = first + 1
    while ordinal < last and len(found) <= limit:
        if day_exists(date.fromordinal(ordinal), zone, day_start_hour):
            found.append(ordinal)
        ordinal += 1
    return found


def existing_days_after(
    day: date, count: int, zone: ZoneInfo | str, day_start_hour: int = 0
) -> list[date]:
    """The ``count`` dates after ``day`` that existed in ``zone``, in order."""
    if count <= 0:
        return []
    # Days strictly between ``day`` and a bound far enough away, capped at ``count``.
    bound = day + timedelta(days=count + 8)
    return missed_days(day, bound, zone, day_start_hour, limit=count - 1)


def nth_existing_day_after(
    day: date, n: int, zone: ZoneInfo | str, day_start_hour: int = 0
) -> date:
    """The ``n``-th date after ``day`` that existed in ``zone`` (``n >= 1``)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    return existing_days_after(day, n, zone, day_start_hour)[-1]
