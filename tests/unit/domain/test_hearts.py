"""Hearts rules: losing, lazy regeneration, refills, unlimited hearts, the start check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learncore.domain.hearts import (
    HeartReason,
    HeartsPolicy,
    HeartsState,
    check_can_start,
    current_hearts,
    grant_hearts,
    initial_hearts,
    lose_heart,
    next_heart_at,
    settle_hearts,
)
from learncore.domain.ids import new_id
from learncore.errors import InvalidContent, OutOfHearts

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
POLICY = HeartsPolicy()


def lose(state: HeartsState, times: int, at: datetime = T0) -> HeartsState:
    for _ in range(times):
        state, _ = lose_heart(state, at, POLICY)
    return state


def test_a_new_learner_has_full_hearts_and_nothing_regenerating():
    state = initial_hearts(new_id(), POLICY, T0)
    assert current_hearts(state, T0, POLICY) == 5
    assert next_heart_at(state, T0, POLICY) is None


def test_a_wrong_answer_costs_one_heart_and_starts_the_timer():
    state, changes = lose_heart(initial_hearts(new_id(), POLICY, T0), T0, POLICY)
    assert state.hearts == 4
    assert [(c.delta, c.reason, c.resulting) for c in changes] == [(-1, HeartReason.WRONG_ANSWER, 4)]
    assert next_heart_at(state, T0, POLICY) == T0 + timedelta(hours=4)


def test_hearts_regenerate_lazily_one_every_four_hours():
    state = lose(initial_hearts(new_id(), POLICY, T0), 3)  # 2 left
    assert current_hearts(state, T0 + timedelta(hours=3, minutes=59), POLICY) == 2
    assert current_hearts(state, T0 + timedelta(hours=4), POLICY) == 3
    assert current_hearts(state, T0 + timedelta(hours=9), POLICY) == 4
    assert next_heart_at(state, T0 + timedelta(hours=9), POLICY) == T0 + timedelta(hours=12)
    assert current_hearts(state, T0 + timedelta(days=3), POLICY) == 5


def test_settling_logs_each_regenerated_heart_when_it_arrived_and_keeps_progress():
    state = lose(initial_hearts(new_id(), POLICY, T0), 3)
    later = T0 + timedelta(hours=9)
    settled, changes = settle_hearts(state, later, POLICY)
    assert settled.hearts == 4
    assert [(c.occurred_at, c.resulting) for c in changes] == [
        (T0 + timedelta(hours=4), 3), (T0 + timedelta(hours=8), 4),
    ]
    # The hour already waited toward the next heart is not lost.
    assert next_heart_at(settled, later, POLICY) == T0 + timedelta(hours=12)


def test_a_later_loss_keeps_the_running_timer():
    state = lose(initial_hearts(new_id(), POLICY, T0), 1)
    state, _ = lose_heart(state, T0 + timedelta(hours=1), POLICY)
    assert next_heart_at(state, T0 + timedelta(hours=1), POLICY) == T0 + timedelta(hours=4)


def test_a_clock_stepping_back_regenerates_nothing():
    state = lose(initial_hearts(new_id(), POLICY, T0), 2)
    assert current_hearts(state, T0 - timedelta(hours=10), POLICY) == 3
    settled, changes = settle_hearts(state, T0 - timedelta(hours=10), POLICY)
    assert (settled, changes) == (state, [])


def test_practice_refills_some_hearts_and_a_refill_all_of_them():
    state = lose(initial_hearts(new_id(), POLICY, T0), 4)  # 1 left
    practised, changes = grant_hearts(state, T0, POLICY, amount=1, reason=HeartReason.PRACTICE)
    assert practised.hearts == 2
    assert changes[-1].reason is HeartReason.PRACTICE
    full, changes = grant_hearts(state, T0, POLICY, amount=None, reason=HeartReason.REFILL)
    assert (full.hearts, changes[-1].delta) == (5, 4)
    assert next_heart_at(full, T0, POLICY) is None
    unchanged, changes = grant_hearts(full, T0, POLICY, amount=3, reason=HeartReason.REFILL)
    assert (unchanged.hearts, changes) == (5, [])


def test_unlimited_hearts_are_never_lost_and_never_block():
    state = HeartsState(learner_id=new_id(), hearts=0, updated_at=T0, unlimited=True)
    assert lose_heart(state, T0, POLICY)[0].hearts == 0
    check_can_start(state, T0, POLICY)
    assert next_heart_at(state, T0, POLICY) is None
    check_can_start(HeartsState(learner_id=new_id(), hearts=0, updated_at=T0), T0,
                    HeartsPolicy(enabled=False))


def test_no_hearts_means_no_lesson_and_the_error_says_when_the_next_one_comes():
    state = lose(initial_hearts(new_id(), POLICY, T0), 5)
    later = T0 + timedelta(hours=1, minutes=30)
    with pytest.raises(OutOfHearts, match=r"in 2 h 30 min") as caught:
        check_can_start(state, later, POLICY)
    assert caught.value.next_heart_at == T0 + timedelta(hours=4)
    check_can_start(state, T0 + timedelta(hours=4), POLICY)


def test_a_lowered_maximum_clamps_the_stored_count():
    state = HeartsState(learner_id=new_id(), hearts=5, updated_at=T0)
    small = HeartsPolicy(max_hearts=3)
    assert current_hearts(state, T0, small) == 3
    assert lose_heart(state, T0, small)[0].hearts == 2


def test_policies_validate_their_fields():
    with pytest.raises(InvalidContent, match="HeartsPolicy.regen_interval"):
        HeartsPolicy(regen_interval=timedelta(0))
    with pytest.raises(InvalidContent, match="HeartsPolicy.practice_refill"):
        HeartsPolicy(practice_refill=0)


@settings(max_examples=200, deadline=None)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["lose", "lose", "practice", "refill", "settle"]),
                  st.integers(-120, 600)),  # minutes the clock moves first (back too)
        max_size=60,
    ),
    max_hearts=st.integers(1, 7),
    refill=st.none() | st.integers(1, 3),
)
def test_hearts_stay_in_range_and_the_log_adds_up(steps, max_hearts, refill):
    policy = HeartsPolicy(max_hearts=max_hearts, regen_interval=timedelta(hours=4), practice_refill=refill)
    state = initial_hearts(new_id(), policy, T0)
    now = T0
    total_delta = 0
    for action, minutes in steps:
        now += timedelta(minutes=minutes)
        if action == "lose":
            state, changes = lose_heart(state, now, policy)
        elif action == "practice":
            state, changes = grant_hearts(state, now, policy, amount=refill, reason=HeartReason.PRACTICE)
        elif action == "refill":
            state, changes = grant_hearts(state, now, policy, amount=None, reason=HeartReason.REFILL)
        else:
            state, changes = settle_hearts(state, now, policy)
        total_delta += sum(change.delta for change in changes)
        assert 0 <= state.hearts <= max_hearts
        assert 0 <= current_hearts(state, now, policy) <= max_hearts
        assert all(0 <= change.resulting <= max_hearts for change in changes)
        assert state.hearts == max_hearts + total_delta
