"""Azure's JSON result parsed into learncore's types, from recorded-shape fixtures."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from learncore_azure import assessment_from_json

from learncore.errors import MalformedProviderResponse, ProviderUnavailable

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_json(name: str) -> str:
    return (FIXTURES / f"{name}.json").read_text(encoding="utf-8")


def errors(result):
    return [(w.word, w.error.value) for w in result.words]


def test_a_correct_read_keeps_scores_prosody_timings_and_phonemes():
    result = assessment_from_json(fixture_json("correct"), "Good morning, everyone.")
    assert (result.pronunciation, result.accuracy, result.fluency, result.completeness) == (
        97.9,
        97.0,
        100.0,
        100.0,
    )
    assert result.prosody == 88.6
    assert result.confidence == 0.94
    assert result.provider == "azure"
    assert result.recognized_text == "Good morning, everyone."
    assert errors(result) == [("good", "none"), ("morning", "none"), ("everyone", "none")]
    good = result.words[0]
    assert (good.offset_ms, good.duration_ms) == (50, 270)  # 100-ns ticks to ms
    assert [p.phoneme for p in good.phonemes] == ["ɡ", "ʊ", "d"]
    assert result.words[1].phonemes[1].accuracy == 92.0


def test_a_mispronounced_word_is_marked_with_its_weak_phoneme():
    result = assessment_from_json(fixture_json("mispronounced"), "I see a ship")
    ship = result.words[-1]
    assert (ship.word, ship.error.value, ship.accuracy) == ("ship", "mispronunciation", 31.0)
    assert min(ship.phonemes, key=lambda p: p.accuracy).phoneme == "ɪ"


def test_an_omitted_word_has_no_accuracy_and_no_timing():
    result = assessment_from_json(fixture_json("omitted"), "one two three four")
    three = result.words[2]
    assert (three.word, three.error.value, three.accuracy) == ("three", "omission", 0.0)
    assert three.offset_ms is None
    assert result.completeness == 75.0
    assert result.prosody is None


def test_an_inserted_word_is_kept_in_place_and_prosody_feedback_is_not_an_error():
    result = assessment_from_json(fixture_json("inserted"), "today is sunny")
    assert errors(result) == [
        ("today", "none"),
        ("is", "none"),
        ("very", "insertion"),
        ("sunny", "none"),  # UnexpectedBreak is prosody feedback, not a wrong word
    ]


def test_older_results_with_scores_on_the_nbest_entry_are_read():
    result = assessment_from_json(fixture_json("legacy_flat_scores"), "hello world")
    assert (result.pronunciation, result.accuracy) == (93.0, 90.0)
    assert [w.accuracy for w in result.words] == [88.0, 92.0]


@pytest.mark.parametrize("status", ["NoMatch", "InitialSilenceTimeout", "BabbleTimeout"])
def test_no_speech_recognised_means_every_word_omitted(status):
    result = assessment_from_json(json.dumps({"RecognitionStatus": status}), "good morning")
    assert result.pronunciation == 0.0
    assert errors(result) == [("good", "omission"), ("morning", "omission")]
    assert result.provider == "azure"


def test_an_error_status_is_a_service_fault_a_fallback_may_cover():
    with pytest.raises(ProviderUnavailable, match="Error"):
        assessment_from_json(json.dumps({"RecognitionStatus": "Error"}), "hi")


def _mutated(path: list, value):
    data = json.loads(fixture_json("correct"))
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (None, "no JSON"),
        ("", "no JSON"),
        ("{not json", "not JSON"),
        ("[1, 2]", "$: expected an object"),
        (json.dumps({"RecognitionStatus": "Success"}), "$.NBest: missing"),
        (json.dumps({"NBest": []}), "$.NBest: expected a non-empty list"),
        (
            _mutated(["NBest", 0, "PronunciationAssessment", "PronScore"], KeyError),
            "PronScore: missing",
        ),
        (_mutated(["NBest", 0, "PronunciationAssessment", "AccuracyScore"], "high"), "a number"),
        (_mutated(["NBest", 0, "PronunciationAssessment", "FluencyScore"], 140), "0 to 100"),
        (
            _mutated(["NBest", 0, "Words", 1, "PronunciationAssessment", "ErrorType"], "Bogus"),
            "Words[1]",
        ),
        (_mutated(["NBest", 0, "Words", 0, "Word"], 7), "Words[0].Word"),
        (_mutated(["NBest", 0, "Words", 0, "Offset"], -5), "Words[0].Offset"),
        (_mutated(["NBest", 0, "Words", 0, "Duration"], float("inf")), "Words[0].Duration"),
        (_mutated(["NBest", 0, "Words"], {"a": 1}), "Words: expected a list"),
        (_mutated(["NBest", 0, "Confidence"], 3), "Confidence"),
        (_mutated(["NBest", 0, "Words", 0, "Word"], "x" * 500), "WordAssessment.word"),
        (_mutated(["NBest", 0, "Words", 0, "Phonemes", 0], "ɡ"), "Phonemes[0]"),
    ],
)
def test_malformed_json_is_a_typed_error_naming_what_was_wrong(raw, where):
    with pytest.raises(MalformedProviderResponse, match="azure") as caught:
        assessment_from_json(raw, "Good morning, everyone.")
    assert where in str(caught.value)


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(data=json_values)
def test_arbitrary_json_gives_an_assessment_or_a_typed_error(data):
    with contextlib.suppress(MalformedProviderResponse, ProviderUnavailable):
        assessment_from_json(json.dumps(data), "hello world")


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.fixed_dictionaries(
            {
                "Word": st.text(min_size=1, max_size=10),
                "PronunciationAssessment": st.fixed_dictionaries(
                    {
                        "AccuracyScore": st.floats(-10, 110, allow_nan=False),
                        "ErrorType": st.sampled_from(
                            ["None", "Omission", "Insertion", "Mispronunciation", "?"]
                        ),
                    }
                ),
            }
        ),
        max_size=5,
    )
)
def test_word_level_noise_gives_valid_words_or_a_typed_error(words):
    data = json.loads(fixture_json("correct"))
    data["NBest"][0]["Words"] = words
    try:
        result = assessment_from_json(json.dumps(data), "hello")
    except MalformedProviderResponse:
        return
    assert all(0 <= w.accuracy <= 100 for w in result.words)
