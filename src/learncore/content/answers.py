"""Checking accepted answers the way the grading engine will read them.

An accepted answer may use the authoring syntax of the grading engine
(``I [am|'m] (very) happy``); the validator expands it with the engine's own
function and checks that no alternative is empty once normalised (an answer of
``"¿?"`` can never be typed when punctuation is ignored).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable

from learncore.domain.grading.normalise import normalise_text
from learncore.domain.grading.policy import GradingPolicy
from learncore.errors import InvalidContent

__all__ = ["SYNTAX_CHARACTERS", "answer_problem", "expand", "plainly_fine"]

SYNTAX_CHARACTERS = frozenset("[]()|\\")

# A letter or digit (not "_", which is punctuation to the normaliser). Normalisation
# folds case, accents and widths but never deletes letters or digits, so an answer
# holding one cannot normalise to nothing; only the others need the full check.
# tests/unit/content/test_answers.py holds that claim against normalise_text.
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _expander() -> Callable[[Iterable[str]], tuple[str, ...]] | None:
    # Looked up by name: the grading engine ships the expansion (issue 3), and this
    # module must keep working on a checkout that does not have it yet.
    try:
        module = importlib.import_module("learncore.domain.grading.answer_syntax")
    except ImportError:  # pragma: no cover - depends on which branches are merged
        return None
    expander: Callable[[Iterable[str]], tuple[str, ...]] = module.expand_answers
    return expander


def _balanced(pattern: str) -> None:
    """The bracket check used while the grading engine's expansion is not available."""
    depth: list[str] = []
    escaped = False
    for column, char in enumerate(pattern, start=1):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "[(":
            depth.append("]" if char == "[" else ")")
        elif char in "])" and (not depth or depth.pop() != char):
            raise InvalidContent("answer", f"unexpected {char!r} at column {column} in {pattern!r}")
    if depth or escaped:
        raise InvalidContent("answer", f"a bracket is never closed in {pattern!r}")


def expand(pattern: str) -> tuple[str, ...]:
    """Every answer ``pattern`` stands for; :class:`~learncore.errors.InvalidContent` if malformed."""
    if SYNTAX_CHARACTERS.isdisjoint(pattern):
        return (pattern,)
    expander = _expander()
    if expander is None:  # pragma: no cover - depends on which branches are merged
        _balanced(pattern)
        return (pattern,)
    return expander([pattern])


def plainly_fine(answer: str) -> bool:
    """A quick yes for the common answer: no syntax, and a letter or digit (so never empty)."""
    return SYNTAX_CHARACTERS.isdisjoint(answer) and _LETTER_OR_DIGIT.search(answer) is not None


def answer_problem(answer: str, *, language: str, policy: GradingPolicy) -> str | None:
    """Why ``answer`` cannot be an accepted answer, or None when it is fine."""
    if not answer.strip():
        return "an accepted answer is empty"
    try:
        alternatives = expand(answer)
    except InvalidContent as exc:
        return exc.reason
    for alternative in alternatives:
        if _LETTER_OR_DIGIT.search(alternative):
            continue
        if not normalise_text(alternative, language=language, policy=policy):
            if alternative == answer:
                return f"the accepted answer {answer!r} is empty once normalised"
            return f"{answer!r} stands for {alternative!r}, which is empty once normalised"
    return None
