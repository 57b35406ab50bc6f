"""A speech provider for tests that "hears" whatever text the audio bytes contain."""

from __future__ import annotations

from typing import Any

from learncore.domain.pronunciation import (
    PronunciationAssessment,
    TranscribedWord,
    Transcript,
    WordAssessment,
    WordError,
)
from learncore.errors import AudioRejected
from learncore.plugins.hookspecs import hookimpl

__all__ = ["EchoSpeechProvider", "echo_speech_plugin"]


class EchoSpeechProvider:
    """Treats the audio bytes as UTF-8 text of what was said, and compares words exactly.

    It exercises the whole speech path (chains, grading, logging) without audio: a
    test passes ``b"hola amigo"`` and gets a full-marks assessment of "hola amigo".
    """

    def __init__(self, name: str = "echo") -> None:
        self.name = name

    def transcribe(self, audio: bytes, language: str = "en") -> Transcript:
        """The bytes decoded as text."""
        if not audio:
            raise AudioRejected("the upload is empty (0 bytes)")
        try:
            text = audio.decode("utf-8")
        except UnicodeDecodeError:
            raise AudioRejected("the echo provider expects UTF-8 text as audio") from None
        words = tuple(TranscribedWord(word=w, confidence=1.0) for w in text.split())
        return Transcript(text=text, provider=self.name, language=language, words=words, confidence=1.0)

    def assess(
        self, audio: bytes, reference_text: str, language: str = "en"
    ) -> PronunciationAssessment:
        """Word-by-word exact comparison of the heard text with the reference."""
        heard = self.transcribe(audio, language).text.lower().split()
        expected = reference_text.lower().split()
        words = []
        for index, word in enumerate(expected):
            if index >= len(heard):
                words.append(WordAssessment(word=word, accuracy=0.0, error=WordError.OMISSION))
            elif heard[index] == word:
                words.append(WordAssessment(word=word, accuracy=100.0))
            else:
                words.append(WordAssessment(word=word, accuracy=0.0, error=WordError.MISPRONUNCIATION))
        words += [
            WordAssessment(word=extra, accuracy=0.0, error=WordError.INSERTION)
            for extra in heard[len(expected) :]
        ]
        matched = sum(1 for w in words if w.error is WordError.NONE)
        accuracy = 100.0 * matched / max(len(words), 1)
        completeness = 100.0 * min(len(heard), len(expected)) / max(len(expected), 1)
        return PronunciationAssessment(
            pronunciation=round((accuracy + completeness) / 2, 2),
            accuracy=round(accuracy, 2),
            fluency=100.0,
            completeness=round(completeness, 2),
            provider=self.name,
            reference_text=reference_text,
            recognized_text=" ".join(heard),
            words=tuple(words),
            confidence=1.0,
        )


class _EchoSpeechPlugin:
    """Registers :class:`EchoSpeechProvider` as ``echo``; pass it to ``bootstrap(plugins=[...])``."""

    __name__ = "learncore.testing.echo"

    @hookimpl
    def register_speech_providers(self, register: Any) -> None:
        register("echo", EchoSpeechProvider)


echo_speech_plugin = _EchoSpeechPlugin()
