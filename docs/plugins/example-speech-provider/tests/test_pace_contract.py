"""Step 4 of the guide: run learncore's speech-provider contract against the plugin."""

from __future__ import annotations

import pytest
from learncore_example_pace import PaceProvider

from learncore.testing.audio import speech_like_wav
from learncore.testing.speech_contract import SpeechProviderContract


class TestPaceProvider(SpeechProviderContract):
    @pytest.fixture
    def provider(self):
        return PaceProvider(words_per_minute=150)

    @pytest.fixture
    def good_clip(self) -> bytes:
        return speech_like_wav(1.5)  # three words at 150 wpm take 1.2 s

    @pytest.fixture
    def reference_text(self) -> str:
        return "Good morning, everyone."


def test_reading_far_too_fast_scores_low():
    result = PaceProvider().assess(speech_like_wav(0.3), "one two three four five six seven eight")
    assert result.pronunciation < 20
