"""The Google provider through the real SDK's REST transport, against a local service."""

from __future__ import annotations

import time

import pytest
from google.auth.credentials import AnonymousCredentials
from learncore_google import GoogleSpeechProvider

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

CLIP = speech_like_wav(1.5, sample_rate=16_000)


def error(code: int, status: str, message: str = "from the fake service") -> tuple[int, dict]:
    return code, {"error": {"code": code, "message": message, "status": status}}


def test_the_request_asks_for_word_confidences_and_offsets_with_16khz_pcm(google, service):
    google.transcribe(CLIP, "en")
    request = service.requests[-1]
    assert request["path"].startswith("/v1/speech:recognize")
    config = request["config"]
    assert config["enableWordTimeOffsets"] is True
    assert config["enableWordConfidence"] is True
    assert config["sampleRateHertz"] == 16_000
    assert config["languageCode"] == "en-US"
    assert request["audio_bytes"] == 2 * 16_000 * 3 // 2  # 1.5 s of 16-bit mono PCM


def test_the_model_and_locale_are_configurable(service):
    provider = GoogleSpeechProvider(
        credentials=AnonymousCredentials(),
        api_endpoint=service.url,
        transport="rest",
        model="latest_short",
        locales={"en": "en-GB"},
    )
    provider.transcribe(CLIP, "en")
    assert service.requests[-1]["config"]["model"] == "latest_short"
    assert service.requests[-1]["config"]["languageCode"] == "en-GB"


def test_the_transcript_keeps_word_confidences_and_timings(google):
    transcript = google.transcribe(CLIP)
    assert transcript.text == "good morning everyone"
    assert transcript.provider == "google"
    assert [(w.word, w.confidence, w.offset_ms, w.duration_ms) for w in transcript.words] == [
        ("good", 0.97, 300, 300),
        ("morning", 0.95, 600, 500),
        ("everyone", 0.91, 1100, 600),
    ]
    assert transcript.confidence == pytest.approx(0.9423)


def test_assessment_scores_the_transcript_with_confidences_folded_in(google):
    result = google.assess(CLIP, "Good morning, everyone!")
    assert result.provider == "google"
    assert [(w.word, w.accuracy, w.error.value) for w in result.words] == [
        ("Good", 97.0, "none"),
        ("morning", 95.0, "none"),
        ("everyone", 91.0, "none"),
    ]
    assert result.completeness == 100.0
    assert result.words[1].offset_ms == 600


def test_a_mispronounced_and_a_missing_word_show_in_the_assessment(google, service):
    service.answer = {
        "results": [
            {
                "alternatives": [
                    {
                        "transcript": "I see a sheep",
                        "confidence": 0.88,
                        "words": [
                            {"startTime": "0s", "endTime": "0.2s", "word": "I", "confidence": 0.9},
                            {
                                "startTime": "0.2s",
                                "endTime": "0.5s",
                                "word": "see",
                                "confidence": 0.9,
                            },
                            {
                                "startTime": "0.6s",
                                "endTime": "1s",
                                "word": "sheep",
                                "confidence": 0.8,
                            },
                        ],
                    }
                ]
            }
        ]
    }
    result = google.assess(CLIP, "I see a ship")
    assert [(w.word, w.error.value) for w in result.words] == [
        ("I", "none"),
        ("see", "none"),
        ("a", "omission"),
        ("ship", "mispronunciation"),
    ]


def test_several_results_are_joined_and_unset_confidences_are_unknown(google, service):
    service.answer = {
        "results": [
            {"alternatives": [{"transcript": "good", "words": [{"word": "good", "endTime": "0.4s"}]}]},
            {"alternatives": []},
            {
                "alternatives": [
                    {
                        "transcript": " morning",
                        "words": [{"word": "morning", "startTime": "0.5s", "endTime": "1s"}],
                    }
                ]
            },
        ]
    }
    transcript = google.transcribe(CLIP)
    assert transcript.text == "good morning"
    assert [w.confidence for w in transcript.words] == [None, None]
    assert google.assess(CLIP, "good morning").pronunciation == 100.0


def test_nothing_recognised_scores_zero(google, service):
    service.answer = {"totalBilledTime": "2s", "requestId": "1"}
    result = google.assess(CLIP, "good morning")
    assert result.pronunciation == 0.0
    assert {w.error.value for w in result.words} == {"omission"}


@pytest.mark.parametrize(
    ("answer", "raised"),
    [
        (error(429, "RESOURCE_EXHAUSTED", "Quota exceeded"), ProviderRateLimited),
        (error(503, "UNAVAILABLE"), ProviderUnavailable),
        (error(500, "INTERNAL"), ProviderUnavailable),
        (error(504, "DEADLINE_EXCEEDED"), ProviderTimeout),
        (
            error(403, "PERMISSION_DENIED", "Speech API has not been used in project"),
            ProviderAuthenticationFailed,
        ),
        (
            error(400, "INVALID_ARGUMENT", "Invalid recognition 'config': bad encoding"),
            ProviderRejectedRequest,
        ),
    ],
)
def test_service_errors_map_to_typed_errors(google, service, answer, raised):
    service.answer = answer
    with pytest.raises(raised) as caught:
        google.assess(CLIP, "good morning")
    assert caught.value.provider == "google"


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"<html><body>502 Bad Gateway</body></html>",
        b'{"results": "lots"}',
        b'{"results": [{"alternatives": [{"words": [{"word": "x", "confidence": "high"}]}]}]}',
    ],
)
def test_malformed_responses_are_a_typed_error(google, service, body):
    service.answer = (200, body)
    with pytest.raises(MalformedProviderResponse, match="google"):
        google.assess(CLIP, "good morning")


def test_impossible_values_in_a_well_formed_response_are_a_typed_error(google, service):
    service.answer = {
        "results": [{"alternatives": [{"words": [{"word": "x", "startTime": "2s", "endTime": "1s"}]}]}]
    }
    with pytest.raises(MalformedProviderResponse, match="before it starts"):
        google.transcribe(CLIP)
    service.answer = {"results": [{"alternatives": [{"words": [{"word": "x", "confidence": 3}]}]}]}
    with pytest.raises(MalformedProviderResponse, match="confidence"):
        google.transcribe(CLIP)


def test_a_service_that_never_answers_stops_at_the_timeout(service):
    service.answer = "hang"
    provider = GoogleSpeechProvider(
        credentials=AnonymousCredentials(),
        api_endpoint=service.url,
        transport="rest",
        timeout=0.5,
    )
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        provider.assess(CLIP, "good morning")
    assert time.monotonic() - started < 5


def test_an_unreachable_service_is_unavailable():
    provider = GoogleSpeechProvider(
        credentials=AnonymousCredentials(),
        api_endpoint="http://127.0.0.1:9",
        transport="rest",
        timeout=5,
    )
    with pytest.raises(ProviderUnavailable):
        provider.assess(CLIP, "good morning")


def test_missing_credentials_say_what_to_set(monkeypatch):
    # What google.auth.default() raises on a machine with no credentials. Patched rather
    # than provoked: the real lookup would probe the cloud metadata server's address.
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    def no_credentials(*args, **kwargs):
        raise DefaultCredentialsError("Your default credentials were not found.")

    monkeypatch.setattr(google.auth, "default", no_credentials)
    provider = GoogleSpeechProvider(transport="rest", timeout=5)
    with pytest.raises(ProviderAuthenticationFailed, match="GOOGLE_APPLICATION_CREDENTIALS"):
        provider.assess(CLIP, "good morning")


def test_bad_audio_and_empty_references_are_rejected_before_any_request(google, service):
    with pytest.raises(AudioRejected):
        google.assess(b"", "hello")
    with pytest.raises(InvalidInput, match="reference_text"):
        google.assess(CLIP, "?!")
    assert service.requests == []


def test_an_unreadable_credentials_file_is_a_settings_error(tmp_path):
    provider = GoogleSpeechProvider(credentials_file=str(tmp_path / "missing.json"), transport="rest")
    with pytest.raises(InvalidSettings, match="credentials_file"):
        provider.assess(CLIP, "good morning")


def test_bad_settings_are_typed_errors():
    with pytest.raises(InvalidSettings, match="timeout"):
        GoogleSpeechProvider(timeout=-1)
    with pytest.raises(InvalidSettings, match="transport"):
        GoogleSpeechProvider(transport="carrier-pigeon")


def test_the_plugin_registers_google_through_its_entry_point():
    provider = learncore.speech.get_provider("google", model="latest_short", timeout=4)
    assert isinstance(provider, GoogleSpeechProvider)
    assert provider.timeout == 4.0
