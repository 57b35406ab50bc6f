"""Lesson use cases: start a run, answer, complete or abandon it.

Each function runs inside the caller's unit of work and changes nothing until the
caller commits, so a failure anywhere (a bad answer, a storage error on commit) leaves
no half-applied XP, streak or hearts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any
from uuid import UUID

from learncore.domain import course_tree, unchecked
from learncore.domain.achievements import AchievementDefinition
from learncore.domain.courses import Course
from learncore.domain.events import (
    AnswerSubmitted,
    CourseCompleted,
    LessonAbandoned,
    LessonCompleted,
    LessonFailed,
    LessonStarted,
)
from learncore.domain.exercises import Exercise, ExerciseType
from learncore.domain.grading.dispatch import grade_exercise
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Verdict
from learncore.domain.hearts import (
    HeartReason,
    check_can_start,
    current_hearts,
    next_heart_at,
)
from learncore.domain.ids import new_id
from learncore.domain.json_values import to_json
from learncore.domain.lesson_runs import (
    MAX_DURATION_MS,
    AnswerResult,
    Attempt,
    LessonRun,
    LessonSummary,
    RunStatus,
    record_answer,
    run_score,
)
from learncore.domain.policies import RewardPolicies
from learncore.domain.progress import (
    EnrollmentStatus,
    LessonProgress,
    course_percent,
    lesson_completed,
    lesson_started,
)
from learncore.domain.xp import lesson_xp
from learncore.errors import (
    AttemptConflict,
    ExerciseNotPending,
    InvalidInput,
    LearncoreError,
    LessonLocked,
    LessonNotFinished,
    PluginError,
    RunNotActive,
    UnknownCourse,
    UnknownExerciseType,
    UnknownLesson,
    UnknownRun,
)
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork
from learncore.services.achievements import evaluate_achievements
from learncore.services.content import load_course
from learncore.services.enrollment import completed_in_course, require_enrollment
from learncore.services.learners import load_learner
from learncore.services.rewards import (
    credit_xp,
    load_hearts,
    load_totals,
    lose_heart_in_run,
    refill_hearts,
)

__all__ = [
    "GraderLookup",
    "abandon_lesson",
    "check_duration",
    "complete_lesson",
    "grade_answer",
    "load_run",
    "start_lesson",
    "submit_answer",
]

GraderLookup = Callable[[str], Callable[..., Any] | None]
"""Finds the grader a plugin registered for an exercise type (``PluginRegistry.exercise_grader``)."""

# Attempts are built from values checked here or computed by the rules (see below).
_new_attempt = unchecked.builder(Attempt)

# Time on a lesson counted toward progress: longer runs were left open, not played.
MAX_RUN_TIME = timedelta(hours=2)


def _no_plugins(_exercise_type: str) -> None:
    return None


def grade_answer(
    exercise: Exercise, answer: Any, course: Course, plugin_grader: GraderLookup = _no_plugins
) -> Verdict:
    """Grade through the grading engine, or the grader a plugin registered for the type."""
    language = course.to_language
    policy: GradingPolicy = course.grading_for(exercise)
    if isinstance(exercise.type, ExerciseType):
        return grade_exercise(exercise, answer, language=language, policy=policy)
    grader = plugin_grader(exercise.type)
    if grader is None:
        raise UnknownExerciseType(
            f"exercise {exercise.id}",
            f"no installed plugin grades exercise type {exercise.type!r}; install the plugin "
            "that provides it",
        )
    try:
        verdict = grader(exercise, answer, language=language, policy=policy)
    except LearncoreError:
        raise
    except Exception as exc:  # a plugin's own failure, translated at the boundary
        raise PluginError(
            f"the grader of exercise type {exercise.type!r} failed on an answer: {exc}"
        ) from exc
    if not isinstance(verdict, Verdict):
        raise PluginError(
            f"the grader of exercise type {exercise.type!r} returned {type(verdict).__name__}, "
            "not a Verdict"
        )
    return verdict


def check_duration(duration_ms: object) -> int | None:
    """``duration_ms`` if it is None or a plausible whole number of milliseconds."""
    if duration_ms is None:
        return None
    if isinstance(duration_ms, bool) or not isinstance(duration_ms, int):
        raise InvalidInput("duration_ms", f"must be whole milliseconds, got {duration_ms!r}")
    if duration_ms < 0:
        raise InvalidInput("duration_ms", f"cannot be negative, got {duration_ms}")
    if duration_ms > MAX_DURATION_MS:
        raise InvalidInput(
            "duration_ms",
            f"{duration_ms} ms is longer than the {MAX_DURATION_MS // 60_000} minutes one answer "
            "can take; send the time the learner spent on this exercise",
        )
    return duration_ms


def _with_exercises(run: LessonRun, course: Course) -> LessonRun:
    if not course.has_lesson(run.lesson_id):
        return run
    by_id = {exercise.id: exercise for exercise in course.lesson(run.lesson_id).exercises}
    exercises = tuple(by_id[e] for e in run.exercise_ids if e in by_id)
    return unchecked.replace(run, exercises=exercises)


def _course_of_run(uow: UnitOfWork, run: LessonRun) -> Course:
    course = uow.content.get_course(run.course_id)
    if course is None:
        raise UnknownCourse(run.course_id)
    return course


def load_run(uow: UnitOfWork, run_id: UUID) -> LessonRun:
    """A run with its ``exercises`` filled in; :class:`~learncore.errors.UnknownRun` if none."""
    run = uow.runs.get_run(run_id)
    if run is None:
        raise UnknownRun(run_id)
    course = uow.content.get_course(run.course_id)
    return run if course is None else _with_exercises(run, course)


# --- start -----------------------------------------------------------------------------


def start_lesson(
    uow: UnitOfWork,
    clock: Clock,
    policies: RewardPolicies,
    *,
    learner_id: UUID,
    lesson_id: UUID,
) -> LessonRun:
    """Begin a run of a lesson the learner has unlocked; the run lists the exercises to play.

    A lesson completed before is played as practice: it costs no hearts and earns some
    back. Otherwise a learner with no hearts gets :class:`~learncore.errors.OutOfHearts`.
    """
    now = clock.now()
    load_learner(uow, learner_id)
    course_id = uow.content.course_id_of_lesson(lesson_id)
    if course_id is None:
        raise UnknownLesson(lesson_id)
    course = load_course(uow, course_id)
    lesson = course.lesson(lesson_id)
    enrollment = require_enrollment(uow, learner_id, course.id, for_update=True)
    completed = completed_in_course(uow, learner_id, course.id)
    if not course_tree.is_unlocked(course, lesson_id, completed):
        missing = course_tree.missing_prerequisites(course, lesson_id, completed)
        raise LessonLocked(lesson_id, lesson.title, [(m.id, m.title) for m in missing])
    progress = uow.progress.get_lesson_progress(learner_id, lesson_id, for_update=True)
    practice = lesson_id in completed
    consumes_hearts = not practice and policies.hearts.enabled
    if consumes_hearts:
        check_can_start(
            load_hearts(uow, learner_id, now, policies.hearts, for_update=False), now, policies.hearts
        )
    ids = tuple(exercise.id for exercise in lesson.exercises)
    # Built from the validated course and the rules' own values; the caller's learner
    # id and the clock's instant are checked just below.
    run = unchecked.build(
        LessonRun,
        id=new_id(),
        learner_id=learner_id,
        course_id=course.id,
        lesson_id=lesson_id,
        started_at=now,
        exercise_ids=ids,
        queue=ids,
        practice=practice,
        consumes_hearts=consumes_hearts,
    )
    unchecked.check(run, "learner_id", "started_at")  # the caller's id, the clock's instant
    uow.runs.save_run(run)
    uow.progress.save_lesson_progress(
        lesson_started(progress, learner_id=learner_id, lesson_id=lesson_id, course_id=course.id, now=now)
    )
    if enrollment.started_at is None:
        uow.progress.save_enrollment(unchecked.replace(enrollment, started_at=now))
    uow.emit(
        LessonStarted(
            occurred_at=now, learner_id=learner_id, run_id=run.id, course_id=course.id,
            lesson_id=lesson_id, practice=practice,
        )
    )
    return unchecked.replace(run, exercises=lesson.exercises)


# --- answer ----------------------------------------------------------------------------


# A spoken answer is checked by its attempt id alone when a retry replays it: the same
# recording may be assessed a little differently each time.
_ANY_ANSWER: Any = object()


def _replay(
    attempt: Attempt, run_id: UUID, exercise_id: UUID, answer: Any, course: Course | None
) -> AnswerResult:
    if attempt.run_id != run_id or attempt.exercise_id != exercise_id:
        raise AttemptConflict(
            attempt.id, f"for exercise {attempt.exercise_id} of lesson run {attempt.run_id}"
        )
    if answer is not _ANY_ANSWER and _answer_json(answer) != attempt.answer:
        raise AttemptConflict(attempt.id, "with a different answer")
    next_exercise = None
    if course is not None and attempt.next_exercise_id is not None:
        next_exercise = course.exercise(attempt.next_exercise_id)
    return AnswerResult(
        attempt_id=attempt.id,
        run_id=attempt.run_id,
        exercise_id=attempt.exercise_id,
        verdict=attempt.verdict,
        hearts_left=attempt.hearts_after,
        next_heart_at=attempt.next_heart_at,
        next_exercise=next_exercise,
        remaining=attempt.remaining_after,
        requeued=attempt.requeued,
        run_status=attempt.run_status_after,
        replayed=True,
    )


def _answer_json(answer: Any) -> Any:
    if type(answer) is str:  # most answers: already JSON
        return answer
    try:
        return to_json(answer)
    except TypeError:
        raise InvalidInput(
            "answer", f"cannot be stored: {type(answer).__name__} is not a supported answer type"
        ) from None


def _answerable(
    uow: UnitOfWork,
    run_id: UUID,
    exercise_id: UUID,
    attempt_id: UUID | None,
    replayed_answer: Any,
    *,
    for_update: bool,
) -> AnswerResult | tuple[LessonRun, Course, Exercise]:
    """The run, course and exercise an answer goes to, or the earlier result of a retry.

    Raises for an unknown run, a run that is over, an unknown exercise and one that is
    not waiting for an answer, in that order; a retried ``attempt_id`` is replayed
    first (checked against ``replayed_answer``), whatever the run's state now.
    """
    run = uow.runs.get_run(run_id, for_update=for_update)
    if run is None:
        raise UnknownRun(run_id)
    if attempt_id is not None:
        earlier = uow.runs.get_attempt(attempt_id)
        if earlier is not None:
            course = uow.content.get_course(run.course_id)
            return _replay(earlier, run_id, exercise_id, replayed_answer, course)
    if run.status is not RunStatus.ACTIVE:
        raise RunNotActive(run_id, run.status.value)
    course = _course_of_run(uow, run)
    exercise = course.exercise(exercise_id)
    if exercise_id not in run.queue:
        reason = (
            "was already answered correctly"
            if exercise_id in run.exercise_ids
            else "is not part of this lesson run"
        )
        raise ExerciseNotPending(run.id, exercise_id, reason)
    return run, course, exercise


def speaking_target(
    uow: UnitOfWork,
    *,
    run_id: UUID,
    exercise_id: UUID,
    attempt_id: UUID | None = None,
    duration_ms: int | None = None,
) -> AnswerResult | tuple[Exercise, str]:
    """What a recording for ``exercise_id`` of a run is assessed against.

    The speak exercise and the course's language; or, when ``attempt_id`` was already
    recorded (a client retrying), that attempt's result, so the recording is not
    assessed again. Raises what :func:`submit_answer` would for a run or exercise that
    cannot take an answer, and :class:`~learncore.errors.InvalidInput` for an exercise
    that is not answered by speaking or a bad ``duration_ms``.
    """
    check_duration(duration_ms)
    found = _answerable(uow, run_id, exercise_id, attempt_id, _ANY_ANSWER, for_update=False)
    if isinstance(found, AnswerResult):
        return found
    _, course, exercise = found
    if exercise.type is not ExerciseType.SPEAK:
        raise InvalidInput(
            f"exercise {exercise_id}", f"a {exercise.type} exercise is not answered by speaking"
        )
    return exercise, course.to_language


def submit_answer(
    uow: UnitOfWork,
    clock: Clock,
    policies: RewardPolicies,
    *,
    run_id: UUID,
    exercise_id: UUID,
    answer: Any,
    attempt_id: UUID | None = None,
    duration_ms: int | None = None,
    hint_used: bool = False,
    plugin_grader: GraderLookup = _no_plugins,
    spoken: bool = False,
) -> AnswerResult:
    """Grade an answer, record it as an attempt, charge a heart if it was wrong.

    A missed exercise goes back to the end of the queue. Retrying with the same
    ``attempt_id`` returns the first result without recording anything again; the
    retry must send the same answer, unless it is ``spoken`` (an assessment of a
    recording, which may come out a little different each time).
    """
    duration_ms = check_duration(duration_ms)
    now = clock.now()
    replayed = _ANY_ANSWER if spoken else answer
    found = _answerable(uow, run_id, exercise_id, attempt_id, replayed, for_update=True)
    if isinstance(found, AnswerResult):
        return found
    run, course, exercise = found
    verdict = grade_answer(exercise, answer, course, plugin_grader)
    stored_answer = _answer_json(answer)
    accepted = verdict.accepted
    run, requeued = record_answer(
        run, exercise_id, accepted=accepted, speaking=exercise.type is ExerciseType.SPEAK,
        hint_used=bool(hint_used),
    )
    hearts_policy = policies.hearts
    if not accepted and run.consumes_hearts:
        hearts = lose_heart_in_run(uow, run.learner_id, run.id, now, hearts_policy)
        if hearts.hearts == 0 and not hearts.unlimited:
            run = unchecked.replace(run, status=RunStatus.FAILED, finished_at=now)
            uow.emit(LessonFailed(occurred_at=now, learner_id=run.learner_id, run_id=run.id,
                                  lesson_id=run.lesson_id))
    else:
        hearts = load_hearts(uow, run.learner_id, now, hearts_policy, for_update=False)
    unlimited = hearts.unlimited or not hearts_policy.enabled
    hearts_left = None if unlimited else current_hearts(hearts, now, hearts_policy)
    heart_at = next_heart_at(hearts, now, hearts_policy)
    next_id = run.next_exercise_id if run.status is RunStatus.ACTIVE else None
    attempt = _new_attempt(
        id=attempt_id or new_id(),
        run_id=run.id,
        learner_id=run.learner_id,
        exercise_id=exercise_id,
        exercise_type=str(exercise.type),
        ordinal=run.answers,
        submitted_at=now,
        answer=stored_answer,
        verdict=verdict,
        duration_ms=duration_ms,
        hint_used=bool(hint_used),
        requeued=requeued,
        hearts_after=hearts_left,
        next_heart_at=heart_at,
        next_exercise_id=next_id,
        remaining_after=run.remaining,
        run_status_after=run.status,
    )
    if attempt_id is not None or not isinstance(exercise.type, ExerciseType):
        # A client's attempt id and a plugin's exercise type came from outside.
        unchecked.check(attempt, "id", "exercise_type")
    uow.runs.save_run(run)
    uow.runs.add_attempt(attempt)
    uow.emit(
        AnswerSubmitted(
            occurred_at=now, learner_id=run.learner_id, run_id=run.id, exercise_id=exercise_id,
            attempt_id=attempt.id, outcome=verdict.outcome.value, requeued=requeued,
        )
    )
    return AnswerResult(
        attempt_id=attempt.id,
        run_id=run.id,
        exercise_id=exercise_id,
        verdict=verdict,
        hearts_left=hearts_left,
        next_heart_at=heart_at,
        next_exercise=None if next_id is None else course.exercise(next_id),
        remaining=run.remaining,
        requeued=requeued,
        run_status=run.status,
    )


# --- complete and abandon --------------------------------------------------------------


def complete_lesson(
    uow: UnitOfWork,
    clock: Clock,
    policies: RewardPolicies,
    definitions: Sequence[AchievementDefinition],
    *,
    run_id: UUID,
) -> LessonSummary:
    """Score a finished run and apply everything it earned, as one unit.

    XP (with the perfect bonus, the replay reduction and the daily cap), the daily
    ledger and goal, the streak, hearts earned back by practice, lesson and course
    progress, running totals and achievements. Completing the same run again returns
    the stored summary and changes nothing.
    """
    now = clock.now()
    run = uow.runs.get_run(run_id, for_update=True)
    if run is None:
        raise UnknownRun(run_id)
    if run.status is RunStatus.COMPLETED and run.summary is not None:
        return run.summary
    if run.status is not RunStatus.ACTIVE:
        raise RunNotActive(run_id, run.status.value)
    if run.queue:
        raise LessonNotFinished(run_id, len(run.queue))
    learner = load_learner(uow, run.learner_id)
    course = _course_of_run(uow, run)
    lesson = course.lesson(run.lesson_id)
    enrollment = require_enrollment(uow, learner.id, course.id, for_update=True)
    progress = uow.progress.get_lesson_progress(learner.id, lesson.id, for_update=True)
    if progress is None:
        progress = LessonProgress(learner_id=learner.id, lesson_id=lesson.id, course_id=course.id)
    first_completion = progress.completion_count == 0
    score = run_score(run)
    perfect = run.mistakes == 0

    # Locks from here on follow the port's order: hearts, streak, ledger day, totals.
    hearts_refilled = 0
    if run.practice:
        hearts, hearts_refilled = refill_hearts(
            uow, learner.id, now, policies.hearts, amount=policies.hearts.practice_refill,
            reason=HeartReason.PRACTICE,
        )
    else:
        hearts = load_hearts(uow, learner.id, now, policies.hearts, for_update=False)
    credit = credit_xp(
        uow, learner, now, policies,
        lambda earned_today: lesson_xp(
            policies.xp, lesson_xp=lesson.xp_reward, perfect=perfect, replay=not first_completion,
            earned_today=earned_today,
        ),
        lessons=1, source="lesson", run_id=run.id,
    )
    xp = credit.award.total

    course_completed = False
    enrollment_changes: dict[str, Any] = {"xp": enrollment.xp + xp}
    if first_completion:
        completed = completed_in_course(uow, learner.id, course.id) | {lesson.id}
        enrollment_changes["progress_percent"] = course_percent(course, completed)
        following = course_tree.next_lesson(course, completed)
        enrollment_changes["current_lesson_id"] = following.id if following else lesson.id
        if (
            enrollment.status is not EnrollmentStatus.COMPLETED
            and all(other.id in completed for other in course.lessons)
        ):
            course_completed = True
            enrollment_changes.update(status=EnrollmentStatus.COMPLETED, completed_at=now)
    uow.progress.save_enrollment(unchecked.replace(enrollment, **enrollment_changes))
    elapsed = min(max(now - run.started_at, timedelta(0)), MAX_RUN_TIME)
    uow.progress.save_lesson_progress(
        lesson_completed(progress, score=score, time_spent_seconds=elapsed.total_seconds(), now=now)
    )

    totals = load_totals(uow, learner.id, for_update=True)
    totals = unchecked.replace(
        totals,
        total_xp=totals.total_xp + xp,
        lessons_completed=totals.lessons_completed + 1,
        perfect_lessons=totals.perfect_lessons + perfect,
        courses_completed=totals.courses_completed + course_completed,
        speaking_passed=totals.speaking_passed + run.speaking_passed,
    )
    uow.rewards.save_totals(totals)
    unlocks = evaluate_achievements(
        uow, learner.id, now, definitions, totals=totals, longest_streak=credit.streak.longest
    )

    unlimited = hearts.unlimited or not policies.hearts.enabled
    summary = LessonSummary(
        run_id=run.id,
        learner_id=learner.id,
        course_id=course.id,
        lesson_id=lesson.id,
        completed_at=now,
        score=score,
        perfect=perfect,
        exercises=len(run.exercise_ids),
        mistakes=run.mistakes,
        practice=run.practice,
        xp=credit.award,
        total_xp=totals.total_xp,
        day=credit.day,
        xp_today=credit.after.xp,
        daily_goal=credit.after.goal,
        goal_met=credit.after.goal_met,
        goal_just_met=credit.goal_just_met,
        streak=credit.streak_change,
        hearts_left=None if unlimited else current_hearts(hearts, now, policies.hearts),
        next_heart_at=next_heart_at(hearts, now, policies.hearts),
        hearts_refilled=hearts_refilled,
        achievements=tuple(unlocks),
        course_completed=course_completed,
    )
    uow.runs.save_run(
        unchecked.replace(run, status=RunStatus.COMPLETED, finished_at=now, summary=summary)
    )
    uow.emit(
        LessonCompleted(
            occurred_at=now, learner_id=learner.id, run_id=run.id, course_id=course.id,
            lesson_id=lesson.id, score=score, perfect=perfect, xp=xp, practice=run.practice,
        )
    )
    if course_completed:
        uow.emit(CourseCompleted(occurred_at=now, learner_id=learner.id, course_id=course.id))
    return summary


def abandon_lesson(uow: UnitOfWork, clock: Clock, run_id: UUID) -> LessonRun:
    """Give up a run: it earns nothing and takes no more answers. Abandoning twice is a no-op."""
    now = clock.now()
    run = uow.runs.get_run(run_id, for_update=True)
    if run is None:
        raise UnknownRun(run_id)
    if run.status is RunStatus.ABANDONED:
        return run
    if run.status is not RunStatus.ACTIVE:
        raise RunNotActive(run_id, run.status.value)
    run = unchecked.replace(run, status=RunStatus.ABANDONED, finished_at=now)
    uow.runs.save_run(run)
    uow.emit(LessonAbandoned(occurred_at=now, learner_id=run.learner_id, run_id=run.id,
                             lesson_id=run.lesson_id))
    return run
