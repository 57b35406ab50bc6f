"""Grading a typed answer against accepted answers, with a word-by-word diff.

The learner's answer is read and folded chunk by chunk
(:mod:`~learncore.domain.grading.reading`) and looked up among the accepted answers'
normal forms; an exact hit is ``correct`` at once.
Otherwise its words are aligned with those of the closest accepted answers
(:mod:`~learncore.domain.grading.diff`), and the best-scoring alternative gives the
verdict:

- any wrong, missing or extra word (or, with diacritics ``strict``, a wrong accent)
  makes the answer ``incorrect``;
- otherwise a typo makes it ``typo``, a wrong accent ``accent``; else ``correct``.

The verdict's tokens cover the learner's answer in order (punctuation included,
labelled ``ok`` when the policy ignores it), with ``missing_word`` tokens where an
expected word is absent. ``expected`` is set on every token that differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from learncore.domain.grading.answer_key import (
    AcceptedAnswer,
    AnswerKey,
    compared_words,
    compile_answers,
    compile_cached,
)
from learncore.domain.grading.diff import Entry, TypedWords, could_be_accepted, diff_words, outcome_of
from learncore.domain.grading.folding import base_table
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.tokens import (
    join_keys,
    tokenise,
)
from learncore.domain.grading.verdict import (
    Outcome,
    TokenLabel,
    Verdict,
    VerdictToken,
    make_token,
    make_verdict,
)
from learncore.errors import InvalidInput

__all__ = ["MAX_ANSWER_LENGTH", "grade_answer", "grade_text"]

# Longer answers are rejected with InvalidInput rather than graded.
MAX_ANSWER_LENGTH = 10_000
# Alternatives fully diffed per answer, closest first, until one is not incorrect.
_CANDIDATES = 3

_DEFAULT_POLICY = GradingPolicy()
_NO_WORDS: frozenset[str] = frozenset()
_RANK = {Outcome.CORRECT: 0, Outcome.ACCENT: 1, Outcome.TYPO: 2, Outcome.INCORRECT: 3}


def _check_answer(answer: Any) -> str:
    if not isinstance(answer, str):
        raise InvalidInput("answer", f"must be text, got {type(answer).__name__}")
    if len(answer) > MAX_ANSWER_LENGTH:
        raise InvalidInput("answer", f"is {len(answer)} characters long; the limit is {MAX_ANSWER_LENGTH}")
    return answer


def _candidates(base: str, key: AnswerKey) -> Iterator[AcceptedAnswer]:
    """The alternatives closest to the answer's accent-free form, closest first.

    The closest usually settles the verdict, so the others are ranked only if asked for.
    """
    alternatives = key.alternatives
    if len(alternatives) == 1:
        yield alternatives[0]
        return
    exact = key.by_base.get(base)
    if exact is not None:
        yield exact  # only accents differ
        return
    if len(alternatives) > 8:
        found = process.extract(base, key.bases, scorer=Levenshtein.distance, limit=_CANDIDATES)
        yield from [alternatives[index] for _, _, index in found]
        return
    distances = [Levenshtein.distance(base, other) for other in key.bases]
    closest = distances.index(min(distances))  # the first of the closest, as a stable sort has it
    yield alternatives[closest]
    order = sorted(range(len(alternatives)), key=distances.__getitem__)
    yield from [alternatives[index] for index in order[1:_CANDIDATES]]


def _verdict_tokens(
    tokens: list[VerdictToken], word_tokens: Sequence[int], entries: Sequence[Entry]
) -> tuple[VerdictToken, ...]:
    """The learner's tokens (all ``ok``) relabelled by ``entries``, with missing words slotted in.

    ``tokens`` is changed in place.
    """
    # The few tokens that differ are replaced, and missing words inserted (there are
    # seldom more than one or two).
    # Missing words go before the word they precede; those at the end right after the
    # last word typed, before any final punctuation; if nothing was typed, first.
    inserts: dict[int, list[VerdictToken]] = {}
    trailing_at = word_tokens[-1] + 1 if word_tokens else 0
    for typed_index, expected, label, positions in entries:
        shown = None if expected is None else expected.text
        if label is TokenLabel.MISSING_WORD:
            at = word_tokens[typed_index] if typed_index < len(word_tokens) else trailing_at
            inserts.setdefault(at, []).append(make_token("", label, shown, None, ()))
        else:
            raw = word_tokens[typed_index]
            token = tokens[raw]
            tokens[raw] = make_token(token.text, label, shown, token.start, positions)
    if inserts:
        for at in sorted(inserts, reverse=True):
            tokens[at:at] = inserts[at]
    return tuple(tokens)


def grade_answer(answer: str, key: AnswerKey) -> Verdict:
    """Grade ``answer`` against a compiled :class:`AnswerKey` (see :func:`grade_text`)."""
    answer = _check_answer(answer)
    folding = key.folding
    reading = key.reader.read(answer)
    tokens = reading.tokens
    if folding.drop_punctuation:
        # Punctuation takes no part in the comparison: the answer's words are its keys.
        form, spaced = reading.normal_form()
        hit = key.by_key.get(form)
        if hit is not None:
            return make_verdict(Outcome.CORRECT, hit.display, tuple(tokens))
        word_tokens = reading.word_indices()
        keys = reading.keys
        if len(keys) == len(word_tokens) and spaced:
            # Each word token with a non-empty key gave one word of the normal form, so
            # the form's words are the tokens' keys, in order, already folded.
            typed = TypedWords(tokens, word_tokens, keys, folding)
            base = form if form.isascii() else reading.base()
        else:
            raw = tokenise(answer)  # the same tokens, with what compared_words needs
            typed = TypedWords.from_words(raw, compared_words(raw, folding), folding)
            base = form if form.isascii() else form.translate(base_table())
    else:
        raw = tokenise(answer)
        compared = compared_words(raw, folding)
        hit = key.by_key.get(join_keys([word.key for _, word in compared]))
        if hit is not None:
            return make_verdict(Outcome.CORRECT, hit.display, tuple(tokens))
        typed = TypedWords.from_words(raw, compared, folding)
        base = join_keys([word.base for _, word in compared])
    # The closest alternative is always diffed, for the feedback; the others only when
    # they could turn out better than wrong.
    best: tuple[int, int] | None = None
    chosen: tuple[AcceptedAnswer, list[Entry], Outcome] | None = None
    for accepted in _candidates(base, key):
        if chosen is not None and not could_be_accepted(typed, accepted, key):
            continue
        entries = diff_words(typed, accepted, key)
        outcome = outcome_of(entries, key.policy)
        score = (_RANK[outcome], len(entries))
        if best is None or score < best:
            best, chosen = score, (accepted, entries, outcome)
        if outcome is not Outcome.INCORRECT:
            break
    assert chosen is not None  # an answer key always has an alternative
    accepted, entries, outcome = chosen
    return make_verdict(outcome, accepted.display, _verdict_tokens(tokens, typed.indices, entries))


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
    if vocabulary or isinstance(accepted, str):
        key = compile_answers(
            accepted, language=language, policy=policy or _DEFAULT_POLICY, vocabulary=vocabulary
        )
    else:  # the common case, straight to the cache
        key = compile_cached(tuple(accepted), language, policy or _DEFAULT_POLICY, _NO_WORDS)
    return grade_answer(answer, key)
