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
end of a sentence), so a folding's :class:`AnswerReader` remembers them (least
recently used out first): reading an answer is one cache lookup per chunk.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from learncore.domain.grading.folding import Folding, base_table
from learncore.domain.grading.tokens import CACHED_CHUNK, join_keys, no_space_pattern, split_chunk
from learncore.domain.grading.verdict import TokenLabel, VerdictToken, make_token

__all__ = ["ONE_WORD", "AnswerReader", "ChunkReading", "Reading", "reader_for"]

# How many (chunk, offset) readings a folding keeps.
_READINGS_KEPT = 16384

# The word indices of a chunk that is one word: the usual case, told apart by identity.
ONE_WORD = (0,)


class ChunkReading(NamedTuple):
    """What one chunk of an answer contributes, placed at its offset in the answer."""

    tokens: tuple[VerdictToken, ...]  # its tokens, all ok
    words: tuple[int, ...]  # which of the tokens are words (``ONE_WORD`` for a plain word)
    keys: tuple[str, ...]  # its folded words, in order
    bases: tuple[str, ...]  # the keys with accents stripped


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
        if form.isascii() or no_space_pattern().search(form) is None:
            return form, True
        return join_keys(self.keys), False

    def word_indices(self) -> list[int]:
        """Where the word tokens are among the tokens."""
        indices: list[int] = []
        offset = 0
        for tokens, words, _, _ in self.chunks:
            if words is ONE_WORD:
                indices.append(offset)
            else:
                indices += [offset + index for index in words]
            offset += len(tokens)
        return indices

    def bases(self) -> list[str]:
        """The keys with accents stripped."""
        return [base for chunk in self.chunks for base in chunk.bases]


@functools.lru_cache(maxsize=8192)
def _ok_token(text: str, start: int) -> VerdictToken:
    # Tokens are immutable values, and the same token at the same offset comes up in
    # many chunks ("." after different words): share them.
    return make_token(text, TokenLabel.OK, None, start, ())


def _bare(key: str) -> str:
    return key if key.isascii() else key.translate(base_table())


class AnswerReader:
    """Reads answers with one folding, remembering the chunks it has read."""

    def __init__(self, folding: Folding) -> None:
        self.folding = folding
        self._read_cached = functools.lru_cache(maxsize=_READINGS_KEPT)(self.read_chunk)

    def read_chunk(self, chunk: str, start: int) -> ChunkReading:
        """Read one ``chunk`` of non-space characters found at ``start``."""
        parts = split_chunk(chunk)
        tokens = tuple([_ok_token(text, start + offset) for text, offset, _ in parts])
        words = tuple([index for index, (_, _, is_word) in enumerate(parts) if is_word])
        keys = tuple(self.folding.fold(chunk).split())
        return ChunkReading(tokens, ONE_WORD if words == ONE_WORD else words, keys, tuple(map(_bare, keys)))

    def read(self, answer: str) -> Reading:
        """Read ``answer`` chunk by chunk (long chunks, which could flood the cache, uncached)."""
        chunks: list[ChunkReading] = []
        tokens: list[VerdictToken] = []
        keys: list[str] = []
        read_cached, read_chunk, find = self._read_cached, self.read_chunk, answer.find
        end = 0
        for chunk in answer.split():
            start = find(chunk, end)
            end = start + len(chunk)
            reading = read_cached(chunk, start) if len(chunk) <= CACHED_CHUNK else read_chunk(chunk, start)
            chunks.append(reading)
            tokens += reading[0]
            keys += reading[2]
        return Reading(chunks, tokens, keys)


@functools.lru_cache(maxsize=256)
def reader_for(folding: Folding) -> AnswerReader:
    """The reader for ``folding``: one per folding, so chunks read under it are shared."""
    return AnswerReader(folding)
