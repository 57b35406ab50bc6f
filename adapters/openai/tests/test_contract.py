"""The OpenAI provider passes learncore's speech-provider contract against the local endpoint."""

from __future__ import annotations

import pytest

from learncore.testing.audio import speech_like_wav
from learncore.testing.speech_contract import SpeechProviderContract


class TestOpenAIContract(SpeechProviderContract):
    @pytest.fixture
    def provider(self, openai_provider):
        return openai_provider

    @pytest.fixture
    def good_clip(self) -> bytes:
        return speech_like_wav(1.8)

    @pytest.fixture
    def reference_text(self) -> str:
        return "Good morning, everyone."
