"""Reading a typed answer: its tokens, which of them are words, and its folded words.

An answer is split at whitespace into chunks ("¿Dónde", "está", "please."). What
grading needs from a chunk depends only on the chunk, where it starts and the
folding:

- its tokens, all labelled ``ok`` (a right answer's verdict is made of nothing else,
  and any other verdict relabels only the few that differ);
- which of those tokens are words;
- its words' keys, which joined by spaces give the answer's normal form, and their
  bare letters (accents stripped), which pick the closest accepted answers.

Folding chunk by chunk gives exactly the words of folding the whole answer: folding
maps character by character (the two rules that look at a pair, umlaut digraphs and
accents, never pair across whitespace), and whitespace folds to a word break.

The same chunks come up answer after answer, at the same offsets ("please." at the
end of a sentence), so a folding's :class:`AnswerReader` remembers them, and
reading an answer is one dictionary lookup per chunk.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from itertools import accumulate, compress
from operator import add
from typing import NamedTuple

from learncore.domain.grading.folding import Folding, base_table
from learncore.domain.grading.tokens import CACHED_CHUNK, join_keys, no_space_pattern, split_chunk
from learncore.domain.grading.verdict import TokenLabel, VerdictToken, make_token

__all__ = ["ONE_WORD", "AnswerReader", "ChunkReading", "Reading", "reader_for"]

# How many (chunk, offset) readings, and how many chunks' offset-free facts, a folding
# keeps at most: a few megabytes, and room for the chunks of many exercises.
_READINGS_KEPT = 8192
_FACTS_KEPT = 4096

# The word indices of a chunk that is one word: the usual case, told apart by identity.
ONE_WORD = (0,)


class ChunkReading(NamedTuple):
    """What one chunk of an answer contributes, placed at its offset in the answer."""

    tokens: tuple[VerdictToken, ...]  # its tokens, all ok
    words: tuple[int, ...]  # which of the tokens are words (``ONE_WORD`` for a plain word)
    keys: tuple[str, ...]  # its folded words, in order
    base: str  # the keys with accents stripped, joined by spaces
    spaced: bool  # no key has a character of a script written without spaces
    word_at: int  # where its only word is among its tokens; -1 unless it has exactly one


_TOKENS, _KEYS, _BASE, _SPACED, _WORD_AT = map(operator.itemgetter, (0, 2, 3, 4, 5))


class Reading:
    """A whole answer, read: its tokens and folded words, and the rest on demand.

    A right answer needs only the tokens and the keys; the word indices and bare
    letters are gathered from the chunks when an answer turns out to differ.
    """

    __slots__ = ("chunks", "keys", "tokens")

    def __init__(self, chunks: list[ChunkReading], tokens: list[VerdictToken], keys: list[str]) -> None:
        self.chunks = chunks
        self.tokens = tokens  # every token, all ok
        self.keys = keys  # the answer's folded words

    def normal_form(self) -> tuple[str, bool]:
        """The answer's normal form, and whether it is just the keys joined by single spaces."""
        form = " ".join(self.keys)
        if form.isascii() or all(map(_SPACED, self.chunks)):
            return form, True
        return join_keys(self.keys), False

    def word_indices(self) -> list[int]:
        """Where the word tokens are among the tokens."""
        chunks = self.chunks
        word_ats = list(map(_WORD_AT, chunks))
        if -1 not in word_ats:
            # Every chunk has one word (the usual case): its index is where the chunk's
            # tokens start plus where the word is among them.
            starts = accumulate(map(len, map(_TOKENS, chunks)), initial=0)
            return list(map(add, starts, word_ats))
        indices: list[int] = []
        offset = 0
        for tokens, words, *_ in chunks:
            if words is ONE_WORD:
                indices.append(offset)
            else:
                indices += [offset + index for index in words]
            offset += len(tokens)
        return indices

    def base(self) -> str:
        """The normal form with accents stripped, for a spaced form (see :meth:`normal_form`)."""
        chunks = self.chunks
        return " ".join(compress(map(_BASE, chunks), map(_KEYS, chunks)))  # chunks with words


@functools.lru_cache(maxsize=8192)
def _ok_token(text: str, start: int) -> VerdictToken:
    # Tokens are immutable values, and the same token at the same offset comes up in
    # many chunks ("." after different words): share them.
    return make_token(text, TokenLabel.OK, None, start, ())


def _bare(key: str) -> str:
    return key if key.isascii() else key.translate(base_table())


class _Memo(dict[tuple[str, int], ChunkReading]):
    """The chunks a reader has read, by (chunk, offset); filled on first sight.

    Looked up by subscript, the cheapest lookup there is: a hit never leaves C. It
    holds at most ``_READINGS_KEPT`` readings (then starts afresh), and no chunk
    longer than ``CACHED_CHUNK``, so hostile input cannot grow it without bound.
    """

    def __init__(self, read_chunk: Callable[[str, int], ChunkReading]) -> None:
        super().__init__()
        self._read_chunk = read_chunk

    def __missing__(self, key: tuple[str, int]) -> ChunkReading:
        reading = self._read_chunk(*key)
        if len(key[0]) <= CACHED_CHUNK:
            if len(self) >= _READINGS_KEPT:
                self.clear()
            self[key] = reading
        return reading


class _ChunkFacts(NamedTuple):
    """What a chunk gives wherever it stands: a :class:`ChunkReading` but for the offsets."""

    parts: tuple[tuple[str, int, bool], ...]  # its tokens, with offsets into the chunk
    words: tuple[int, ...]
    keys: tuple[str, ...]
    base: str
    spaced: bool
    word_at: int


class AnswerReader:
    """Reads answers with one folding, remembering the chunks it has read."""

    def __init__(self, folding: Folding) -> None:
        self.folding = folding
        self._memo = _Memo(self.read_chunk)
        # The same word turns up at many offsets (a space more or less before it): what
        # does not depend on the offset is worked out once per chunk.
        self._cached_facts = functools.lru_cache(maxsize=_FACTS_KEPT)(self._facts)

    def _facts(self, chunk: str) -> _ChunkFacts:
        if chunk.isascii() and chunk.isalnum():
            # A plain ASCII word, the usual new chunk (a typo, a word at a new place):
            # one token, one key, no accents to strip and no script without spaces.
            key = self.folding.fold(chunk)
            if key.isascii() and key.isalnum():
                return _ChunkFacts(((chunk, 0, True),), ONE_WORD, (key,), key, True, 0)
        return self.spelled_out_facts(chunk)

    def spelled_out_facts(self, chunk: str) -> _ChunkFacts:
        """What any chunk gives, worked out step by step (the plain-word shortcut aside)."""
        parts = split_chunk(chunk)
        words = tuple([index for index, (_, _, is_word) in enumerate(parts) if is_word])
        keys = tuple(self.folding.fold(chunk).split())
        no_space = no_space_pattern()
        return _ChunkFacts(
            parts,
            ONE_WORD if words == ONE_WORD else words,
            keys,
            " ".join(map(_bare, keys)),
            all(key.isascii() or no_space.search(key) is None for key in keys),
            words[0] if len(words) == 1 else -1,
        )

    def read_chunk(self, chunk: str, start: int) -> ChunkReading:
        """Read one ``chunk`` of non-space characters found at ``start``."""
        parts, words, keys, base, spaced, word_at = (
            self._cached_facts(chunk) if len(chunk) <= CACHED_CHUNK else self._facts(chunk)
        )
        tokens = tuple([_ok_token(text, start + offset) for text, offset, _ in parts])
        return ChunkReading(tokens, words, keys, base, spaced, word_at)

    def read(self, answer: str) -> Reading:
        """Read ``answer`` chunk by chunk."""
        chunks: list[ChunkReading] = []
        tokens: list[VerdictToken] = []
        keys: list[str] = []
        memo = self._memo
        if answer.isprintable():
            # No whitespace but the plain space (every other kind is unprintable), so
            # each chunk starts one past the end of the one before: no search needed.
            start = 0
            for chunk in answer.split(" "):
                if chunk:  # not the nothing between two spaces
                    reading = memo[chunk, start]
                    chunks.append(reading)
                    tokens += reading[0]
                    keys += reading[2]
                start += len(chunk) + 1
        else:
            find = answer.find
            end = 0
            for chunk in answer.split():
                start = find(chunk, end)
                end = start + len(chunk)
                reading = memo[chunk, start]
                chunks.append(reading)
                tokens += reading[0]
                keys += reading[2]
        return Reading(chunks, tokens, keys)


@functools.lru_cache(maxsize=256)
def reader_for(folding: Folding) -> AnswerReader:
    """The reader for ``folding``: one per folding, so chunks read under it are shared."""
    return AnswerReader(folding)
