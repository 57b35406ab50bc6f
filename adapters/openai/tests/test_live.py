"""Against the real OpenAI API: runs only when OPENAI_API_KEY and _TRANSCRIPTION_MODEL are set."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from learncore_openai import OpenAISpeechProvider

pytestmark = pytest.mark.skipif(
    not (os.environ.get("OPENAI_API_KEY") and os.environ.get("OPENAI_TRANSCRIPTION_MODEL")),
    reason="live OpenAI test: set OPENAI_API_KEY and OPENAI_TRANSCRIPTION_MODEL to run it",
)


def test_live_transcription_scores_a_clear_read(tmp_path):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is needed to synthesise the live test's speech")
    path = tmp_path / "clip.wav"
    command = ["espeak-ng", "-v", "en-us", "-s", "140", "-w", str(path), "Good morning everyone"]
    subprocess.run(command, check=True)
    result = OpenAISpeechProvider(timeout=60).assess(path.read_bytes(), "Good morning everyone")
    assert result.provider == "openai"
    assert result.completeness > 50
