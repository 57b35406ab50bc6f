"""Grading a typed answer against accepted answers, with a word-by-word diff.

The learner's answer is folded (:mod:`~learncore.domain.grading.folding`) and looked
up among the accepted answers' normal forms; an exact hit is ``correct`` at once.
Otherwise its words are aligned with the closest accepted answers (edit distance
over whole words, then a small alignment inside each run of differing words), each
pair of words is compared (:func:`~learncore.domain.grading.words.compare_words`),
and the best-scoring alternative gives the verdict:

- any wrong, missing or extra word (or, with diacritics ``strict``, a wrong accent)
  makes the answer ``incorrect``;
- otherwise a typo makes it ``typo``, a wrong accent ``accent``; else ``correct``.

The verdict's tokens cover the learner's answer in order (punctuation included,
labelled ``ok`` when the policy ignores it), with ``missing_word`` tokens where an
expected word is absent. ``expected`` is set on every token that differs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from learncore.domain.grading.answer_key import (
    AcceptedAnswer,
    AnswerKey,
    compared_words,
    compile_answers,
)
from learncore.domain.grading.folding import Folding, base_table
from learncore.domain.grading.normalise import comparison_form
from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy
from learncore.domain.grading.tokens import RawToken, join_keys, no_space_pattern, tokenise
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken
from learncore.domain.grading.words import Word, compare_words
from learncore.errors import InvalidInput

__all__ = ["MAX_ANSWER_LENGTH", "grade_answer", "grade_text"]

# Longer answers are rejected with InvalidInput rather than graded.
MAX_ANSWER_LENGTH = 10_000
# Alternatives fully diffed per answer, closest first, until one is not incorrect.
_CANDIDATES = 3
# Runs of differing words up to this many pairs are aligned word by word; longer
# runs (a completely different answer) are paired in order.
_ALIGN_LIMIT = 64

_DEFAULT_POLICY = GradingPolicy()
_NO_WORDS: frozenset[str] = frozenset()
_RANK = {Outcome.CORRECT: 0, Outcome.ACCENT: 1, Outcome.TYPO: 2, Outcome.INCORRECT: 3}
_WRONG = frozenset({TokenLabel.WRONG_WORD, TokenLabel.MISSING_WORD, TokenLabel.EXTRA_WORD})

# One aligned entry: the learner's word index (None if missing), the expected word
# (None if extra), the label and the differing positions in the learner's word.
_Entry = tuple[int | None, Word | None, TokenLabel, tuple[int, ...]]


def _check_answer(answer: Any) -> str:
    if not isinstance(answer, str):
        raise InvalidInput("answer", f"must be text, got {type(answer).__name__}")
    if len(answer) > MAX_ANSWER_LENGTH:
        raise InvalidInput("answer", f"is {len(answer)} characters long; the limit is {MAX_ANSWER_LENGTH}")
    return answer


@functools.lru_cache(maxsize=8192)
def _ok_token(text: str, start: int) -> VerdictToken:
    # Tokens are immutable values, and the same word at the same offset comes up again
    # and again (every right answer to an exercise shares most of them): share them.
    return VerdictToken(text, TokenLabel.OK, None, start)


def _ok_tokens(tokens: Iterable[RawToken]) -> tuple[VerdictToken, ...]:
    return tuple([_ok_token(token.text, token.start) for token in tokens])


def _outcome(entries: Sequence[_Entry], policy: GradingPolicy) -> Outcome:
    labels = {label for _, _, label, _ in entries}
    if labels & _WRONG:
        return Outcome.INCORRECT
    if TokenLabel.MISSING_ACCENT in labels and policy.diacritics is DiacriticsMode.STRICT:
        return Outcome.INCORRECT
    if TokenLabel.TYPO in labels:
        return Outcome.TYPO
    if TokenLabel.MISSING_ACCENT in labels:
        return Outcome.ACCENT
    return Outcome.CORRECT


def _align_block(typed: Sequence[Word], expected: Sequence[Word]) -> list[tuple[int | None, int | None]]:
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


def _diff(typed: _Typed, accepted: AcceptedAnswer, key: AnswerKey) -> list[_Entry]:
    expected = accepted.words
    policy, vocabulary = key.policy, key.vocabulary
    entries: list[_Entry] = []

    def flush(i1: int, i2: int, j1: int, j2: int) -> None:
        for i, j in _align_block(typed.words(i1, i2), expected[j1:j2]):
            if i is None:
                entries.append((None, expected[j1 + j], TokenLabel.MISSING_WORD, ()))  # type: ignore[operator]
            elif j is None:
                entries.append((i1 + i, None, TokenLabel.EXTRA_WORD, ()))
            else:
                label, positions = compare_words(typed.word(i1 + i), expected[j1 + j], policy, vocabulary)
                entries.append((i1 + i, expected[j1 + j], label, positions))

    # Consecutive non-equal opcodes form one run of differing words.
    run: list[int] | None = None
    for op in Levenshtein.opcodes(typed.keys, accepted.keys):
        i1, i2, j1, j2 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if op.tag != "equal":
            run = [i1, i2, j1, j2] if run is None else [run[0], i2, run[2], j2]
            continue
        if run is not None:
            flush(*run)
            run = None
        entries.extend((i, None, TokenLabel.OK, ()) for i in range(i1, i2))
    if run is not None:
        flush(*run)
    return entries


def _candidates(base: str, key: AnswerKey) -> list[tuple[AcceptedAnswer, int]]:
    """The alternatives closest to the answer's accent-free form, with their edit distance."""
    alternatives = key.alternatives
    if len(alternatives) == 1:
        return [(alternatives[0], 0)]
    exact = key.by_base.get(base)
    if exact is not None:
        return [(exact, 0)]  # only accents differ
    if len(alternatives) <= 8:
        distances = [Levenshtein.distance(base, other) for other in key.bases]
        order = sorted(range(len(alternatives)), key=distances.__getitem__)
        return [(alternatives[index], distances[index]) for index in order[:_CANDIDATES]]
    found = process.extract(base, key.bases, scorer=Levenshtein.distance, limit=_CANDIDATES)
    return [(alternatives[index], int(distance)) for _, distance, index in found]


def _verdict_tokens(
    tokens: Sequence[RawToken], word_tokens: Sequence[int], entries: Sequence[_Entry]
) -> tuple[VerdictToken, ...]:
    """The learner's tokens labelled by ``entries``, with missing words slotted in."""
    labelled: dict[int, tuple[TokenLabel, str | None, tuple[int, ...]]] = {}
    missing_before: dict[int, list[VerdictToken]] = {}
    pending: list[VerdictToken] = []
    last = -1
    for typed_index, expected, label, positions in entries:
        if typed_index is None:
            text = expected.text if expected is not None else ""
            pending.append(VerdictToken("", TokenLabel.MISSING_WORD, text))
            continue
        raw_index = word_tokens[typed_index]
        if pending:
            missing_before[raw_index] = pending
            pending = []
        if label is not TokenLabel.OK:
            shown = None if expected is None else expected.text
            labelled[raw_index] = (label, shown, positions)
        last = raw_index
    out: list[VerdictToken] = []
    if last < 0:
        out.extend(pending)  # nothing typed matched anything: the missing words come first
    for raw_index, token in enumerate(tokens):
        if missing_before:
            out.extend(missing_before.get(raw_index, ()))
        differs = labelled.get(raw_index)
        if differs is None:
            out.append(_ok_token(token.text, token.start))
        else:
            label, shown, positions = differs
            out.append(VerdictToken(token.text, label, shown, token.start, positions))
        if raw_index == last:
            out.extend(pending)  # missing at the end: right after the last word typed
    return tuple(out)


class _Typed:
    """The learner's compared words: their keys up front, :class:`Word` objects on demand.

    Most words of an answer equal their expected word by key, and never need more.
    """

    __slots__ = ("_folding", "_tokens", "_words", "indices", "keys")

    def __init__(
        self, tokens: Sequence[RawToken], indices: list[int], keys: list[str], folding: Folding
    ) -> None:
        self.indices = indices  # where each compared word is among the tokens
        self.keys = keys
        self._tokens = tokens
        self._folding = folding
        self._words: dict[int, Word] = {}

    @classmethod
    def from_words(
        cls, tokens: Sequence[RawToken], compared: list[tuple[int, Word]], folding: Folding
    ) -> _Typed:
        typed = cls(tokens, [index for index, _ in compared], [word.key for _, word in compared], folding)
        typed._words = dict(enumerate(word for _, word in compared))
        return typed

    @classmethod
    def from_form(cls, tokens: Sequence[RawToken], form: str, folding: Folding) -> _Typed:
        """Take the keys from the answer's normal form when it maps onto the word tokens.

        Each word token with a non-empty key contributes exactly one word to the normal
        form, so when the counts agree (and no script without spaces glued words
        together) the form's words are the tokens' keys, in order, already folded.
        """
        indices = [index for index, token in enumerate(tokens) if token.is_word]
        keys = form.split(" ") if form else []
        if len(keys) != len(indices) or (not form.isascii() and no_space_pattern().search(form)):
            return cls.from_words(tokens, compared_words(tokens, folding), folding)
        return cls(tokens, indices, keys, folding)

    def __len__(self) -> int:
        return len(self.keys)

    def word(self, position: int) -> Word:
        """The compared word at ``position`` (counting compared words only)."""
        word = self._words.get(position)
        if word is None:
            token = self._tokens[self.indices[position]]
            word = self._words[position] = Word(token.text, token.start, self.keys[position], self._folding)
        return word

    def words(self, start: int, stop: int) -> list[Word]:
        return [self.word(position) for position in range(start, stop)]


def grade_answer(answer: str, key: AnswerKey) -> Verdict:
    """Grade ``answer`` against a compiled :class:`AnswerKey` (see :func:`grade_text`)."""
    answer = _check_answer(answer)
    folding = key.folding
    tokens: list[RawToken]
    if folding.drop_punctuation:
        form = comparison_form(answer, folding)
        hit = key.by_key.get(form)
        tokens = tokenise(answer)
        if hit is not None:
            return Verdict(Outcome.CORRECT, hit.display, _ok_tokens(tokens))
        typed = _Typed.from_form(tokens, form, folding)
        base = form if form.isascii() else form.translate(base_table())
    else:
        tokens = tokenise(answer)
        compared = compared_words(tokens, folding)
        hit = key.by_key.get(join_keys([word.key for _, word in compared]))
        if hit is not None:
            return Verdict(Outcome.CORRECT, hit.display, _ok_tokens(tokens))
        typed = _Typed.from_words(tokens, compared, folding)
        base = join_keys([word.base for _, word in compared])
    # An alternative further away than every word's full typo allowance cannot be
    # accepted; once the closest one is diffed, such ones are not worth diffing.
    # (A swap of two letters is two edits here, and ae for ä one more.)
    reach = (2 * key.policy.allowed_typos(MAX_ANSWER_LENGTH) + 1) * max(len(typed), 1)
    best: tuple[int, int] | None = None
    chosen: tuple[AcceptedAnswer, list[_Entry], Outcome] | None = None
    for accepted, distance in _candidates(base, key):
        if chosen is not None and distance > reach:
            break
        entries = _diff(typed, accepted, key)
        outcome = _outcome(entries, key.policy)
        score = (_RANK[outcome], sum(1 for entry in entries if entry[2] is not TokenLabel.OK))
        if best is None or score < best:
            best, chosen = score, (accepted, entries, outcome)
        if outcome is not Outcome.INCORRECT:
            break
    assert chosen is not None  # an answer key always has an alternative
    accepted, entries, outcome = chosen
    verdict_tokens = _verdict_tokens(tokens, typed.indices, entries)
    return Verdict(outcome, accepted.display, verdict_tokens)


def grade_text(
    answer: str,
    accepted: Sequence[str],
    *,
    language: str,
    policy: GradingPolicy | None = None,
    vocabulary: Iterable[str] = (),
) -> Verdict:
    """Grade a typed ``answer`` against the ``accepted`` answers.

    ``accepted`` may use the authoring syntax (``I [am|'m] (very) happy``);
    ``vocabulary`` adds words (say, the course's) that a typo must not land on.
    The compiled accepted answers are cached, so grading many answers to the same
    exercise folds them once.

    Raises :class:`~learncore.errors.InvalidInput` when ``answer`` is not text or is
    longer than 10,000 characters, and
    :class:`~learncore.errors.InvalidAnswerPattern` for a malformed pattern.

    >>> grade_text("I'm very hapy", ["I [am|'m] (very) happy"], language="en").outcome
    <Outcome.TYPO: 'typo'>
    """
    key = compile_answers(
        accepted,
        language=language,
        policy=policy or _DEFAULT_POLICY,
        vocabulary=vocabulary or _NO_WORDS,
    )
    return grade_answer(answer, key)
