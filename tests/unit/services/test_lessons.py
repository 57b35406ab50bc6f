"""The learning loop through the facade: enrol, start, answer, complete, abandon.

Runs on the in-memory backend with a fixed clock; every rule's arithmetic is tested in
tests/unit/domain, here it is the use cases that are checked.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

import learncore
from learncore.domain import ExerciseType
from learncore.domain.lesson_runs import RunStatus
from learncore.domain.policies import RewardPolicies
from learncore.domain.progress import EnrollmentStatus, LessonStatus
from learncore.domain.xp import XpPolicy
from learncore.errors import (
    AttemptConflict,
    ExerciseNotPending,
    InvalidInput,
    LessonLocked,
    LessonNotFinished,
    NotEnrolled,
    OutOfHearts,
    RunNotActive,
    UnknownCourse,
    UnknownExercise,
    UnknownLearner,
    UnknownLesson,
    UnknownRun,
)
from learncore.grading import DiacriticsMode, GradingPolicy
from learncore.plugins import hookimpl
from learncore.testing import FixedClock, correct_answer, sample_course, wrong_answer

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Recorder:
    __name__ = "recorder"

    def __init__(self) -> None:
        self.events: list[str] = []

    @hookimpl
    def on_event(self, event):
        self.events.append(event.type)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def world(recorder):
    clock = FixedClock(START)
    app = learncore.bootstrap(load_entry_points=False, clock=clock, plugins=[recorder])
    course = app.save_course(sample_course(units=2, lessons_per_unit=2))
    ana = app.register_learner("Ana", timezone="Europe/Madrid", daily_goal=20)
    app.enroll(ana.id, course.id)
    return app, clock, course, ana


def play(app, run, *, mistakes: int = 0):
    """Answer every exercise of a run, the first ``mistakes`` of them wrong once."""
    exercises = {e.id: e for e in run.exercises}
    missed: set[UUID] = set()
    result = None
    next_id = run.next_exercise_id
    while next_id is not None:
        exercise = exercises[next_id]
        if len(missed) < mistakes and exercise.id not in missed:
            answer = wrong_answer(exercise)
            missed.add(exercise.id)
        else:
            answer = correct_answer(exercise)
        result = app.submit_answer(run.id, exercise.id, answer, duration_ms=3000)
        next_id = result.next_exercise.id if result.next_exercise else None
    return result


# --- enrolment and starting ------------------------------------------------------------


def test_enrolling_is_idempotent_and_points_at_the_first_lesson(world, recorder):
    app, _, course, ana = world
    again = app.enroll(ana.id, "sample")
    assert again.current_lesson_id == course.lessons[0].id
    assert [e.id for e in app.enrollments(ana.id)] == [again.id]
    assert recorder.events.count("course_enrolled") == 1


def test_starting_a_lesson_returns_its_exercises_in_order(world, recorder):
    app, _, course, ana = world
    lesson = course.lessons[0]
    run = app.start_lesson(ana.id, str(lesson.id))
    assert [e.id for e in run.exercises] == [e.id for e in lesson.exercises]
    assert run.queue == run.exercise_ids
    assert (run.status, run.practice, run.consumes_hearts) == (RunStatus.ACTIVE, False, True)
    assert app.lesson_run(run.id).next_exercise == lesson.exercises[0]
    assert app.enrollments(ana.id)[0].started_at == START
    progress = app.lesson_progress(ana.id, course.id)
    assert [p.status for p in progress] == [LessonStatus.IN_PROGRESS, LessonStatus.LOCKED,
                                            LessonStatus.LOCKED, LessonStatus.LOCKED]
    assert "lesson_started" in recorder.events


def test_a_locked_lesson_names_the_lessons_still_missing(world):
    app, _, course, ana = world
    with pytest.raises(LessonLocked, match=r"'Lesson 1.2' is locked.*'Lesson 1.1'") as caught:
        app.start_lesson(ana.id, course.lessons[1].id)
    assert caught.value.missing == ((course.lessons[0].id, "Lesson 1.1"),)


def test_playing_needs_an_enrolment(world):
    app, _, course, _ = world
    ben = app.register_learner("Ben")
    with pytest.raises(NotEnrolled, match="enroll"):
        app.start_lesson(ben.id, course.lessons[0].id)


def test_unknown_ids_raise_typed_not_found_errors(world):
    app, _, course, ana = world
    ghost = learncore.new_id()
    with pytest.raises(UnknownLearner):
        app.start_lesson(ghost, course.lessons[0].id)
    with pytest.raises(UnknownLesson):
        app.start_lesson(ana.id, ghost)
    with pytest.raises(UnknownCourse):
        app.enroll(ana.id, "no-such-course")
    with pytest.raises(UnknownRun):
        app.submit_answer(ghost, ghost, "hola")
    with pytest.raises(UnknownRun):
        app.complete_lesson(ghost)
    with pytest.raises(UnknownRun):
        app.abandon_lesson(ghost)
    with pytest.raises(UnknownLearner):
        app.stats(ghost)
    with pytest.raises(InvalidInput, match="run_id: 'nope' is not a UUID"):
        app.complete_lesson("nope")


# --- answering ---------------------------------------------------------------------------------


def test_a_wrong_answer_costs_a_heart_and_comes_back_at_the_end(world, recorder):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    first = run.exercises[0]
    result = app.submit_answer(run.id, first.id, wrong_answer(first), duration_ms=2500, hint_used=True)
    assert (result.accepted, result.requeued, result.hearts_left) == (False, True, 4)
    assert result.next_exercise == run.exercises[1]
    assert result.next_heart_at == START + timedelta(hours=4)
    assert app.lesson_run(run.id).queue[-1] == first.id
    (attempt,) = app.attempts(run.id)
    assert (attempt.duration_ms, attempt.hint_used, attempt.accepted) == (2500, True, False)
    assert recorder.events[-2:] == ["heart_lost", "answer_submitted"]
    log = app.hearts_log(ana.id)
    assert [(e.delta, e.reason.value, e.resulting) for e in log] == [(-1, "wrong_answer", 4)]


def test_a_retry_with_the_same_attempt_id_is_not_counted_twice(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    first = run.exercises[0]
    attempt_id = learncore.new_id()
    once = app.submit_answer(run.id, first.id, wrong_answer(first), attempt_id=attempt_id)
    twice = app.submit_answer(run.id, first.id, wrong_answer(first), attempt_id=str(attempt_id))
    assert twice.replayed
    assert not once.replayed
    assert (twice.verdict, twice.hearts_left, twice.remaining, twice.next_exercise) == (
        once.verdict, once.hearts_left, once.remaining, once.next_exercise
    )
    assert len(app.attempts(run.id)) == 1
    assert app.stats(ana.id).hearts == 4
    with pytest.raises(AttemptConflict, match="different answer"):
        app.submit_answer(run.id, first.id, correct_answer(first), attempt_id=attempt_id)


def test_answers_to_exercises_the_run_is_not_waiting_for_are_refused(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    first = run.exercises[0]
    app.submit_answer(run.id, first.id, correct_answer(first))
    with pytest.raises(ExerciseNotPending, match="already answered correctly"):
        app.submit_answer(run.id, first.id, correct_answer(first))
    other = course.lessons[1].exercises[0]
    with pytest.raises(ExerciseNotPending, match="not part of this lesson run"):
        app.submit_answer(run.id, other.id, correct_answer(other))
    with pytest.raises(UnknownExercise):
        app.submit_answer(run.id, learncore.new_id(), "hola")


@pytest.mark.parametrize("duration", [-1, 3_600_001, 10**12, 2.5, True, "300"])
def test_negative_or_absurd_durations_are_rejected(world, duration):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    with pytest.raises(InvalidInput, match="duration_ms"):
        app.submit_answer(run.id, run.exercises[0].id, "Estoy feliz", duration_ms=duration)
    assert app.attempts(run.id) == []


def test_an_answer_of_the_wrong_shape_is_rejected_and_nothing_is_recorded(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    with pytest.raises(InvalidInput, match="takes text"):
        app.submit_answer(run.id, run.exercises[0].id, 42)
    assert app.attempts(run.id) == []
    assert app.lesson_run(run.id).answers == 0


def test_a_finished_or_abandoned_run_takes_no_answers(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    assert app.abandon_lesson(run.id).status is RunStatus.ABANDONED
    assert app.abandon_lesson(run.id).status is RunStatus.ABANDONED  # a no-op the second time
    with pytest.raises(RunNotActive, match="abandoned"):
        app.submit_answer(run.id, run.exercises[0].id, "Estoy feliz")
    with pytest.raises(RunNotActive):
        app.complete_lesson(run.id)
    done = app.start_lesson(ana.id, course.lessons[0].id)
    play(app, done)
    app.complete_lesson(done.id)
    with pytest.raises(RunNotActive, match="completed"):
        app.submit_answer(done.id, done.exercises[0].id, "Estoy feliz")
    with pytest.raises(RunNotActive):
        app.abandon_lesson(done.id)


# --- completing ----------------------------------------------------------------------------------


def test_completing_a_perfect_lesson_pays_out_everything(world, recorder):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    play(app, run)
    summary = app.complete_lesson(run.id)
    assert (summary.score, summary.perfect, summary.mistakes) == (100.0, True, 0)
    assert (summary.xp.base, summary.xp.perfect_bonus, summary.xp.total) == (10, 5, 15)
    assert (summary.xp_today, summary.daily_goal, summary.goal_met) == (15, 20, False)
    assert (summary.streak.before, summary.streak.after, summary.streak.extended) == (0, 1, True)
    assert summary.hearts_left == 5
    assert {(u.key, u.tier) for u in summary.achievements} == {("lessons", 1), ("perfect", 1),
                                                             ("speaking", 1)}
    assert summary.day == START.date()
    progress = app.lesson_progress(ana.id, course.id)
    assert [p.status for p in progress][:2] == [LessonStatus.COMPLETED, LessonStatus.AVAILABLE]
    assert progress[0].best_score == 100.0
    enrollment = app.enrollments(ana.id)[0]
    assert (enrollment.xp, enrollment.progress_percent, enrollment.current_lesson_id) == (
        15, 25.0, course.lessons[1].id
    )
    stats = app.stats(ana.id)
    assert (stats.total_xp, stats.xp_today, stats.current_streak, stats.lessons_completed) == (15, 15, 1, 1)
    for event in ("lesson_completed", "xp_earned", "streak_extended", "achievement_unlocked"):
        assert event in recorder.events


def test_completing_twice_returns_the_same_summary_and_counts_once(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    play(app, run)
    first = app.complete_lesson(run.id)
    assert app.complete_lesson(run.id) == first
    assert app.stats(ana.id).total_xp == first.xp.total
    assert len(app.achievements(ana.id)) == len(first.achievements)


def test_a_run_with_exercises_left_cannot_be_completed(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    with pytest.raises(LessonNotFinished, match="7 exercise"):
        app.complete_lesson(run.id)


def test_mistakes_lower_the_score_and_lose_the_bonus(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    play(app, run, mistakes=2)
    summary = app.complete_lesson(run.id)
    assert (summary.mistakes, summary.perfect, summary.xp.total) == (2, False, 10)
    assert summary.score == pytest.approx(100 * 5 / 7, abs=0.01)
    assert summary.hearts_left == 3


def test_replaying_is_practice_earns_less_and_gives_a_heart_back(world):
    app, clock, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    play(app, run, mistakes=1)
    app.complete_lesson(run.id)
    clock.advance(minutes=10)
    replay = app.start_lesson(ana.id, course.lessons[0].id)
    assert (replay.practice, replay.consumes_hearts) == (True, False)
    result = play(app, replay, mistakes=1)
    assert result.hearts_left == 4  # practice costs no hearts
    summary = app.complete_lesson(replay.id)
    assert (summary.practice, summary.xp.replay_reduction, summary.xp.total) == (True, 5, 5)
    assert (summary.hearts_refilled, summary.hearts_left) == (1, 5)


def test_the_daily_cap_limits_xp_per_local_day():
    clock = FixedClock(START)
    app = learncore.bootstrap(load_entry_points=False, clock=clock,
                              policies=RewardPolicies(xp=XpPolicy(daily_cap=20)))
    course = app.save_course(sample_course())
    ana = app.register_learner("Ana")
    app.enroll(ana.id, course.id)
    totals = []
    for _ in range(3):
        run = app.start_lesson(ana.id, course.lessons[0].id)
        play(app, run)
        totals.append(app.complete_lesson(run.id).xp.total)
    assert totals == [15, 5, 0]
    clock.advance(days=1)
    run = app.start_lesson(ana.id, course.lessons[0].id)
    play(app, run)
    assert app.complete_lesson(run.id).xp.total == 7


def test_finishing_every_lesson_completes_the_course(world, recorder):
    app, clock, course, ana = world
    for lesson in course.lessons:
        run = app.start_lesson(ana.id, lesson.id)
        clock.advance(minutes=3)  # the lesson takes three minutes to play
        play(app, run)
        summary = app.complete_lesson(run.id)
        finished_at = clock.now()
        clock.advance(minutes=5)
    assert summary.course_completed
    enrollment = app.enrollments(ana.id)[0]
    assert (enrollment.status, enrollment.progress_percent) == (EnrollmentStatus.COMPLETED, 100.0)
    assert enrollment.completed_at == finished_at
    assert {p.time_spent_seconds for p in app.lesson_progress(ana.id, course.id)} == {180.0}
    assert ("courses", 1) in {(u.key, u.tier) for u in summary.achievements}
    assert recorder.events.count("course_completed") == 1


# --- hearts ---------------------------------------------------------------------------------------


def lose_all_hearts(app, course, ana) -> UUID:
    run = app.start_lesson(ana.id, course.lessons[0].id)
    first = run.exercises[0]
    result = None
    for _ in range(5):
        result = app.submit_answer(run.id, first.id, wrong_answer(first))
        if result.run_status is not RunStatus.ACTIVE:
            break
        # The missed exercise is at the back now; answer the rest to bring it round again.
        while result.next_exercise is not None and result.next_exercise.id != first.id:
            result = app.submit_answer(run.id, result.next_exercise.id, correct_answer(result.next_exercise))
    assert result is not None
    assert (result.hearts_left, result.run_status) == (0, RunStatus.FAILED)
    return run.id


def test_running_out_of_hearts_ends_the_run_and_blocks_new_lessons(world, recorder):
    app, clock, course, ana = world
    run_id = lose_all_hearts(app, course, ana)
    assert "lesson_failed" in recorder.events
    with pytest.raises(RunNotActive, match="failed"):
        app.submit_answer(run_id, course.lessons[0].exercises[1].id, "x")
    clock.advance(hours=1)
    with pytest.raises(OutOfHearts, match=r"next heart arrives at .*\(in 3 h 00 min\)") as caught:
        app.start_lesson(ana.id, course.lessons[0].id)
    assert caught.value.next_heart_at == clock.now() + timedelta(hours=3)
    clock.advance(hours=3)
    assert app.stats(ana.id).hearts == 1
    app.start_lesson(ana.id, course.lessons[0].id)


def test_refills_and_unlimited_hearts(world):
    app, _, course, ana = world
    lose_all_hearts(app, course, ana)
    assert app.refill_hearts(ana.id) == 5
    assert app.hearts_log(ana.id, limit=1)[0].reason.value == "refill"
    app.set_unlimited_hearts(ana.id)
    run = app.start_lesson(ana.id, course.lessons[0].id)
    result = app.submit_answer(run.id, run.exercises[0].id, wrong_answer(run.exercises[0]))
    assert (result.hearts_left, result.next_heart_at) == (None, None)
    assert app.stats(ana.id).hearts is None
    app.set_unlimited_hearts(ana.id, False)
    assert app.stats(ana.id).hearts == 5


def test_practice_drills_earn_xp_per_item_and_hearts(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    app.submit_answer(run.id, run.exercises[0].id, wrong_answer(run.exercises[0]))
    reward = app.record_practice(ana.id, 12)
    assert (reward.xp.total, reward.hearts_refilled, reward.hearts_left) == (12, 1, 5)
    assert reward.streak.extended
    with pytest.raises(InvalidInput, match="correct_items"):
        app.record_practice(ana.id, -1)


# --- streaks through the facade --------------------------------------------------------------------


def test_a_freeze_covers_a_missed_day_and_a_repair_brings_a_streak_back(world, recorder):
    app, clock, _, ana = world
    assert app.grant_streak_freezes(ana.id, 5) == 2  # the default cap
    app.record_practice(ana.id, 10)
    clock.advance(days=2)  # one day missed
    reward = app.record_practice(ana.id, 10)
    assert (reward.streak.after, len(reward.streak.frozen_days)) == (2, 1)
    assert "streak_frozen" in recorder.events
    clock.advance(days=4)  # the 5th, 6th and 7th missed; one freeze left: broken on the 6th
    stats = app.stats(ana.id)
    assert (stats.current_streak, stats.freezes_held, stats.streak_repairable) == (0, 0, True)
    assert stats.repair_until.isoformat() == "2026-03-08"  # two days from the break
    clock.advance(days=1)
    assert not app.stats(ana.id).streak_repairable
    with pytest.raises(learncore.errors.StreakNotRepairable, match="within the last 2 day"):
        app.repair_streak(ana.id)
    reward = app.record_practice(ana.id, 10)
    assert (reward.streak.lost, reward.streak.after) == (2, 1)
    assert "streak_lost" in recorder.events
    clock.advance(days=2)  # one more missed day: broken, but within the repair window
    assert app.stats(ana.id).streak_repairable
    assert app.repair_streak(ana.id) == 1
    assert "streak_repaired" in recorder.events
    assert app.stats(ana.id).current_streak == 1


def test_changing_timezone_keeps_the_counted_days(world):
    app, clock, _, ana = world
    clock.set(datetime(2026, 3, 2, 21, 0, tzinfo=UTC))  # 22:00 in Madrid, the 2nd
    app.record_practice(ana.id, 10)
    app.set_timezone(ana.id, "America/Los_Angeles")  # 13:00 on the 2nd there
    reward = app.record_practice(ana.id, 10)
    assert (reward.day.isoformat(), reward.streak.after, reward.streak.extended) == ("2026-03-02", 1, False)
    clock.advance(days=1)
    assert app.record_practice(ana.id, 10).streak.after == 2
    assert app.learner(ana.id).timezone == "America/Los_Angeles"
    with pytest.raises(learncore.errors.InvalidContent, match="Learner.timezone"):
        app.set_timezone(ana.id, "Mars/Olympus_Mons")
    with pytest.raises(InvalidInput, match="cannot change id"):
        app.update_learner(ana.id, id=learncore.new_id())


def test_a_repair_that_lengthens_the_streak_unlocks_streak_achievements(world):
    app, clock, _, ana = world
    app.record_practice(ana.id, 5)
    clock.advance(days=1)
    app.record_practice(ana.id, 5)
    clock.advance(days=2)  # one day missed
    app.record_practice(ana.id, 5)  # a new streak of 1; the old one (2) is repairable
    assert "streak" not in {u.key for u in app.achievements(ana.id)}
    assert app.repair_streak(ana.id) == 3
    assert ("streak", 1) in {(u.key, u.tier) for u in app.achievements(ana.id)}


def test_an_empty_practice_session_gives_no_hearts(world):
    app, _, course, ana = world
    run = app.start_lesson(ana.id, course.lessons[0].id)
    app.submit_answer(run.id, run.exercises[0].id, wrong_answer(run.exercises[0]))
    reward = app.record_practice(ana.id, 0)
    assert (reward.hearts_refilled, reward.hearts_left, reward.xp.total) == (0, 4, 0)


def test_plugin_exercise_types_are_graded_by_their_plugin():
    from learncore.domain import Course, Exercise, Lesson, Section, Unit, stable_id
    from learncore.domain.grading.verdict import Outcome, Verdict

    class Shouting:
        __name__ = "shouting"

        @hookimpl
        def register_exercise_types(self, register):
            def grade(exercise, answer, *, language, policy):
                if answer == "boom":
                    raise ValueError("cannot parse")
                if answer == "odd":
                    return "correct"
                ok = answer == exercise.prompt.upper()
                return Verdict(outcome=Outcome.CORRECT if ok else Outcome.INCORRECT)

            register("acme:shout", grade)

    shout = Exercise(id=stable_id("p", "shout"), type="acme:shout", prompt="hola")
    other = Exercise(id=stable_id("p", "other"), type="acme:missing", prompt="x", position=1)
    lesson = Lesson(id=stable_id("p", "l"), title="Plugins", exercises=[shout, other])
    course = Course(id=stable_id("p"), slug="p", title="P", from_language="en", to_language="es",
                    sections=[Section(id=stable_id("p", "s"), title="S",
                                      units=[Unit(id=stable_id("p", "u"), title="U", lessons=[lesson])])])
    app = learncore.bootstrap(load_entry_points=False, clock=FixedClock(START), plugins=[Shouting()])
    app.save_course(course)
    ana = app.register_learner("Ana")
    app.enroll(ana.id, course.id)
    run = app.start_lesson(ana.id, lesson.id)
    with pytest.raises(learncore.errors.PluginError, match="failed on an answer: cannot parse"):
        app.submit_answer(run.id, shout.id, "boom")
    with pytest.raises(learncore.errors.PluginError, match="not a Verdict"):
        app.submit_answer(run.id, shout.id, "odd")
    assert app.submit_answer(run.id, shout.id, "HOLA").accepted
    with pytest.raises(learncore.errors.UnknownExerciseType, match="no installed plugin"):
        app.submit_answer(run.id, other.id, "x")
    assert [a.accepted for a in app.attempts(run.id)] == [True]


@pytest.mark.parametrize(
    ("course_policy", "exercise_policy", "outcome"),
    [
        (None, None, "accent"),  # the default: a missing accent is noted, not wrong
        ("strict", None, "incorrect"),  # the course's policy applies in a run
        ("strict", "ignore", "correct"),  # and an exercise's own policy over it
    ],
)
def test_a_run_grades_with_the_course_policy_or_the_exercise_own(
    one_lesson_course, course_policy, exercise_policy, outcome
):
    def policy(mode):
        return None if mode is None else GradingPolicy(diacritics=DiacriticsMode(mode))

    course = one_lesson_course(
        grading=policy(course_policy), by_type={ExerciseType.LISTEN_TYPE: policy(exercise_policy)}
    )
    app = learncore.bootstrap(load_entry_points=False, clock=FixedClock(START))
    saved = app.save_course(course)
    ana = app.register_learner("Ana")
    app.enroll(ana.id, saved.id)
    run = app.start_lesson(ana.id, saved.lessons[0].id)
    listen = next(e for e in run.exercises if e.type is ExerciseType.LISTEN_TYPE)  # "buenos días"
    result = app.submit_answer(run.id, listen.id, "buenos dias")
    assert result.verdict.outcome.value == outcome
    assert result.requeued is (outcome == "incorrect")
