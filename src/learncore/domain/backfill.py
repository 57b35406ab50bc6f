"""Recounting a learner's totals from their history, for achievement backfills.

When a plugin adds an achievement definition, learners who already qualify should
get it without playing again. The running totals would do for that, but a backfill
recounts from the history itself (completed runs, enrolments, the ledger), so it also
repairs the picture for data written before a counter existed.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from learncore.domain.ledger import LedgerDay
from learncore.domain.lesson_runs import LessonRun, RunStatus
from learncore.domain.progress import Enrollment, EnrollmentStatus
from learncore.domain.totals import LearnerTotals

__all__ = ["recount_totals"]


def recount_totals(
    learner_id: UUID,
    *,
    runs: Iterable[LessonRun],
    enrollments: Iterable[Enrollment],
    ledger: Iterable[LedgerDay],
) -> LearnerTotals:
    """The totals implied by the history; equal to the running totals when nothing was lost."""
    lessons = perfect = speaking = 0
    for run in runs:
        if run.status is RunStatus.COMPLETED:
            lessons += 1
            perfect += run.mistakes == 0
            speaking += run.speaking_passed
    return LearnerTotals(
        learner_id=learner_id,
        total_xp=sum(row.xp for row in ledger),
        lessons_completed=lessons,
        perfect_lessons=perfect,
        courses_completed=sum(1 for e in enrollments if e.status is EnrollmentStatus.COMPLETED),
        speaking_passed=speaking,
    )
