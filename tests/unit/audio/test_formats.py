"""The upload's format comes from its magic bytes, never its name."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learncore.audio import AudioFormat, detect_format
from learncore.errors import AudioRejected

MAGIC = {
    AudioFormat.WAV: b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00",
    AudioFormat.MP3: b"\xff\xfb\x90\x64" + bytes(32),
    AudioFormat.AAC: b"\xff\xf1\x50\x80" + bytes(32),
    AudioFormat.M4A: b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00",
    AudioFormat.OGG: b"OggS\x00\x02" + bytes(20) + b"OpusHead",
    AudioFormat.WEBM: b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm",
    AudioFormat.FLAC: b"fLaC\x00\x00\x00\x22",
}


@pytest.mark.parametrize(("expected", "head"), list(MAGIC.items()), ids=[f.value for f in MAGIC])
def test_each_accepted_container_is_recognised_from_its_magic_bytes(
    expected: AudioFormat, head: bytes
) -> None:
    assert detect_format(head) is expected


def test_mp3_with_id3_tag_is_recognised_past_the_tag() -> None:
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + bytes(10)
    assert detect_format(tag + b"\xff\xfb\x90\x64" + bytes(16)) is AudioFormat.MP3


def test_flac_behind_an_id3_tag_is_still_flac() -> None:
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x04" + bytes(4)
    assert detect_format(tag + b"fLaC\x00\x00\x00\x22") is AudioFormat.FLAC


def test_empty_upload_is_rejected_as_empty() -> None:
    with pytest.raises(AudioRejected, match="empty"):
        detect_format(b"")


def test_text_file_renamed_wav_is_rejected_as_text() -> None:
    with pytest.raises(AudioRejected, match="text, not audio"):
        detect_format(b"hello, this was saved as clip.wav\n")


def test_unknown_binary_is_rejected_listing_the_accepted_formats() -> None:
    with pytest.raises(AudioRejected, match="WAV, MP3, M4A/AAC, OGG/Opus, WebM/Opus or FLAC"):
        detect_format(b"\x00\x01\x02\x03" * 20)


def test_formats_offer_an_extension_and_a_media_type() -> None:
    assert AudioFormat.MP3.extension == "mp3"
    assert AudioFormat.MP3.mime_type == "audio/mpeg"
    assert all(f.mime_type.startswith("audio/") for f in AudioFormat)


@given(st.binary(max_size=200))
def test_any_bytes_give_a_format_or_audio_rejected(data: bytes) -> None:
    try:
        found: object = detect_format(data)
    except AudioRejected as exc:
        found = exc
    assert isinstance(found, AudioFormat) or found.reason  # type: ignore[attr-defined]
