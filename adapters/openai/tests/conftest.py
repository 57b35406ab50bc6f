"""A local stand-in for the OpenAI transcription endpoint, answering realistic responses.

The real SDK reaches it through ``base_url``; nothing leaves this machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import pytest
from learncore_openai import OpenAISpeechProvider

from learncore.testing.http_service import LocalHttpService

VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 1.8,
    "text": "Good morning, everyone.",
    "words": [
        {"word": "Good", "start": 0.3, "end": 0.6},
        {"word": "morning", "start": 0.6, "end": 1.1},
        {"word": "everyone", "start": 1.1, "end": 1.7},
    ],
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 1.8,
            "text": " Good morning, everyone.",
            "tokens": [50364, 2205, 2446, 11, 1518, 13, 50454],
            "temperature": 0.0,
            "avg_logprob": -0.1053,
            "compression_ratio": 0.82,
            "no_speech_prob": 0.0042,
        }
    ],
    "usage": {"type": "duration", "seconds": 2},
}


def _form(content_type: str, body: bytes) -> dict[str, Any]:
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if part.get_filename():
            fields[name] = {"filename": part.get_filename(), "bytes": payload}
        else:
            fields.setdefault(name, []).append(payload.decode())
    return fields


def _read_transcription_request(body: bytes, headers: Message) -> dict[str, Any]:
    fields = _form(headers["content-type"], body)
    fields["authorization"] = headers.get("authorization")
    return fields


def _answer_verbose(_fields: dict[str, Any]) -> Any:
    return VERBOSE


@pytest.fixture(scope="session")
def running_service() -> Iterator[LocalHttpService]:
    """Serves POST /v1/audio/transcriptions; ``service.answer(fields)`` decides each reply."""
    with LocalHttpService(_read_transcription_request, answer=_answer_verbose) as running:
        yield running


@pytest.fixture
def service(running_service: LocalHttpService) -> LocalHttpService:
    """The local endpoint, reset to answer VERBOSE with no requests seen."""
    running_service.answer = _answer_verbose
    running_service.requests.clear()
    return running_service


def _provider(base_url: str, **settings: Any) -> OpenAISpeechProvider:
    settings = {"model": "test-transcribe-1", "api_key": "sk-test", "timeout": 5, **settings}
    return OpenAISpeechProvider(base_url=base_url, **settings)


@pytest.fixture
def make_provider(service: LocalHttpService):
    return lambda **settings: _provider(f"{service.url}/v1", **settings)


@pytest.fixture(scope="session")
def shared_provider(running_service: LocalHttpService) -> OpenAISpeechProvider:
    # Building an SDK client costs most of a second; one serves every default-settings test.
    return _provider(f"{running_service.url}/v1")


@pytest.fixture
def openai_provider(service: LocalHttpService, shared_provider: OpenAISpeechProvider) -> OpenAISpeechProvider:
    return shared_provider
