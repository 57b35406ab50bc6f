"""The letter-to-sound guesser only ever produces phones the acoustic model knows."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from learncore_sphinx.g2p import guess_phones

_PHONE_LIST = """
    AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH
    UH UW V W Y Z ZH
"""
MODEL_PHONES = set(_PHONE_LIST.split())


@pytest.mark.parametrize(
    ("word", "phones"),
    [
        ("blorft", "B L AO R F T"),
        ("make", "M EY K"),
        ("city", "S IH T IY"),
        ("night", "N AY T"),
        ("shop", "SH AA P"),
        ("quiz", "K W IH Z"),
        ("nation", "N AE SH AH N"),
    ],
)
def test_common_spellings_get_plausible_sounds(word: str, phones: str) -> None:
    assert guess_phones(word) == tuple(phones.split())


def test_accented_letters_are_read_as_their_base_letters() -> None:
    assert guess_phones("crème") == guess_phones("creme")


def test_doubled_letters_give_one_sound() -> None:
    assert guess_phones("tall") == ("T", "AE", "L")


@given(st.text(max_size=40))
def test_any_word_gets_at_least_one_known_phone(word: str) -> None:
    phones = guess_phones(word)
    assert phones
    assert set(phones) <= MODEL_PHONES
