"""Fakes of the Azure SDK's result objects, for testing without the service.

They copy the result at the level of the properties this adapter reads (``reason``,
``properties``, ``cancellation_details``), so an app can test its Azure setup offline::

    provider = AzureSpeechProvider(recognize=FakeRecognizer(FakeResult(json_result=recorded)))
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["FakeCancellation", "FakeRecognizer", "FakeResult"]


def _sdk() -> Any:
    import azure.cognitiveservices.speech as speechsdk  # noqa: PLC0415

    return speechsdk


class FakeCancellation:
    """Quacks like ``CancellationDetails``: ``reason``, ``code``, ``error_details``."""

    def __init__(self, reason: Any, code: Any = None, error_details: str = "") -> None:
        self.reason = reason
        self.code = code
        self.error_details = error_details


class FakeResult:
    """Quacks like ``SpeechRecognitionResult``: reason, properties, cancellation_details.

    ``reason`` defaults to RecognizedSpeech; ``json_result`` is what
    ``properties.get(PropertyId.SpeechServiceResponse_JsonResult)`` returns.
    """

    def __init__(
        self,
        reason: Any = None,
        json_result: str | None = None,
        cancellation: FakeCancellation | None = None,
    ) -> None:
        sdk = _sdk()
        self.reason = sdk.ResultReason.RecognizedSpeech if reason is None else reason
        self.properties = {sdk.PropertyId.SpeechServiceResponse_JsonResult: json_result}
        self.cancellation_details = cancellation
        try:
            self.text = json.loads(json_result).get("DisplayText", "") if json_result else ""
        except (ValueError, AttributeError):
            self.text = ""


class FakeRecognizer:
    """Stands in for the SDK call: records each request and answers ``result``."""

    def __init__(self, result: FakeResult) -> None:
        self.result = result
        self.calls: list[tuple[int, str, str]] = []

    def __call__(self, pcm: bytes, reference_text: str, locale: str) -> FakeResult:
        """Record ``(len(pcm), reference_text, locale)`` and answer the fixed result."""
        self.calls.append((len(pcm), reference_text, locale))
        return self.result
