"""The pure-Python WAV reader: structure checks with precise reasons."""

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learncore.audio.wav import build_wav, read_wav
from learncore.errors import AudioRejected


def _wav(pcm: bytes = bytes(3200), rate: int = 16_000, channels: int = 1) -> bytes:
    return build_wav(pcm, rate, channels)


def test_header_of_a_built_file_reads_back() -> None:
    info = read_wav(_wav(bytes(64_000)))
    assert (info.channels, info.sample_rate, info.bits_per_sample) == (1, 16_000, 16)
    assert info.data_offset == 44
    assert info.duration_seconds == 2.0
    assert info.is_speech_pcm


def test_stereo_or_other_rates_are_read_but_not_speech_pcm() -> None:
    assert not read_wav(_wav(bytes(3200), rate=8_000)).is_speech_pcm
    assert not read_wav(_wav(bytes(3200), channels=2)).is_speech_pcm


def test_truncated_data_chunk_is_rejected_as_truncated() -> None:
    whole = _wav(bytes(32_000))
    with pytest.raises(AudioRejected, match=r"truncated.*promises 32000 bytes.*only 9956"):
        read_wav(whole[:10_000])


def test_file_cut_inside_the_header_is_rejected() -> None:
    with pytest.raises(AudioRejected, match="truncated"):
        read_wav(_wav()[:30])


def test_streaming_size_placeholder_uses_the_bytes_present() -> None:
    data = bytearray(_wav(bytes(1600)))
    data[40:44] = struct.pack("<I", 0xFFFFFFFF)
    assert read_wav(bytes(data)).data_length == 1600


def test_extra_chunks_before_data_are_skipped() -> None:
    plain = _wav(bytes(1600))
    extra = b"LIST" + struct.pack("<I", 5) + b"abcde\x00"  # odd size, padded to even
    data = plain[:36] + extra + plain[36:]
    info = read_wav(data)
    assert info.data_length == 1600
    assert info.data_offset == 44 + len(extra)


def test_compressed_wav_encodings_are_rejected_by_name() -> None:
    data = bytearray(_wav())
    data[20:22] = struct.pack("<H", 0x0055)  # MP3 inside WAV
    with pytest.raises(AudioRejected, match="encoding 0x0055"):
        read_wav(bytes(data))


def test_inconsistent_block_align_is_rejected() -> None:
    data = bytearray(_wav())
    data[32:34] = struct.pack("<H", 3)
    with pytest.raises(AudioRejected, match="block align"):
        read_wav(bytes(data))


@given(st.binary(max_size=120), st.integers(min_value=0, max_value=200))
def test_any_corruption_of_a_wav_gives_info_or_audio_rejected(noise: bytes, at: int) -> None:
    whole = _wav(bytes(range(256)) * 4)
    data = whole[:at] + noise + whole[at + len(noise) :]
    try:
        info = read_wav(data)
    except AudioRejected as exc:
        reason = exc.reason
    else:
        reason = "read"
        assert info.data_offset + info.data_length <= len(data)
        assert info.data_length % info.block_align == 0
    assert reason
