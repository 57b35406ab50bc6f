"""The plugin that ships inside learncore: registered first, before any entry point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from learncore.plugins.hookspecs import hookimpl
from learncore.ports.speech import SpeechProvider
from learncore.ports.storage import Storage

__all__ = ["register_speech_providers", "register_storage_backends"]


def _open_memory(url: str, options: Mapping[str, Any]) -> Storage:
    from learncore.storage.memory import MemoryStorage  # noqa: PLC0415 - loaded on first use only

    return MemoryStorage.from_url(url, options)


@hookimpl
def register_storage_backends(register: Any) -> None:
    """The in-memory backend, for tests, demos and embedding."""
    register("memory", _open_memory, schemes=("memory",))


def _text_provider(**settings: Any) -> SpeechProvider:
    from learncore.speech.text_provider import create_text_provider  # noqa: PLC0415 - on first use

    return create_text_provider(**settings)


@hookimpl
def register_speech_providers(register: Any) -> None:
    """``text``: the text-diff scorer over any transcriber (``learncore.speech.text_provider``)."""
    register("text", _text_provider)
