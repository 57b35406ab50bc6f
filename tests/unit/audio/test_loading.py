"""Limits and the pure WAV path of load_audio (16 kHz mono 16-bit needs no decoder)."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learncore.audio import AudioFormat, AudioLimits, load_audio
from learncore.audio.decoded import loudest_frame_dbfs
from learncore.errors import AudioRejected, InvalidSettings
from learncore.testing.audio import bad_audio_uploads, silent_wav, speech_like_wav


def test_speech_pcm_wav_loads_as_is() -> None:
    data = speech_like_wav(1.5)
    decoded = load_audio(data)
    assert decoded.source_format is AudioFormat.WAV
    assert decoded.sample_rate == 16_000
    assert decoded.duration_seconds == 1.5
    assert decoded.pcm == data[44:]
    assert decoded.to_wav() == data


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty upload", "empty"),
        ("text file named .wav", "text, not audio"),
        ("truncated WAV", "truncated"),
        ("60-second clip", "60.0 s long; the limit is 30 s"),
        ("11 MB file", "11.0 MB; the limit is 10.0 MB"),
        ("silence", "silent"),
        ("random bytes", "not a recognised audio file"),
    ],
)
def test_bad_uploads_are_rejected_with_the_reason(name: str, reason: str) -> None:
    with pytest.raises(AudioRejected, match=reason):
        load_audio(bad_audio_uploads()[name])


def test_quiet_hiss_counts_as_silence_but_soft_speech_does_not() -> None:
    with pytest.raises(AudioRejected, match=r"silent \(-6\d dBFS"):
        load_audio(speech_like_wav(1.0, amplitude=0.001))
    assert load_audio(speech_like_wav(1.0, amplitude=0.02)).duration_seconds == 1.0


def test_a_click_is_too_short_to_assess() -> None:
    with pytest.raises(AudioRejected, match=r"at least 0\.1 s"):
        load_audio(speech_like_wav(0.05))


def test_limits_are_configurable() -> None:
    strict = AudioLimits(max_bytes=100_000, max_seconds=2.0)
    with pytest.raises(AudioRejected, match=r"2\.5 s long; the limit is 2 s"):
        load_audio(speech_like_wav(2.5), strict)
    with pytest.raises(AudioRejected, match=r"125\.0 KB; the limit is 97\.7 KB"):
        load_audio(speech_like_wav(4.0), strict)


@pytest.mark.parametrize(
    "kwargs",
    [{"max_bytes": 0}, {"max_seconds": -1}, {"silence_dbfs": 3}, {"min_seconds": 40.0}],
)
def test_nonsense_limits_are_invalid_settings(kwargs: dict[str, float]) -> None:
    with pytest.raises(InvalidSettings, match="AudioLimits"):
        AudioLimits(**kwargs)  # type: ignore[arg-type]


def test_loudness_is_measured_in_dbfs() -> None:
    assert loudest_frame_dbfs(bytes(3200)) == float("-inf")
    full_square = b"\xff\x7f\x01\x80" * 800
    assert loudest_frame_dbfs(full_square) == pytest.approx(0.0, abs=0.01)
    assert loudest_frame_dbfs(silent_wav(0.5)[44:]) == float("-inf")


def test_importing_learncore_audio_does_not_load_pyav() -> None:
    code = "import sys, learncore, learncore.audio; print('av' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=60)
@given(st.binary(min_size=0, max_size=300))
def test_arbitrary_wav_headed_bytes_never_crash(body: bytes) -> None:
    data = b"RIFF\x00\x00\x00\x00WAVE" + body
    try:
        outcome: object = load_audio(data).duration_seconds
    except AudioRejected as exc:
        outcome = exc.reason
    assert outcome
