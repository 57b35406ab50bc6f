"""Spoken answers in a terminal: a recording scored by the configured provider, or typed words.

A terminal has no microphone, so a speak exercise takes either the path of a
recording (scored with ``app.assess_pronunciation``, when a provider is configured)
or the sentence typed in, compared word by word with the reference.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from learncore.domain.pronunciation import PronunciationAssessment

if TYPE_CHECKING:
    from learncore import Learncore

__all__ = ["TYPED_PROVIDER", "assess_recording", "typed_assessment"]

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


def assess_recording(app: Learncore, path: Path, reference: str, language: str) -> PronunciationAssessment:
    """Score the recording at ``path`` with the app's speech provider chain."""
    return app.assess_pronunciation(path.read_bytes(), reference, language)
