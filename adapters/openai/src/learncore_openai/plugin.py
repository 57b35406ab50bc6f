"""The entry point ``openai`` in the group ``learncore``."""

from __future__ import annotations

from typing import Any

from learncore.plugins import hookimpl


def _create(**settings: Any) -> Any:
    from learncore_openai.provider import OpenAISpeechProvider  # noqa: PLC0415 - SDK on first use

    return OpenAISpeechProvider(**settings)


@hookimpl
def register_speech_providers(register: Any) -> None:
    """``openai``: OpenAI transcription, scored by the text-diff scorer."""
    register("openai", _create)
