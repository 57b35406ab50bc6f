"""The contract every speech provider must pass, as a pytest base class.

Subclass it in your plugin's tests and provide three fixtures::

    from learncore.testing.speech_contract import SpeechProviderContract

    class TestMyProvider(SpeechProviderContract):
        @pytest.fixture
        def provider(self):
            return MyProvider(api_key="test")  # offline: point it at a fake service

        @pytest.fixture
        def good_clip(self) -> bytes:
            return Path("tests/clips/good_morning.wav").read_bytes()

        @pytest.fixture
        def reference_text(self) -> str:
            return "Good morning"

Optional fixtures: ``language`` (default ``"en"``), ``good_clip_min_pronunciation``
(default 60: a good clip must pass the default grading policy), ``score_tolerance``
(default 1.0: how far scores may drift between calls of the same clip) and ``bad_clips``
(default :func:`learncore.testing.audio.bad_audio_uploads`). Needs the ``testing``
extra (pytest).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import pytest

from learncore.domain.grading.normalise import normalise_text
from learncore.domain.pronunciation import PronunciationAssessment, Transcript, WordError
from learncore.errors import AudioRejected, InvalidInput
from learncore.testing.audio import bad_audio_uploads

__all__ = ["SpeechProviderContract"]

_BAD_CLIPS = tuple(bad_audio_uploads())
_SCORES = ("pronunciation", "accuracy", "fluency", "completeness")


def _scores(result: PronunciationAssessment) -> tuple[float, ...]:
    return (
        *(getattr(result, score) for score in _SCORES),
        *(w.accuracy for w in result.words),
    )


def _labels(result: PronunciationAssessment) -> tuple[tuple[str, WordError], ...]:
    return tuple((w.word, w.error) for w in result.words)


class SpeechProviderContract:
    """Result ranges, word coverage, typed errors on bad audio and thread safety."""

    # --- fixtures the subclass must define -------------------------------------

    @pytest.fixture
    def provider(self) -> Any:
        """The provider under test."""
        raise NotImplementedError("define a `provider` fixture in your contract subclass")

    @pytest.fixture
    def good_clip(self) -> bytes:
        """A recording of ``reference_text`` read well."""
        raise NotImplementedError("define a `good_clip` fixture in your contract subclass")

    @pytest.fixture
    def reference_text(self) -> str:
        """What ``good_clip`` says."""
        raise NotImplementedError("define a `reference_text` fixture in your contract subclass")

    @pytest.fixture
    def language(self) -> str:
        """The language of the clip and reference."""
        return "en"

    @pytest.fixture
    def good_clip_min_pronunciation(self) -> float:
        """The least overall score a good read may get."""
        return 60.0

    @pytest.fixture
    def score_tolerance(self) -> float:
        """How far scores of the same clip may drift between calls (decoder adaptation)."""
        return 1.0

    @pytest.fixture
    def bad_clips(self) -> Mapping[str, bytes]:
        """Uploads the provider must refuse with AudioRejected, by description."""
        return bad_audio_uploads()

    # --- the contract ------------------------------------------------------------

    def test_provider_has_a_name(self, provider: Any) -> None:
        assert isinstance(provider.name, str)
        assert provider.name.strip()

    def test_assess_returns_scores_from_0_to_100(
        self, provider: Any, good_clip: bytes, reference_text: str, language: str
    ) -> None:
        result = provider.assess(good_clip, reference_text, language)
        assert isinstance(result, PronunciationAssessment)
        for score in _SCORES:
            value = getattr(result, score)
            assert 0.0 <= value <= 100.0, f"{score} = {value}"
        if result.prosody is not None:
            assert 0.0 <= result.prosody <= 100.0
        for word in result.words:
            assert 0.0 <= word.accuracy <= 100.0, f"{word.word}: {word.accuracy}"

    def test_the_result_names_the_provider_that_answered(
        self, provider: Any, good_clip: bytes, reference_text: str, language: str
    ) -> None:
        assert provider.assess(good_clip, reference_text, language).provider == provider.name

    def test_every_reference_word_is_assessed_once_in_order(
        self, provider: Any, good_clip: bytes, reference_text: str, language: str
    ) -> None:
        result = provider.assess(good_clip, reference_text, language)
        expected = [
            key for key in (normalise_text(w, language=language) for w in reference_text.split()) if key
        ]
        assessed = [
            normalise_text(w.word, language=language)
            for w in result.words
            if w.error is not WordError.INSERTION
        ]
        assert assessed == expected

    def test_a_good_clip_passes(
        self,
        provider: Any,
        good_clip: bytes,
        reference_text: str,
        language: str,
        good_clip_min_pronunciation: float,
    ) -> None:
        result = provider.assess(good_clip, reference_text, language)
        assert result.pronunciation >= good_clip_min_pronunciation, result

    @pytest.mark.parametrize("kind", _BAD_CLIPS)
    def test_bad_audio_is_rejected_with_a_reason(
        self,
        provider: Any,
        bad_clips: Mapping[str, bytes],
        reference_text: str,
        language: str,
        kind: str,
    ) -> None:
        if kind not in bad_clips:
            pytest.skip(f"{kind!r} is not in this provider's bad_clips")
        with pytest.raises(AudioRejected) as caught:
            provider.assess(bad_clips[kind], reference_text, language)
        assert caught.value.reason

    def test_a_reference_without_words_is_rejected(
        self, provider: Any, good_clip: bytes, language: str
    ) -> None:
        with pytest.raises(InvalidInput):
            provider.assess(good_clip, "  ?! ", language)

    def test_concurrent_calls_agree_with_a_single_call(
        self,
        provider: Any,
        good_clip: bytes,
        reference_text: str,
        language: str,
        score_tolerance: float,
    ) -> None:
        expected = provider.assess(good_clip, reference_text, language)
        results: list[PronunciationAssessment] = []
        errors: list[BaseException] = []
        start = threading.Barrier(4)

        def worker() -> None:
            try:
                start.wait()
                results.extend(provider.assess(good_clip, reference_text, language) for _ in range(3))
            except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not errors, errors
        assert len(results) == 12
        for result in results:
            assert _labels(result) == _labels(expected)
            drift = max(abs(a - b) for a, b in zip(_scores(result), _scores(expected), strict=True))
            assert drift <= score_tolerance, (result, expected)

    def test_transcribe_when_offered_says_what_was_heard(
        self, provider: Any, good_clip: bytes, language: str
    ) -> None:
        if not callable(getattr(provider, "transcribe", None)):
            pytest.skip("this provider does not transcribe")
        transcript = provider.transcribe(good_clip, language)
        assert isinstance(transcript, Transcript)
        assert transcript.provider
        with pytest.raises(AudioRejected):
            provider.transcribe(b"", language)
