"""Turning a reference sentence into the words that get scored.

Learners' reference texts come from course content: capitals, punctuation, curly
apostrophes, digits. Each written word keeps its spelling for the result and gets
a lookup key for the pronouncing dictionary.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from learncore.errors import InvalidInput

__all__ = ["ReferenceWord", "number_words", "split_reference"]

MAX_REFERENCE_CHARS = 1000
MAX_REFERENCE_WORDS = 120  # 30 s of speech is at most ~100 words

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_SEPARATORS = re.compile(r"\s+")  # words are whitespace-separated, as every provider counts them
_EDGE = re.compile(r"^[^\w']+|[^\w']+$")
_QUOTES = re.compile(r"^'+|'+$")


@attrs.frozen
class ReferenceWord:
    """One written word of the reference: ``text`` as shown, ``key`` for the dictionary."""

    text: str
    key: str


def split_reference(reference_text: str) -> list[ReferenceWord]:
    """The words of ``reference_text``, with punctuation and case removed from the keys.

    Raises :class:`~learncore.errors.InvalidInput` (location ``reference_text``) when
    there is no word to score or the text is too long for one utterance.

    >>> [w.key for w in split_reference("Hello, World! It’s 6 o'clock.")]
    ['hello', 'world', "it's", '6', "o'clock"]
    """
    if not isinstance(reference_text, str):
        raise InvalidInput("reference_text", f"must be text, got {type(reference_text).__name__}")
    if len(reference_text) > MAX_REFERENCE_CHARS:
        raise InvalidInput(
            "reference_text",
            f"is {len(reference_text)} characters long; one utterance allows {MAX_REFERENCE_CHARS}",
        )
    text = unicodedata.normalize("NFKC", reference_text).translate(_APOSTROPHES)
    words = []
    for token in _SEPARATORS.split(text):
        shown = _QUOTES.sub("", _EDGE.sub("", token))
        if not any(ch.isalnum() for ch in shown):
            continue  # punctuation on its own ("-", "...") is not said
        words.append(ReferenceWord(text=shown, key=shown.lower()))
    if not words:
        raise InvalidInput("reference_text", "has no words to assess")
    if len(words) > MAX_REFERENCE_WORDS:
        raise InvalidInput(
            "reference_text",
            f"has {len(words)} words; one utterance allows {MAX_REFERENCE_WORDS}",
        )
    return words


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"))
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
        if not n:
            return words
    if n < 20:
        return [*words, _ONES[n]]
    words.append(_TENS[n // 10])
    if n % 10:
        words.append(_ONES[n % 10])
    return words


def number_words(token: str) -> list[str] | None:
    """The English words for a whole number written in digits ("1,204"), else None.

    >>> number_words("2024")
    ['two', 'thousand', 'twenty', 'four']
    """
    if not _NUMBER.match(token):
        return None
    n = int(token.replace(",", ""))
    if n >= 1_000_000_000_000:
        return None
    if n == 0:
        return ["zero"]
    words: list[str] = []
    for scale, name in _SCALES:
        if n >= scale:
            words += [*_below_thousand(n // scale), name]
            n %= scale
    if n:
        words += _below_thousand(n)
    return words
