"""The learncore plugin: registers the ``sphinx`` speech provider (entry point ``sphinx``)."""

from __future__ import annotations

from typing import Any

from learncore.plugins import hookimpl
from learncore_sphinx.provider import SphinxSpeechProvider

__all__ = ["register_speech_providers"]


@hookimpl
def register_speech_providers(register: Any) -> None:
    """``sphinx``: offline assessment; settings are :class:`SphinxSpeechProvider`'s keywords."""
    register("sphinx", SphinxSpeechProvider)
