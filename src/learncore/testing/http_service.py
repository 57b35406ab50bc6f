"""A local HTTP endpoint that answers a cloud SDK the way its service would.

Speech-provider authors test their adapter through the vendor SDK's real transport by
pointing it at this server instead of the vendor: the request travels through the
SDK's own serialisation and HTTP stack, and nothing leaves the machine.

    def read(body: bytes, headers: Message) -> dict[str, Any]:
        return json.loads(body)

    with LocalHttpService(read, answer={"results": []}) as service:
        provider = MyProvider(endpoint=service.url)
        ...
        assert service.requests[-1]["config"]["languageCode"] == "en-US"

``answer`` says what the next request gets. It is either a fixed reply or a callable
given the parsed request that returns one. A reply is:

- a ``dict``: sent as JSON with status 200;
- ``(status, dict_or_bytes)`` or ``(status, dict_or_bytes, headers)``;
- ``bytes``: sent as they are with status 200 (malformed JSON, say);
- ``"hang"``: no reply until the service closes, to test the caller's deadline.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["HANG", "LocalHttpService", "RequestReader"]

HANG = "hang"
"""The reply that holds a request open until the service closes."""

RequestReader = Callable[[bytes, Message], dict[str, Any]]
"""Turns a request's body and headers (case-insensitive) into the dict recorded in ``requests``."""

# A hanging request is released when the service closes; this bounds it if a test forgets.
_LONGEST_HANG_SECONDS = 30


class LocalHttpService:
    """Serves POST requests on 127.0.0.1 with a free port; use it as a context manager."""

    def __init__(self, read_request: RequestReader, *, answer: Any) -> None:
        self.answer: Any = answer
        self.requests: list[dict[str, Any]] = []
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self, read_request))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``, with no trailing slash."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def reply_to(self, request: dict[str, Any]) -> Any:
        """The reply ``answer`` gives this request."""
        return self.answer(request) if callable(self.answer) else self.answer

    def wait_while_hanging(self) -> None:
        self._release.wait(_LONGEST_HANG_SECONDS)

    def __enter__(self) -> LocalHttpService:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()


def _handler_for(service: LocalHttpService, read_request: RequestReader) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            request = read_request(body, self.headers)
            request["path"] = self.path
            service.requests.append(request)
            reply = service.reply_to(request)
            if isinstance(reply, str) and reply == HANG:
                service.wait_while_hanging()
                return
            status, payload, headers = _unpack(reply)
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass  # the test's own output is what matters

    return Handler


def _unpack(reply: Any) -> tuple[int, Any, Mapping[str, str]]:
    if isinstance(reply, tuple):
        if len(reply) == 3:
            return reply[0], reply[1], reply[2]
        return reply[0], reply[1], {}
    return 200, reply, {}
