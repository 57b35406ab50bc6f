"""Wrapping decoded PCM in a WAV container for services that want a file."""

from __future__ import annotations

import io
import wave

__all__ = ["pcm16_wav"]


def pcm16_wav(pcm: bytes, sample_rate: int = 16_000, channels: int = 1) -> bytes:
    """A WAV file holding 16-bit little-endian ``pcm`` (what ``load_audio`` produces)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(2)
        writer.setframerate(sample_rate)
        writer.writeframes(pcm)
    return buffer.getvalue()
