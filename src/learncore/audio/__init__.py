"""Audio uploads: recognise the format, enforce limits, decode to 16 kHz mono PCM.

The pure parts (format sniffing, WAV parsing, limits, loudness) need nothing beyond
the standard library. Other formats, and WAV at other rates or channel counts, are
decoded with PyAV, which is imported on first use: install ``learncore[audio]``.

>>> from learncore.audio import detect_format
>>> detect_format(b"fLaC\\x00\\x00\\x00\\x22")
<AudioFormat.FLAC: 'flac'>
"""

from __future__ import annotations

from learncore.audio.decoded import SAMPLE_RATE, DecodedAudio
from learncore.audio.formats import AudioFormat, detect_format
from learncore.audio.limits import AudioLimits
from learncore.audio.loading import load_audio

__all__ = [
    "SAMPLE_RATE",
    "AudioFormat",
    "AudioLimits",
    "DecodedAudio",
    "detect_format",
    "load_audio",
]
