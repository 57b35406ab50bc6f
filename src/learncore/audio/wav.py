"""A strict RIFF/WAVE reader in pure Python.

WAV is the one format small enough to check by hand, so truncation and lying
headers are caught here with a precise reason, before any decoder sees the bytes.
16 kHz mono 16-bit PCM (what most speech recorders send) needs no decoder at all.
"""

from __future__ import annotations

import struct

import attrs

from learncore.errors import AudioRejected

__all__ = ["WavInfo", "build_wav", "read_wav"]

_PCM = 1
_IEEE_FLOAT = 3
_EXTENSIBLE = 0xFFFE
_UNKNOWN_SIZES = (0, 0xFFFFFFFF)  # streaming writers leave the size unset
_MIN_FMT_LENGTH = 16


@attrs.frozen
class WavInfo:
    """What a WAV header says, and where its samples are."""

    encoding: int  # 1 = integer PCM, 3 = IEEE float
    channels: int
    sample_rate: int
    bits_per_sample: int
    block_align: int
    data_offset: int
    data_length: int

    @property
    def frames(self) -> int:
        """Samples per channel."""
        return self.data_length // self.block_align

    @property
    def duration_seconds(self) -> float:
        """Length of the audio."""
        return self.frames / self.sample_rate

    @property
    def is_speech_pcm(self) -> bool:
        """True for 16 kHz mono 16-bit integer PCM, the form speech engines take as is."""
        return (
            self.encoding == _PCM
            and self.channels == 1
            and self.sample_rate == 16_000
            and self.bits_per_sample == 16
        )


def _truncated(detail: str) -> AudioRejected:
    return AudioRejected(f"the WAV file is truncated: {detail}; upload the whole recording")


def _parse_fmt(body: bytes) -> tuple[int, int, int, int, int]:
    if len(body) < _MIN_FMT_LENGTH:
        raise AudioRejected("the WAV 'fmt ' chunk is too short to describe the audio")
    encoding, channels, rate, _byte_rate, block_align, bits = struct.unpack_from("<HHIIHH", body)
    if encoding == _EXTENSIBLE and len(body) >= 26:
        encoding = struct.unpack_from("<H", body, 24)[0]  # first two bytes of the sub-format GUID
    if encoding not in (_PCM, _IEEE_FLOAT):
        raise AudioRejected(
            f"the WAV file uses encoding {encoding:#06x}; only PCM and float WAV are accepted"
        )
    if not 1 <= channels <= 8:
        raise AudioRejected(f"the WAV header says {channels} channels; expected 1 to 8")
    if not 1_000 <= rate <= 384_000:
        raise AudioRejected(f"the WAV header says {rate} Hz; expected 1 kHz to 384 kHz")
    valid_bits = {_PCM: (8, 16, 24, 32), _IEEE_FLOAT: (32, 64)}[encoding]
    if bits not in valid_bits:
        raise AudioRejected(f"the WAV file has {bits}-bit samples; expected one of {valid_bits}")
    if block_align != channels * bits // 8:
        raise AudioRejected(
            f"the WAV header is inconsistent: block align {block_align} for {channels} "
            f"channels of {bits} bits"
        )
    return encoding, channels, rate, bits, block_align


def read_wav(data: bytes) -> WavInfo:
    """Check a RIFF/WAVE file's structure and locate its samples.

    Raises :class:`~learncore.errors.AudioRejected` for a truncated file, a missing or
    malformed ``fmt `` chunk, no ``data`` chunk, or an encoding other than PCM/float.
    """
    if len(data) < 12 or data[8:12] != b"WAVE":
        raise AudioRejected("not a WAV file (no RIFF/WAVE header)")
    # The RIFF size is not checked: writers get it wrong, and only the samples matter.
    fmt: tuple[int, int, int, int, int] | None = None
    offset = 12
    while offset + 8 <= len(data):
        chunk_id = data[offset : offset + 4]
        chunk_size = struct.unpack_from("<I", data, offset + 4)[0]
        body_offset = offset + 8
        if chunk_id == b"fmt ":
            if body_offset + chunk_size > len(data):
                raise _truncated("the 'fmt ' chunk is cut short")
            fmt = _parse_fmt(data[body_offset : body_offset + chunk_size])
        elif chunk_id == b"data":
            if fmt is None:
                raise AudioRejected("the WAV file has its 'data' chunk before its 'fmt ' chunk")
            encoding, channels, rate, bits, block_align = fmt
            available = len(data) - body_offset
            if chunk_size in _UNKNOWN_SIZES:
                chunk_size = available
            elif chunk_size > available:
                raise _truncated(
                    f"the header promises {chunk_size} bytes of samples but only {available} "
                    "arrived"
                )
            length = chunk_size - chunk_size % block_align
            return WavInfo(encoding, channels, rate, bits, block_align, body_offset, length)
        offset = body_offset + chunk_size + (chunk_size & 1)  # chunks are padded to even sizes
    if fmt is None:
        raise _truncated("no 'fmt ' chunk describes the samples")
    raise _truncated("no 'data' chunk holds the samples")


def build_wav(pcm: bytes, sample_rate: int = 16_000, channels: int = 1) -> bytes:
    """A minimal 16-bit PCM WAV file around ``pcm`` (for services that want a file)."""
    block_align = channels * 2
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + len(pcm),
        b"WAVE",
        b"fmt ",
        16,
        _PCM,
        channels,
        sample_rate,
        sample_rate * block_align,
        block_align,
        16,
        b"data",
        len(pcm),
    )
    return header + pcm
