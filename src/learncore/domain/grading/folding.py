"""How each character folds for comparison, as ``str.translate`` tables.

Every character of an answer maps to a *piece*: the string it contributes to the
comparison form (possibly empty, possibly several letters). Because the mapping is
per character, the grader can always trace a difference back to the exact character
the learner typed, and whole strings fold at C speed with ``str.translate``.

A piece is, in order: zero-width, bidi and control characters dropped; NFD (NFKD when
full-width forms count as equal); the language's lower case (Turkish dotted and
dotless I); then the spelling variants of the policy. Punctuation becomes a word
break when the policy ignores it, and apostrophes vanish (so "I'm" compares as "im").

Two forms come out of a folding:

- the *key* (:meth:`Folding.fold`): what must be equal for two words to be the same
  word. It also turns German ä, ö, ü into ae, oe, ue and, with diacritics
  ``ignore``, strips the accents; both need a letter and its accent side by side,
  so they run on the folded string rather than per character;
- the *marked* form (:meth:`Folding.fold_marked`): the per-character pieces alone,
  accents and umlauts intact. :func:`base_table` strips it to bare letters, which is
  how accent mistakes are told apart from typos.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any, Literal

import attrs

from learncore.domain.grading.charsets import APOSTROPHES, char_classes
from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy, SpellingVariant

__all__ = ["UMLAUT_DIGRAPHS", "Folding", "base_table", "folding_for"]

# Casefolding with dotted and dotless I (İ → i, I → ı).
_TURKIC = frozenset({"tr", "az", "crh", "gag"})
# Languages where ä, ö, ü may be written ae, oe, ue.
_UMLAUT_DIGRAPH_LANGUAGES = frozenset({"de", "gsw", "lb"})
UMLAUT_DIGRAPHS = {
    "a\u0308": "ae", "o\u0308": "oe", "u\u0308": "ue",
    "A\u0308": "Ae", "O\u0308": "Oe", "U\u0308": "Ue",
}
_SINGLE_QUOTES = frozenset("'’‘‛‚‹›′＇`´ʼ")
_DOUBLE_QUOTES = frozenset("\"“”„‟«»″＂〝〞")
# Marks that are optional in writing: Arabic short vowels, tanwin, shadda and sukun,
# the superscript alef, Hebrew points, and the tatweel that only stretches a line;
# plus variation selectors, which choose a glyph and never a word.
_SILENT = frozenset(
    [chr(c) for c in range(0x064B, 0x0653)]
    + [chr(c) for c in range(0x0656, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x05B0, 0x05BE)]
    + ["\u05BF", "\u05C1", "\u05C2", "\u05C4", "\u05C5", "\u05C7"]
    + [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
)
# Letters whose accent-free form Unicode does not give by decomposition.
_BARE_LETTERS = {
    "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ƀ": "b", "ɨ": "i", "ʉ": "u",
}
# Cyrillic letters stay composed: й, ї, ў are letters of their own, not и, і, у
# with an accent. (ё is the exception, handled by the cyrillic_yo variant.)
_CYRILLIC = (0x0400, 0x052F)
# A piece table stops memoising past this many characters, so hostile input that
# walks the whole of Unicode cannot grow it without bound.
_MEMO_LIMIT = 50_000


class _PieceTable(dict[int, str]):
    """A ``str.translate`` table that computes a character's piece on first sight."""

    def __init__(self, compute: Any) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, point: int) -> str:
        piece: str = self._compute(chr(point))
        if len(self) < _MEMO_LIMIT:
            self[point] = piece
        return piece


class _BareTable(dict[int, str | None]):
    """A ``str.translate`` table that also holds the characters it leaves alone.

    ``translate`` treats a character missing from a plain dict as unchanged, but finds
    that out through a KeyError per character; remembering the character as its own
    mapping makes the next lookup a plain hit.
    """

    def __missing__(self, point: int) -> str:
        char = chr(point)
        if len(self) < _MEMO_LIMIT:
            self[point] = char
        return char


@functools.cache
def base_table() -> dict[int, str | None]:
    """``str.translate`` table from ``marked`` pieces to bare letters (accents removed).

    Characters that stay as they are map to themselves (once seen), so ``table.get(point,
    default)`` gives either the bare letter, ``None`` for an accent, or ``default``/the
    character itself.
    """
    table = _BareTable({ord(mark): None for mark in char_classes().diacritic_set})
    table.update({ord(letter): bare for letter, bare in _BARE_LETTERS.items()})
    return table


@attrs.frozen
class Folding:
    """The character folding of one policy in one language (see the module docstring)."""

    case_fold: bool
    turkic: bool
    eszett: bool
    umlaut_digraphs: bool
    cyrillic_yo: bool
    quotes: bool
    full_width: bool
    strip_accents: bool
    drop_punctuation: bool
    table: _PieceTable = attrs.field(init=False, eq=False, repr=False)
    ascii_table: list[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        table = _PieceTable(self._piece)
        object.__setattr__(self, "table", table)
        # ASCII text takes a list table: translate's fastest path.
        object.__setattr__(self, "ascii_table", [table[point] for point in range(128)])

    def fold(self, text: str) -> str:
        """The key of ``text``: its marked form, with umlaut digraphs and accents as the policy says."""
        folded = self.fold_marked(text)
        if folded.isascii():
            return folded  # no accents and no umlauts to fold
        if self.umlaut_digraphs and "\u0308" in folded:
            for umlaut, digraph in UMLAUT_DIGRAPHS.items():
                folded = folded.replace(umlaut, digraph)
        if self.strip_accents:
            folded = folded.translate(base_table())
        return folded

    def fold_marked(self, text: str) -> str:
        """``text`` with every character replaced by its piece: accents and umlauts intact."""
        return text.translate(self.ascii_table if text.isascii() else self.table)

    def _piece(self, char: str) -> str:
        classes = char_classes()
        if char.isspace():
            return " "
        if char in classes.ignorable_set or char in _SILENT:
            return ""
        if char in APOSTROPHES or char in classes.punctuation_set:
            return self._punctuation(char)
        return self._letters(char)

    def _punctuation(self, char: str) -> str:
        if self.drop_punctuation:
            # An apostrophe joins the word around it ("I'm" is "im"); other marks break words.
            return "" if char in APOSTROPHES else " "
        if self.quotes and char in _SINGLE_QUOTES:
            return "'"
        if self.quotes and char in _DOUBLE_QUOTES:
            return '"'
        if self.full_width:
            char = "".join(unicodedata.normalize("NFKC", char).split())
        return char

    def _letters(self, char: str) -> str:
        text = char
        if self.cyrillic_yo and text in "ёЁ":
            text = "е" if text == "ё" else "Е"
        cyrillic = _CYRILLIC[0] <= ord(text[0]) <= _CYRILLIC[1] and text not in "ёЁ"
        form: Literal["NFC", "NFD", "NFKD"] = "NFC" if cyrillic else ("NFKD" if self.full_width else "NFD")
        if self.case_fold and self.turkic:
            text = {"I": "ı", "İ": "i"}.get(text, text)
        text = unicodedata.normalize(form, text)
        if self.case_fold:
            # casefold() turns ß into ss; without the ß = ss variant, lower() keeps it.
            lowered = text.casefold() if self.eszett else text.lower().replace("ς", "σ")
            text = unicodedata.normalize(form, lowered)
        if self.eszett:
            text = text.replace("ß", "ss").replace("ẞ", "SS")
        # A compatibility decomposition can produce spaces or brackets ("¨" → " ̈",
        # "㈱" → "(株)"); inside a word they must not become word breaks.
        text = "".join(text.split())
        if self.drop_punctuation:
            classes = char_classes()
            text = "".join(
                c for c in text if c not in classes.punctuation_set and c not in APOSTROPHES
            )
        return text


def _primary_language(language: str) -> str:
    return language.replace("_", "-").split("-", 1)[0].lower()


@functools.lru_cache(maxsize=256)
def folding_for(language: str, policy: GradingPolicy) -> Folding:
    """The folding a policy asks for in a language (cached: its tables fill as they are used)."""
    primary = _primary_language(language)
    variants = policy.spelling_variants
    return Folding(
        case_fold=not policy.case_sensitive,
        turkic=primary in _TURKIC,
        eszett=SpellingVariant.ESZETT in variants,
        umlaut_digraphs=SpellingVariant.UMLAUT_DIGRAPHS in variants
        and primary in _UMLAUT_DIGRAPH_LANGUAGES,
        cyrillic_yo=SpellingVariant.CYRILLIC_YO in variants,
        quotes=SpellingVariant.QUOTES in variants,
        full_width=SpellingVariant.FULL_WIDTH in variants,
        strip_accents=policy.diacritics is DiacriticsMode.IGNORE,
        drop_punctuation=policy.ignore_punctuation,
    )
