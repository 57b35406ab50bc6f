"""Recognising an audio upload's container from its first bytes.

The file name and the client's content type are both under the uploader's control
and are often wrong (a phone saves AAC as ``.wav``), so only the bytes count.
"""

from __future__ import annotations

import enum

from learncore.errors import AudioRejected

__all__ = ["AudioFormat", "detect_format"]


class AudioFormat(enum.StrEnum):
    """A container learncore accepts for audio uploads."""

    WAV = "wav"
    MP3 = "mp3"
    M4A = "m4a"  # MP4/ISO-BMFF, usually AAC inside
    AAC = "aac"  # raw ADTS stream
    OGG = "ogg"  # Ogg with Opus or Vorbis
    WEBM = "webm"  # WebM/Matroska, usually Opus inside (browser MediaRecorder)
    FLAC = "flac"

    @property
    def extension(self) -> str:
        """A file-name extension (without the dot) that services keyed on names accept."""
        return self.value

    @property
    def mime_type(self) -> str:
        """The usual media type of this container."""
        return _MIME_TYPES[self]


_MIME_TYPES = {
    AudioFormat.WAV: "audio/wav",
    AudioFormat.MP3: "audio/mpeg",
    AudioFormat.M4A: "audio/mp4",
    AudioFormat.AAC: "audio/aac",
    AudioFormat.OGG: "audio/ogg",
    AudioFormat.WEBM: "audio/webm",
    AudioFormat.FLAC: "audio/flac",
}

_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_ID3_HEADER_LENGTH = 10


def _skip_id3(data: bytes) -> int:
    """Offset just past a leading ID3v2 tag (MP3, and sometimes AAC or FLAC, carry one)."""
    if len(data) < _ID3_HEADER_LENGTH or not data.startswith(b"ID3"):
        return 0
    size_bytes = data[6:10]
    if any(byte & 0x80 for byte in size_bytes):  # a synchsafe integer never sets the top bits
        return 0
    size = 0
    for byte in size_bytes:
        size = (size << 7) | byte
    has_footer = bool(data[5] & 0x10)
    return _ID3_HEADER_LENGTH + size + (_ID3_HEADER_LENGTH if has_footer else 0)


def _frame_sync_format(data: bytes, offset: int) -> AudioFormat | None:
    """MP3 or ADTS AAC from an MPEG audio frame header at ``offset``, if there is one."""
    header = data[offset : offset + 4]
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    layer = (header[1] >> 1) & 0b11
    if header[1] & 0xF6 == 0xF0:  # 12-bit sync, layer 00: ADTS
        sampling_index = (header[2] >> 2) & 0x0F
        return AudioFormat.AAC if sampling_index < 13 else None
    version = (header[1] >> 3) & 0b11
    bitrate_index = header[2] >> 4
    sampling_index = (header[2] >> 2) & 0b11
    if layer == 0 or version == 1 or bitrate_index == 0x0F or sampling_index == 0b11:
        return None  # reserved values: random bytes, not an MPEG audio frame
    return AudioFormat.MP3


def _container_format(data: bytes) -> AudioFormat | None:
    """Formats with a fixed signature at the start of the file."""
    if len(data) < 12:
        return None
    if data[:4] in (b"RIFF", b"RF64", b"BW64") and data[8:12] == b"WAVE":
        return AudioFormat.WAV
    if data[4:8] == b"ftyp":
        return AudioFormat.M4A
    if data.startswith(_EBML_MAGIC):
        head = data[:64]
        return AudioFormat.WEBM if b"webm" in head or b"matroska" in head else None
    return None


def _sniff(data: bytes) -> AudioFormat | None:
    found = _container_format(data)
    if found is not None:
        return found
    if data.startswith(b"OggS"):
        return AudioFormat.OGG
    if data.startswith(b"fLaC"):
        return AudioFormat.FLAC
    offset = _skip_id3(data)
    if offset and data[offset : offset + 4] == b"fLaC":
        return AudioFormat.FLAC
    found = _frame_sync_format(data, offset)
    if found is None and offset:
        return AudioFormat.MP3  # an ID3 tag with padding or junk after it is still an MP3 file
    return found


def detect_format(data: bytes) -> AudioFormat:
    """The container of ``data``, judged from its magic bytes alone.

    Raises :class:`~learncore.errors.AudioRejected` when the bytes are empty or are not
    one of WAV, MP3, M4A/AAC, OGG, WebM or FLAC.

    >>> detect_format(b"RIFF\\x24\\x00\\x00\\x00WAVEfmt ")
    <AudioFormat.WAV: 'wav'>
    """
    if not data:
        raise AudioRejected("the upload is empty (0 bytes); record again and send the file")
    found = _sniff(bytes(data[:4096]))
    if found is None:
        looks_like_text = all(32 <= b < 127 or b in b"\t\r\n" for b in data[:256])
        what = "text, not audio" if looks_like_text else "not a recognised audio file"
        raise AudioRejected(
            f"the upload is {what}; send WAV, MP3, M4A/AAC, OGG/Opus, WebM/Opus or FLAC "
            "(the format is read from the bytes, not the file name)"
        )
    return found
