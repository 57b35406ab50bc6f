"""A speak exercise answered with a real recording, in a lesson run, scored offline by sphinx."""

from __future__ import annotations

from uuid import UUID

import learncore
from learncore.domain import Course, Exercise, ExerciseType, Lesson, Section, Unit, stable_id

from .conftest import Say


def _english_course() -> Course:
    def eid(name: str) -> UUID:
        return stable_id("sphinx-loop", name)

    speak = Exercise(id=eid("speak"), type=ExerciseType.SPEAK, prompt="Say it",
                     accepted_answers=["Good morning, everyone!"])
    lesson = Lesson(id=eid("lesson"), title="Greetings", exercises=[speak])
    return Course(id=eid("course"), slug="sphinx-loop", title="English", from_language="es",
                  to_language="en", sections=[Section(id=eid("section"), title="Basics", units=[
                      Unit(id=eid("unit"), title="Hello", lessons=[lesson])])])


def test_a_recording_is_assessed_graded_and_kept_with_the_attempt(say: Say) -> None:
    app = learncore.bootstrap(speech="sphinx")
    course = app.save_course(_english_course())
    learner = app.register_learner("Luis")
    app.enroll(learner.id, course.id)
    run = app.start_lesson(learner.id, course.lessons[0].id)
    speak = run.exercises[0]

    wrong = app.submit_spoken_answer(run.id, speak.id, say("the weather is cold today"))
    assert not wrong.accepted
    assert wrong.requeued
    right = app.submit_spoken_answer(run.id, speak.id, say("good morning everyone"))
    assert right.accepted

    kept = [attempt.answer for attempt in app.attempts(run.id)]
    assert [answer["provider"] for answer in kept] == ["sphinx", "sphinx"]
    assert kept[0]["pronunciation"] < 60 <= kept[1]["pronunciation"]
    assert [word["word"] for word in kept[1]["words"]] == ["Good", "morning", "everyone"]
    summary = app.complete_lesson(run.id)
    assert summary.xp.total > 0
