"""Streak rules: consecutive learner-local days of practice, with freezes and repairs.

A day *counts* when its ledger row qualifies (XP ≥ 1, or the daily goal met, by
:class:`StreakPolicy`). The streak is the number of counted days in a row.

- A missed day is covered by a streak freeze if the learner holds one: freezes are
  consumed automatically, one per missed day, in order. The first missed day with no
  freeze left breaks the streak. Frozen days keep the streak alive but do not add to
  its length. Learners hold at most ``freeze_cap`` freezes.
- A broken streak can be repaired within ``repair_window_days`` days of the day that
  broke it: the lost length comes back, joined to any days practised since.
- Dates a timezone skipped (Apia, 2011-12-30) never existed, so they are never missed.

Days are ledger dates (see :mod:`learncore.domain.ledger`), which only move forward, so
a timezone change can neither lose a counted day nor count one twice.

Two implementations must agree: :func:`apply_ledger_update`, O(1) per ledger change
(missed days are only walked as far as freezes and the repair window reach), and
:func:`recompute_streak`, a single pass over the whole ledger. Nothing is written for
missed days: freezes are consumed lazily, when the next ledger change (or a
:func:`streak_as_of` view) looks at the gap.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

import attrs

from learncore.domain import unchecked
from learncore.domain.ledger import LedgerDay
from learncore.domain.local_days import (
    existing_days_between,
    missed_ordinals,
    nth_existing_day_after,
    skips_between_years,
)
from learncore.domain.validation import enum_field, in_range, is_uuid, where
from learncore.errors import InvalidContent

__all__ = [
    "StreakChange",
    "StreakPolicy",
    "StreakQualifier",
    "StreakState",
    "StreakView",
    "apply_ledger_update",
    "can_repair",
    "new_streak",
    "recompute_streak",
    "streak_as_of",
]


class StreakQualifier(enum.StrEnum):
    """What makes a day count toward the streak."""

    ANY_XP = "any_xp"  # at least 1 XP earned that day
    GOAL_MET = "goal_met"  # the daily XP goal reached that day


@attrs.frozen
class StreakPolicy:
    """The streak rules; ``repair_window_days=0`` turns repairs off."""

    qualifier: StreakQualifier = enum_field(StreakQualifier, StreakQualifier.ANY_XP)
    freeze_cap: int = attrs.field(default=2, validator=in_range(0, 1000))
    repair_window_days: int = attrs.field(default=2, validator=in_range(0, 365))

    def qualifies(self, xp: int, goal: int) -> bool:
        """Whether a day with ``xp`` XP and daily goal ``goal`` counts."""
        return xp >= (goal if self.qualifier is StreakQualifier.GOAL_MET else 1)


def _optional_date(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and type(value) is not date:
        raise InvalidContent(where(instance, attribute), f"must be a date or None, got {value!r}")


_count = in_range(0, 2**31 - 1)


@attrs.frozen
class StreakState:
    """A learner's stored streak. Every field can be recomputed from the ledger.

    ``covered_through`` is the last day the streak reaches: a counted day, a day a
    freeze covered, or (after a repair) the day before the repair. ``last_day`` is the
    newest ledger day seen. ``lost_length`` and ``broken_on`` remember the last broken
    streak, for repairs.
    """

    learner_id: UUID = attrs.field(validator=is_uuid)
    current: int = attrs.field(default=0, validator=_count)
    longest: int = attrs.field(default=0, validator=_count)
    last_day: date | None = attrs.field(default=None, validator=_optional_date)
    last_active_day: date | None = attrs.field(default=None, validator=_optional_date)
    covered_through: date | None = attrs.field(default=None, validator=_optional_date)
    freezes_held: int = attrs.field(default=0, validator=_count)
    freezes_used: int = attrs.field(default=0, validator=_count)
    lost_length: int = attrs.field(default=0, validator=_count)
    broken_on: date | None = attrs.field(default=None, validator=_optional_date)


def _dates(values: Iterable[date]) -> tuple[date, ...]:
    return tuple(values)


@attrs.frozen
class StreakChange:
    """What one ledger change did to the streak, for events and the lesson summary."""

    before: int
    after: int
    longest: int
    extended: bool = False
    frozen_days: tuple[date, ...] = attrs.field(default=(), converter=_dates)
    lost: int = 0  # the length of a streak that broke, 0 if none did
    repaired: bool = False
    freezes_held: int = 0


@attrs.frozen
class StreakView:
    """The streak as a learner sees it on ``today`` (freezes consumed up to yesterday)."""

    today: date
    current: int
    longest: int
    freezes_held: int
    active_today: bool
    at_risk: bool  # a streak is running but today does not count yet
    repairable: bool
    repair_length: int  # what a repair would bring back
    repair_until: date | None  # the last day a repair is possible


def new_streak(learner_id: UUID) -> StreakState:
    """The streak of a learner who never practised."""
    return StreakState(learner_id=learner_id)


# --- the shared machinery ---------------------------------------------------------
#
# Both implementations drive this mutable scratch record. Days are kept as ordinals
# (0 meaning "none") so the hot loop of the recompute only compares integers.


class _Scratch:
    __slots__ = (
        "broken_on",
        "covered",
        "current",
        "held",
        "last_active",
        "last_day",
        "longest",
        "lost",
        "used",
    )

    def __init__(self, state: StreakState) -> None:
        self.current = state.current
        self.longest = state.longest
        self.last_day = _ordinal(state.last_day)
        self.last_active = _ordinal(state.last_active_day)
        self.covered = _ordinal(state.covered_through)
        self.held = state.freezes_held
        self.used = state.freezes_used
        self.lost = state.lost_length
        self.broken_on = _ordinal(state.broken_on)

    def to_state(self, learner_id: UUID) -> StreakState:
        # Counts and days the rules computed from a validated state or ledger: built
        # unchecked. The id may be a caller's (recompute_streak), so it is checked.
        state = unchecked.build(
            StreakState,
            learner_id=learner_id,
            current=self.current,
            longest=self.longest,
            last_day=_date(self.last_day),
            last_active_day=_date(self.last_active),
            covered_through=_date(self.covered),
            freezes_held=self.held,
            freezes_used=self.used,
            lost_length=self.lost,
            broken_on=_date(self.broken_on),
        )
        unchecked.check(state, "learner_id")
        return state


def _ordinal(day: date | None) -> int:
    return 0 if day is None else day.toordinal()


def _date(ordinal: int) -> date | None:
    return None if ordinal == 0 else date.fromordinal(ordinal)


def _settle(
    s: _Scratch, day: int, zone: str, hour: int, *, want_days: bool = True
) -> tuple[tuple[date, ...], int]:
    """Account for the days missed before ``day``: consume freezes, maybe break.

    Returns the days frozen (when ``want_days``) and the length of a streak that broke
    (0 if none).
    """
    if s.current == 0 or s.covered == 0 or day - s.covered <= 1:
        return (), 0
    missed = missed_ordinals(s.covered, day, zone, hour, limit=s.held)
    if not missed:
        return (), 0  # only skipped dates in between (Apia, 2011)
    frozen_count = min(len(missed), s.held)
    frozen: tuple[date, ...] = ()
    if frozen_count:
        s.held -= frozen_count
        s.used += frozen_count
        s.covered = missed[frozen_count - 1]
        if want_days:
            frozen = tuple(date.fromordinal(o) for o in missed[:frozen_count])
    if len(missed) == frozen_count:
        return frozen, 0
    lost = s.current
    s.lost = lost
    s.broken_on = missed[frozen_count]
    s.current = 0
    return frozen, lost


def _repairable(s: _Scratch, day: int, policy: StreakPolicy, zone: str, hour: int) -> bool:
    window = policy.repair_window_days
    if window == 0 or s.lost == 0 or s.broken_on == 0 or day <= s.broken_on:
        return False
    broken_on = date.fromordinal(s.broken_on)
    # Days from the break up to (not including) today: the broken day itself plus
    # every day that existed after it.
    elapsed = 1 + existing_days_between(broken_on, date.fromordinal(day), zone, hour, limit=window)
    return elapsed <= window


def _repair(s: _Scratch, day: int) -> None:
    s.current += s.lost
    s.longest = max(s.longest, s.current)
    s.lost = 0
    s.broken_on = 0
    s.covered = max(s.covered, day - 1)


def _extend(s: _Scratch, day: int) -> None:
    s.current += 1
    s.longest = max(s.longest, s.current)
    s.covered = day
    s.last_active = day


def _step(
    s: _Scratch,
    day: int,
    *,
    granted: int,
    repair: bool,
    newly_counts: bool,
    policy: StreakPolicy,
    zone: str,
    hour: int,
    want_days: bool = True,
) -> tuple[tuple[date, ...], int, bool]:
    """One ledger change, in the order the rules need: settle, grants, repair, count.

    Returns the days frozen, the length of a streak that broke, and whether a repair
    happened.
    """
    frozen, lost = _settle(s, day, zone, hour, want_days=want_days)
    if granted:
        s.held = min(policy.freeze_cap, s.held + granted)
    repaired = repair and _repairable(s, day, policy, zone, hour)
    if repaired:
        _repair(s, day)
    if newly_counts:
        _extend(s, day)
    s.last_day = max(s.last_day, day)
    return frozen, lost, repaired


# --- the incremental update ----------------------------------------------------------


def apply_ledger_update(
    state: StreakState, before: LedgerDay | None, after: LedgerDay, policy: StreakPolicy
) -> tuple[StreakState, StreakChange]:
    """The streak after one ledger row changed from ``before`` (None: new row) to ``after``.

    O(1): only the gap since the streak's last covered day is looked at, and only as
    far as the learner's freezes and the repair window reach.
    """
    if state.last_day is not None and after.day < state.last_day:
        raise ValueError(
            f"ledger day {after.day} is older than the newest day {state.last_day}; "
            "use ledger.ledger_day() to pick the row"
        )
    s = _Scratch(state)
    counted_before = before is not None and policy.qualifies(before.xp, before.goal)
    newly_counts = policy.qualifies(after.xp, after.goal) and not counted_before
    frozen, lost, repaired = _step(
        s,
        after.day.toordinal(),
        granted=after.freezes_granted - (before.freezes_granted if before is not None else 0),
        repair=after.repaired and not (before is not None and before.repaired),
        newly_counts=newly_counts,
        policy=policy,
        zone=after.timezone,
        hour=after.day_start_hour,
    )
    change = StreakChange(
        before=state.current,
        after=s.current,
        longest=s.longest,
        extended=newly_counts,
        frozen_days=frozen,
        lost=lost,
        repaired=repaired,
        freezes_held=s.held,
    )
    return s.to_state(state.learner_id), change


# --- the full recompute ----------------------------------------------------------------


def recompute_streak(
    learner_id: UUID, rows: Iterable[LedgerDay], policy: StreakPolicy
) -> StreakState:
    """The streak computed from scratch from ledger rows in date order.

    It must equal the state :func:`apply_ledger_update` maintained; the test suite
    checks that on random histories. This is a separate, single-pass implementation:
    the common rows (a counted day, or a gap in a zone that skipped no date) are plain
    integer work on locals; grants, repairs and gaps in zones that did skip a date go
    through the same code as the incremental update.
    """
    rows = rows if isinstance(rows, list | tuple) else list(rows)
    s = _Scratch(new_streak(learner_id))
    if not rows:
        return s.to_state(learner_id)
    by_goal = policy.qualifier is StreakQualifier.GOAL_MET
    first_year, last_year = rows[0].day.year, rows[-1].day.year
    skip_free: dict[tuple[str, int], bool] = {}
    current = longest = covered = last_active = previous = 0
    held = used = lost = broken_on = 0
    for row in rows:
        day = row.day.toordinal()
        if day <= previous:
            raise ValueError(f"ledger rows must be in date order without repeats; {row.day} is not")
        previous = day
        counts = row.xp >= (row.goal if by_goal else 1)
        simple = not row.freezes_granted and not row.repaired
        if simple and current and day - covered > 1:
            key = (row.timezone, row.day_start_hour)
            free = skip_free.get(key)
            if free is None:
                free = skip_free[key] = not skips_between_years(*key, first_year, last_year)
            if free:  # settle the gap: freezes first, then the break
                gap = day - covered - 1
                if gap <= held:
                    held -= gap
                    used += gap
                    covered = day - 1
                else:
                    used += held
                    covered += held
                    held = 0
                    lost, broken_on, current = current, covered + 1, 0
            else:
                simple = False
        if simple:
            if counts:
                current += 1
                if current > longest:  # noqa: PLR1730 - the hot loop; max() costs a call
                    longest = current
                covered = last_active = day
            continue
        s.current, s.longest, s.covered, s.last_active, s.last_day = (
            current, longest, covered, last_active, day
        )
        s.held, s.used, s.lost, s.broken_on = held, used, lost, broken_on
        _step(
            s,
            day,
            granted=row.freezes_granted,
            repair=row.repaired,
            newly_counts=counts,
            policy=policy,
            zone=row.timezone,
            hour=row.day_start_hour,
            want_days=False,
        )
        current, longest, covered, last_active = s.current, s.longest, s.covered, s.last_active
        held, used, lost, broken_on = s.held, s.used, s.lost, s.broken_on
    s.current, s.longest, s.covered, s.last_active, s.last_day = (
        current, longest, covered, last_active, previous
    )
    s.held, s.used, s.lost, s.broken_on = held, used, lost, broken_on
    return s.to_state(learner_id)


# --- views ------------------------------------------------------------------------------


def streak_as_of(
    state: StreakState, today: date, policy: StreakPolicy, zone: str, day_start_hour: int = 0
) -> StreakView:
    """The streak on ``today`` with the missed days so far accounted for (nothing is stored)."""
    s = _Scratch(state)
    day = max(today.toordinal(), s.last_day)
    _settle(s, day, zone, day_start_hour)
    repairable = _repairable(s, day, policy, zone, day_start_hour)
    repair_until = None
    if repairable:
        repair_until = nth_existing_day_after(
            date.fromordinal(s.broken_on), policy.repair_window_days, zone, day_start_hour
        )
    active_today = s.last_active == day
    return StreakView(
        today=date.fromordinal(day),
        current=s.current,
        longest=s.longest,
        freezes_held=s.held,
        active_today=active_today,
        at_risk=s.current > 0 and not active_today,
        repairable=repairable,
        repair_length=s.lost if repairable else 0,
        repair_until=repair_until,
    )


def can_repair(
    state: StreakState, today: date, policy: StreakPolicy, zone: str, day_start_hour: int = 0
) -> bool:
    """Whether a repair on ``today`` would bring a broken streak back."""
    return streak_as_of(state, today, policy, zone, day_start_hour).repairable
