"""A local stand-in for speech.googleapis.com's REST API, answering realistic responses.

The real SDK talks to it through its own REST transport; nothing leaves this machine.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from google.auth.credentials import AnonymousCredentials
from learncore_google import GoogleSpeechProvider

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


class FakeSpeechService:
    """Serves POST /v1/speech:recognize; ``answer`` decides each reply.

    ``answer`` is a dict (sent as JSON with 200), ``(status, body)``, raw ``bytes``,
    or ``"hang"`` (hold the request until the test ends).
    """

    def __init__(self) -> None:
        self.answer: Any = GOOD_MORNING
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                request = json.loads(body)
                request["path"] = self.path
                request["audio_bytes"] = len(base64.b64decode(request["audio"]["content"]))
                service.requests.append(request)
                answer = service.answer
                if answer == "hang":
                    service.release.wait(30)
                    return
                status, payload = answer if isinstance(answer, tuple) else (200, answer)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
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
    def endpoint(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeSpeechService:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service() -> Iterator[FakeSpeechService]:
    with FakeSpeechService() as running:
        yield running


@pytest.fixture
def google(service: FakeSpeechService) -> GoogleSpeechProvider:
    """The provider, through the real SDK's REST transport, against the local service."""
    return GoogleSpeechProvider(
        credentials=AnonymousCredentials(),
        api_endpoint=service.endpoint,
        transport="rest",
        timeout=5,
    )
