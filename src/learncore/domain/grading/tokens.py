"""Splitting an answer into the tokens a verdict reports: words and punctuation.

A token is a run of word characters (apostrophes between letters included, so
"don't" is one word) or a run of punctuation. Scripts written without spaces
(Chinese, Japanese, Thai, ...) split into single characters with their combining
marks, so an answer compares the same with or without spaces between words.
Whitespace separates tokens and belongs to none: the tokens, placed at their
``start`` offsets, give back every other character of the text.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from learncore.domain.grading.charsets import APOSTROPHES, char_classes

__all__ = [
    "CACHED_CHUNK",
    "RawToken",
    "join_keys",
    "no_space_pattern",
    "split_chunk",
    "tokenise",
]

# Every script without spaces starts after this character (Thai is the first), and
# no combining mark comes before U+0300.
_LAST_SPACED = "\u0dff"
_LAST_COMBINING_FREE = "\u02ff"


class RawToken(NamedTuple):
    """A token as typed: its text, offset in the answer, and whether it is a word."""

    text: str
    start: int
    is_word: bool


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    classes = char_classes()
    punct, invisible = classes.punctuation, classes.ignorable
    apostrophes = re.escape(APOSTROPHES)
    letter = rf"[^\s{punct}{apostrophes}{invisible}]"  # anything visible that is not punctuation
    inside = rf"[^\s{punct}{apostrophes}]"  # a letter, or an invisible character within a word
    # A word: letters (invisible characters may sit anywhere), joined by apostrophes that
    # have a letter on each side. A run of only invisible characters is a word with
    # nothing to compare; a run of punctuation and stray apostrophes is punctuation.
    word = rf"{letter}{inside}*(?:[{apostrophes}][{apostrophes}{invisible}]*{letter}{inside}*)*"
    # Most tokens start with a letter; trying that first keeps the common case fast.
    token = re.compile(rf"({word}|[{invisible}]+(?:{word})?)|[{punct}{apostrophes}]+")
    no_space = classes.no_space
    clusters = re.compile(rf"{no_space}[{classes.marks}{invisible}]*|(?:(?!{no_space}).)+", re.DOTALL)
    return token, clusters, re.compile(no_space)


def no_space_pattern() -> re.Pattern[str]:
    """Matches one character of a script written without spaces."""
    return _patterns()[2]


# Building the named tuples through tuple.__new__ skips a Python-level __new__ call;
# tokenising is on the path of every answer graded.
_new = tuple.__new__

# Chunks (runs of non-space characters) longer than this are split without a cache,
# so hostile input cannot fill one with long strings.
CACHED_CHUNK = 64


def split_chunk(chunk: str) -> tuple[tuple[str, int, bool], ...]:
    """The tokens of one chunk of non-space characters, with offsets into the chunk."""
    token_re, cluster_re, no_space_re = _patterns()
    if chunk.isalnum() and "ʼ" not in chunk:
        # Only letters and digits (ʼ is a letter to Unicode, an apostrophe here): one word.
        raw = [(chunk, 0, True)]
    else:
        raw = [(m.group(), m.start(), m.start(1) >= 0) for m in token_re.finditer(chunk)]
    if chunk.isascii() or no_space_re.search(chunk) is None:
        return tuple(raw)
    split: list[tuple[str, int, bool]] = []
    for text, start, is_word in raw:
        if is_word and no_space_re.search(text):
            split.extend((m.group(), start + m.start(), True) for m in cluster_re.finditer(text))
        else:
            split.append((text, start, is_word))
    return tuple(split)


# The same words and the same punctuation come up in answer after answer ("please.",
# "¿Dónde"): their split is remembered.
_split_cached = functools.lru_cache(maxsize=4096)(split_chunk)


def tokenise(text: str) -> list[RawToken]:
    """The tokens of ``text`` in order (see the module docstring)."""
    tokens: list[RawToken] = []
    append = tokens.append
    find = text.find
    position = 0
    for chunk in text.split():
        start = find(chunk, position)
        position = start + len(chunk)
        if chunk.isascii() and chunk.isalnum():
            # A plain ASCII word, the common case: no regex, no cache.
            append(_new(RawToken, (chunk, start, True)))
            continue
        parts = _split_cached(chunk) if len(chunk) <= CACHED_CHUNK else split_chunk(chunk)
        for part, offset, is_word in parts:
            append(_new(RawToken, (part, start + offset, is_word)))
    return tokens


def join_keys(keys: list[str]) -> str:
    """Folded words joined as :func:`normalise_text` shows them.

    Words are separated by one space, except next to a character of a script written
    without spaces (or the marks that follow one), where no space is kept. Empty keys
    (words made only of invisible characters) vanish.
    """
    no_space, marks = no_space_pattern(), _trailing_marks()
    out: list[str] = []
    # The last character before the end of the text so far that is not a mark: a
    # space goes after it only if it is not written without spaces.
    last_letter = ""
    for key in keys:
        if not key:
            continue
        if out and not (
            (last_letter > _LAST_SPACED and no_space.match(last_letter))
            or (key[0] > _LAST_SPACED and no_space.match(key[0]))
        ):
            out.append(" ")
            last_letter = ""
        out.append(key)
        letters = marks.sub("", key) if key[-1] > _LAST_COMBINING_FREE else key
        if letters:
            last_letter = letters[-1]
    return "".join(out)


@functools.cache
def _trailing_marks() -> re.Pattern[str]:
    # Marks of a script written without spaces count as its letters.
    classes = char_classes()
    return re.compile(f"(?:(?!{classes.no_space})[{classes.marks}])+\\Z")
