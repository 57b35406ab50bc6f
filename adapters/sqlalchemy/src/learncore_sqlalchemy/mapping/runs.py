"""Conversion between lesson runs / attempts and their rows.

Id lists (the exercise order, the queue, the missed exercises) are JSON lists of
canonical UUID text; verdicts and summaries use the domain's own JSON forms
(``verdict_to_json``, ``summary_to_json``), so they stay readable across versions.

A run is read on every answer, so it is rebuilt through a trusted factory (the row
was written from a validated run, see :mod:`~learncore_sqlalchemy.mapping.trusted`),
and the id texts of its lists, which are the same few exercise ids over and over,
are parsed (and formatted) once per process through bounded caches.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from learncore.domain.lesson_runs import (
    Attempt,
    LessonRun,
    RunStatus,
    summary_from_json,
    summary_to_json,
    verdict_from_json,
    verdict_to_json,
)
from learncore_sqlalchemy.mapping.trusted import trusted_factory

__all__ = ["attempt_from_row", "attempt_values", "run_from_row", "run_values"]


# Parsing an id text, or formatting one, costs about a microsecond, and a run's lists
# hold the same few exercise ids on every answer. UUIDs are immutable, so one object
# per text is safely shared.
_uuid = functools.lru_cache(maxsize=1 << 16)(UUID)
_text = functools.lru_cache(maxsize=1 << 16)(str)


def _id_list(ids: Iterable[UUID]) -> list[str]:
    return list(map(_text, ids))


def _ids(values: Iterable[str]) -> tuple[UUID, ...]:
    return tuple(map(_uuid, values))


_trusted_run = trusted_factory(LessonRun)


def run_values(run: LessonRun) -> dict[str, Any]:
    """Row values of a run (``run.exercises`` is an app convenience and is not stored)."""
    return {
        "id": run.id,
        "learner_id": run.learner_id,
        "course_id": run.course_id,
        "lesson_id": run.lesson_id,
        "started_at": run.started_at,
        "exercise_ids": _id_list(run.exercise_ids),
        "queue": _id_list(run.queue),
        "practice": run.practice,
        "consumes_hearts": run.consumes_hearts,
        "status": run.status.value,
        "answers": run.answers,
        "mistakes": run.mistakes,
        "first_try_correct": run.first_try_correct,
        "missed": _id_list(run.missed),
        "hints_used": run.hints_used,
        "speaking_passed": run.speaking_passed,
        "finished_at": run.finished_at,
        "summary": None if run.summary is None else summary_to_json(run.summary),
    }


def run_from_row(row: Any) -> LessonRun:
    """The run a row (with the columns of ``lc_lesson_runs``) holds."""
    return _trusted_run(
        id=row.id,
        learner_id=row.learner_id,
        course_id=row.course_id,
        lesson_id=row.lesson_id,
        started_at=row.started_at,
        exercise_ids=_ids(row.exercise_ids),
        queue=_ids(row.queue),
        practice=row.practice,
        consumes_hearts=row.consumes_hearts,
        status=RunStatus(row.status),
        answers=row.answers,
        mistakes=row.mistakes,
        first_try_correct=row.first_try_correct,
        missed=_ids(row.missed),
        hints_used=row.hints_used,
        speaking_passed=row.speaking_passed,
        finished_at=row.finished_at,
        summary=None if row.summary is None else summary_from_json(row.summary),
        exercises=(),
    )


def attempt_values(attempt: Attempt) -> dict[str, Any]:
    """Row values of an attempt; ``answer`` is already JSON (see ``Attempt``)."""
    return {
        "id": attempt.id,
        "run_id": attempt.run_id,
        "learner_id": attempt.learner_id,
        "exercise_id": attempt.exercise_id,
        "exercise_type": attempt.exercise_type,
        "ordinal": attempt.ordinal,
        "submitted_at": attempt.submitted_at,
        "answer": attempt.answer,
        "verdict": verdict_to_json(attempt.verdict),
        "duration_ms": attempt.duration_ms,
        "hint_used": attempt.hint_used,
        "requeued": attempt.requeued,
        "hearts_after": attempt.hearts_after,
        "next_heart_at": attempt.next_heart_at,
        "next_exercise_id": attempt.next_exercise_id,
        "remaining_after": attempt.remaining_after,
        "run_status_after": attempt.run_status_after.value,
    }


def attempt_from_row(row: Any) -> Attempt:
    """The attempt a row (with the columns of ``lc_attempts``) holds."""
    return Attempt(
        id=row.id,
        run_id=row.run_id,
        learner_id=row.learner_id,
        exercise_id=row.exercise_id,
        exercise_type=row.exercise_type,
        ordinal=row.ordinal,
        submitted_at=row.submitted_at,
        answer=row.answer,
        verdict=verdict_from_json(row.verdict),
        duration_ms=row.duration_ms,
        hint_used=row.hint_used,
        requeued=row.requeued,
        hearts_after=row.hearts_after,
        next_heart_at=row.next_heart_at,
        next_exercise_id=row.next_exercise_id,
        remaining_after=row.remaining_after,
        run_status_after=RunStatus(row.run_status_after),
    )
