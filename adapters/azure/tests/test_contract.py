"""The Azure provider passes learncore's speech-provider contract, offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from learncore_azure import AzureSpeechProvider
from learncore_azure.testing import FakeRecognizer, FakeResult

from learncore.testing.audio import speech_like_wav
from learncore.testing.speech_contract import SpeechProviderContract

RECORDED = (Path(__file__).parent / "fixtures" / "correct.json").read_text(encoding="utf-8")


class TestAzureContract(SpeechProviderContract):
    @pytest.fixture
    def provider(self):
        return AzureSpeechProvider(recognize=FakeRecognizer(FakeResult(json_result=RECORDED)))

    @pytest.fixture
    def good_clip(self) -> bytes:
        return speech_like_wav(1.8)

    @pytest.fixture
    def reference_text(self) -> str:
        return "Good morning, everyone."
