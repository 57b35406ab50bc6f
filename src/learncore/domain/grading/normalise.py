"""Text normalisation for comparing answers.

This first version is deliberately plain (NFC, casefold, punctuation dropped,
whitespace collapsed); the grading engine refines it behind the same signature.
"""

from __future__ import annotations

import unicodedata

from learncore.domain.grading.policy import GradingPolicy

__all__ = ["normalise_text"]


def normalise_text(
    text: str,
    *,
    language: str = "en",  # noqa: ARG001 - language-aware casing arrives with the grading engine
    policy: GradingPolicy | None = None,
) -> str:
    """``text`` reduced to what answer comparison looks at."""
    policy = policy or GradingPolicy()
    text = unicodedata.normalize("NFC", text)
    if not policy.case_sensitive:
        text = text.casefold()
    if policy.ignore_punctuation:
        text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    return " ".join(text.split())
