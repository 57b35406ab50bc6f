"""Decoded speech: 16 kHz mono 16-bit PCM, the form every speech engine here consumes."""

from __future__ import annotations

import math
import operator
import sys
from array import array

import attrs

from learncore.audio.formats import AudioFormat
from learncore.audio.wav import build_wav

__all__ = ["SAMPLE_RATE", "DecodedAudio", "loudest_frame_dbfs", "samples_of"]

SAMPLE_RATE = 16_000
_FRAME = SAMPLE_RATE * 30 // 1000  # 30 ms: shorter than a syllable, longer than a click
_FULL_SCALE = 32768.0


def samples_of(pcm: bytes) -> array[int]:
    """``pcm`` (little-endian 16-bit) as an array of ints."""
    samples = array("h", pcm[: len(pcm) - len(pcm) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def loudest_frame_dbfs(pcm: bytes) -> float:
    """The RMS level of the loudest 30 ms of ``pcm``, in dB below full scale (-inf for zeros)."""
    samples = samples_of(pcm)
    loudest = 0
    for start in range(0, len(samples), _FRAME):
        frame = samples[start : start + _FRAME]
        if len(frame) < _FRAME // 2 and start:
            break  # a sliver at the end says nothing about loudness
        energy = sum(map(operator.mul, frame, frame)) / len(frame)
        loudest = max(loudest, energy)
    if loudest == 0:
        return -math.inf
    return 10 * math.log10(loudest) - 20 * math.log10(_FULL_SCALE)


@attrs.frozen
class DecodedAudio:
    """Speech ready for an engine: 16 kHz, mono, signed 16-bit little-endian PCM.

    ``source_format``, ``source_sample_rate`` and ``source_channels`` describe the upload
    before conversion.
    """

    pcm: bytes = attrs.field(repr=lambda pcm: f"<{len(pcm)} bytes>")
    source_format: AudioFormat
    sample_rate: int = SAMPLE_RATE
    source_sample_rate: int | None = None
    source_channels: int | None = None

    @property
    def frames(self) -> int:
        """Number of samples."""
        return len(self.pcm) // 2

    @property
    def duration_seconds(self) -> float:
        """Length of the audio."""
        return self.frames / self.sample_rate

    def samples(self) -> array[int]:
        """The samples as an ``array('h')``."""
        return samples_of(self.pcm)

    def to_wav(self) -> bytes:
        """The audio as a 16-bit PCM WAV file, for services that want a file upload."""
        return build_wav(self.pcm, self.sample_rate)
