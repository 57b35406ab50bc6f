"""Audio for tests: speech-like WAV clips and the bad uploads every provider must refuse.

Everything here is synthesised in pure Python, so tests need no recordings and no
codecs. The clips are not words: use them to test audio handling, not recognition.
"""

from __future__ import annotations

import math
import struct

from learncore.audio.wav import build_wav

__all__ = ["bad_audio_uploads", "silent_wav", "speech_like_wav"]


def _speech_like_pcm(seconds: float, sample_rate: int, channels: int, amplitude: float) -> bytes:
    # A 140 Hz voice-like buzz with two formant-ish partials, switched on and off four
    # times a second like syllables, so level and duration checks see something real.
    frames = round(seconds * sample_rate)
    peak = amplitude * 32767
    values = []
    for n in range(frames):
        t = n / sample_rate
        syllable = max(0.0, math.sin(2 * math.pi * 4 * t)) ** 0.5
        wave = (
            0.6 * math.sin(2 * math.pi * 140 * t)
            + 0.3 * math.sin(2 * math.pi * 700 * t)
            + 0.1 * math.sin(2 * math.pi * 1200 * t)
        )
        sample = round(peak * syllable * wave)
        values.extend([sample] * channels)
    return struct.pack(f"<{len(values)}h", *values)


def speech_like_wav(
    seconds: float = 1.0, *, sample_rate: int = 16_000, channels: int = 1, amplitude: float = 0.3
) -> bytes:
    """A 16-bit PCM WAV of a syllable-rhythm buzz, loud enough to pass the silence check."""
    pcm = _speech_like_pcm(seconds, sample_rate, channels, amplitude)
    return build_wav(pcm, sample_rate, channels)


def silent_wav(seconds: float = 1.0, *, sample_rate: int = 16_000) -> bytes:
    """A WAV of digital silence."""
    return build_wav(bytes(2 * round(seconds * sample_rate)), sample_rate)


def bad_audio_uploads() -> dict[str, bytes]:
    """Uploads that must raise :class:`~learncore.errors.AudioRejected`, by description.

    Empty, text named like audio, a truncated WAV, 60 s (too long), 11 MB (too big),
    silence, and random bytes.
    """
    one_second = _speech_like_pcm(1.0, 16_000, 1, 0.3)
    whole = speech_like_wav(2.0)
    eleven_mb = build_wav(one_second * (11 * 1024 * 1024 // len(one_second) + 1))
    return {
        "empty upload": b"",
        "text file named .wav": b"This is not audio, just a text file renamed to clip.wav\n" * 4,
        "truncated WAV": whole[: len(whole) // 3],
        "60-second clip": build_wav(one_second * 60),
        "11 MB file": eleven_mb,
        "silence": silent_wav(2.0),
        "random bytes": bytes((n * 7919 + 13) % 251 for n in range(4096)),
    }
