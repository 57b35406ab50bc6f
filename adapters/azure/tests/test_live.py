"""Against the real Azure service: runs only when AZURE_SPEECH_KEY and _REGION are set."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from learncore_azure import AzureSpeechProvider

pytestmark = pytest.mark.skipif(
    not (os.environ.get("AZURE_SPEECH_KEY") and os.environ.get("AZURE_SPEECH_REGION")),
    reason="live Azure test: set AZURE_SPEECH_KEY and AZURE_SPEECH_REGION to run it",
)


def _spoken(text: str, tmp_path) -> bytes:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is needed to synthesise the live test's speech")
    path = tmp_path / "clip.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "140", "-w", str(path), text], check=True)
    return path.read_bytes()


def test_live_assessment_of_a_clear_read(tmp_path):
    provider = AzureSpeechProvider(timeout=30)
    result = provider.assess(_spoken("Good morning everyone", tmp_path), "Good morning everyone")
    assert result.provider == "azure"
    assert result.completeness > 50
    assert [w.word.lower() for w in result.words][:3] == ["good", "morning", "everyone"]
