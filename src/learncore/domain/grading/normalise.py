"""Text normalisation for comparing answers.

:func:`normalise_text` is what answer comparison looks at: Unicode-normalised,
lower-cased the language's way (Turkish dotted I), invisible characters and bidi
marks gone, punctuation and apostrophes dropped (when the policy ignores
punctuation), spelling variants folded (ß = ss, ё = е, curly = straight quotes,
full-width = ASCII, and in German ä = ae), whitespace collapsed, and no spaces
between the characters of Chinese, Japanese, Thai and other scripts written
without them. Two answers with the same normal form are the same answer.

The folding of single characters lives in :mod:`learncore.domain.grading.folding`.
"""

from __future__ import annotations

import unicodedata

from learncore.domain.grading.folding import Folding, folding_for
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.tokens import join_keys, no_space_pattern, tokenise

__all__ = ["comparison_form", "normalise_text"]

_DEFAULT_POLICY = GradingPolicy()


def comparison_form(text: str, folding: Folding) -> str:
    """The decomposed (NFD-like) normal form the grader compares; see :func:`normalise_text`."""
    if not folding.drop_punctuation:
        # Kept punctuation marks are tokens of their own: "Hi!" is "hi !".
        return join_keys([folding.fold(token.text) for token in tokenise(text)])
    folded = " ".join(folding.fold(text).split())
    if folded.isascii() or no_space_pattern().search(folded) is None:
        return folded
    # Join the words again by the rule for scripts without spaces (as the grader does).
    return join_keys(folded.split(" "))


def normalise_text(text: str, *, language: str = "en", policy: GradingPolicy | None = None) -> str:
    """``text`` reduced to what answer comparison looks at (composed, NFC).

    >>> normalise_text("  ¿Dónde   ESTÁ?")
    'dónde está'
    >>> normalise_text("İstanbul'a gidiyorum", language="tr")
    'istanbula gidiyorum'
    >>> normalise_text("我 是 学生。", language="zh")
    '我是学生'
    """
    folding = folding_for(language, policy or _DEFAULT_POLICY)
    return unicodedata.normalize("NFC", comparison_form(text, folding))
