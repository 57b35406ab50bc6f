"""Reference sentences become the words that are scored: punctuation, case and digits."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from learncore_sphinx.text import (
    MAX_REFERENCE_CHARS,
    MAX_REFERENCE_WORDS,
    number_words,
    split_reference,
)

from learncore.errors import InvalidInput


def test_punctuation_and_capitals_are_dropped_from_keys_but_kept_in_the_shown_word() -> None:
    words = split_reference("Hello, World! «Quoted» (brackets)...")
    assert [w.text for w in words] == ["Hello", "World", "Quoted", "brackets"]
    assert [w.key for w in words] == ["hello", "world", "quoted", "brackets"]


def test_curly_apostrophes_become_straight_ones_and_contractions_stay_whole() -> None:
    assert [w.key for w in split_reference("It’s John‘s 'car'")] == ["it's", "john's", "car"]


def test_standalone_punctuation_is_not_a_word() -> None:
    assert [w.key for w in split_reference("Wait — what ... ?")] == ["wait", "what"]


def test_words_are_whitespace_separated_like_every_provider_counts_them() -> None:
    assert [w.key for w in split_reference("well-known and/or 6")] == ["well-known", "and/or", "6"]


@pytest.mark.parametrize("text", ["", "   ", "?!", "— …"])
def test_a_reference_without_words_is_invalid_input(text: str) -> None:
    with pytest.raises(InvalidInput, match="reference_text: has no words"):
        split_reference(text)


def test_an_overlong_reference_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="characters long"):
        split_reference("a" * (MAX_REFERENCE_CHARS + 1))
    with pytest.raises(InvalidInput, match="words; one utterance allows"):
        split_reference("go " * (MAX_REFERENCE_WORDS + 1))


def test_a_reference_that_is_not_text_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="must be text"):
        split_reference(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("digits", "spoken"),
    [
        ("0", "zero"),
        ("7", "seven"),
        ("15", "fifteen"),
        ("40", "forty"),
        ("21", "twenty one"),
        ("100", "one hundred"),
        ("305", "three hundred five"),
        ("1,204", "one thousand two hundred four"),
        ("2024", "two thousand twenty four"),
        ("1000000", "one million"),
    ],
)
def test_whole_numbers_are_spelled_out(digits: str, spoken: str) -> None:
    assert number_words(digits) == spoken.split()


@pytest.mark.parametrize("token", ["3rd", "1.5", "12a", "1,20", "", "1" * 13])
def test_other_tokens_are_not_numbers(token: str) -> None:
    assert number_words(token) is None


@given(st.text(max_size=200))
def test_any_text_gives_words_or_invalid_input(text: str) -> None:
    try:
        words = split_reference(text)
    except InvalidInput as exc:
        location, words = exc.location, []
    else:
        location = "reference_text"
        assert words
    assert location == "reference_text"
    assert all(w.key == w.key.lower() and w.text.strip() for w in words)
    assert all(any(ch.isalnum() for ch in w.key) for w in words)


ALLOWED_NUMBER_WORDS = """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion
"""


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_every_whole_number_spells_out_in_dictionary_words(n: int) -> None:
    spoken = number_words(str(n))
    assert spoken
    allowed = set(ALLOWED_NUMBER_WORDS.split())
    assert set(spoken) <= allowed


def test_marks_that_unicode_normalisation_spreads_out_never_split_a_word() -> None:
    # NFKC turns a lone acute accent into "space + combining accent".
    assert [w.key for w in split_reference("0´0 ｈｅｌｌｏ")] == ["0'0", "hello"]
