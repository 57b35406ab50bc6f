"""Answer grading: policies, normalisation and verdicts (pure)."""

from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy, SpellingVariant
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken

__all__ = [
    "DiacriticsMode",
    "GradingPolicy",
    "Outcome",
    "SpellingVariant",
    "TokenLabel",
    "Verdict",
    "VerdictToken",
]
