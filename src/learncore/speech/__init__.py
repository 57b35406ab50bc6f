"""Pronunciation assessment: providers, the text-diff scorer and the result types.

>>> from learncore import speech
>>> result = speech.score_transcript("Good morning", "good morning")
>>> result.pronunciation, result.provider
(100.0, 'text')

Providers come from plugins: :func:`get_provider` builds one by name
(``"sphinx"``, ``"azure"``, ``"google"``, ``"openai"``, ``"text"``, or a third party's).
"""

from __future__ import annotations

from typing import Any

from learncore.domain.pronunciation import (
    PhonemeAssessment,
    PronunciationAssessment,
    TranscribedWord,
    Transcript,
    WordAssessment,
    WordError,
)
from learncore.domain.text_diff import score_transcript
from learncore.ports.speech import SpeechProvider, SpeechProviderFactory, Transcriber
from learncore.services.speech import DEFAULT_TIMEOUT, assess_with_fallback, call_with_deadline
from learncore.speech.locales import locale_for
from learncore.speech.text_provider import TextDiffProvider

__all__ = [
    "DEFAULT_TIMEOUT",
    "PhonemeAssessment",
    "PronunciationAssessment",
    "SpeechProvider",
    "SpeechProviderFactory",
    "TextDiffProvider",
    "TranscribedWord",
    "Transcriber",
    "Transcript",
    "WordAssessment",
    "WordError",
    "assess_with_fallback",
    "available_providers",
    "call_with_deadline",
    "get_provider",
    "locale_for",
    "score_transcript",
]


def get_provider(name: str, **settings: Any) -> SpeechProvider:
    """Build the speech provider registered as ``name``, passing ``settings`` to its factory.

    Plugins are loaded as :func:`learncore.plugins.load_plugins` loads them (built-ins,
    then the allowed entry points). Raises :class:`~learncore.errors.UnknownSpeechProvider`
    listing what is available.

    >>> provider = get_provider("text")
    >>> provider.name
    'text'
    """
    from learncore.plugins import load_plugins  # noqa: PLC0415 - the registry imports this package

    return load_plugins().speech_provider(name, **settings)


def available_providers() -> tuple[str, ...]:
    """The names of every speech provider the installed plugins register."""
    from learncore.plugins import load_plugins  # noqa: PLC0415

    return tuple(r.name for r in load_plugins().registrations("speech"))
