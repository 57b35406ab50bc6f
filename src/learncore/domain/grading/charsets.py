"""Character classes the grader needs, read from the Unicode database on first use.

Python's ``re`` has no ``\\p{P}``, and its ``\\w`` leaves out combining marks (which
would split Bengali, Hindi or Thai words at every vowel sign), so the classes are
built here once from :mod:`unicodedata` and turned into regex character classes.

Punctuation, invisible characters and marks are read from the Basic Multilingual
Plane, where every living script has them. Besides keeping the tables small, this
keeps the regexes fast: ``re`` matches a class of BMP characters with a bitmap but
walks a class reaching beyond it range by range. The few characters of these kinds
beyond the BMP (punctuation of historic scripts, tag characters) count as letters.
"""

from __future__ import annotations

import functools
import unicodedata

import attrs

__all__ = ["APOSTROPHES", "CharClasses", "char_classes", "is_no_space_char"]

# Characters learners type for an apostrophe. Between letters they join a word
# ("don't", "l'homme"); elsewhere they are punctuation.
APOSTROPHES = "'’‘‛ʼ`´＇′"

# Scripts written without spaces between words: answers compare by character.
# Han (with its extensions and compatibility blocks), kana, Bopomofo, Thai, Lao,
# Khmer, Myanmar and Tibetan; Hangul is written with spaces and is left out.
_NO_SPACE_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3031, 0x3035),  # kana repeat marks
    (0x3038, 0x303C),
    (0x3040, 0x30FF),  # Hiragana, Katakana (with the combining voicing marks)
    (0x3100, 0x312F),  # Bopomofo
    (0x31A0, 0x31BF),  # Bopomofo extended
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA9E0, 0xA9FF),  # Myanmar extended-B
    (0xAA60, 0xAA7F),  # Myanmar extended-A
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width Katakana
)
# The same beyond the BMP, kept apart so that the BMP class stays a fast bitmap.
_NO_SPACE_ASTRAL = (
    (0x1B000, 0x1B16F),  # kana supplement and extensions
    (0x20000, 0x3FFFF),  # CJK extensions B and later, compatibility supplement
)

# Marks that only change how a letter looks, not which word it is: generic combining
# diacritics (acute, grave, umlaut, cedilla, tilde, ...), and the Arabic hamza and
# madda, which learners often leave off an alef.
_DIACRITIC_RANGES = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
    (0x0653, 0x0655),
)


def _ranges_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{_escape(chr(low))}-{_escape(chr(high))}" for low, high in ranges)


def _escape(char: str) -> str:
    # Inside a character class only these four need escaping; anything else, including
    # lone surrogates, may stand for itself in a str pattern.
    return "\\" + char if char in "\\]^-[" else char


def _class_from_points(points: list[int]) -> str:
    """A compact character-class body (``a-z…``) for sorted code points."""
    parts: list[str] = []
    start = previous = points[0]
    for point in [*points[1:], -2]:
        if point == previous + 1:
            previous = point
            continue
        first, last = _escape(chr(start)), _escape(chr(previous))
        parts.append(first if start == previous else f"{first}-{last}")
        start = previous = point
    return "".join(parts)


@attrs.frozen
class CharClasses:
    """Regex character-class bodies (without brackets) and membership sets, within the BMP."""

    punctuation: str  # general category P*, apostrophes excluded
    ignorable: str  # format (Cf), control (Cc, not whitespace) and surrogate (Cs) characters
    marks: str  # combining marks (M*)
    no_space: str  # a regex (not a class body) matching one character compared on its own
    ignorable_set: frozenset[str]
    punctuation_set: frozenset[str]
    diacritic_set: frozenset[str]


def _in_ranges(point: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= point <= high for low, high in ranges)


def is_no_space_char(char: str) -> bool:
    """Whether ``char`` belongs to a script written without spaces between words."""
    return _in_ranges(ord(char), _NO_SPACE_RANGES + _NO_SPACE_ASTRAL)


@functools.cache
def char_classes() -> CharClasses:
    """The classes, computed once per process (about 20 ms, on first grading)."""
    punctuation: list[int] = []
    ignorable: list[int] = []
    marks: list[int] = []
    apostrophes = {ord(char) for char in APOSTROPHES}
    for point in range(0x10000):
        char = chr(point)
        category = unicodedata.category(char)
        if category[0] == "P":
            if point not in apostrophes:
                punctuation.append(point)
        elif category in ("Cf", "Cs") or (category == "Cc" and not char.isspace()):
            ignorable.append(point)
        elif category[0] == "M":
            marks.append(point)
    diacritics = frozenset(
        chr(point) for low, high in _DIACRITIC_RANGES for point in range(low, high + 1)
    )
    return CharClasses(
        punctuation=_class_from_points(punctuation),
        ignorable=_class_from_points(ignorable),
        marks=_class_from_points(marks),
        no_space=f"(?:[{_ranges_class(_NO_SPACE_RANGES)}]|[{_ranges_class(_NO_SPACE_ASTRAL)}])",
        ignorable_set=frozenset(map(chr, ignorable)),
        punctuation_set=frozenset(map(chr, punctuation)),
        diacritic_set=diacritics,
    )
