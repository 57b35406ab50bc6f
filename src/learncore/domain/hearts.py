"""Hearts rules: lives lost on wrong answers, regenerated over time, refilled by practice.

Regeneration is computed lazily from the time of the last change, so no background
job is needed: :func:`settle_hearts` works out what the clock has given back since
``HeartsState.updated_at`` whenever the state is read for a change, and logs one
entry per regenerated heart with the instant it actually arrived.

A clock that steps backwards regenerates nothing (and never takes hearts away).
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import attrs

from learncore.domain import unchecked
from learncore.domain.validation import aware_datetime, enum_field, in_range, is_uuid, where
from learncore.errors import InvalidContent, OutOfHearts

__all__ = [
    "HeartChange",
    "HeartReason",
    "HeartsLogEntry",
    "HeartsPolicy",
    "HeartsState",
    "check_can_start",
    "current_hearts",
    "grant_hearts",
    "initial_hearts",
    "lose_heart",
    "next_heart_at",
    "settle_hearts",
]


def _positive_interval(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise InvalidContent(
            where(instance, attribute), f"must be a positive timedelta, got {value!r}"
        )


def _optional_refill(instance: object, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise InvalidContent(
            where(instance, attribute), f"must be None (refill to full) or 1–100, got {value!r}"
        )


@attrs.frozen
class HeartsPolicy:
    """The hearts rules.

    - Learners hold at most ``max_hearts``; a wrong answer in a hearts-consuming
      lesson costs one.
    - One heart comes back every ``regen_interval`` after a loss.
    - A completed practice session gives back ``practice_refill`` hearts, or all of
      them when it is ``None``.
    - ``enabled=False`` turns hearts off for everyone.
    """

    max_hearts: int = attrs.field(default=5, validator=in_range(1, 100))
    regen_interval: timedelta = attrs.field(
        default=timedelta(hours=4), validator=_positive_interval
    )
    practice_refill: int | None = attrs.field(default=1, validator=_optional_refill)
    enabled: bool = True


class HeartReason(enum.StrEnum):
    """Why the hearts count changed."""

    WRONG_ANSWER = "wrong_answer"
    REGENERATED = "regenerated"
    PRACTICE = "practice"
    REFILL = "refill"


@attrs.frozen
class HeartsState:
    """A learner's hearts. ``updated_at`` anchors regeneration: the count was ``hearts`` then."""

    learner_id: UUID = attrs.field(validator=is_uuid)
    hearts: int = attrs.field(validator=in_range(0, 100))
    updated_at: datetime = attrs.field(validator=aware_datetime)
    unlimited: bool = False


@attrs.frozen
class HeartChange:
    """One change of the hearts count, before it is written to the hearts log."""

    delta: int
    resulting: int
    occurred_at: datetime
    reason: HeartReason = enum_field(HeartReason)


@attrs.frozen
class HeartsLogEntry:
    """One logged change of a learner's hearts: ``delta``, why, and the count after it."""

    id: UUID = attrs.field(validator=is_uuid)
    learner_id: UUID = attrs.field(validator=is_uuid)
    occurred_at: datetime = attrs.field(validator=aware_datetime)
    delta: int = attrs.field(validator=in_range(-100, 100))
    resulting: int = attrs.field(validator=in_range(0, 100))
    reason: HeartReason = enum_field(HeartReason)
    run_id: UUID | None = None


def initial_hearts(learner_id: UUID, policy: HeartsPolicy, now: datetime) -> HeartsState:
    """A full set of hearts, for a learner seen for the first time."""
    return HeartsState(learner_id=learner_id, hearts=policy.max_hearts, updated_at=now)


def _regenerated(state: HeartsState, now: datetime, policy: HeartsPolicy) -> int:
    if state.hearts >= policy.max_hearts or now <= state.updated_at:
        return 0
    ticks = (now - state.updated_at) // policy.regen_interval
    return min(ticks, policy.max_hearts - state.hearts)


def current_hearts(state: HeartsState, now: datetime, policy: HeartsPolicy) -> int:
    """The hearts a learner has at ``now``, regeneration included (nothing is changed)."""
    return min(state.hearts, policy.max_hearts) + _regenerated(state, now, policy)


def next_heart_at(state: HeartsState, now: datetime, policy: HeartsPolicy) -> datetime | None:
    """When the next heart regenerates, or None when hearts are full (or unlimited)."""
    if state.unlimited or not policy.enabled:
        return None
    gained = _regenerated(state, now, policy)
    if state.hearts + gained >= policy.max_hearts:
        return None
    return state.updated_at + policy.regen_interval * (gained + 1)


def settle_hearts(
    state: HeartsState, now: datetime, policy: HeartsPolicy
) -> tuple[HeartsState, list[HeartChange]]:
    """Materialise regeneration up to ``now``: the new state and one change per heart.

    The anchor moves by whole intervals only, so progress toward the next heart is
    kept; once hearts are full the anchor is the moment they became full.
    """
    if state.hearts > policy.max_hearts:
        # The policy's maximum was lowered; clamp quietly, it is not the learner's doing.
        state = unchecked.replace(state, hearts=policy.max_hearts)
    gained = _regenerated(state, now, policy)
    if gained == 0:
        return state, []
    changes = [
        HeartChange(
            delta=1,
            reason=HeartReason.REGENERATED,
            resulting=state.hearts + i,
            occurred_at=state.updated_at + policy.regen_interval * i,
        )
        for i in range(1, gained + 1)
    ]
    anchor = state.updated_at + policy.regen_interval * gained
    return unchecked.replace(state, hearts=state.hearts + gained, updated_at=anchor), changes


def lose_heart(
    state: HeartsState, now: datetime, policy: HeartsPolicy
) -> tuple[HeartsState, list[HeartChange]]:
    """The state after a wrong answer, with regeneration settled first.

    Unlimited learners, disabled hearts and an empty count lose nothing.
    """
    state, changes = settle_hearts(state, now, policy)
    if state.unlimited or not policy.enabled or state.hearts == 0:
        return state, changes
    # Regeneration counts from the first loss after being full; later losses keep the
    # timer that is already running.
    anchor = now if state.hearts >= policy.max_hearts else state.updated_at
    hearts = state.hearts - 1
    changes.append(
        HeartChange(delta=-1, reason=HeartReason.WRONG_ANSWER, resulting=hearts, occurred_at=now)
    )
    return _moved(state, hearts, anchor), changes


def grant_hearts(
    state: HeartsState,
    now: datetime,
    policy: HeartsPolicy,
    *,
    amount: int | None,
    reason: HeartReason,
) -> tuple[HeartsState, list[HeartChange]]:
    """The state after ``amount`` hearts are given back (``None``: refill to full)."""
    state, changes = settle_hearts(state, now, policy)
    room = policy.max_hearts - state.hearts
    gained = room if amount is None else min(max(amount, 0), room)
    if gained <= 0:
        return state, changes
    hearts = state.hearts + gained
    changes.append(HeartChange(delta=gained, reason=reason, resulting=hearts, occurred_at=now))
    # A full count restarts the regeneration timer at the next loss; a partial refill
    # keeps the running timer.
    anchor = now if hearts >= policy.max_hearts else state.updated_at
    return _moved(state, hearts, anchor), changes


def _moved(state: HeartsState, hearts: int, anchor: datetime) -> HeartsState:
    # The anchor may be the caller's ``now`` and the count follow from a caller's amount.
    moved = unchecked.replace(state, hearts=hearts, updated_at=anchor)
    unchecked.check(moved, "hearts", "updated_at")
    return moved


def check_can_start(state: HeartsState, now: datetime, policy: HeartsPolicy) -> None:
    """Raise :class:`~learncore.errors.OutOfHearts` if a hearts-consuming lesson cannot start."""
    if state.unlimited or not policy.enabled:
        return
    if current_hearts(state, now, policy) > 0:
        return
    arrives = next_heart_at(state, now, policy)
    raise OutOfHearts(state.learner_id, arrives, now)
