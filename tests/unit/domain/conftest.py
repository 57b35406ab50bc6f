"""Fixtures for the domain tests: a learner's streak driven the way the services drive it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import attrs
import pytest

from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.domain.ledger import LedgerDay, ledger_day, open_day
from learncore.domain.streaks import (
    StreakChange,
    StreakPolicy,
    StreakState,
    StreakView,
    apply_ledger_update,
    new_streak,
    recompute_streak,
    streak_as_of,
)


class Diary:
    def __init__(self, zone: str = "UTC", hour: int = 0, policy: StreakPolicy | None = None,
                 goal: int = 20) -> None:
        self.learner = Learner(id=new_id(), display_name="Ana", timezone=zone, day_start_hour=hour,
                               daily_goal=goal)
        self.policy = policy or StreakPolicy()
        self.state: StreakState = new_streak(self.learner.id)
        self.rows: dict[date, LedgerDay] = {}
        self.changes: list[StreakChange] = []

    def _update(self, instant: datetime, change) -> StreakChange:
        day = ledger_day(instant, self.learner, self.state.last_day)
        before = self.rows.get(day)
        after = change(before or open_day(self.learner, day))
        self.state, result = apply_ledger_update(self.state, before, after, self.policy)
        self.rows[day] = after
        self.changes.append(result)
        return result

    def practise(self, instant: datetime, xp: int = 10) -> StreakChange:
        return self._update(instant, lambda row: row.with_xp(xp))

    def grant(self, instant: datetime, count: int = 1) -> StreakChange:
        return self._update(
            instant, lambda row: attrs.evolve(row, freezes_granted=row.freezes_granted + count)
        )

    def repair(self, instant: datetime) -> StreakChange:
        return self._update(instant, lambda row: attrs.evolve(row, repaired=True))

    def move(self, zone: str, hour: int | None = None) -> None:
        changes = {"timezone": zone}
        if hour is not None:
            changes["day_start_hour"] = hour
        self.learner = attrs.evolve(self.learner, **changes)

    def view(self, instant: datetime) -> StreakView:
        today = self.learner.local_date(instant)
        return streak_as_of(self.state, today, self.policy, self.learner.timezone,
                            self.learner.day_start_hour)

    def recomputed(self) -> StreakState:
        return recompute_streak(self.learner.id, [self.rows[d] for d in sorted(self.rows)], self.policy)


def local(zone: str, *wall: int, fold: int = 0) -> datetime:
    """An instant given as a wall-clock time in ``zone``."""
    return datetime(*wall, tzinfo=ZoneInfo(zone), fold=fold)  # type: ignore[misc]


@pytest.fixture(scope="session")
def diary() -> type[Diary]:
    """Build with ``diary(zone, hour, policy)``."""
    return Diary
