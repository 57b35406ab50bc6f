"""The transcription payload parser: realistic shapes, and arbitrary JSON never crashes it."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from learncore_openai import transcript_from_payload

from learncore.errors import MalformedProviderResponse


def test_plain_text_and_json_without_words_give_a_transcript_without_timings():
    assert transcript_from_payload("  Hello there. ").text == "Hello there."
    transcript = transcript_from_payload({"text": "Hello there.", "usage": {"type": "tokens"}})
    assert transcript.words == ()
    assert transcript.confidence is None


def test_segment_log_probabilities_become_the_transcript_confidence():
    payload = {
        "text": "a b",
        "segments": [{"avg_logprob": -0.2}, {"avg_logprob": -0.4}, {"avg_logprob": "x"}],
    }
    expected = (math.exp(-0.2) + math.exp(-0.4)) / 2
    assert transcript_from_payload(payload).confidence == pytest.approx(expected, abs=1e-4)


def test_words_with_blank_text_are_dropped():
    payload = {
        "text": "hi",
        "words": [{"word": " ", "start": 0, "end": 0.1}, {"word": " hi", "start": 0.1, "end": 0.4}],
    }
    assert [(w.word, w.offset_ms, w.duration_ms) for w in transcript_from_payload(payload).words] == [
        ("hi", 100, 300)
    ]


@pytest.mark.parametrize("start", [-1, 1e308, float("inf"), float("nan"), True, "0.5"])
def test_impossible_word_times_are_a_typed_error(start):
    payload = {"text": "hi", "words": [{"word": "hi", "start": start, "end": 1.0}]}
    with pytest.raises(MalformedProviderResponse, match=r"\$\.words\[0\]\.start"):
        transcript_from_payload(payload)


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "words", "segments", "word", "start", "end", "avg_logprob", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(payload=json_values)
def test_arbitrary_payloads_give_a_transcript_or_a_typed_error(payload):
    with contextlib.suppress(MalformedProviderResponse):
        transcript = transcript_from_payload(payload)
        assert all(w.duration_ms >= 0 for w in transcript.words)
