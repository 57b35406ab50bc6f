"""Decoding any accepted container to 16 kHz mono PCM with PyAV (FFmpeg inside its wheel).

PyAV is imported here, on first use, so ``import learncore`` never loads FFmpeg.
"""

from __future__ import annotations

import io
from typing import Any

from learncore.audio.decoded import SAMPLE_RATE
from learncore.audio.formats import AudioFormat
from learncore.errors import AudioDecoderMissing, AudioRejected

__all__ = ["decode_with_pyav"]

# FFmpeg demuxer per container, so bytes sniffed as one format are not re-probed as another.
_DEMUXERS = {
    AudioFormat.WAV: "wav",
    AudioFormat.MP3: "mp3",
    AudioFormat.M4A: "mp4",
    AudioFormat.AAC: "aac",
    AudioFormat.OGG: "ogg",
    AudioFormat.WEBM: "matroska",
    AudioFormat.FLAC: "flac",
}


def _import_av() -> Any:
    try:
        import av  # noqa: PLC0415 - heavy (FFmpeg); only loaded when audio needs decoding
    except ImportError:
        raise AudioDecoderMissing(
            "decoding this audio needs PyAV; install it with: pip install 'learncore[audio]'"
        ) from None
    return av


class _TooLongError(Exception):
    """Stops decoding once the limit is passed; never leaves this module."""


def decode_with_pyav(
    data: bytes, source_format: AudioFormat, max_seconds: float
) -> tuple[bytes, int | None, int | None]:
    """``(pcm, source_rate, source_channels)``; decoding stops just past ``max_seconds``.

    Any FFmpeg failure (corrupt stream, no audio track) becomes
    :class:`~learncore.errors.AudioRejected`; a clip longer than ``max_seconds`` too.
    """
    av = _import_av()
    label = source_format.name
    max_bytes = int(max_seconds * SAMPLE_RATE) * 2
    chunks: list[bytes] = []
    total = 0
    rate = channels = None
    try:
        with av.open(io.BytesIO(data), mode="r", format=_DEMUXERS[source_format]) as container:
            if not container.streams.audio:
                raise AudioRejected(f"the {label} file has no audio track")
            stream = container.streams.audio[0]
            rate, channels = stream.rate or None, stream.channels or None
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                for converted in resampler.resample(frame):
                    total += _append(chunks, converted)
                if total > max_bytes:
                    raise _TooLongError
            for converted in resampler.resample(None):
                total += _append(chunks, converted)
    except _TooLongError:
        raise AudioRejected(
            f"the recording is longer than {max_seconds:g} s; record a shorter clip"
        ) from None
    except av.FFmpegError as exc:
        raise _undecodable(label, exc.strerror or str(exc)) from None
    except (ValueError, EOFError, OSError) as exc:  # PyAV raises these for some broken streams
        raise _undecodable(label, str(exc)) from None
    return b"".join(chunks), rate, channels


def _undecodable(label: str, detail: str) -> AudioRejected:
    return AudioRejected(
        f"the {label} audio could not be decoded ({detail}); the file is corrupt or cut short"
    )


def _append(chunks: list[bytes], frame: Any) -> int:
    # A plane's buffer may be padded past the last sample; keep only the real samples.
    size = int(frame.samples) * 2
    chunks.append(bytes(frame.planes[0])[:size])
    return size
