"""Fixtures: a shared provider, and speech made with espeak-ng and sox (cached per session)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from learncore_sphinx import SphinxSpeechProvider
from learncore_sphinx.synthetic import missing_tools, synthesize

Say = Callable[..., bytes]


@pytest.fixture(scope="session")
def say(tmp_path_factory: pytest.TempPathFactory) -> Say:
    """``say(text, voice="en-us", speed=150, noise=None)`` -> WAV bytes of espeak-ng speech."""
    missing = missing_tools()
    if missing:
        reason = f"needs {', '.join(missing)} (apt-get install -y espeak-ng sox)"
        if os.environ.get("LEARNCORE_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    cache: Path = tmp_path_factory.mktemp("speech")

    def speak(text: str, voice: str = "en-us", speed: int = 150, noise: float | None = None) -> bytes:
        return synthesize(text, voice, speed=speed, noise=noise, cache_dir=cache)

    return speak


@pytest.fixture(scope="session")
def provider() -> SphinxSpeechProvider:
    """One provider for the session: decoders load once and are reused, as in an app."""
    return SphinxSpeechProvider(pool_size=2)
