"""A local stand-in for speech.googleapis.com's REST API, answering realistic responses.

The real SDK talks to it through its own REST transport; nothing leaves this machine.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from google.auth.credentials import AnonymousCredentials
from learncore_google import GoogleSpeechProvider

from learncore.testing.http_service import LocalHttpService

GOOD_MORNING = {
    "results": [
        {
            "alternatives": [
                {
                    "transcript": "good morning everyone",
                    "confidence": 0.9423,
                    "words": [
                        {
                            "startTime": "0.300s",
                            "endTime": "0.600s",
                            "word": "good",
                            "confidence": 0.97,
                        },
                        {
                            "startTime": "0.600s",
                            "endTime": "1.100s",
                            "word": "morning",
                            "confidence": 0.95,
                        },
                        {
                            "startTime": "1.100s",
                            "endTime": "1.700s",
                            "word": "everyone",
                            "confidence": 0.91,
                        },
                    ],
                }
            ],
            "resultEndTime": "1.800s",
            "languageCode": "en-us",
        }
    ],
    "totalBilledTime": "2s",
    "requestId": "7342158012395117890",
}


def _read_recognize_request(body: bytes, _headers: Message) -> dict[str, Any]:
    request: dict[str, Any] = json.loads(body)
    request["audio_bytes"] = len(base64.b64decode(request["audio"]["content"]))
    return request


@pytest.fixture
def service() -> Iterator[LocalHttpService]:
    """Serves POST /v1/speech:recognize; ``service.answer`` decides each reply."""
    with LocalHttpService(_read_recognize_request, answer=GOOD_MORNING) as running:
        yield running


@pytest.fixture
def google(service: LocalHttpService) -> GoogleSpeechProvider:
    """The provider, through the real SDK's REST transport, against the local service."""
    return GoogleSpeechProvider(
        credentials=AnonymousCredentials(),
        api_endpoint=service.url,
        transport="rest",
        timeout=5,
    )
