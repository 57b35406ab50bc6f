"""Folded words, and how one word the learner typed compares with one expected word.

A word has two folded forms (see :mod:`learncore.domain.grading.folding`): its
``key`` (equal keys mean the same word) and its ``base``, the bare letters (accents
stripped, German umlauts not turned into digraphs). Comparing two words:

1. equal keys: ``ok``;
2. equal bases: only accents differ: ``missing_accent`` (``ok`` when the policy
   ignores diacritics);
3. within the typo tolerance for the expected word's length, counting a swap of
   two neighbouring letters as one typo, and not landing on another word of the
   vocabulary: ``typo``;
4. otherwise ``wrong_word``. Words with digits never take typos ("1995" is not
   "1996").

Positions are offsets into the learner's word of the characters that differ: the
wrong, extra or misplaced letters, the letter next to a missing one, and letters
whose accent differs.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rapidfuzz.distance import OSA, Levenshtein

from learncore.domain.grading.folding import UMLAUT_DIGRAPHS, Folding, base_table
from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy
from learncore.domain.grading.verdict import TokenLabel

__all__ = ["Trace", "Word", "compare_words", "make_word", "trace"]


class Trace:
    """A word folded letter by letter: bare letters, each with its accented cluster and origin."""

    __slots__ = ("base", "clusters", "origins", "plain")

    def __init__(self, base: str, clusters: list[str], origins: list[list[int]]) -> None:
        self.base = base
        self.clusters = clusters  # the marked form of each bare letter (letter + its accents)
        self.origins = origins  # the offsets in the typed word each cluster came from
        self.plain = len(clusters) == len(base) == sum(map(len, clusters))  # no accents at all


def trace(text: str, table: Mapping[int, str] | Sequence[str], *, digraphs: bool = False) -> Trace:
    """Fold ``text`` with ``table`` one character at a time, remembering where each letter came from.

    With ``digraphs``, a, o and u with an umlaut become two letters (ae, oe, ue), both
    from the umlaut's character.
    """
    if text.isascii():
        folded = text.translate(table)
        if len(folded) == len(text) and folded.isascii():
            # Plain ASCII that folds letter for letter (no apostrophe dropped, no
            # Turkish dotless ı): each letter comes from the character at its place.
            return Trace(folded, list(folded), [[index] for index in range(len(folded))])
    strip = base_table()
    bases: list[str] = []
    clusters: list[str] = []
    origins: list[list[int]] = []
    for index, char in enumerate(text):
        for folded in table[ord(char)]:
            bare = strip.get(ord(folded), folded)
            if bare is None:  # an accent: it belongs to the letter before it
                if clusters:
                    clusters[-1] += folded
                    origins[-1].append(index)
                continue
            bases.append(bare)
            clusters.append(folded)
            origins.append([index])
    if digraphs:
        for position in reversed(range(len(clusters))):
            digraph = UMLAUT_DIGRAPHS.get(clusters[position][:2])
            if digraph is not None:
                clusters[position : position + 1] = [digraph[0], digraph[1] + clusters[position][2:]]
                bases[position : position + 1] = [digraph[0], digraph[1]]
                origins[position : position + 1] = [origins[position], list(origins[position])]
    return Trace("".join(bases), clusters, origins)


class Word:
    """One compared word: as typed (``text`` at ``start``) and folded.

    ``key`` is computed up front; the bare letters (``base``) and the letter-by-letter
    traces only when a comparison needs them, which for most words of most answers is
    never.
    """

    __slots__ = (
        "_allowed", "_base", "_key_trace", "_plain_ascii", "_trace", "folding", "key", "start", "text",
    )

    def __init__(self, text: str, start: int | None, key: str, folding: Folding) -> None:
        self.text = text
        self.start = start
        self.key = key
        self.folding = folding
        self._base: str | None = None
        self._plain_ascii = False
        self._trace: Trace | None = None
        self._key_trace: Trace | None = None
        self._allowed: tuple[GradingPolicy, int] | None = None

    def allowed_typos(self, policy: GradingPolicy) -> int:
        """How many typos this word may carry as an expected word: none if it has digits."""
        if self._allowed is None or self._allowed[0] is not policy:
            has_digits = any(char.isdigit() for char in self.base)
            self._allowed = (policy, 0 if has_digits else policy.allowed_typos(len(self.base)))
        return self._allowed[1]

    @property
    def base(self) -> str:
        """The word without accents (and without German umlaut digraphs): "Mädchen" is "madchen"."""
        if self._base is None:
            text = self.text
            marked = self.folding.fold_marked(text)
            if marked.isascii():
                self._base = marked
                # ASCII folded letter for letter: its trace would be the letters themselves.
                self._plain_ascii = len(marked) == len(text) and text.isascii()
            else:
                self._base = marked.translate(base_table())
        return self._base

    @property
    def plain_ascii(self) -> bool:
        """Whether the word is ASCII that folds letter for letter (each letter from its own place)."""
        if self._base is None:
            _ = self.base  # computes the flag with the base
        return self._plain_ascii

    def analyse(self) -> None:
        """Compute everything a comparison may ask for now (for the words of accepted answers)."""
        self._trace = trace(self.text, self._table())
        if self.folding.umlaut_digraphs:
            self._key_trace = trace(self.text, self._table(), digraphs=True)
        self._base = self.base

    def _table(self) -> Mapping[int, str] | Sequence[str]:
        return self.folding.ascii_table if self.text.isascii() else self.folding.table

    @property
    def trace(self) -> Trace:
        """The letter-by-letter fold of the word, accents and umlauts intact."""
        if self._trace is None:
            self._trace = trace(self.text, self._table())
        return self._trace

    @property
    def key_trace(self) -> Trace:
        """The letter-by-letter fold with umlauts written as digraphs (ä as ae)."""
        if self._key_trace is None:
            self._key_trace = trace(self.text, self._table(), digraphs=True)
        return self._key_trace


def make_word(text: str, start: int, folding: Folding) -> Word:
    """A :class:`Word` for ``text`` folded with ``folding``."""
    return Word(text, start, folding.fold(text), folding)


def _edits(a: str, b: str, cutoff: int) -> int:
    """Edit distance counting a swap of neighbours as one edit; ``cutoff + 1`` when above ``cutoff``."""
    return OSA.distance(a, b, score_cutoff=cutoff)


def _opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    # (tag, i1, i2, j1, j2) tuples at runtime; the stub calls them Opcode.
    return Levenshtein.opcodes(a, b).as_list()  # type: ignore[return-value]


def _accent_positions(typed: Trace, expected: Trace, pairs: list[tuple[int, int]]) -> list[int]:
    positions: list[int] = []
    for i, j in pairs:
        if typed.clusters[i] != expected.clusters[j]:
            positions.extend(typed.origins[i])
    return positions


def _plain_typo_positions(typed_base: str, expected_base: str) -> list[int]:
    """Offsets of the differing letters when neither word has accents and the typed one
    is ASCII folded letter for letter (so letter ``i`` is the character at ``i``)."""
    last = len(typed_base) - 1
    edits: list[tuple[str, int, int]]  # (tag, source position, destination position); the stub says Editop
    edits = Levenshtein.editops(typed_base, expected_base).as_list()  # type: ignore[assignment]
    # A missing letter is shown on the letter where it belongs (none if nothing was typed).
    return [min(at, last) if tag == "insert" else at for tag, at, _ in edits if last >= 0 or tag != "insert"]


def _typo_positions(typed: Trace, expected: Trace) -> tuple[list[int], int]:
    """Offsets of differing characters, and how many letters differ only by accent."""
    if typed.plain and expected.plain:
        # No accents on either side: the edits alone say which letters differ.
        last = len(typed.origins) - 1
        positions = []
        for edit in Levenshtein.editops(typed.base, expected.base):
            # A missing letter is shown on the letter where it belongs.
            at = min(edit.src_pos, last) if edit.tag == "insert" else edit.src_pos
            if at >= 0:
                positions.extend(typed.origins[at])
        return positions, 0
    positions = []
    equal_pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in _opcodes(typed.base, expected.base):
        if tag == "equal":
            equal_pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        elif tag == "insert":
            # A missing letter: point at the letter where it belongs, or the last one.
            at = min(i1, len(typed.origins) - 1)
            if at >= 0:
                positions.extend(typed.origins[at])
        else:  # replace or delete: the learner's letters are wrong or extra
            for i in range(i1, i2):
                positions.extend(typed.origins[i])
    accents = _accent_positions(typed, expected, equal_pairs)
    return positions + accents, len(accents)


def _accents_only(typed_word: Word, expected_word: Word) -> tuple[int, ...]:
    """Offsets of the letters whose accents differ, for words with the same bare letters."""
    # Equal bare letters: one cluster each, pairing up in place.
    expected_clusters = expected_word.trace.clusters
    if typed_word.plain_ascii:
        # Each typed letter is the character at its place: no need to trace the typed word.
        return tuple([i for i, letter in enumerate(typed_word.base) if letter != expected_clusters[i]])
    typed = typed_word.trace
    typed_clusters, origins = typed.clusters, typed.origins
    positions = [
        offset
        for i in range(len(typed_clusters))
        if typed_clusters[i] != expected_clusters[i]
        for offset in origins[i]
    ]
    return tuple(sorted(set(positions)))


def _typo_or_wrong(
    typed: Word, expected: Word, edits: int, allowed: int, policy: GradingPolicy
) -> tuple[TokenLabel, tuple[int, ...]]:
    """A typo (with its positions) if ``typed`` is within ``allowed`` edits of ``expected``,
    for words with accents (or umlauts) on either side; ``edits`` between their bases."""
    if edits <= allowed:
        typed_trace, expected_trace = typed.trace, expected.trace
    elif typed.folding.umlaut_digraphs:
        # "Maedchn" for "Mädchen" is one typo away from the "ae" spelling.
        typed_trace, expected_trace = typed.key_trace, expected.key_trace
        if _edits(typed_trace.base, expected_trace.base, allowed) > allowed:
            return TokenLabel.WRONG_WORD, ()
    else:
        return TokenLabel.WRONG_WORD, ()  # traced letter by letter only when it is a typo
    positions, accents = _typo_positions(typed_trace, expected_trace)
    # Strict: the accent alone makes it wrong.
    strict = accents and policy.diacritics is DiacriticsMode.STRICT
    return (TokenLabel.MISSING_ACCENT if strict else TokenLabel.TYPO), tuple(sorted(set(positions)))


def compare_words(
    typed: Word, expected: Word, policy: GradingPolicy, vocabulary: Collection[str]
) -> tuple[TokenLabel, tuple[int, ...]]:
    """The label of ``typed`` against ``expected`` and the offsets of its differing characters."""
    if typed.key == expected.key:
        return TokenLabel.OK, ()
    typed_base, expected_base = typed.base, expected.base
    if typed_base == expected_base:
        if policy.diacritics is DiacriticsMode.IGNORE:
            return TokenLabel.OK, ()
        return TokenLabel.MISSING_ACCENT, _accents_only(typed, expected)
    allowed = expected.allowed_typos(policy)
    if allowed == 0 or typed.key in vocabulary:
        # Another word of the vocabulary is a different word, not a misspelling.
        return TokenLabel.WRONG_WORD, ()
    edits = _edits(typed_base, expected_base, allowed)
    if edits <= allowed and typed.plain_ascii and expected.trace.plain:
        # No accents anywhere: the letter edits alone say where the typos are.
        return TokenLabel.TYPO, tuple(sorted(set(_plain_typo_positions(typed_base, expected_base))))
    return _typo_or_wrong(typed, expected, edits, allowed, policy)
