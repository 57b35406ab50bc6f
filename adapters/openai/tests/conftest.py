"""A local stand-in for the OpenAI transcription endpoint, answering realistic responses.

The real SDK reaches it through ``base_url``; nothing leaves this machine.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from learncore_openai import OpenAISpeechProvider

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


class FakeOpenAI:
    """Serves POST /v1/audio/transcriptions; ``answer(fields)`` decides each reply.

    An answer is a dict (JSON, 200), ``(status, dict_or_bytes)`` or ``"hang"``.
    """

    def __init__(self) -> None:
        self.answer: Any = lambda fields: VERBOSE
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                fields = _form(self.headers["content-type"], body)
                fields["path"] = self.path
                fields["authorization"] = self.headers.get("authorization")
                service.requests.append(fields)
                answer = service.answer(fields)
                if answer == "hang":
                    service.release.wait(30)
                    return
                status, payload = answer if isinstance(answer, tuple) else (200, answer)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                if status == 429:
                    self.send_header("retry-after", "7")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def running_service() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as running:
        yield running


@pytest.fixture
def service(running_service: FakeOpenAI) -> FakeOpenAI:
    """The local endpoint, reset to answer VERBOSE with no requests seen."""
    running_service.answer = lambda fields: VERBOSE
    running_service.requests.clear()
    return running_service


def _provider(base_url: str, **settings: Any) -> OpenAISpeechProvider:
    settings = {"model": "test-transcribe-1", "api_key": "sk-test", "timeout": 5, **settings}
    return OpenAISpeechProvider(base_url=base_url, **settings)


@pytest.fixture
def make_provider(service: FakeOpenAI):
    return lambda **settings: _provider(service.base_url, **settings)


@pytest.fixture(scope="session")
def shared_provider(running_service: FakeOpenAI) -> OpenAISpeechProvider:
    # Building an SDK client costs most of a second; one serves every default-settings test.
    return _provider(running_service.base_url)


@pytest.fixture
def openai_provider(service: FakeOpenAI, shared_provider: OpenAISpeechProvider) -> OpenAISpeechProvider:
    return shared_provider
