"""The daily ledger: rows by learner-local day, never moving back in time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.domain.ledger import LedgerDay, ledger_day, open_day
from learncore.errors import InvalidContent


def learner(**changes) -> Learner:
    return Learner(id=new_id(), display_name="Ana", **changes)


def test_a_new_row_carries_the_goal_and_timezone_of_its_day():
    ana = learner(timezone="Asia/Tokyo", daily_goal=30, day_start_hour=4)
    row = open_day(ana, date(2026, 6, 10))
    assert (row.goal, row.timezone, row.day_start_hour, row.xp) == (30, "Asia/Tokyo", 4, 0)
    assert not row.goal_met
    assert row.with_xp(30, lessons=1).goal_met
    assert row.with_xp(30, lessons=1).lessons_completed == 1


def test_the_ledger_day_is_the_local_date():
    ana = learner(timezone="America/Los_Angeles")
    assert ledger_day(datetime(2026, 6, 11, 3, 0, tzinfo=UTC), ana, None) == date(2026, 6, 10)


def test_the_ledger_day_never_goes_back_behind_the_newest_row():
    # Flying from Tokyo to Los Angeles: the local date goes back a day; XP lands on the
    # day already counted instead of re-opening the day before it.
    ana = learner(timezone="America/Los_Angeles")
    instant = datetime(2026, 6, 11, 1, 0, tzinfo=UTC)  # 2026-06-10 18:00 in Los Angeles
    assert ledger_day(instant, ana, newest=date(2026, 6, 11)) == date(2026, 6, 11)
    assert ledger_day(instant, ana, newest=date(2026, 6, 9)) == date(2026, 6, 10)


def test_rows_validate_their_fields():
    with pytest.raises(InvalidContent, match="LedgerDay.day"):
        LedgerDay(learner_id=new_id(), day=datetime(2026, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]
    with pytest.raises(InvalidContent, match="LedgerDay.xp"):
        LedgerDay(learner_id=new_id(), day=date(2026, 1, 1), xp=-1)
