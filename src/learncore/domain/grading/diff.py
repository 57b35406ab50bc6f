"""Aligning the learner's words with the words of one accepted answer.

First whole words are aligned by edit distance over their keys (equal keys match);
then each run of differing words is paired up: as many typed as expected words pair
in order, otherwise a small alignment pairs look-alike words and leaves the rest as
extra or missing. Each pair is compared with
:func:`~learncore.domain.grading.words.compare_words`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, count
from operator import ne
from typing import Protocol, TypeVar

from rapidfuzz.distance import Levenshtein

from learncore.domain.grading.answer_key import AcceptedAnswer, AnswerKey
from learncore.domain.grading.folding import Folding
from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy
from learncore.domain.grading.tokens import CACHED_CHUNK, RawToken
from learncore.domain.grading.verdict import Outcome, TokenLabel
from learncore.domain.grading.words import Word, compare_words

__all__ = [
    "Entry",
    "Placed",
    "TypedWords",
    "align_run",
    "compare_at",
    "could_be_accepted",
    "diff_words",
    "outcome_of",
]

# Runs of differing words up to this many pairs are aligned word by word; longer
# runs (a completely different answer) are paired in order.
_ALIGN_LIMIT = 64
# How many comparisons of a typed word with an expected word are remembered (then the
# memory starts afresh: a few megabytes at most), and the longest typed word remembered.
_COMPARISONS_KEPT = 16384
_REMEMBERED_WORD = CACHED_CHUNK
_Known = TypeVar("_Known")
# The outcome each label of a difference makes on its own, and how bad each outcome is.
_OUTCOMES = {
    TokenLabel.OK: Outcome.CORRECT,
    TokenLabel.MISSING_ACCENT: Outcome.ACCENT,
    TokenLabel.TYPO: Outcome.TYPO,
    TokenLabel.WRONG_WORD: Outcome.INCORRECT,
    TokenLabel.MISSING_WORD: Outcome.INCORRECT,
    TokenLabel.EXTRA_WORD: Outcome.INCORRECT,
}
_STRICT_OUTCOMES = {**_OUTCOMES, TokenLabel.MISSING_ACCENT: Outcome.INCORRECT}
_SEVERITY = {Outcome.CORRECT: 0, Outcome.ACCENT: 1, Outcome.TYPO: 2, Outcome.INCORRECT: 3}

# One difference: the learner's word index (for a missing word, the index of the word
# it belongs before, which may be one past the last), the expected word (None for an
# extra word), the label and the differing positions in the learner's word. Words
# that match make no entry.
Entry = tuple[int, Word | None, TokenLabel, tuple[int, ...]]


class Placed(Protocol):
    """A token as the learner typed it: a :class:`RawToken` or an ok ``VerdictToken``."""

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int | None: ...


class TypedWords:
    """The learner's compared words: their keys up front, :class:`Word` objects on demand.

    Most words of an answer equal their expected word by key, and never need more.
    """

    __slots__ = ("_folding", "_tokens", "_words", "indices", "keys")

    def __init__(
        self, tokens: Sequence[Placed], indices: list[int], keys: list[str], folding: Folding
    ) -> None:
        self.indices = indices  # where each compared word is among the tokens
        self.keys = keys
        self._tokens = tokens
        self._folding = folding
        self._words: dict[int, Word] = {}

    @classmethod
    def from_words(
        cls, tokens: Sequence[RawToken], compared: list[tuple[int, Word]], folding: Folding
    ) -> TypedWords:
        typed = cls(tokens, [index for index, _ in compared], [word.key for _, word in compared], folding)
        typed._words = dict(enumerate(word for _, word in compared))
        return typed

    def __len__(self) -> int:
        return len(self.keys)

    def word(self, position: int) -> Word:
        """The compared word at ``position`` (counting compared words only)."""
        word = self._words.get(position)
        if word is None:
            token = self._tokens[self.indices[position]]
            word = self._words[position] = Word(token.text, token.start, self.keys[position], self._folding)
        return word

    def text(self, position: int) -> str:
        """The compared word at ``position`` as typed."""
        return self._tokens[self.indices[position]].text

    def words(self, start: int, stop: int) -> list[Word]:
        return [self.word(position) for position in range(start, stop)]


# What is known of a typed word against an expected word, by (typed word, expected
# word): how they compare, and whether they are within a typo's reach of each other.
# Learners make the same slips ("estacion" for "estación"), so the same pairs come up
# answer after answer. An expected word belongs to one compiled answer key, whose
# folding, policy and vocabulary decide both, so the pair settles them.
_comparisons: dict[tuple[str, Word], tuple[TokenLabel, tuple[int, ...]]] = {}
_within_reach: dict[tuple[str, Word], bool] = {}


def _remember(memory: dict[tuple[str, Word], _Known], text: str, expected: Word, known: _Known) -> None:
    if len(text) <= _REMEMBERED_WORD:
        if len(memory) >= _COMPARISONS_KEPT:
            memory.clear()
        memory[text, expected] = known


def compare_at(
    typed: TypedWords, position: int, expected: Word, key: AnswerKey
) -> tuple[TokenLabel, tuple[int, ...]]:
    """:func:`compare_words` for the typed word at ``position``, remembered.

    The positions are offsets into the typed word, so they hold wherever it stands.
    """
    text = typed.text(position)
    found = _comparisons.get((text, expected))
    if found is None:
        found = compare_words(typed.word(position), expected, key.policy, key.vocabulary)
        _remember(_comparisons, text, expected, found)
    return found


def _reaches(typed: TypedWords, position: int, expected: Word, policy: GradingPolicy) -> bool:
    """Whether the typed word at ``position`` could be ``expected`` with accents or typos off."""
    text = typed.text(position)
    found = _within_reach.get((text, expected))
    if found is None:
        base = typed.word(position).base
        if base == expected.base:
            found = True
        else:
            # Some slack: a swap of letters is two edits here, and ae for ä one more.
            reach = 2 * expected.allowed_typos(policy) + 1
            found = reach > 1 and Levenshtein.distance(base, expected.base, score_cutoff=reach) <= reach
        _remember(_within_reach, text, expected, found)
    return found


def outcome_of(entries: Sequence[Entry], policy: GradingPolicy) -> Outcome:
    """The verdict's outcome given the differences."""
    # The worst difference decides: a wrong word (or, strictly, a wrong accent) over a
    # typo, a typo over an accent.
    outcomes = _STRICT_OUTCOMES if policy.diacritics is DiacriticsMode.STRICT else _OUTCOMES
    worst = Outcome.CORRECT
    for _, _, label, _ in entries:
        outcome = outcomes[label]
        if _SEVERITY[outcome] > _SEVERITY[worst]:
            worst = outcome
    return worst


def align_run(typed: Sequence[Word], expected: Sequence[Word]) -> list[tuple[int | None, int | None]]:
    """Pair the words of a differing run: similar words pair up, the rest are extra or missing."""
    m, n = len(typed), len(expected)
    if m == n:
        return [(i, i) for i in range(m)]
    if m == 0 or n == 0 or m * n > _ALIGN_LIMIT:
        pairs: list[tuple[int | None, int | None]] = [(i, i) for i in range(min(m, n))]
        pairs += [(i, None) for i in range(n, m)] + [(None, j) for j in range(m, n)]
        return pairs
    # Edit-distance alignment: a gap costs 1, pairing two words up to 2 by how
    # different they are, so look-alike words pair and unrelated ones do not.
    distance = Levenshtein.normalized_distance
    pair_cost = [[2 * distance(t.base, e.base) for e in expected] for t in typed]
    cost = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        cost[i][0] = float(i)
    for j in range(1, n + 1):
        cost[0][j] = float(j)
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            pair = cost[i - 1][j - 1] + pair_cost[i - 1][j - 1]
            cost[i][j] = min(pair, cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    pairs = []
    i, j = m, n
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + pair_cost[i - 1][j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    pairs.reverse()
    return pairs


def diff_words(typed: TypedWords, accepted: AcceptedAnswer, key: AnswerKey) -> list[Entry]:
    """The differences between the typed words and ``accepted``'s, in order."""
    expected = accepted.words
    typed_keys, expected_keys = typed.keys, accepted.keys
    if len(typed_keys) == len(expected_keys):
        differing = list(compress(count(), map(ne, typed_keys, expected_keys)))
        if len(differing) <= 1:
            # As many words, all equal but one: the only alignment of cost 1 pairs the
            # two in place, so the general alignment below would find just that.
            if not differing:
                return []
            at = differing[0]
            label, positions = compare_at(typed, at, expected[at], key)
            return [] if label is TokenLabel.OK else [(at, expected[at], label, positions)]
    entries: list[Entry] = []

    def flush(i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 == i2:  # words missing, and nothing typed in their place: before the next typed word
            entries.extend([(i2, expected[j], TokenLabel.MISSING_WORD, ()) for j in range(j1, j2)])
            return
        if j1 == j2:  # words typed that are not expected
            entries.extend([(i, None, TokenLabel.EXTRA_WORD, ()) for i in range(i1, i2)])
            return
        pairs = align_run(typed.words(i1, i2), expected[j1:j2])
        # A missing word is placed before the next typed word (or after the last).
        before, anchors = i2, []
        for i, _ in reversed(pairs):
            anchors.append(before)
            if i is not None:
                before = i1 + i
        for (i, j), anchor in zip(pairs, reversed(anchors), strict=True):
            if i is None:
                entries.append((anchor, expected[j1 + j], TokenLabel.MISSING_WORD, ()))  # type: ignore[operator]
            elif j is None:
                entries.append((i1 + i, None, TokenLabel.EXTRA_WORD, ()))
            else:
                label, positions = compare_at(typed, i1 + i, expected[j1 + j], key)
                if label is not TokenLabel.OK:
                    entries.append((i1 + i, expected[j1 + j], label, positions))

    # Consecutive non-equal opcodes form one run of differing words.
    run: list[int] | None = None
    opcodes: list[tuple[str, int, int, int, int]]  # (tag, i1, i2, j1, j2); the stub says Opcode
    opcodes = Levenshtein.opcodes(typed_keys, expected_keys).as_list()  # type: ignore[assignment]
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            run = [i1, i2, j1, j2] if run is None else [run[0], i2, run[2], j2]
            continue
        if run is not None:
            flush(*run)
            run = None
    if run is not None:
        flush(*run)
    return entries


def could_be_accepted(typed: TypedWords, accepted: AcceptedAnswer, key: AnswerKey) -> bool:
    """A quick test that fails for most alternatives a full diff would find wrong.

    An accepted answer pairs every typed word with the expected word in the same
    place, so the words must be as many, and each pair equal, equal but for accents,
    or close enough to be a typo (with some slack: a swap of letters is two edits
    here, and ae for ä one more).
    """
    if len(accepted.keys) != len(typed.keys):
        return False
    words, policy = accepted.words, key.policy
    differing = compress(count(), map(ne, typed.keys, accepted.keys))
    return all(_reaches(typed, position, words[position], policy) for position in differing)
