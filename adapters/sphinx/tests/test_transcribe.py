"""Transcription with the bundled language model: words, timings, confidences, errors."""

from __future__ import annotations

import pytest
from learncore_sphinx import SphinxSpeechProvider

from learncore.domain.pronunciation import Transcript
from learncore.errors import AudioRejected, ProviderUnavailable
from learncore.ports.speech import Transcriber

from .conftest import Say


def test_the_provider_offers_transcription(provider: SphinxSpeechProvider) -> None:
    assert isinstance(provider, Transcriber)


def test_a_clear_sentence_is_mostly_heard(provider: SphinxSpeechProvider, say: Say) -> None:
    # Free recognition of synthetic speech is hit and miss (see docs/speech/sphinx.md);
    # this sentence is one the bundled language model gets from this voice.
    sentence = "we are going to the beach tomorrow"
    transcript = provider.transcribe(say(sentence))
    assert isinstance(transcript, Transcript)
    assert transcript.provider == "sphinx"
    heard = transcript.text.split()
    assert len(set(heard) & set(sentence.split())) >= 5
    offsets = [w.offset_ms for w in transcript.words]
    assert offsets == sorted(offsets)
    assert all(0 <= (w.confidence or 0) <= 1 for w in transcript.words)
    assert 0 < (transcript.confidence or 0) <= 1


def test_transcribing_twice_gives_the_same_words(provider: SphinxSpeechProvider, say: Say) -> None:
    audio = say("I would like a cup of coffee please")
    assert provider.transcribe(audio) == provider.transcribe(audio)


def test_bad_audio_and_other_languages_are_typed_errors(provider: SphinxSpeechProvider, say: Say) -> None:
    with pytest.raises(AudioRejected, match="empty"):
        provider.transcribe(b"")
    with pytest.raises(ProviderUnavailable, match="'de'"):
        provider.transcribe(say("hallo"), "de")
