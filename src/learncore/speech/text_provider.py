"""The built-in ``text`` provider: any transcriber plus the text-diff scorer.

It holds no recogniser of its own. Configure the transcriber it wraps by name
(``speech_options={"text": {"transcriber": "openai", "transcriber_options": {...}}}``)
or pass one in; :meth:`TextDiffProvider.assess` then transcribes the audio and scores
the transcript against the reference with :func:`~learncore.domain.text_diff.score_transcript`.
Without a transcriber it cannot hear audio, and ``assess`` raises
:class:`~learncore.errors.SpeechNotConfigured` rather than guess; score text you
already have with :func:`~learncore.speech.score_transcript`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.pronunciation import PronunciationAssessment, Transcript
from learncore.domain.text_diff import score_transcript
from learncore.errors import InvalidSettings, SpeechNotConfigured
from learncore.ports.speech import Transcriber

__all__ = ["TextDiffProvider", "create_text_provider"]


class TextDiffProvider:
    """Pronunciation scores from a transcript: transcribe with the wrapped transcriber, then diff.

    ``name`` is ``"text"`` on its own and ``"text:<transcriber>"`` when wrapping one, so
    an assessment says which recogniser heard it.
    """

    def __init__(
        self, transcriber: Transcriber | None = None, *, policy: GradingPolicy | None = None
    ) -> None:
        if transcriber is not None and not callable(getattr(transcriber, "transcribe", None)):
            raise InvalidSettings(
                "speech_options.text.transcriber",
                f"{transcriber!r} has no transcribe() method; pick a provider that can transcribe",
            )
        self.transcriber = transcriber
        self.policy = policy
        self.name = "text" if transcriber is None else f"text:{transcriber.name}"

    def transcribe(self, audio: bytes, language: str = "en") -> Transcript:
        """What the wrapped transcriber heard."""
        if self.transcriber is None:
            raise SpeechNotConfigured(
                "the 'text' speech provider has no transcriber to hear audio with; set "
                "speech_options={'text': {'transcriber': '<provider name>'}}, or score a "
                "transcript you already have with learncore.speech.score_transcript()"
            )
        return self.transcriber.transcribe(audio, language)

    def assess(
        self, audio: bytes, reference_text: str, language: str = "en"
    ) -> PronunciationAssessment:
        """Transcribe ``audio`` and score the transcript against ``reference_text``."""
        transcript = self.transcribe(audio, language)
        return score_transcript(
            reference_text, transcript, language=language, policy=self.policy, provider=self.name
        )


def create_text_provider(
    transcriber: str | Transcriber | None = None,
    transcriber_options: Mapping[str, Any] | None = None,
    policy: GradingPolicy | Mapping[str, Any] | None = None,
) -> TextDiffProvider:
    """The plugin factory; ``transcriber`` is a provider name (built via the plugins) or object."""
    if isinstance(transcriber, str):
        from learncore.speech import get_provider  # noqa: PLC0415 - the registry imports this module

        if transcriber == "text":
            raise InvalidSettings("speech_options.text.transcriber", "'text' cannot wrap itself")
        transcriber = get_provider(transcriber, **dict(transcriber_options or {}))  # type: ignore[assignment]
    if isinstance(policy, Mapping):
        policy = GradingPolicy(**policy)
    return TextDiffProvider(transcriber, policy=policy)  # type: ignore[arg-type]
