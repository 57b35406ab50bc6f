"""Mapping evidence to 0-100 scores, and the fluency, omission and insertion rules."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from learncore_sphinx.calibration import Calibration
from learncore_sphinx.gop import GapEvidence, PhoneEvidence, WordEvidence

CAL = Calibration()


def evidence(
    gop: float, worst: float | None = None, quiet: float = 0.0, duration_deviation: float = 0.0
) -> WordEvidence:
    phones = (
        PhoneEvidence("AA", 0, 5, gop),
        PhoneEvidence("B", 5, 5, gop if worst is None else worst),
    )
    return WordEvidence(0, 10, gop, phones, quiet, duration_deviation)


def gap(gop: float, speech: int, heard: int = 0) -> GapEvidence:
    return GapEvidence(0, max(speech, 1), gop, speech, ("K",) * (heard > 0), heard, True)


def test_a_word_that_fits_as_well_as_the_free_loop_scores_near_100() -> None:
    assert CAL.word_accuracy(evidence(0.0)) > 95


def test_a_word_far_worse_than_the_free_loop_scores_near_0() -> None:
    assert CAL.word_accuracy(evidence(-90.0)) < 5


def test_the_calibration_midpoint_scores_50() -> None:
    assert CAL.word_accuracy(evidence(CAL.word_center)) == pytest.approx(50.0)


def test_one_bad_phone_lowers_the_word() -> None:
    assert CAL.word_accuracy(evidence(-10.0, worst=-120.0)) < CAL.word_accuracy(evidence(-10.0))


@given(st.floats(-500, 500), st.floats(-500, 500))
def test_word_accuracy_is_bounded_and_monotonic(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert 0 <= CAL.word_accuracy(evidence(low)) <= CAL.word_accuracy(evidence(high)) <= 100
    assert 0 <= CAL.phone_accuracy(low) <= CAL.phone_accuracy(high) <= 100


def test_implausible_durations_lower_the_word() -> None:
    assert CAL.duration_weight > 0
    usual = CAL.word_accuracy(evidence(-20.0, duration_deviation=0.8))
    distorted = CAL.word_accuracy(evidence(-20.0, duration_deviation=3.0))
    assert distorted < usual - 20
    excess = 3.0 - CAL.usual_duration_deviation
    assert CAL.word_evidence(evidence(-20.0, duration_deviation=3.0)) == pytest.approx(
        -20.0 - excess * CAL.duration_weight
    )


def test_durations_within_the_usual_deviation_cost_nothing_and_earn_nothing() -> None:
    usual = CAL.usual_duration_deviation
    plain = CAL.word_evidence(evidence(-20.0))
    assert CAL.word_evidence(evidence(-20.0, duration_deviation=usual)) == pytest.approx(plain)
    assert CAL.word_evidence(evidence(-20.0, duration_deviation=usual / 2)) == pytest.approx(plain)
    assert CAL.word_evidence(evidence(-20.0, duration_deviation=usual + 0.5)) < plain


def test_without_a_duration_weight_durations_are_ignored() -> None:
    blind = Calibration(duration_weight=0.0)
    assert blind.word_accuracy(evidence(-20.0, duration_deviation=3.0)) == pytest.approx(
        blind.word_accuracy(evidence(-20.0))
    )


def test_a_gap_is_judged_on_its_gop_alone() -> None:
    assert CAL.word_evidence(gap(-40.0, speech=20)) == pytest.approx(-40.0)


def test_the_read_baseline_is_the_median_word_within_the_accent_allowance() -> None:
    assert CAL.read_baseline([evidence(-4.0), evidence(-6.0), evidence(-90.0)]) == pytest.approx(-6.0)
    assert CAL.read_baseline([evidence(5.0), evidence(3.0)]) == 0.0  # never stricter than 0
    assert CAL.read_baseline([evidence(-80.0)] * 3) == -CAL.accent_allowance  # another sentence
    assert CAL.read_baseline([]) == 0.0


def test_a_word_is_judged_against_its_read() -> None:
    word = evidence(CAL.word_center)
    assert CAL.word_accuracy(word, baseline=-5.0) > CAL.word_accuracy(word) == pytest.approx(50.0)


def test_utterance_accuracy_is_pulled_down_by_one_wrong_word() -> None:
    good = [95.0] * 9
    assert CAL.utterance_accuracy(good) == pytest.approx(95.0)
    with_wrong = CAL.utterance_accuracy([*good, 1.0])
    assert with_wrong < 75
    assert with_wrong < sum([*good, 1.0]) / 10  # stricter than the plain mean
    assert CAL.utterance_accuracy([]) == 0.0


def test_omission_needs_silence_and_a_poor_score() -> None:
    assert CAL.is_omitted(evidence(-80.0, quiet=1.0), 3.0)
    assert not CAL.is_omitted(evidence(0.0, quiet=1.0), 97.0)  # a quiet but good word
    assert not CAL.is_omitted(evidence(-80.0, quiet=0.2), 3.0)  # said, badly


def test_insertion_needs_loud_frames_that_fit_silence_badly_or_sound_like_phones() -> None:
    assert CAL.is_insertion(gap(-50.0, speech=20))
    assert CAL.is_insertion(gap(-5.0, speech=30, heard=25))
    assert not CAL.is_insertion(gap(-50.0, speech=3))  # a click
    assert not CAL.is_insertion(gap(-5.0, speech=30))  # loud but silence-like: noise


def test_fluency_is_full_for_connected_speech_and_drops_with_long_pauses_and_slow_speech() -> None:
    assert CAL.fluency([0.2], speech_s=2.0, phones=24) == 100.0
    assert CAL.fluency([1.3], speech_s=2.0, phones=24) == pytest.approx(50.0)
    assert CAL.fluency([], speech_s=4.0, phones=12) == pytest.approx(50.0)
    assert CAL.fluency([], speech_s=0.0, phones=0) == 0.0


def test_overall_is_the_weighted_mean() -> None:
    assert CAL.overall(100, 100, 100) == pytest.approx(100)
    assert CAL.overall(50, 100, 100) == pytest.approx(70)
