"""Answer grading: policies, normalisation and verdicts (pure).

This package init stays light because ``domain.exercises`` imports the policy from
here; import the engine from its modules (``grading.dispatch``, ``grading.normalise``).
"""

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
