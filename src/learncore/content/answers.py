"""Checking accepted answers the way the grading engine will read them.

An accepted answer may use the authoring syntax of the grading engine
(``I [am|'m] (very) happy``); the validator expands it with the engine's own
function and checks that no alternative is empty once normalised (an answer of
``"¿?"`` can never be typed when punctuation is ignored).
"""

from __future__ import annotations

import re

from learncore.domain.grading.answer_syntax import expand_answers
from learncore.domain.grading.normalise import normalise_text
from learncore.domain.grading.policy import GradingPolicy
from learncore.errors import InvalidContent

__all__ = ["SYNTAX_CHARACTERS", "answer_problem", "expand", "plainly_fine"]

SYNTAX_CHARACTERS = frozenset("[]()|\\")

# A letter or digit (not "_", which is punctuation to the normaliser). Normalisation
# folds case, accents and widths but deletes no letter or digit, except two that
# Unicode calls letters: ʼ (U+02BC, an apostrophe to the grader) and the Arabic
# tatweel ـ (U+0640, a stretch of the line between letters). Any other one keeps an
# answer from normalising to nothing; answers without one get the full check.
# tests/unit/content/test_answers.py holds that claim against normalise_text.
_LETTER_OR_DIGIT = re.compile(r"[^\W_\u02bc\u0640]")


def expand(pattern: str) -> tuple[str, ...]:
    """Every answer ``pattern`` stands for, as the grading engine reads it.

    Raises :class:`~learncore.errors.InvalidAnswerPattern` (an ``InvalidContent``) when
    the pattern is malformed, expands only to blanks, or to too many answers.
    """
    if SYNTAX_CHARACTERS.isdisjoint(pattern):
        return (pattern,)
    return expand_answers([pattern])


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
