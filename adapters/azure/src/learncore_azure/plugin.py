"""The entry point ``azure`` in the group ``learncore``."""

from __future__ import annotations

from typing import Any

from learncore.plugins import hookimpl


def _create(**settings: Any) -> Any:
    from learncore_azure.provider import AzureSpeechProvider  # noqa: PLC0415 - SDK on first use

    return AzureSpeechProvider(**settings)


@hookimpl
def register_speech_providers(register: Any) -> None:
    """``azure``: Azure AI Speech pronunciation assessment."""
    register("azure", _create)
