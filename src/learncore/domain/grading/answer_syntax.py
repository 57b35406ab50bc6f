"""The compact authoring syntax for accepted answers.

One accepted answer can stand for several::

    I [am|'m] (very) happy

- ``[a|b|c]`` is a choice of one alternative (an empty alternative is allowed:
  ``[a|]``);
- ``(words)`` is optional;
- ``a|b`` at the top level separates whole alternatives;
- groups nest, and ``\\[ \\] \\( \\) \\| \\\\`` stand for the characters themselves.

Whitespace is collapsed after expansion, and an alternative that starts with an
apostrophe attaches to the word before it, so the example above expands to
"I am very happy", "I am happy", "I'm very happy" and "I'm happy".

Expansion counts before it builds anything, so a pathological pattern (say twenty
optional words, a million answers) fails fast with :class:`InvalidAnswerPattern`
instead of eating memory.
"""

from __future__ import annotations

from collections.abc import Iterable

from learncore.domain.grading.charsets import APOSTROPHES
from learncore.errors import InvalidAnswerPattern

__all__ = ["MAX_ALTERNATIVES", "MAX_NESTING", "MAX_PATTERN_LENGTH", "expand_answers", "has_syntax"]

# How many answers all the patterns of one exercise may expand to.
MAX_ALTERNATIVES = 1000
# How deep groups may nest, and how long one pattern may be.
MAX_NESTING = 16
MAX_PATTERN_LENGTH = 2000

_SPECIAL = frozenset("[]()|\\")
_CLOSERS = {"[": "]", "(": ")"}

# The parse tree: a sequence of parts; a part is literal text or a group of
# alternatives (each itself a sequence). An optional group has an empty alternative.
_Sequence = list["str | _Group"]


class _Group:
    __slots__ = ("alternatives",)

    def __init__(self, alternatives: list[_Sequence]) -> None:
        self.alternatives = alternatives


def has_syntax(pattern: str) -> bool:
    """Whether ``pattern`` uses any of the syntax characters."""
    return not _SPECIAL.isdisjoint(pattern)


class _Parser:
    def __init__(self, pattern: str, location: str) -> None:
        self.pattern = pattern
        self.location = location
        self.index = 0

    def fail(self, reason: str) -> InvalidAnswerPattern:
        return InvalidAnswerPattern(
            self.location,
            f"{reason} in {self.pattern!r}; write \\[ \\] \\( \\) \\| for the characters themselves",
        )

    def parse(self) -> list[_Sequence]:
        return self.alternatives(closer=None, depth=0)

    def alternatives(self, closer: str | None, depth: int) -> list[_Sequence]:
        if depth > MAX_NESTING:
            raise self.fail(f"groups nest deeper than {MAX_NESTING} levels")
        alternatives = [self.sequence(closer, depth)]
        while self.index < len(self.pattern) and self.pattern[self.index] == "|":
            self.index += 1
            alternatives.append(self.sequence(closer, depth))
        return alternatives

    def sequence(self, closer: str | None, depth: int) -> _Sequence:
        parts: _Sequence = []
        text: list[str] = []
        pattern = self.pattern
        while self.index < len(pattern):
            char = pattern[self.index]
            if char == "\\":
                if self.index + 1 == len(pattern):
                    raise self.fail("a pattern cannot end with a single backslash")
                text.append(pattern[self.index + 1])
                self.index += 2
                continue
            if char == "|":
                break
            if char in "])":
                if char != closer:
                    raise self.fail(f"unexpected {char!r} at column {self.index + 1}")
                break
            if char in _CLOSERS:
                opened_at = self.index
                self.index += 1
                group = self.alternatives(_CLOSERS[char], depth + 1)
                if self.index >= len(pattern) or pattern[self.index] != _CLOSERS[char]:
                    raise self.fail(f"{char!r} at column {opened_at + 1} is never closed")
                self.index += 1
                if char == "(":
                    group.append([])  # optional: the group may also expand to nothing
                if text:
                    parts.append("".join(text))
                    text = []
                parts.append(_Group(group))
                continue
            text.append(char)
            self.index += 1
        if text:
            parts.append("".join(text))
        return parts


def _count(alternatives: list[_Sequence], limit: int) -> int:
    """How many strings the alternatives expand to, capped just above ``limit``."""
    total = 0
    for sequence in alternatives:
        product = 1
        for part in sequence:
            if isinstance(part, _Group):
                product *= _count(part.alternatives, limit)
                product = min(product, limit + 1)
        total = min(total + product, limit + 1)
    return total


def _join(prefix: str, piece: str) -> str:
    # "I " + "'m" is "I'm": a choice starting with an apostrophe is a clitic.
    if piece and piece[0] in APOSTROPHES and prefix.endswith((" ", "\t")):
        return prefix.rstrip() + piece
    return prefix + piece


def _expand(alternatives: list[_Sequence]) -> list[str]:
    results: list[str] = []
    for sequence in alternatives:
        partial = [""]
        for part in sequence:
            if isinstance(part, _Group):
                choices = _expand(part.alternatives)
                partial = [_join(prefix, choice) for prefix in partial for choice in choices]
            else:
                partial = [prefix + part for prefix in partial]
        results.extend(partial)
    return results


def expand_answers(
    patterns: Iterable[str], *, limit: int = MAX_ALTERNATIVES, location: str = "accepted_answers"
) -> tuple[str, ...]:
    """Every answer the ``patterns`` stand for, in order, without duplicates.

    Whitespace is collapsed (``"  a  b "`` is ``"a b"``); a pattern without syntax
    characters otherwise stands for itself.
    Raises :class:`~learncore.errors.InvalidAnswerPattern` (naming
    ``location[index]``) for a malformed pattern, one that expands only to blanks,
    or patterns that together expand to more than ``limit`` answers.

    >>> expand_answers(["I [am|'m] (very) happy"])
    ("I am very happy", 'I am happy', "I'm very happy", "I'm happy")
    """
    seen: dict[str, None] = {}
    for index, pattern in enumerate(patterns):
        where = f"{location}[{index}]"
        if not isinstance(pattern, str):
            raise InvalidAnswerPattern(where, f"must be text, got {type(pattern).__name__}")
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise InvalidAnswerPattern(
                where, f"is {len(pattern)} characters long; the limit is {MAX_PATTERN_LENGTH}"
            )
        if not has_syntax(pattern):
            text = " ".join(pattern.split())
            if text:
                seen.setdefault(text, None)
            continue
        tree = _Parser(pattern, where).parse()
        budget = limit - len(seen)
        if _count(tree, budget) > budget:
            raise InvalidAnswerPattern(
                where,
                f"{pattern!r} expands to more than {limit} answers in all; "
                "split it, or use fewer optional words and choices",
            )
        expanded = [" ".join(text.split()) for text in _expand(tree)]
        answers = [text for text in expanded if text]
        if not answers:
            raise InvalidAnswerPattern(where, f"{pattern!r} expands only to empty answers")
        for answer in answers:
            seen.setdefault(answer, None)
    if len(seen) > limit:
        raise InvalidAnswerPattern(location, f"{len(seen)} accepted answers; the limit is {limit}")
    return tuple(seen)
