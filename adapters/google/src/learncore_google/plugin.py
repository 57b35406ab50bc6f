"""The entry point ``google`` in the group ``learncore``."""

from __future__ import annotations

from typing import Any

from learncore.plugins import hookimpl


def _create(**settings: Any) -> Any:
    from learncore_google.provider import GoogleSpeechProvider  # noqa: PLC0415 - SDK on first use

    return GoogleSpeechProvider(**settings)


@hookimpl
def register_speech_providers(register: Any) -> None:
    """``google``: Google Cloud Speech-to-Text, scored by the text-diff scorer."""
    register("google", _create)
