"""The daily XP ledger: one row per learner and learner-local day.

The ledger is the history streaks are recomputed from, so a row records everything
the streak rules read: the XP of the day, the daily goal in force that day, streak
freezes granted that day, whether the streak was repaired that day, and the timezone
and day-start hour the day was counted in.

Rows only ever move forward in time. :func:`ledger_day` picks the row for an instant:
the learner-local date, but never earlier than the newest row. So when a learner flies
west (or a clock steps back) and their local date goes backwards, new XP lands on the
day already counted instead of re-opening an older one: a counted day is never lost
and never counted twice.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import attrs

from learncore.domain import unchecked
from learncore.domain.learners import Learner
from learncore.domain.local_days import local_date
from learncore.domain.validation import in_range, is_uuid, max_length, where
from learncore.errors import InvalidContent

__all__ = ["LedgerDay", "ledger_day", "open_day"]


def _is_date(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not date:
        raise InvalidContent(where(instance, attribute), f"must be a date, got {value!r}")


@attrs.frozen
class LedgerDay:
    """XP and streak facts of one learner-local day. ``goal_met`` when ``xp >= goal``."""

    learner_id: UUID = attrs.field(validator=is_uuid)
    day: date = attrs.field(validator=_is_date)
    xp: int = attrs.field(default=0, validator=in_range(0, 2**62))
    # The daily goal when the row was opened; a goal changed mid-day applies from the next day.
    goal: int = attrs.field(default=20, validator=in_range(1, 1000))
    lessons_completed: int = attrs.field(default=0, validator=in_range(0, 2**31 - 1))
    freezes_granted: int = attrs.field(default=0, validator=in_range(0, 10_000))
    repaired: bool = False
    timezone: str = attrs.field(default="UTC", validator=max_length(64))
    day_start_hour: int = attrs.field(default=0, validator=in_range(0, 23))

    @property
    def goal_met(self) -> bool:
        """Whether the day's XP reached the day's goal."""
        return self.xp >= self.goal

    def with_xp(self, amount: int, *, lessons: int = 0) -> LedgerDay:
        """This row with ``amount`` XP and ``lessons`` completed lessons added."""
        row = unchecked.replace(
            self, xp=self.xp + amount, lessons_completed=self.lessons_completed + lessons
        )
        unchecked.check(row, "xp", "lessons_completed")  # the amounts are the caller's
        return row


def ledger_day(instant: datetime, learner: Learner, newest: date | None) -> date:
    """The ledger date for activity at ``instant``: the local date, clamped to ``newest``."""
    day = local_date(instant, learner.timezone, learner.day_start_hour)
    return newest if newest is not None and day < newest else day


def open_day(learner: Learner, day: date) -> LedgerDay:
    """A fresh, empty row for ``day`` with the learner's current goal and timezone."""
    row = unchecked.build(
        LedgerDay,
        learner_id=learner.id,
        day=day,
        goal=learner.daily_goal,
        timezone=learner.timezone,
        day_start_hour=learner.day_start_hour,
    )
    unchecked.check(row, "day")  # the rest is the validated learner's
    return row
