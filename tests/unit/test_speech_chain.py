"""Provider chains: fallback on unavailability, per-provider deadlines, speak exercises."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, ClassVar

import pytest

import learncore
from learncore.domain import Exercise, GradingPolicy, stable_id
from learncore.errors import (
    AudioRejected,
    InvalidInput,
    InvalidSettings,
    ProviderAuthenticationFailed,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
    SpeechNotConfigured,
)
from learncore.plugins import hookimpl
from learncore.services.speech import assess_with_fallback, call_with_deadline
from learncore.testing import EchoSpeechProvider


class Failing:
    def __init__(self, name: str, error: Exception) -> None:
        self.name = name
        self.error = error
        self.calls = 0

    def assess(self, audio: bytes, reference_text: str, language: str = "en") -> Any:
        self.calls += 1
        raise self.error


class Hanging:
    """Blocks until released, like a provider stuck on a dead socket."""

    def __init__(self, name: str = "hanging") -> None:
        self.name = name
        self.release = threading.Event()

    def assess(self, audio: bytes, reference_text: str, language: str = "en") -> Any:
        self.release.wait(30)
        raise AssertionError("a late answer must never be used")


def test_the_first_provider_that_answers_is_recorded_on_the_result(caplog):
    down = Failing("azure", ProviderUnavailable("azure", "connection refused"))
    limited = Failing("google", ProviderRateLimited("google", retry_after=3))
    with caplog.at_level(logging.WARNING, logger="learncore.services.speech"):
        result = assess_with_fallback([down, limited, EchoSpeechProvider()], b"hello", "hello")
    assert result.provider == "echo"
    assert (down.calls, limited.calls) == (1, 1)
    assert "'azure' failed" in caplog.text
    assert "'google' failed" in caplog.text


def test_a_hanging_provider_stops_at_its_timeout_and_the_next_one_answers():
    hanging = Hanging()
    started = time.monotonic()
    result = assess_with_fallback([hanging, EchoSpeechProvider()], b"hi", "hi", timeouts=[0.2, 5.0])
    elapsed = time.monotonic() - started
    hanging.release.set()
    assert result.provider == "echo"
    assert elapsed < 3.0


def test_a_lone_hanging_provider_raises_provider_timeout_naming_it():
    hanging = Hanging("slowpoke")
    with pytest.raises(ProviderTimeout, match="slowpoke") as caught:
        assess_with_fallback([hanging], b"hi", "hi", timeouts=[0.1])
    hanging.release.set()
    assert caught.value.seconds == 0.1
    assert isinstance(caught.value, TimeoutError)


def test_when_every_provider_fails_the_error_lists_them_all():
    chain = [
        Failing("azure", ProviderUnavailable("azure", "down")),
        Failing("sphinx", ProviderTimeout("sphinx", 2)),
    ]
    with pytest.raises(ProviderUnavailable, match="every provider failed") as caught:
        assess_with_fallback(chain, b"x", "x")
    assert "azure" in str(caught.value)
    assert "sphinx" in str(caught.value)


@pytest.mark.parametrize(
    "error",
    [
        AudioRejected("the recording is silent"),
        ProviderAuthenticationFailed("azure", "401"),
        InvalidInput("reference_text", "has no words"),
    ],
)
def test_errors_another_provider_would_only_hide_stop_the_chain(error):
    second = Failing("second", ProviderUnavailable("second", "unused"))
    with pytest.raises(type(error)):
        assess_with_fallback([Failing("first", error), second], b"x", "x")
    assert second.calls == 0


def test_an_empty_chain_says_how_to_configure_speech():
    with pytest.raises(SpeechNotConfigured, match="LEARNCORE_SPEECH"):
        assess_with_fallback([], b"x", "x")


def test_call_with_deadline_returns_results_and_reraises_errors_from_the_worker():
    assert call_with_deadline(lambda: 42, seconds=1, provider="p") == 42
    with pytest.raises(KeyError):
        call_with_deadline(lambda: {}["missing"], seconds=1, provider="p")
    assert call_with_deadline(lambda: 7, seconds=None, provider="p") == 7
    with pytest.raises(InvalidSettings, match=r"speech_options\.p\.timeout"):
        call_with_deadline(lambda: 1, seconds=0, provider="p")


class _Recorder:
    """A plugin whose providers remember the settings they were built with."""

    __name__ = "test.recorder"
    built: ClassVar[list[dict[str, Any]]] = []

    @hookimpl
    def register_speech_providers(self, register: Any) -> None:
        def with_timeout(timeout: float = 1.0, **settings: Any) -> Any:
            self.built.append({"timeout": timeout, **settings})
            return EchoSpeechProvider("timed")

        def without_timeout(voice: str = "x") -> Any:
            self.built.append({"voice": voice})
            return Hanging("untimed")

        register("timed", with_timeout)
        register("untimed", without_timeout)


def test_bootstrap_builds_the_chain_by_name_with_per_provider_timeouts():
    recorder = _Recorder()
    recorder.built.clear()
    app = learncore.bootstrap(
        speech="untimed, timed",
        settings=learncore.LearncoreSettings(
            speech_options={"untimed": {"timeout": 0.2, "voice": "v"}, "timed": {"timeout": 4}}
        ),
        load_entry_points=False,
        plugins=[recorder],
    )
    # The timeout reaches factories that take one, and is kept from those that do not.
    assert recorder.built == [{"voice": "v"}, {"timeout": 4}]
    assert app.speech_timeouts == (0.2, 4)
    started = time.monotonic()
    result = app.assess_pronunciation(b"bonjour", "bonjour", "fr")
    app.speech_chain[0].release.set()
    assert result.provider == "timed"
    assert time.monotonic() - started < 3.0


@pytest.mark.parametrize("timeout", [0, -1, "soon", True])
def test_a_bad_timeout_setting_is_a_typed_error_naming_the_provider(timeout):
    with pytest.raises(InvalidSettings, match=r"speech_options\.timed\.timeout"):
        learncore.bootstrap(
            speech="timed",
            settings=learncore.LearncoreSettings(speech_options={"timed": {"timeout": timeout}}),
            load_entry_points=False,
            plugins=[_Recorder()],
        )


def test_provider_objects_passed_directly_get_the_default_deadline():
    app = learncore.bootstrap(speech=[EchoSpeechProvider()], load_entry_points=False)
    assert app.speech_timeouts == (30.0,)


def speak(reference: str, **extra: Any) -> Exercise:
    return Exercise(
        id=stable_id(reference),
        type="speak",
        prompt="Read aloud",
        accepted_answers=[reference],
        **extra,
    )


def test_a_speak_exercise_is_graded_with_the_policy_threshold():
    app = learncore.bootstrap(speech=[EchoSpeechProvider()], load_entry_points=False)
    assessment, verdict = app.assess_speak_exercise(speak("the red house"), b"the red house")
    assert assessment.pronunciation == 100.0
    assert verdict.accepted
    assessment, verdict = app.assess_speak_exercise(speak("the red house"), b"a blue car")
    assert assessment.pronunciation == 50.0  # the echo provider's own scoring
    assert not verdict.accepted
    lenient = GradingPolicy(speech_pass_score=40)
    _, verdict = app.assess_speak_exercise(speak("the red house", grading=lenient), b"a blue car")
    assert verdict.accepted
    _, verdict = app.assess_speak_exercise(speak("the red house"), b"a blue car", policy=lenient)
    assert verdict.accepted


def test_only_speak_exercises_are_answered_by_speaking():
    app = learncore.bootstrap(speech=[EchoSpeechProvider()], load_entry_points=False)
    translate = Exercise(
        id=stable_id("t"), type="translate", prompt="Hola", accepted_answers=["Hi"]
    )
    with pytest.raises(InvalidInput, match="not answered by speaking"):
        app.assess_speak_exercise(translate, b"hi")
