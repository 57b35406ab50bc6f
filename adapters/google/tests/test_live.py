"""Against the real Speech-to-Text API: runs only when GOOGLE_APPLICATION_CREDENTIALS is set."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from learncore_google import GoogleSpeechProvider

pytestmark = pytest.mark.skipif(
    not os.environ.get("GOOGLE_APPLICATION_CREDENTIALS"),
    reason="live Google test: set GOOGLE_APPLICATION_CREDENTIALS to run it",
)


def test_live_transcription_scores_a_clear_read(tmp_path):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is needed to synthesise the live test's speech")
    path = tmp_path / "clip.wav"
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", "140", "-w", str(path), "Good morning everyone"],
        check=True,
    )
    result = GoogleSpeechProvider(timeout=30).assess(path.read_bytes(), "Good morning everyone")
    assert result.provider == "google"
    assert result.completeness > 50
