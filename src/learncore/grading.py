"""Answer grading, the public surface: grade typed answers and any exercise.

>>> from learncore.grading import grade_text
>>> verdict = grade_text("Donde esta la estacion", ["¿Dónde está la estación?"], language="es")
>>> verdict.outcome, verdict.accepted
(<Outcome.ACCENT: 'accent'>, True)

See docs/grading.md for the policy options and the verdict's token diff.
"""

from __future__ import annotations

from learncore.domain.grading.answer_key import AnswerKey, compile_answers
from learncore.domain.grading.answer_syntax import expand_answers
from learncore.domain.grading.dispatch import BUILTIN_GRADERS, Grader, grade_exercise
from learncore.domain.grading.normalise import normalise_text
from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy, SpellingVariant
from learncore.domain.grading.text import MAX_ANSWER_LENGTH, grade_answer, grade_text
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken

__all__ = [
    "BUILTIN_GRADERS",
    "MAX_ANSWER_LENGTH",
    "AnswerKey",
    "DiacriticsMode",
    "Grader",
    "GradingPolicy",
    "Outcome",
    "SpellingVariant",
    "TokenLabel",
    "Verdict",
    "VerdictToken",
    "compile_answers",
    "expand_answers",
    "grade_answer",
    "grade_exercise",
    "grade_text",
    "normalise_text",
]
