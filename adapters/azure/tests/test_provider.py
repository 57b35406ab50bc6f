"""The Azure provider around the real SDK: configuration, result mapping, faults, deadlines."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import azure.cognitiveservices.speech as speechsdk
import pytest
from learncore_azure import AzureSpeechProvider
from learncore_azure.testing import FakeCancellation, FakeRecognizer, FakeResult

import learncore
from learncore.errors import (
    AudioRejected,
    InvalidInput,
    InvalidSettings,
    MalformedProviderResponse,
    ProviderAuthenticationFailed,
    ProviderRateLimited,
    ProviderRejectedRequest,
    ProviderTimeout,
    ProviderUnavailable,
)
from learncore.testing.audio import speech_like_wav

FIXTURES = Path(__file__).parent / "fixtures"
CLIP = speech_like_wav(1.2)
Codes = speechsdk.CancellationErrorCode


def recorded(name: str) -> str:
    return (FIXTURES / f"{name}.json").read_text(encoding="utf-8")


def provider_answering(result: FakeResult, **settings) -> AzureSpeechProvider:
    return AzureSpeechProvider(recognize=FakeRecognizer(result), **settings)


def test_the_recogniser_gets_16khz_pcm_the_reference_and_a_regional_locale():
    fake = FakeRecognizer(FakeResult(json_result=recorded("correct")))
    provider = AzureSpeechProvider(recognize=fake, locales={"en": "en-GB"})
    result = provider.assess(CLIP, "Good morning, everyone.", "en")
    assert fake.calls == [(2 * 16_000 * 12 // 10, "Good morning, everyone.", "en-GB")]
    assert result.pronunciation == 97.9
    assert provider.assess(CLIP, "Good morning, everyone.", "fr-ca").provider == "azure"
    assert fake.calls[-1][2] == "fr-CA"


def test_the_assessment_config_is_hundredmark_phonemes_miscue_and_prosody_for_en_us():
    provider = AzureSpeechProvider(key="k", region="westeurope")
    config = json.loads(provider.assessment_config("Good morning", "en-US").to_json())
    assert config["gradingSystem"] == "HundredMark"
    assert config["granularity"] == "Phoneme"
    assert config["enableMiscue"] is True
    assert config["enableProsodyAssessment"] is True
    assert config["referenceText"] == "Good morning"
    french = json.loads(provider.assessment_config("Bonjour", "fr-FR").to_json())
    assert "enableProsodyAssessment" not in french


def test_no_match_means_nothing_was_heard():
    provider = provider_answering(FakeResult(reason=speechsdk.ResultReason.NoMatch))
    result = provider.assess(CLIP, "good morning")
    assert result.pronunciation == 0.0
    assert [w.error.value for w in result.words] == ["omission", "omission"]


def test_end_of_stream_without_speech_means_nothing_was_heard():
    cancelled = FakeResult(
        reason=speechsdk.ResultReason.Canceled,
        cancellation=FakeCancellation(speechsdk.CancellationReason.EndOfStream),
    )
    assert provider_answering(cancelled).assess(CLIP, "good morning").completeness == 0.0


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (Codes.ConnectionFailure, ProviderUnavailable),
        (Codes.ServiceUnavailable, ProviderUnavailable),
        (Codes.ServiceError, ProviderUnavailable),
        (Codes.RuntimeError, ProviderUnavailable),
        (Codes.AuthenticationFailure, ProviderAuthenticationFailed),
        (Codes.Forbidden, ProviderAuthenticationFailed),
        (Codes.TooManyRequests, ProviderRateLimited),
        (Codes.ServiceTimeout, ProviderTimeout),
        (Codes.BadRequest, ProviderRejectedRequest),
    ],
)
def test_cancellation_codes_map_to_typed_errors(code, error):
    cancelled = FakeResult(
        reason=speechsdk.ResultReason.Canceled,
        cancellation=FakeCancellation(speechsdk.CancellationReason.Error, code, "service said no"),
    )
    with pytest.raises(error) as caught:
        provider_answering(cancelled).assess(CLIP, "good morning")
    assert caught.value.provider == "azure"
    if error is not ProviderTimeout:
        assert isinstance(caught.value, ProviderUnavailable) == (
            error in (ProviderUnavailable, ProviderRateLimited)
        )


def test_rate_limiting_and_timeouts_let_a_fallback_answer():
    assert issubclass(ProviderRateLimited, ProviderUnavailable)
    assert issubclass(ProviderTimeout, ProviderUnavailable)
    assert not issubclass(ProviderAuthenticationFailed, ProviderUnavailable)


def test_malformed_json_from_the_service_is_a_typed_error():
    with pytest.raises(MalformedProviderResponse, match="not JSON"):
        provider_answering(FakeResult(json_result="<html>502</html>")).assess(CLIP, "hi")
    with pytest.raises(MalformedProviderResponse, match="no JSON"):
        provider_answering(FakeResult(json_result=None)).assess(CLIP, "hi")


def test_something_that_is_not_a_result_is_a_typed_error():
    provider = AzureSpeechProvider(recognize=lambda *args: "surprise")
    with pytest.raises(MalformedProviderResponse, match="not a recognition result"):
        provider.assess(CLIP, "hi")


def test_bad_audio_is_rejected_before_anything_is_sent():
    fake = FakeRecognizer(FakeResult(json_result=recorded("correct")))
    provider = AzureSpeechProvider(recognize=fake)
    with pytest.raises(AudioRejected):
        provider.assess(b"This is not audio" * 10, "hello")
    with pytest.raises(InvalidInput, match="reference_text"):
        provider.assess(CLIP, " ... ")
    assert fake.calls == []


def test_a_hung_recogniser_stops_at_the_providers_deadline():
    release = threading.Event()

    def hang(*args):
        release.wait(30)
        raise AssertionError("a late answer must never be used")

    provider = AzureSpeechProvider(recognize=hang, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(ProviderTimeout, match=r"0\.3 s"):
        provider.assess(CLIP, "hello")
    release.set()
    assert time.monotonic() - started < 5


def test_missing_credentials_are_a_settings_error_that_says_what_to_set(monkeypatch):
    monkeypatch.delenv("AZURE_SPEECH_KEY", raising=False)
    monkeypatch.delenv("AZURE_SPEECH_REGION", raising=False)
    with pytest.raises(InvalidSettings, match="AZURE_SPEECH_KEY"):
        AzureSpeechProvider()
    with pytest.raises(InvalidSettings, match="AZURE_SPEECH_REGION"):
        AzureSpeechProvider(key="k")
    with pytest.raises(InvalidSettings, match="timeout"):
        AzureSpeechProvider(key="k", region="r", timeout=0)
    monkeypatch.setenv("AZURE_SPEECH_KEY", "from-env")
    monkeypatch.setenv("AZURE_SPEECH_REGION", "westeurope")
    assert "from-env" not in repr(AzureSpeechProvider())


def test_the_plugin_registers_azure_through_its_entry_point():
    provider = learncore.speech.get_provider("azure", key="k", region="westeurope", timeout=3)
    assert isinstance(provider, AzureSpeechProvider)
    assert provider.timeout == 3.0


# --- the real SDK, against sockets on this machine ------------------------------


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server that accepts connections and never answers: a hung service."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    yield server.getsockname()[1]
    # The SDK keeps reconnecting after the deadline: stop accepting before closing, so
    # no connection accepted during teardown is left open.
    server.shutdown(socket.SHUT_RDWR)
    server.close()
    acceptor.join(timeout=5)
    for connection in accepted:
        connection.close()


def _endpoint(port: int) -> str:
    return f"ws://127.0.0.1:{port}/speech/recognition/conversation/cognitiveservices/v1"


def test_the_real_sdk_against_a_closed_port_reports_the_provider_unavailable():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    provider = AzureSpeechProvider(key="k", endpoint=_endpoint(port), timeout=20)
    with pytest.raises(ProviderUnavailable, match="ConnectionFailure"):
        provider.assess(CLIP, "good morning")


def test_the_real_sdk_against_a_service_that_never_answers_stops_at_the_deadline(silent_server):
    provider = AzureSpeechProvider(key="k", endpoint=_endpoint(silent_server), timeout=1.0)
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        provider.assess(CLIP, "good morning")
    assert time.monotonic() - started < 5
