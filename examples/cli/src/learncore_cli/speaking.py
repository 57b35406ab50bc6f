"""Spoken answers typed in a terminal, scored as if they had been heard.

A terminal has no microphone, so a speak exercise takes either the path of a
recording (the player hands it to ``app.submit_spoken_answer`` when a provider is
configured) or the sentence typed in, compared word by word with the reference here.
"""

from __future__ import annotations

import importlib
import re
import unicodedata

from learncore.domain.pronunciation import PronunciationAssessment

__all__ = ["TYPED_PROVIDER", "typed_assessment"]

TYPED_PROVIDER = "typed"
_WORD = re.compile(r"[\w'’-]+")


def _words(text: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def typed_assessment(text: str, reference: str, language: str) -> PronunciationAssessment:
    """Score typed words as if they had been heard, against the reference sentence."""
    try:  # the text-diff scorer of learncore.speech, where this learncore has it
        score_transcript = getattr(importlib.import_module("learncore.speech"), "score_transcript", None)
    except ImportError:
        score_transcript = None
    if score_transcript is not None:
        result: PronunciationAssessment = score_transcript(
            reference, text, language=language, provider=TYPED_PROVIDER
        )
        return result
    # Older cores: the word-by-word comparison of the echo provider, punctuation and case dropped.
    from learncore.testing.speech import EchoSpeechProvider

    return EchoSpeechProvider(TYPED_PROVIDER).assess(_words(text).encode(), _words(reference), language)
