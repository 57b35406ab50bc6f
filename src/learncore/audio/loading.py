"""``load_audio``: from an upload's raw bytes to checked, engine-ready PCM."""

from __future__ import annotations

import math

from learncore.audio.decoded import SAMPLE_RATE, DecodedAudio, loudest_frame_dbfs
from learncore.audio.formats import AudioFormat, detect_format
from learncore.audio.limits import AudioLimits
from learncore.audio.wav import read_wav
from learncore.errors import AudioRejected

__all__ = ["load_audio"]

_DEFAULT_LIMITS = AudioLimits()


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"


def load_audio(data: bytes, limits: AudioLimits | None = None) -> DecodedAudio:
    """Check an upload and convert it to 16 kHz mono 16-bit PCM.

    The format comes from the bytes (see :func:`detect_format`). Any sample rate and
    channel count is resampled and down-mixed. Raises
    :class:`~learncore.errors.AudioRejected`, with the reason, for an empty, oversized,
    unrecognised, truncated, undecodable, too long, too short or silent upload, and
    :class:`~learncore.errors.AudioDecoderMissing` when the upload needs PyAV but it
    is not installed (a 16 kHz mono 16-bit WAV never does).

    >>> from learncore.audio.wav import build_wav
    >>> tone = bytes([0, 16, 0, 240]) * 8000  # 1 s of a loud square wave
    >>> load_audio(build_wav(tone)).duration_seconds
    1.0
    """
    limits = limits or _DEFAULT_LIMITS
    if not isinstance(data, bytes | bytearray | memoryview):
        raise AudioRejected(f"audio must be bytes, got {type(data).__name__}")
    data = bytes(data)
    if not data:
        raise AudioRejected("the upload is empty (0 bytes); record again and send the file")
    if len(data) > limits.max_bytes:
        raise AudioRejected(
            f"the upload is {_size(len(data))}; the limit is {_size(limits.max_bytes)}"
        )
    source_format = detect_format(data)
    if source_format is AudioFormat.WAV:
        decoded = _load_wav(data, limits)
    else:
        from learncore.audio.pyav import decode_with_pyav  # noqa: PLC0415 - keeps av unloaded

        pcm, rate, channels = decode_with_pyav(data, source_format, limits.max_seconds)
        decoded = DecodedAudio(pcm, source_format, SAMPLE_RATE, rate, channels)
    _check_decoded(decoded, limits)
    return decoded


def _too_long(seconds: float, limits: AudioLimits) -> AudioRejected:
    return AudioRejected(
        f"the recording is {seconds:.1f} s long; the limit is {limits.max_seconds:g} s"
    )


def _load_wav(data: bytes, limits: AudioLimits) -> DecodedAudio:
    info = read_wav(data)
    if info.duration_seconds > limits.max_seconds:
        raise _too_long(info.duration_seconds, limits)  # known from the header: skip decoding
    if info.is_speech_pcm:
        pcm = data[info.data_offset : info.data_offset + info.data_length]
        return DecodedAudio(pcm, AudioFormat.WAV, SAMPLE_RATE, info.sample_rate, info.channels)
    from learncore.audio.pyav import decode_with_pyav  # noqa: PLC0415 - keeps av unloaded

    pcm, _, _ = decode_with_pyav(data, AudioFormat.WAV, limits.max_seconds)
    return DecodedAudio(pcm, AudioFormat.WAV, SAMPLE_RATE, info.sample_rate, info.channels)


def _check_decoded(decoded: DecodedAudio, limits: AudioLimits) -> None:
    seconds = decoded.duration_seconds
    if seconds > limits.max_seconds:
        raise _too_long(seconds, limits)
    if seconds < limits.min_seconds:
        raise AudioRejected(
            f"the recording is {seconds:.2f} s long; at least {limits.min_seconds:g} s is needed"
        )
    level = loudest_frame_dbfs(decoded.pcm)
    if level < limits.silence_dbfs:
        shown = "digital silence" if math.isinf(level) else f"{level:.0f} dBFS at its loudest"
        raise AudioRejected(
            f"the recording is silent ({shown}; speech should reach {limits.silence_dbfs:g} "
            "dBFS); check the microphone"
        )
