"""The fakes shipped for app and plugin authors behave as documented."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from learncore.domain import WordError
from learncore.errors import AudioRejected
from learncore.ports import Clock, SpeechProvider
from learncore.testing import EchoSpeechProvider, FixedClock


def test_the_fixed_clock_only_moves_when_told():
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=UTC))
    assert isinstance(clock, Clock)
    assert clock.now() == clock.now()
    assert clock.advance(hours=4) == datetime(2026, 1, 1, 4, tzinfo=UTC)
    assert clock.advance(timedelta(days=1)).day == 2
    assert clock.set(datetime(2025, 12, 31, tzinfo=UTC)).year == 2025
    with pytest.raises(ValueError, match="timezone-aware"):
        FixedClock(datetime(2026, 1, 1))  # noqa: DTZ001 - the point of the test


def test_the_echo_provider_marks_each_kind_of_word_error():
    provider = EchoSpeechProvider()
    assert isinstance(provider, SpeechProvider)
    result = provider.assess(b"hola amiga extra", "hola amigo")
    assert [(w.word, w.error) for w in result.words] == [
        ("hola", WordError.NONE),
        ("amigo", WordError.MISPRONUNCIATION),
        ("extra", WordError.INSERTION),
    ]
    omitted = provider.assess(b"hola", "hola amigo")
    assert omitted.words[1].error is WordError.OMISSION
    assert omitted.completeness == 50.0


def test_the_echo_provider_rejects_empty_and_binary_audio():
    with pytest.raises(AudioRejected, match="empty"):
        EchoSpeechProvider().assess(b"", "hola")
    with pytest.raises(AudioRejected, match="UTF-8"):
        EchoSpeechProvider().assess(b"\xff\xfe\x00", "hola")


def _post(url: str, body: bytes, timeout: float = 5) -> tuple[int, bytes]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_local_http_service_replies_as_told_and_records_requests():
    import json

    from learncore.testing.http_service import HANG, LocalHttpService

    def read(body, headers):
        return {"body": body.decode(), "kind": headers["content-type"]}

    with LocalHttpService(read, answer=lambda request: {"echo": request["body"]}) as service:
        assert _post(f"{service.url}/a", b"hi") == (200, b'{"echo": "hi"}')
        assert service.requests == [
            {"body": "hi", "kind": "application/x-www-form-urlencoded", "path": "/a"}
        ]
        service.answer = (503, b"not json")
        assert _post(service.url, b"") == (503, b"not json")
        service.answer = {"ok": True}
        assert json.loads(_post(service.url, b"")[1]) == {"ok": True}
        service.answer = HANG
        with pytest.raises(OSError, match="timed out"):
            _post(service.url, b"", timeout=0.3)
