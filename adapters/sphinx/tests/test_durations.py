"""Phone durations: learning typical ones, and judging a read's words against them."""

import math

import pytest
from learncore_sphinx.durations import MIN_SAMPLES, MIN_SPREAD, TYPICAL_DURATIONS, PhoneDurations

# ln(frames) of AA: mean ln 10, spread 0.5; of T: mean ln 5, spread 0.25
DURATIONS = PhoneDurations({"AA": (math.log(10), 0.5), "T": (math.log(5), 0.25)})


def test_typical_durations_are_the_mean_and_spread_of_log_frames() -> None:
    fitted = PhoneDurations.fit([("AA", 5), ("AA", 20)] * MIN_SAMPLES)
    mean, spread = fitted.typical["AA"]
    assert mean == pytest.approx(math.log(10), abs=1e-3)
    assert spread == pytest.approx(math.log(2), abs=1e-3)


def test_rare_phones_get_no_typical_duration() -> None:
    fitted = PhoneDurations.fit([("AA", 5), ("AA", 20)] * MIN_SAMPLES + [("ZH", 4), ("ZH", 9)])
    assert set(fitted.typical) == {"AA"}


def test_no_phone_is_judged_on_a_tighter_spread_than_the_minimum() -> None:
    fitted = PhoneDurations.fit([("T", 3)] * 20 + [("S", 9), ("S", 10)] * MIN_SAMPLES)
    assert fitted.typical["T"] == (round(math.log(3), 3), MIN_SPREAD)
    assert fitted.typical["S"][1] == MIN_SPREAD


def test_a_read_at_its_usual_durations_deviates_nowhere() -> None:
    judged = DURATIONS.judge([[("AA", 10), ("T", 5)], [("T", 5)]])
    assert judged == [(0.0, (0.0, 0.0)), (0.0, (0.0,))]


def test_the_reads_own_tempo_is_taken_off() -> None:
    """A slow speaker (every phone twice as long as usual) is not penalised for it."""
    slow = DURATIONS.judge([[("AA", 20), ("T", 10)], [("AA", 20)], [("T", 10)]])
    assert all(deviation == pytest.approx(0.0, abs=1e-9) for deviation, _ in slow)


def test_a_stretched_and_a_squashed_phone_stand_out_in_their_word() -> None:
    # AA four times its usual length: ln 4 / 0.5 = 2.77 spreads; T at a third: -4.39 spreads.
    words = [[("AA", 10), ("T", 5)], [("AA", 40), ("T", 5)], [("AA", 10), ("T", 2)], [("T", 5)]]
    judged = DURATIONS.judge(words)
    (fine, _), (stretched, stretched_zs), (squashed, squashed_zs), (other, _) = judged
    assert fine == other == 0.0  # the median phone of the read sets the tempo
    assert stretched_zs == pytest.approx((math.log(4) / 0.5, 0.0))
    assert squashed_zs == pytest.approx((0.0, math.log(2 / 5) / 0.25))
    assert stretched == pytest.approx(math.sqrt((math.log(4) / 0.5) ** 2 / 2))
    assert squashed > stretched > 1.0


def test_phones_without_a_typical_duration_are_left_out() -> None:
    judged = DURATIONS.judge([[("AA", 40), ("ZH", 90)], [("ZH", 3)], [("AA", 10)], [("AA", 10)]])
    assert judged[0][0] == pytest.approx(math.log(4) / 0.5)  # ZH does not dilute it
    assert judged[0][1][1] == 0.0
    assert judged[1] == (0.0, (0.0,))


def test_an_empty_read_has_nothing_to_judge() -> None:
    assert DURATIONS.judge([]) == []
    assert PhoneDurations({}).judge([[("AA", 10)]]) == [(0.0, (0.0,))]


def test_the_shipped_durations_cover_the_common_phones() -> None:
    assert {"AA", "AH", "IY", "T", "S", "N", "R", "L"} <= set(TYPICAL_DURATIONS.typical)
    for mean, spread in TYPICAL_DURATIONS.typical.values():
        assert 0 < mean < math.log(40)  # from 1 to 40 frames of 10 ms
        assert 0 < spread < 1.5
