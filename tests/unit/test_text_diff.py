"""The text-diff scorer: word alignment of a transcript against the reference."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.pronunciation import TranscribedWord, Transcript, WordAssessment, WordError
from learncore.domain.text_diff import score_transcript
from learncore.errors import InvalidInput


def errors(result):
    return [(w.word, w.error.value) for w in result.words]


def test_a_perfect_read_scores_full_marks():
    result = score_transcript("The cat sat on the mat.", "the cat sat on the mat")
    assert (result.pronunciation, result.accuracy, result.fluency, result.completeness) == (
        100.0,
        100.0,
        100.0,
        100.0,
    )
    assert errors(result) == [(w, "none") for w in ["The", "cat", "sat", "on", "the", "mat"]]


def test_case_and_punctuation_do_not_count_and_words_are_shown_without_punctuation():
    result = score_transcript("Hello, world!", "HELLO WORLD")
    assert errors(result) == [("Hello", "none"), ("world", "none")]


def test_a_similar_word_is_a_mispronunciation_with_partial_accuracy():
    result = score_transcript("I see a ship", "I see a sheep")
    ship = result.words[3]
    assert ship.word == "ship"
    assert ship.error is WordError.MISPRONUNCIATION
    assert 0 < ship.accuracy < 60
    assert result.completeness == 100.0


def test_a_missing_word_is_an_omission_and_lowers_completeness():
    result = score_transcript("one two three four", "one two four")
    assert errors(result) == [
        ("one", "none"),
        ("two", "none"),
        ("three", "omission"),
        ("four", "none"),
    ]
    assert result.completeness == 75.0
    assert result.pronunciation == 75.0


def test_an_extra_word_is_an_insertion_in_place_and_lowers_fluency():
    result = score_transcript("one two three", "one two um three")
    assert errors(result) == [
        ("one", "none"),
        ("two", "none"),
        ("um", "insertion"),
        ("three", "none"),
    ]
    assert result.completeness == 100.0
    assert result.fluency == 75.0
    assert result.pronunciation < 100.0


def test_an_unrelated_word_is_an_omission_plus_an_insertion_like_azure_miscue():
    result = score_transcript("I like green apples", "I like green bicycles")
    assert errors(result)[-2:] == [("apples", "omission"), ("bicycles", "insertion")]
    assert result.completeness == 75.0


def test_a_different_sentence_scores_zero():
    result = score_transcript("the quick brown fox", "my umbrella is wet")
    assert result.pronunciation == 0.0
    assert result.completeness == 0.0


def test_silence_gives_every_reference_word_as_omitted():
    result = score_transcript("good morning", "")
    assert errors(result) == [("good", "omission"), ("morning", "omission")]
    assert result.pronunciation == result.accuracy == result.fluency == 0.0


def test_a_distance_tie_does_not_lose_a_word_that_was_said():
    # Levenshtein alone may align "mat" as an insertion; the said word must be matched.
    result = score_transcript("the cat sat on the mat", "the cat sit on mat today now")
    by_word = {w.word: w.error for w in result.words if w.error is not WordError.INSERTION}
    assert by_word["mat"] is WordError.NONE
    assert [w.word for w in result.words if w.error is WordError.INSERTION] == ["today", "now"]


def test_word_confidences_are_folded_into_accuracy():
    transcript = Transcript(
        text="hello world",
        provider="google",
        words=[TranscribedWord("hello", confidence=0.9), TranscribedWord("world", confidence=0.4)],
    )
    result = score_transcript("hello world", transcript)
    assert [w.accuracy for w in result.words] == [90.0, 40.0]
    assert result.words[1].error is WordError.MISPRONUNCIATION  # heard, but barely
    assert result.confidence == pytest.approx(0.65)
    assert result.provider == "google"


def test_timings_are_kept_and_long_pauses_lower_fluency():
    words = [
        TranscribedWord("one", offset_ms=0, duration_ms=300),
        TranscribedWord("two", offset_ms=350, duration_ms=300),
        TranscribedWord("three", offset_ms=2000, duration_ms=300),
    ]
    result = score_transcript(
        "one two three", Transcript(text="one two three", provider="x", words=words)
    )
    assert [(w.offset_ms, w.duration_ms) for w in result.words] == [
        (0, 300),
        (350, 300),
        (2000, 300),
    ]
    assert result.fluency == 75.0  # one pause of 1.35 s


def test_policy_and_language_reach_the_normaliser():
    strict = GradingPolicy(case_sensitive=True)
    assert (
        score_transcript("Paris", "paris", policy=strict).words[0].error
        is WordError.MISPRONUNCIATION
    )
    assert score_transcript("Paris", "paris").words[0].error is WordError.NONE


def test_a_reference_without_words_is_rejected():
    with pytest.raises(InvalidInput, match="reference_text"):
        score_transcript(" — ! ", "anything")


def test_provider_name_can_be_given():
    assert score_transcript("hi", "hi", provider="openai").provider == "openai"


words = st.sampled_from(
    ["the", "a", "cat", "cats", "dog", "sat", "sit", "on", "mat", "ship", "sheep", "red"]
)
sentences = st.lists(words, min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(reference=sentences, heard=st.lists(words, max_size=14), confidence=st.floats(0, 1))
def test_scores_are_in_range_and_every_reference_word_appears_once_in_order(
    reference, heard, confidence
):
    transcript = Transcript(
        text=" ".join(heard),
        provider="x",
        words=[TranscribedWord(w, confidence=confidence) for w in heard],
    )
    result = score_transcript(" ".join(reference), transcript)
    for score in (result.pronunciation, result.accuracy, result.fluency, result.completeness):
        assert 0.0 <= score <= 100.0
    assert [w.word for w in result.words if w.error is not WordError.INSERTION] == reference
    inserted = [w.word for w in result.words if w.error is WordError.INSERTION]
    matched = [w for w in result.words if w.error in (WordError.NONE, WordError.MISPRONUNCIATION)]
    assert len(inserted) + len(matched) == len(heard)
    # The fast word construction yields exactly what the validating constructor accepts.
    for word in result.words:
        assert WordAssessment(**attrs.asdict(word, recurse=False)) == word


@settings(max_examples=200, deadline=None)
@given(reference=sentences)
def test_reading_the_reference_always_scores_full_marks(reference):
    result = score_transcript(" ".join(reference), " ".join(reference).upper())
    assert result.pronunciation == 100.0
    assert all(w.error is WordError.NONE for w in result.words)


@settings(max_examples=200, deadline=None)
@given(reference=sentences, heard=st.text(max_size=60))
def test_arbitrary_heard_text_never_crashes(reference, heard):
    result = score_transcript(" ".join(reference), heard)
    assert 0.0 <= result.pronunciation <= 100.0
