"""Lesson runs: a lesson being played, the attempts in it, and what completing it earned.

A :class:`LessonRun` holds the queue of exercises still to be answered correctly. A
wrong answer sends its exercise to the back of the queue, as learners expect from
Duolingo-like apps, and the run is finished when the queue is empty. Each answer is
an :class:`Attempt`, stored with the result it produced, so a client retrying with the
same attempt id gets the same :class:`AnswerResult` back instead of a double count.
Completing a run stores its :class:`LessonSummary` on the run for the same reason.

The ``*_to_json`` / ``*_from_json`` helpers give storage backends a stable JSON form
of the nested values (verdicts, summaries).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

import attrs

from learncore.domain import unchecked
from learncore.domain.achievements import AchievementUnlock
from learncore.domain.exercises import Exercise
from learncore.domain.grading.verdict import Verdict, VerdictToken
from learncore.domain.json_values import to_json
from learncore.domain.streaks import StreakChange
from learncore.domain.validation import (
    aware_datetime,
    enum_field,
    in_range,
    is_uuid,
    max_length,
    where,
)
from learncore.domain.xp import XpAward
from learncore.errors import InvalidContent

__all__ = [
    "MAX_DURATION_MS",
    "AnswerResult",
    "Attempt",
    "LessonRun",
    "LessonSummary",
    "RunStatus",
    "record_answer",
    "run_score",
    "summary_from_json",
    "summary_to_json",
    "verdict_from_json",
    "verdict_to_json",
]

# Longer than anyone thinks about one exercise; a bigger value is a client bug.
MAX_DURATION_MS = 60 * 60 * 1000

_count = in_range(0, 2**31 - 1)


class RunStatus(enum.StrEnum):
    """Where a lesson run stands."""

    ACTIVE = "active"
    COMPLETED = "completed"
    ABANDONED = "abandoned"
    FAILED = "failed"  # ran out of hearts


def _uuid_tuple(values: Iterable[UUID]) -> tuple[UUID, ...]:
    return tuple(values)


def _check_uuids(instance: object, attribute: Any, values: tuple[Any, ...]) -> None:
    for index, value in enumerate(values):
        if not isinstance(value, UUID):
            raise InvalidContent(f"{where(instance, attribute)}[{index}]", "must be a UUID")


def _exercise_tuple(values: Iterable[Exercise]) -> tuple[Exercise, ...]:
    return tuple(values)


def _check_summary(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, LessonSummary):
        raise InvalidContent(where(instance, attribute), "must be a LessonSummary or None")


@attrs.frozen
class LessonRun:
    """A lesson being played (or played before).

    ``exercise_ids`` is the lesson's exercises in play order at the start; ``queue``
    is what is still to be answered correctly, missed exercises re-queued at the end.
    ``practice`` runs replay a completed lesson: they cost no hearts and earn hearts
    back. ``summary`` is set once the run is completed.

    ``exercises`` is a convenience for the app, not stored: ``start_lesson`` and
    ``lesson_run`` fill it with the exercise objects in play order; runs read straight
    from storage leave it empty.
    """

    id: UUID = attrs.field(validator=is_uuid)
    learner_id: UUID = attrs.field(validator=is_uuid)
    course_id: UUID = attrs.field(validator=is_uuid)
    lesson_id: UUID = attrs.field(validator=is_uuid)
    started_at: datetime = attrs.field(validator=aware_datetime)
    exercise_ids: tuple[UUID, ...] = attrs.field(converter=_uuid_tuple, validator=_check_uuids)
    queue: tuple[UUID, ...] = attrs.field(converter=_uuid_tuple, validator=_check_uuids)
    practice: bool = False
    consumes_hearts: bool = True
    status: RunStatus = enum_field(RunStatus, RunStatus.ACTIVE)
    answers: int = attrs.field(default=0, validator=_count)
    mistakes: int = attrs.field(default=0, validator=_count)
    first_try_correct: int = attrs.field(default=0, validator=_count)
    # Exercises answered wrong at least once, in the order first missed.
    missed: tuple[UUID, ...] = attrs.field(
        default=(), converter=_uuid_tuple, validator=_check_uuids
    )
    hints_used: int = attrs.field(default=0, validator=_count)
    speaking_passed: int = attrs.field(default=0, validator=_count)
    finished_at: datetime | None = attrs.field(default=None, validator=aware_datetime)
    summary: LessonSummary | None = attrs.field(default=None, validator=_check_summary)
    exercises: tuple[Exercise, ...] = attrs.field(
        default=(), eq=False, repr=False, hash=False, converter=_exercise_tuple
    )

    @property
    def next_exercise_id(self) -> UUID | None:
        """The exercise to show next, or None when every exercise was answered correctly."""
        return self.queue[0] if self.queue else None

    @property
    def next_exercise(self) -> Exercise | None:
        """The exercise to show next, when ``exercises`` is filled in."""
        next_id = self.next_exercise_id
        for exercise in self.exercises:
            if exercise.id == next_id:
                return exercise
        return None

    @property
    def remaining(self) -> int:
        """How many answers the queue still waits for."""
        return len(self.queue)


def record_answer(
    run: LessonRun,
    exercise_id: UUID,
    *,
    accepted: bool,
    speaking: bool,
    hint_used: bool,
) -> tuple[LessonRun, bool]:
    """The run after an answer to queued ``exercise_id``, and whether it was re-queued."""
    queue = list(run.queue)
    queue.remove(exercise_id)  # a ValueError unless it was queued
    first_try = exercise_id not in run.missed
    # Every new value is a count or an id of the validated run: copied unchecked.
    if accepted:
        return _copy_run(
            run,
            queue=tuple(queue),
            answers=run.answers + 1,
            first_try_correct=run.first_try_correct + first_try,
            speaking_passed=run.speaking_passed + bool(speaking),
            hints_used=run.hints_used + bool(hint_used),
        ), False
    queue.append(exercise_id)
    return _copy_run(
        run,
        queue=tuple(queue),
        answers=run.answers + 1,
        mistakes=run.mistakes + 1,
        missed=(*run.missed, exercise_id) if first_try else run.missed,
        hints_used=run.hints_used + bool(hint_used),
    ), True


_copy_run = unchecked.replacer(LessonRun)


def run_score(run: LessonRun) -> float:
    """The share of exercises answered right the first time, as a percentage."""
    if not run.exercise_ids:
        return 100.0
    return round(100.0 * run.first_try_correct / len(run.exercise_ids), 2)


def _check_verdict(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Verdict):
        raise InvalidContent(where(instance, attribute), f"must be a Verdict, got {value!r}")


def _optional_duration(instance: object, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DURATION_MS:
        raise InvalidContent(
            where(instance, attribute),
            f"must be whole milliseconds from 0 to {MAX_DURATION_MS}, got {value!r}",
        )


@attrs.frozen
class Attempt:
    """One answer in a run, with its verdict and the result the learner was shown.

    ``answer`` is the JSON form of what the learner answered. The ``*_after`` fields
    are the result of this attempt, kept so a retried request gets the same answer.
    """

    id: UUID = attrs.field(validator=is_uuid)
    run_id: UUID = attrs.field(validator=is_uuid)
    learner_id: UUID = attrs.field(validator=is_uuid)
    exercise_id: UUID = attrs.field(validator=is_uuid)
    exercise_type: str = attrs.field(validator=max_length(64))
    ordinal: int = attrs.field(validator=in_range(1, 2**31 - 1))
    submitted_at: datetime = attrs.field(validator=aware_datetime)
    answer: Any = attrs.field(hash=False)
    verdict: Verdict = attrs.field(validator=_check_verdict)
    duration_ms: int | None = attrs.field(default=None, validator=_optional_duration)
    hint_used: bool = False
    requeued: bool = False
    hearts_after: int | None = None
    next_heart_at: datetime | None = attrs.field(default=None, validator=aware_datetime)
    next_exercise_id: UUID | None = None
    remaining_after: int = attrs.field(default=0, validator=_count)
    run_status_after: RunStatus = enum_field(RunStatus, RunStatus.ACTIVE)

    @property
    def accepted(self) -> bool:
        """Whether the answer counted as right."""
        return self.verdict.accepted


@attrs.frozen
class AnswerResult:
    """What ``submit_answer`` tells the app: the verdict, hearts, and what comes next.

    ``hearts_left`` is None for learners with unlimited hearts (or hearts turned off).
    ``replayed`` is True when this is the stored result of an earlier request with the
    same attempt id.
    """

    attempt_id: UUID
    run_id: UUID
    exercise_id: UUID
    verdict: Verdict
    hearts_left: int | None
    next_heart_at: datetime | None
    next_exercise: Exercise | None
    remaining: int
    requeued: bool
    run_status: RunStatus
    replayed: bool = False

    @property
    def accepted(self) -> bool:
        """Whether the answer counted as right."""
        return self.verdict.accepted

    @property
    def finished(self) -> bool:
        """Whether every exercise is answered, so the run can be completed."""
        return self.remaining == 0 and self.run_status is RunStatus.ACTIVE


@attrs.frozen
class LessonSummary:
    """What completing a run earned, for the end-of-lesson screen.

    ``day`` is the learner-local ledger day the XP was booked on; ``xp_today`` and
    ``goal_met`` describe that day after this lesson.
    """

    run_id: UUID
    learner_id: UUID
    course_id: UUID
    lesson_id: UUID
    completed_at: datetime
    score: float
    perfect: bool
    exercises: int
    mistakes: int
    practice: bool
    xp: XpAward
    total_xp: int
    day: date
    xp_today: int
    daily_goal: int
    goal_met: bool
    goal_just_met: bool
    streak: StreakChange
    hearts_left: int | None
    next_heart_at: datetime | None
    hearts_refilled: int
    achievements: tuple[AchievementUnlock, ...]
    course_completed: bool


# --- JSON forms for storage ----------------------------------------------------------

T = TypeVar("T")


def _build(cls: type[T], data: Mapping[str, Any], **overrides: Any) -> T:
    # Keys a newer version added and this one does not know are dropped, so stored
    # JSON stays readable across upgrades.
    names = {field.name for field in attrs.fields(cls)}  # type: ignore[arg-type]
    values = {key: value for key, value in data.items() if key in names}
    values.update(overrides)
    return cls(**values)


def verdict_to_json(verdict: Verdict) -> dict[str, Any]:
    """A verdict as JSON (outcome, matched answer, token diff)."""
    data: dict[str, Any] = to_json(verdict)
    return data


def verdict_from_json(data: Mapping[str, Any]) -> Verdict:
    """The verdict :func:`verdict_to_json` produced."""
    tokens = [_build(VerdictToken, token) for token in data.get("tokens", ())]
    return _build(Verdict, data, tokens=tokens)


def _datetime(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def summary_to_json(summary: LessonSummary) -> dict[str, Any]:
    """A lesson summary as JSON."""
    data: dict[str, Any] = to_json(summary)
    return data


def summary_from_json(data: Mapping[str, Any]) -> LessonSummary:
    """The summary :func:`summary_to_json` produced."""
    streak = dict(data["streak"])
    streak["frozen_days"] = [date.fromisoformat(day) for day in streak.get("frozen_days", ())]
    unlocks = [
        _build(AchievementUnlock, unlock, learner_id=UUID(unlock["learner_id"]),
               unlocked_at=datetime.fromisoformat(unlock["unlocked_at"]))
        for unlock in data.get("achievements", ())
    ]
    return _build(
        LessonSummary,
        data,
        run_id=UUID(data["run_id"]),
        learner_id=UUID(data["learner_id"]),
        course_id=UUID(data["course_id"]),
        lesson_id=UUID(data["lesson_id"]),
        completed_at=datetime.fromisoformat(data["completed_at"]),
        xp=_build(XpAward, data["xp"]),
        day=date.fromisoformat(data["day"]),
        streak=_build(StreakChange, streak),
        next_heart_at=_datetime(data.get("next_heart_at")),
        achievements=tuple(unlocks),
    )
