"""The built-in "text" provider: a transcriber plus the text-diff scorer."""

from __future__ import annotations

import pytest

from learncore import speech
from learncore.audio import load_audio
from learncore.domain.pronunciation import TranscribedWord, Transcript
from learncore.errors import InvalidSettings, SpeechNotConfigured, UnknownSpeechProvider
from learncore.testing.audio import speech_like_wav
from learncore.testing.speech_contract import SpeechProviderContract


class FixedTranscriber:
    """Checks the audio like a real engine, then 'hears' a fixed sentence."""

    name = "fixed"

    def __init__(self, heard: str) -> None:
        self.heard = heard

    def transcribe(self, audio: bytes, language: str = "en") -> Transcript:
        decoded = load_audio(audio)
        step = int(decoded.duration_seconds * 1000) // max(len(self.heard.split()), 1)
        words = [
            TranscribedWord(word, confidence=0.97, offset_ms=i * step, duration_ms=step)
            for i, word in enumerate(self.heard.split())
        ]
        return Transcript(text=self.heard, provider=self.name, language=language, words=words)


class TestTextProviderContract(SpeechProviderContract):
    @pytest.fixture
    def provider(self):
        return speech.TextDiffProvider(FixedTranscriber("good morning everyone"))

    @pytest.fixture
    def good_clip(self) -> bytes:
        return speech_like_wav(1.5)

    @pytest.fixture
    def reference_text(self) -> str:
        return "Good morning, everyone!"


def test_text_provider_names_the_transcriber_it_wraps():
    provider = speech.TextDiffProvider(FixedTranscriber("hi"))
    assert provider.name == "text:fixed"
    result = provider.assess(speech_like_wav(1.0), "hi")
    assert result.provider == "text:fixed"
    assert result.confidence == pytest.approx(0.97)


def test_text_provider_without_a_transcriber_says_how_to_configure_one():
    provider = speech.get_provider("text")
    assert provider.name == "text"
    with pytest.raises(SpeechNotConfigured, match="transcriber"):
        provider.assess(speech_like_wav(1.0), "hello")


def test_text_provider_refuses_an_object_that_cannot_transcribe():
    with pytest.raises(InvalidSettings, match="transcribe"):
        speech.TextDiffProvider(object())  # type: ignore[arg-type]


def test_text_provider_builds_its_transcriber_by_name_through_the_plugins():
    with pytest.raises(UnknownSpeechProvider, match="'nope'"):
        speech.get_provider("text", transcriber="nope")
    with pytest.raises(InvalidSettings, match="itself"):
        speech.get_provider("text", transcriber="text")


def test_text_provider_takes_a_grading_policy_from_settings():
    provider = speech.get_provider(
        "text", transcriber=FixedTranscriber("paris"), policy={"case_sensitive": True}
    )
    assert provider.assess(speech_like_wav(1.0), "Paris").words[0].error.value == "mispronunciation"


def test_get_provider_lists_what_is_available_when_the_name_is_unknown():
    with pytest.raises(UnknownSpeechProvider) as caught:
        speech.get_provider("no-such-provider")
    assert "text" in caught.value.available
    assert "text" in speech.available_providers()


def test_locale_for_gives_cloud_recognisers_a_region():
    assert speech.locale_for("en") == "en-US"
    assert speech.locale_for("en-gb") == "en-GB"
    assert speech.locale_for("pt_br") == "pt-BR"
    assert speech.locale_for("en", {"en": "en-AU"}) == "en-AU"
    assert speech.locale_for("xx") == "xx"
