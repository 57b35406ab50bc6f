"""Accepted answers compiled for grading: expanded, tokenised and folded once.

Grading compares the learner's folded answer with every accepted answer, so the
accepted side is prepared ahead: :func:`compile_answers` expands the authoring
syntax, folds each alternative and indexes them by their normal form. The result
is cached (least recently used), so an exercise pays for it once per process, not
once per answer.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

import attrs

from learncore.domain.grading.answer_syntax import expand_answers
from learncore.domain.grading.folding import Folding, folding_for
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.reading import AnswerReader, reader_for
from learncore.domain.grading.tokens import RawToken, join_keys, tokenise
from learncore.domain.grading.words import Word, make_word
from learncore.errors import InvalidContent

__all__ = ["AcceptedAnswer", "AnswerKey", "compared_words", "compile_answers", "compile_cached"]


def compared_words(tokens: Iterable[RawToken], folding: Folding) -> list[tuple[int, Word]]:
    """The tokens that take part in the comparison, with their index among ``tokens``.

    Punctuation takes part only when the policy does not ignore it; a word made only
    of invisible characters never does.
    """
    words: list[tuple[int, Word]] = []
    for index, token in enumerate(tokens):
        if not token.is_word and folding.drop_punctuation:
            continue
        word = make_word(token.text, token.start, folding)
        if word.key:
            words.append((index, word))
    return words


@attrs.frozen(eq=False)
class AcceptedAnswer:
    """One expanded accepted answer: its display text and its folded words."""

    display: str
    words: tuple[Word, ...]
    keys: tuple[str, ...]  # the key of each word
    key: str  # the normal form (see :func:`comparison_form`)
    base: str  # the normal form with accents stripped


@attrs.frozen(eq=False)
class AnswerKey:
    """Everything grading needs to know about an exercise's accepted answers.

    ``vocabulary`` holds the folded words of every accepted answer plus any extra
    vocabulary given: a typo that lands on one of them is a different word.
    """

    alternatives: tuple[AcceptedAnswer, ...]
    language: str
    policy: GradingPolicy
    folding: Folding
    vocabulary: frozenset[str]
    by_key: Mapping[str, AcceptedAnswer]
    by_base: Mapping[str, AcceptedAnswer]
    bases: tuple[str, ...]
    reader: AnswerReader  # reads the learner's answers with ``folding``


def _compile_one(display: str, folding: Folding) -> AcceptedAnswer:
    words = tuple(word for _, word in compared_words(tokenise(display), folding))
    for word in words:
        word.analyse()  # once here, rather than on every answer graded against it
    return AcceptedAnswer(
        display=display,
        words=words,
        keys=tuple(word.key for word in words),
        key=join_keys([word.key for word in words]),
        base=join_keys([word.base for word in words]),
    )


def _vocabulary_keys(texts: Iterable[str], folding: Folding) -> set[str]:
    keys: set[str] = set()
    for text in texts:
        keys.update(word.key for _, word in compared_words(tokenise(text), folding))
    return keys


def _compile(
    accepted: tuple[str, ...], language: str, policy: GradingPolicy, vocabulary: frozenset[str]
) -> AnswerKey:
    if not accepted:
        raise InvalidContent("accepted_answers", "there must be at least one accepted answer")
    folding = folding_for(language, policy)
    alternatives = tuple(_compile_one(text, folding) for text in expand_answers(accepted))
    if not alternatives:
        raise InvalidContent("accepted_answers", "every accepted answer is blank")
    by_key: dict[str, AcceptedAnswer] = {}
    by_base: dict[str, AcceptedAnswer] = {}
    words: set[str] = set()
    for alternative in alternatives:
        by_key.setdefault(alternative.key, alternative)
        by_base.setdefault(alternative.base, alternative)
        words.update(word.key for word in alternative.words)
    words |= _vocabulary_keys(vocabulary, folding)
    return AnswerKey(
        alternatives=alternatives,
        language=language,
        policy=policy,
        folding=folding,
        vocabulary=frozenset(words),
        by_key=by_key,
        by_base=by_base,
        bases=tuple(alternative.base for alternative in alternatives),
        reader=reader_for(folding),
    )


# The cache behind compile_answers, for callers that already hold the answers as a
# tuple and the vocabulary as a frozenset.
compile_cached = functools.lru_cache(maxsize=4096)(_compile)


def compile_answers(
    accepted: Iterable[str],
    *,
    language: str,
    policy: GradingPolicy,
    vocabulary: Iterable[str] = (),
) -> AnswerKey:
    """The compiled (and cached) key for ``accepted`` answers in ``language`` under ``policy``.

    ``accepted`` may use the authoring syntax (``I [am|'m] (very) happy``). Raises
    :class:`~learncore.errors.InvalidAnswerPattern` for a malformed pattern and
    :class:`~learncore.errors.InvalidContent` when there is no accepted answer.
    Pass a large ``vocabulary`` as a ``frozenset``: its hash is computed once.
    """
    if isinstance(accepted, str):
        accepted = (accepted,)  # one answer, not a sequence of letters
    if not isinstance(vocabulary, frozenset):
        vocabulary = frozenset(vocabulary)
    return compile_cached(tuple(accepted), language, policy, vocabulary)
