"""The sphinx provider passes the speech-provider contract every provider must pass."""

from __future__ import annotations

import pytest
from learncore_sphinx import SphinxSpeechProvider
from learncore_sphinx.samples import sample

contract = pytest.importorskip(
    "learncore.testing.speech_contract", reason="the contract suite ships with learncore"
)


_SHARED: list[SphinxSpeechProvider] = []  # one provider for the class: decoders load once


class TestSphinxProvider(contract.SpeechProviderContract):  # type: ignore[name-defined,misc]
    @pytest.fixture
    def provider(self) -> SphinxSpeechProvider:
        if not _SHARED:
            _SHARED.append(SphinxSpeechProvider(pool_size=2))
        return _SHARED[0]

    @pytest.fixture
    def score_tolerance(self) -> float:
        return 0.0  # the same clip scores exactly the same on every call and decoder

    @pytest.fixture
    def good_clip(self) -> bytes:
        return sample("good_morning.wav").read_bytes()

    @pytest.fixture
    def reference_text(self) -> str:
        return "Good morning, everyone!"
