"""The speech-provider port: pronunciation assessment and, optionally, transcription."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from learncore.domain.pronunciation import PronunciationAssessment, Transcript

__all__ = ["SpeechProvider", "SpeechProviderFactory", "Transcriber"]


@runtime_checkable
class SpeechProvider(Protocol):
    """Scores how well ``audio`` says ``reference_text``.

    ``audio`` is the raw bytes of any supported file (WAV, MP3, OGG...). Failures are
    typed: :class:`~learncore.errors.AudioRejected` for unusable audio,
    :class:`~learncore.errors.ProviderUnavailable` (and its ``ProviderTimeout`` and
    ``ProviderRateLimited`` subclasses) when another provider might answer.
    Implementations must be safe to call from several threads.
    """

    name: str

    def assess(
        self, audio: bytes, reference_text: str, language: str = "en"
    ) -> PronunciationAssessment:
        """Assess one utterance against its reference text."""
        ...


@runtime_checkable
class Transcriber(Protocol):
    """A provider that can also say what it heard, without a reference."""

    name: str

    def transcribe(self, audio: bytes, language: str = "en") -> Transcript:
        """Recognise the words in ``audio``."""
        ...


# What a plugin registers: settings (API keys, model names, timeouts) in, provider out.
SpeechProviderFactory = Callable[..., SpeechProvider]
"""Type of a speech-provider factory: ``factory(**settings) -> SpeechProvider``."""

