"""Answer grading: policies, normalisation and verdicts (pure)."""

from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy, SpellingVariant

__all__ = ["DiacriticsMode", "GradingPolicy", "SpellingVariant"]
