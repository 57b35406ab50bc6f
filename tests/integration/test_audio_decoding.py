"""PyAV decoding: every accepted container, any rate or channel count, to 16 kHz mono PCM."""

from __future__ import annotations

import io
import math
import struct
from fractions import Fraction

import pytest

from learncore.audio import AudioFormat, load_audio
from learncore.audio.decoded import loudest_frame_dbfs
from learncore.errors import AudioRejected

av = pytest.importorskip("av", reason="PyAV is the 'audio' extra: pip install 'learncore[audio]'")

# (container for PyAV, codec, sample rate, sample format)
ENCODINGS = {
    AudioFormat.WAV: ("wav", "pcm_s16le", 48_000, "s16"),
    AudioFormat.MP3: ("mp3", "libmp3lame", 44_100, "s16p"),
    AudioFormat.M4A: ("ipod", "aac", 44_100, "fltp"),
    AudioFormat.AAC: ("adts", "aac", 22_050, "fltp"),
    AudioFormat.OGG: ("ogg", "libopus", 48_000, "s16"),
    AudioFormat.WEBM: ("webm", "libopus", 48_000, "s16"),
    AudioFormat.FLAC: ("flac", "flac", 32_000, "s16"),
}


def _tone_pcm(seconds: float, rate: int, channels: int, silent: bool) -> bytes:
    frames = round(seconds * rate)
    if silent:
        return bytes(2 * frames * channels)
    values = []
    for n in range(frames):
        envelope = max(0.0, math.sin(2 * math.pi * 3 * n / rate))
        values += [round(13000 * math.sin(2 * math.pi * 220 * n / rate) * envelope)] * channels
    return struct.pack(f"<{len(values)}h", *values)


def encode(  # noqa: PLR0917 - mirrors the ENCODINGS rows, read positionally
    seconds: float,
    container: str,
    codec: str,
    rate: int,
    sample_format: str,
    channels: int = 1,
    *,
    silent: bool = False,
) -> bytes:
    """A tone encoded with PyAV's bundled FFmpeg, as a client would upload it."""
    layout = "mono" if channels == 1 else "stereo"
    pcm = _tone_pcm(seconds, rate, channels, silent)
    frame = av.AudioFrame(format="s16", layout=layout, samples=len(pcm) // (2 * channels))
    frame.planes[0].update(pcm)
    frame.sample_rate = rate
    frame.time_base = Fraction(1, rate)
    frame.pts = 0
    out = io.BytesIO()
    with av.open(out, mode="w", format=container) as muxer:
        stream = muxer.add_stream(codec, rate=rate, layout=layout)
        to_codec = av.AudioResampler(format=sample_format, layout=layout, rate=rate)
        for converted in to_codec.resample(frame):
            muxer.mux(stream.encode(converted))
        muxer.mux(stream.encode(None))
    return out.getvalue()


@pytest.mark.parametrize("fmt", list(ENCODINGS), ids=[f.value for f in ENCODINGS])
def test_each_container_decodes_to_16k_mono_pcm_of_the_same_length(fmt: AudioFormat) -> None:
    data = encode(2.0, *ENCODINGS[fmt])
    decoded = load_audio(data)
    assert decoded.source_format is fmt
    assert decoded.sample_rate == 16_000
    # lossy codecs add a little priming or padding, never more than a tenth of a second
    assert decoded.duration_seconds == pytest.approx(2.0, abs=0.1)
    assert len(decoded.pcm) % 2 == 0


@pytest.mark.parametrize(("rate", "channels"), [(8_000, 1), (48_000, 1), (44_100, 2), (16_000, 2)])
def test_other_rates_and_stereo_are_resampled_not_rejected(rate: int, channels: int) -> None:
    data = encode(1.0, "wav", "pcm_s16le", rate, "s16", channels)
    decoded = load_audio(data)
    assert decoded.source_sample_rate == rate
    assert decoded.source_channels == channels
    assert decoded.duration_seconds == pytest.approx(1.0, abs=0.01)


def test_float_wav_is_decoded() -> None:
    data = encode(1.0, "wav", "pcm_f32le", 24_000, "flt")
    assert load_audio(data).duration_seconds == pytest.approx(1.0, abs=0.01)


def test_resampled_tone_keeps_its_level() -> None:
    original = encode(1.0, "wav", "pcm_s16le", 16_000, "s16")
    resampled = encode(1.0, "wav", "pcm_s16le", 44_100, "s16", channels=2)
    level = loudest_frame_dbfs(load_audio(original).pcm)
    assert loudest_frame_dbfs(load_audio(resampled).pcm) == pytest.approx(level, abs=1.0)


def test_a_60_second_mp3_is_rejected_as_too_long() -> None:
    data = encode(60.0, "mp3", "libmp3lame", 16_000, "s16p")
    with pytest.raises(AudioRejected, match="longer than 30 s"):
        load_audio(data)


def test_a_silent_ogg_is_rejected_as_silent() -> None:
    data = encode(1.0, "ogg", "libopus", 48_000, "s16", silent=True)
    with pytest.raises(AudioRejected, match="silent"):
        load_audio(data)


def test_a_corrupt_mp3_is_rejected_not_crashed() -> None:
    data = encode(2.0, "mp3", "libmp3lame", 44_100, "s16p")
    garbled = data[:200] + bytes((b * 31 + 7) % 256 for b in data[200:])
    with pytest.raises(AudioRejected):
        load_audio(garbled)


def test_an_m4a_cut_in_half_is_rejected() -> None:
    data = encode(2.0, *ENCODINGS[AudioFormat.M4A])
    with pytest.raises(AudioRejected, match="M4A"):
        load_audio(data[: len(data) // 2])


def test_a_truncated_flac_still_decodes_what_arrived_or_is_rejected() -> None:
    data = encode(3.0, "flac", "flac", 16_000, "s16")
    try:
        decoded = load_audio(data[: len(data) // 2])
    except AudioRejected as exc:
        reason = exc.reason
    else:
        reason = f"decoded {decoded.duration_seconds} s"
        assert 0.5 < decoded.duration_seconds < 3.0
    assert "FLAC" in reason or reason.startswith("decoded")
