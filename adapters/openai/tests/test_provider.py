"""The OpenAI provider through the real SDK, against a local transcription endpoint."""

from __future__ import annotations

import time

import pytest
from learncore_openai import OpenAISpeechProvider

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

CLIP = speech_like_wav(1.5, sample_rate=44_100, channels=2)  # resampled to 16 kHz mono first


def api_error(status: int, message: str, kind: str = "invalid_request_error"):
    # The service tells a rate-limited client when to come back.
    headers = {"retry-after": "7"} if status == 429 else {}
    return status, {"error": {"message": message, "type": kind, "param": None, "code": None}}, headers


def test_the_request_carries_the_model_language_wav_and_asks_for_word_timestamps(openai_provider, service):
    openai_provider.transcribe(CLIP, "en-GB")
    request = service.requests[-1]
    assert request["path"] == "/v1/audio/transcriptions"
    assert request["model"] == ["test-transcribe-1"]
    assert request["language"] == ["en"]
    assert request["response_format"] == ["verbose_json"]
    assert request["timestamp_granularities[]"] == ["word"]
    assert request["authorization"] == "Bearer sk-test"
    upload = request["file"]["bytes"]
    assert upload[:4] == b"RIFF"
    assert len(upload) == 44 + 2 * 16_000 * 3 // 2  # 1.5 s of 16 kHz mono 16-bit PCM


def test_the_transcript_has_word_timings_and_a_segment_confidence(openai_provider):
    transcript = openai_provider.transcribe(CLIP)
    assert transcript.text == "Good morning, everyone."
    assert [(w.word, w.offset_ms, w.duration_ms, w.confidence) for w in transcript.words] == [
        ("Good", 300, 300, None),
        ("morning", 600, 500, None),
        ("everyone", 1100, 600, None),
    ]
    assert transcript.confidence == pytest.approx(0.9001, abs=1e-4)  # exp(-0.1053)


def test_assessment_scores_the_transcript_against_the_reference(openai_provider, service):
    service.answer = lambda fields: VERBOSE_SHEEP
    result = openai_provider.assess(CLIP, "I see a ship")
    assert result.provider == "openai"
    assert [(w.word, w.error.value) for w in result.words] == [
        ("I", "none"),
        ("see", "none"),
        ("a", "omission"),
        ("ship", "mispronunciation"),
    ]
    assert result.words[1].offset_ms == 250


VERBOSE_SHEEP = {
    "text": "I see sheep.",
    "words": [
        {"word": "I", "start": 0.0, "end": 0.2},
        {"word": "see", "start": 0.25, "end": 0.5},
        {"word": "sheep", "start": 0.6, "end": 1.0},
    ],
}


def test_a_model_without_word_timestamps_is_asked_for_plain_json_from_then_on(openai_provider, service):
    def answer(fields):
        if fields["response_format"] == ["verbose_json"]:
            return api_error(
                400, "response_format 'verbose_json' is not compatible with model 'x'. Use 'json'."
            )
        return {"text": "Good morning everyone", "usage": {"type": "tokens", "total_tokens": 9}}

    service.answer = answer
    assert openai_provider.assess(CLIP, "Good morning everyone").pronunciation == 100.0
    assert [r["response_format"] for r in service.requests] == [["verbose_json"], ["json"]]
    openai_provider.assess(CLIP, "Good morning everyone")
    assert service.requests[-1]["response_format"] == ["json"]  # remembered
    assert len(service.requests) == 3


def test_word_timestamps_can_be_turned_off_or_required(make_provider, service):
    make_provider(word_timestamps=False).transcribe(CLIP)
    assert service.requests[-1]["response_format"] == ["json"]
    service.answer = lambda fields: api_error(400, "response_format verbose_json unsupported")
    with pytest.raises(ProviderRejectedRequest, match="verbose_json"):
        make_provider(word_timestamps=True).transcribe(CLIP)


def test_the_model_must_be_chosen_no_retired_default(monkeypatch):
    monkeypatch.delenv("OPENAI_TRANSCRIPTION_MODEL", raising=False)
    with pytest.raises(InvalidSettings, match="OPENAI_TRANSCRIPTION_MODEL"):
        OpenAISpeechProvider(api_key="sk-test")
    monkeypatch.setenv("OPENAI_TRANSCRIPTION_MODEL", "from-env-transcribe")
    assert OpenAISpeechProvider(api_key="sk-test").model == "from-env-transcribe"


def test_a_missing_api_key_is_a_settings_error(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(InvalidSettings, match="OPENAI_API_KEY"):
        OpenAISpeechProvider(model="m")
    assert "sk-secret" not in repr(OpenAISpeechProvider(model="m", api_key="sk-secret"))


@pytest.mark.parametrize(
    ("answer", "raised"),
    [
        (api_error(429, "Rate limit reached", "requests"), ProviderRateLimited),
        (
            api_error(401, "Incorrect API key provided", "invalid_api_key"),
            ProviderAuthenticationFailed,
        ),
        (api_error(403, "Country not supported"), ProviderAuthenticationFailed),
        (api_error(404, "The model 'whisper-0' does not exist"), ProviderRejectedRequest),
        (api_error(400, "Audio file might be corrupted"), ProviderRejectedRequest),
        (api_error(500, "The server had an error", "server_error"), ProviderUnavailable),
        (api_error(503, "Overloaded", "server_error"), ProviderUnavailable),
    ],
)
def test_api_errors_map_to_typed_errors(openai_provider, service, answer, raised):
    service.answer = lambda fields: answer
    with pytest.raises(raised) as caught:
        openai_provider.assess(CLIP, "good morning")
    assert caught.value.provider == "openai"
    if raised is ProviderRateLimited:
        assert caught.value.retry_after == 7.0


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b"{not json", "not JSON"),
        (b'{"text": 5}', "$.text"),
        (b'{"text": "hi", "words": "x"}', "$.words"),
        (
            b'{"text": "hi", "words": [{"word": "hi", "start": 1.0, "end": 0.5}]}',
            "before it starts",
        ),
        (b'{"text": "hi", "words": [{"word": "hi", "start": -1, "end": 0.5}]}', "outside"),
        (b'{"text": "hi", "words": [{"word": 3, "start": 0, "end": 0.5}]}', "$.words[0].word"),
        (b'["text"]', "$"),
    ],
)
def test_malformed_answers_are_a_typed_error(openai_provider, service, body, where):
    service.answer = lambda fields: (200, body)
    with pytest.raises(MalformedProviderResponse, match="openai") as caught:
        openai_provider.assess(CLIP, "hi")
    assert where in str(caught.value)


def test_a_hanging_endpoint_stops_at_the_timeout(make_provider, service):
    service.answer = lambda fields: "hang"
    provider = make_provider(timeout=0.5)
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        provider.assess(CLIP, "good morning")
    assert time.monotonic() - started < 5


def test_an_unreachable_endpoint_is_unavailable():
    provider = OpenAISpeechProvider(model="m", api_key="sk", base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ProviderUnavailable):
        provider.assess(CLIP, "good morning")


def test_bad_audio_and_empty_references_are_rejected_before_any_request(openai_provider, service):
    with pytest.raises(AudioRejected):
        openai_provider.assess(b"\x00" * 10, "hello")
    with pytest.raises(InvalidInput, match="reference_text"):
        openai_provider.assess(CLIP, "...")
    assert service.requests == []


def test_the_plugin_registers_openai_through_its_entry_point():
    provider = learncore.speech.get_provider("openai", model="some-model", api_key="sk", timeout=3)
    assert isinstance(provider, OpenAISpeechProvider)
    assert provider.timeout == 3.0
