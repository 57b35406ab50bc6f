"""Speaking in the loop: ``submit_spoken_answer`` assesses a recording, then grades and records it.

The echo provider stands in for a real one (the bytes are the text "heard"); a spy
around it shows what the provider was asked and how often.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import learncore
from learncore.domain import Course, ExerciseType, stable_id
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.pronunciation import PronunciationAssessment
from learncore.errors import (
    AudioRejected,
    ExerciseNotPending,
    InvalidInput,
    SpeechNotConfigured,
    UnknownRun,
)
from learncore.testing import EchoSpeechProvider, FixedClock

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ATTEMPT = stable_id("spoken-answers", "attempt")


class SpyProvider:
    """The echo provider, remembering each call; ``during`` runs inside ``assess``."""

    name = "spy"

    def __init__(self) -> None:
        self.calls: list[tuple[bytes, str, str]] = []
        self.during = lambda: None
        self._echo = EchoSpeechProvider(name="spy")

    def assess(self, audio: bytes, reference_text: str, language: str = "en") -> PronunciationAssessment:
        self.calls.append((audio, reference_text, language))
        self.during()
        return self._echo.assess(audio, reference_text, language)


def _play(course: Course, speech: list[object] | None = None):
    """An app with a learner who has started the course's first lesson."""
    spy = SpyProvider()
    app = learncore.bootstrap(load_entry_points=False, clock=FixedClock(START),
                              speech=[spy] if speech is None else speech)
    saved = app.save_course(course)
    learner = app.register_learner("Ana")
    app.enroll(learner.id, saved.id)
    run = app.start_lesson(learner.id, saved.lessons[0].id)
    speak = next(e for e in run.exercises if e.type is ExerciseType.SPEAK)
    other = next(e for e in run.exercises if e.type is ExerciseType.TRANSLATE)
    return app, spy, learner, run, speak, other


def _hearts(app, learner_id) -> int | None:
    return app.stats(learner_id).hearts


def test_a_good_recording_passes_and_its_assessment_is_kept_with_the_attempt(one_lesson_course):
    app, spy, _, run, speak, _ = _play(one_lesson_course())
    result = app.submit_spoken_answer(run.id, speak.id, b"hola amigo", duration_ms=2500)
    assert result.accepted
    assert result.verdict.outcome.value == "correct"
    # Asked about the exercise's reference, in the course's language (Spanish), once.
    assert spy.calls == [(b"hola amigo", speak.reference_text, "es")]
    attempt = app.attempts(run.id)[-1]
    assert attempt.exercise_id == speak.id
    assert attempt.duration_ms == 2500
    assert attempt.answer["provider"] == "spy"
    assert attempt.answer["pronunciation"] == 100.0
    assert [word["word"] for word in attempt.answer["words"]] == ["hola", "amigo"]


def test_a_poor_recording_is_wrong_costs_a_heart_and_comes_back(one_lesson_course):
    app, _, learner, run, speak, _ = _play(one_lesson_course())
    before = _hearts(app, learner.id)
    result = app.submit_spoken_answer(run.id, speak.id, b"hola")  # "amigo" omitted: 50 points
    assert not result.accepted
    assert result.requeued
    assert result.hearts_left == before - 1
    assert app.attempts(run.id)[-1].answer["pronunciation"] == 50.0


@pytest.mark.parametrize(
    ("course_policy", "exercise_policy", "accepted"),
    [
        (None, None, False),  # the default pass score, 60
        (GradingPolicy(speech_pass_score=40), None, True),  # the course's
        # The exercise's own policy comes first.
        (GradingPolicy(speech_pass_score=40), GradingPolicy(speech_pass_score=90), False),
        (None, GradingPolicy(speech_pass_score=50), True),
    ],
)
def test_the_pass_score_comes_from_the_course_or_the_exercise(
    one_lesson_course, course_policy, exercise_policy, accepted
):
    course = one_lesson_course(grading=course_policy, by_type={ExerciseType.SPEAK: exercise_policy})
    app, _, _, run, speak, _ = _play(course)
    assert app.submit_spoken_answer(run.id, speak.id, b"hola").accepted is accepted


def test_a_retry_with_the_same_attempt_id_is_not_assessed_again(one_lesson_course):
    app, spy, _learner, run, speak, _ = _play(one_lesson_course())
    first = app.submit_spoken_answer(run.id, speak.id, b"hola", attempt_id=ATTEMPT)
    again = app.submit_spoken_answer(run.id, speak.id, b"hola amigo", attempt_id=ATTEMPT)
    assert len(spy.calls) == 1
    assert again.replayed
    assert again.verdict == first.verdict
    assert again.hearts_left == first.hearts_left
    assert len(app.attempts(run.id)) == 1


def test_an_attempt_recorded_while_the_provider_worked_is_replayed_not_a_conflict(one_lesson_course):
    # Two requests with one attempt id: the other one records first, with an assessment
    # that differs from ours. Ours returns the recorded result instead of a conflict.
    app, spy, _, run, speak, _ = _play(one_lesson_course())

    def other_request_records_first() -> None:
        spy.during = lambda: None
        app.submit_spoken_answer(run.id, speak.id, b"hola amigo", attempt_id=ATTEMPT)

    spy.during = other_request_records_first
    result = app.submit_spoken_answer(run.id, speak.id, b"hola", attempt_id=ATTEMPT)
    assert result.replayed
    assert result.accepted
    assert len(app.attempts(run.id)) == 1


def test_a_typed_exercise_is_not_answered_by_speaking_and_nothing_is_asked_or_kept(one_lesson_course):
    app, spy, _, run, _, translate = _play(one_lesson_course())
    with pytest.raises(InvalidInput, match="not answered by speaking"):
        app.submit_spoken_answer(run.id, translate.id, b"estoy feliz")
    assert spy.calls == []
    assert app.attempts(run.id) == []


def test_an_exercise_already_passed_is_refused_before_the_provider_is_asked(one_lesson_course):
    app, spy, _, run, speak, _ = _play(one_lesson_course())
    app.submit_spoken_answer(run.id, speak.id, b"hola amigo")
    with pytest.raises(ExerciseNotPending):
        app.submit_spoken_answer(run.id, speak.id, b"hola amigo")
    assert len(spy.calls) == 1


def test_bad_audio_records_nothing_and_costs_no_heart(one_lesson_course):
    app, _, learner, run, speak, _ = _play(one_lesson_course())
    before = _hearts(app, learner.id)
    with pytest.raises(AudioRejected):
        app.submit_spoken_answer(run.id, speak.id, b"")
    assert app.attempts(run.id) == []
    assert _hearts(app, learner.id) == before


def test_without_a_provider_the_error_says_how_to_configure_one(one_lesson_course):
    app, _, _, run, speak, _ = _play(one_lesson_course(), speech=[])
    with pytest.raises(SpeechNotConfigured, match="speech="):
        app.submit_spoken_answer(run.id, speak.id, b"hola amigo")
    assert app.attempts(run.id) == []


def test_bad_ids_and_durations_are_refused_before_the_provider_is_asked(one_lesson_course):
    app, spy, _, run, speak, _ = _play(one_lesson_course())
    with pytest.raises(UnknownRun):
        app.submit_spoken_answer(ATTEMPT, speak.id, b"hola amigo")
    with pytest.raises(InvalidInput, match="run_id"):
        app.submit_spoken_answer("not-a-uuid", speak.id, b"hola amigo")
    with pytest.raises(InvalidInput, match="duration_ms"):
        app.submit_spoken_answer(run.id, speak.id, b"hola amigo", duration_ms=-5)
    assert spy.calls == []

