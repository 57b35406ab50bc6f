"""GDPR use cases: export everything about one learner, or delete it all."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from learncore.domain.events import LearnerDeleted
from learncore.domain.json_values import to_json
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork
from learncore.services.learners import load_learner

__all__ = ["EXPORT_FORMAT", "delete_learner", "export_learner"]

EXPORT_FORMAT = "learncore.learner-export/1"


def export_learner(uow: UnitOfWork, clock: Clock, learner_id: UUID) -> dict[str, Any]:
    """Everything stored about a learner, as JSON-compatible data (a right-of-access export)."""
    learner = load_learner(uow, learner_id)
    runs = uow.runs.list_runs(learner_id)
    data = {
        "format": EXPORT_FORMAT,
        "exported_at": clock.now(),
        "learner": learner,
        "enrollments": uow.progress.list_enrollments(learner_id),
        "lesson_progress": [
            record
            for enrollment in uow.progress.list_enrollments(learner_id)
            for record in uow.progress.list_lesson_progress(learner_id, enrollment.course_id)
        ],
        "lesson_runs": runs,
        "attempts": uow.runs.list_learner_attempts(learner_id),
        "daily_ledger": uow.rewards.list_ledger(learner_id),
        "streak": uow.rewards.get_streak(learner_id),
        "hearts": uow.rewards.get_hearts(learner_id),
        "hearts_log": uow.rewards.list_hearts_log(learner_id),
        "totals": uow.rewards.get_totals(learner_id),
        "achievements": uow.achievements.list_unlocks(learner_id),
        "activity": uow.logs.list_activity(learner_id),
    }
    exported: dict[str, Any] = to_json(data)
    return exported


def delete_learner(uow: UnitOfWork, clock: Clock, learner_id: UUID) -> None:
    """Delete a learner and everything that belongs to them (a right-to-erasure request).

    The ``learner_deleted`` event keeps no link to the person in the activity log; plugins
    read ``deleted_learner_id`` from it to erase their own copies.
    """
    load_learner(uow, learner_id, for_update=True)
    uow.learners.delete(learner_id)
    uow.emit(LearnerDeleted(occurred_at=clock.now(), deleted_learner_id=learner_id))
