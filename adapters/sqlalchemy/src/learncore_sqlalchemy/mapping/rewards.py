"""Conversion between the reward state (ledger, streak, hearts, totals) and its rows."""

from __future__ import annotations

from typing import Any

from learncore.domain.hearts import HeartReason, HeartsLogEntry, HeartsState
from learncore.domain.ledger import LedgerDay
from learncore.domain.streaks import StreakState
from learncore.domain.totals import LearnerTotals

__all__ = [
    "hearts_from_row",
    "hearts_log_from_row",
    "hearts_log_values",
    "hearts_state",
    "hearts_values",
    "ledger_day_from_row",
    "ledger_day_values",
    "streak_from_row",
    "streak_values",
    "totals_from_row",
    "totals_values",
]


def ledger_day_values(entry: LedgerDay) -> dict[str, Any]:
    """Row values of a ledger day (without the row's own id)."""
    return {
        "learner_id": entry.learner_id,
        "day": entry.day,
        "xp": entry.xp,
        "goal": entry.goal,
        "lessons_completed": entry.lessons_completed,
        "freezes_granted": entry.freezes_granted,
        "repaired": entry.repaired,
        "timezone": entry.timezone,
        "day_start_hour": entry.day_start_hour,
    }


def ledger_day_from_row(row: Any) -> LedgerDay:
    """The ledger day a row holds."""
    return LedgerDay(
        learner_id=row.learner_id,
        day=row.day,
        xp=row.xp,
        goal=row.goal,
        lessons_completed=row.lessons_completed,
        freezes_granted=row.freezes_granted,
        repaired=row.repaired,
        timezone=row.timezone,
        day_start_hour=row.day_start_hour,
    )


def streak_values(state: StreakState) -> dict[str, Any]:
    """Row values of a streak state (``current`` is stored as ``current_length``)."""
    return {
        "learner_id": state.learner_id,
        "current_length": state.current,
        "longest": state.longest,
        "last_day": state.last_day,
        "last_active_day": state.last_active_day,
        "covered_through": state.covered_through,
        "freezes_held": state.freezes_held,
        "freezes_used": state.freezes_used,
        "lost_length": state.lost_length,
        "broken_on": state.broken_on,
    }


def streak_from_row(row: Any) -> StreakState:
    """The streak state a row holds."""
    return StreakState(
        learner_id=row.learner_id,
        current=row.current_length,
        longest=row.longest,
        last_day=row.last_day,
        last_active_day=row.last_active_day,
        covered_through=row.covered_through,
        freezes_held=row.freezes_held,
        freezes_used=row.freezes_used,
        lost_length=row.lost_length,
        broken_on=row.broken_on,
    )


def hearts_values(state: HeartsState) -> dict[str, Any]:
    """Row values of a hearts state (``updated_at`` is stored as ``changed_at``)."""
    return {
        "learner_id": state.learner_id,
        "hearts": state.hearts,
        "changed_at": state.updated_at,
        "unlimited": state.unlimited,
    }


def hearts_from_row(row: Any) -> HeartsState:
    """The hearts state a row holds."""
    return hearts_state(row.learner_id, row.hearts, row.changed_at, row.unlimited)


def hearts_state(learner_id: Any, hearts: int, changed_at: Any, unlimited: bool) -> HeartsState:
    """The hearts state of a row's column values (read on their own or along with a run)."""
    return HeartsState(learner_id=learner_id, hearts=hearts, updated_at=changed_at, unlimited=unlimited)


def hearts_log_values(entry: HeartsLogEntry) -> dict[str, Any]:
    """Row values of a hearts-log entry (``seq`` is given by the database)."""
    return {
        "id": entry.id,
        "learner_id": entry.learner_id,
        "occurred_at": entry.occurred_at,
        "delta": entry.delta,
        "resulting": entry.resulting,
        "reason": entry.reason.value,
        "run_id": entry.run_id,
    }


def hearts_log_from_row(row: Any) -> HeartsLogEntry:
    """The hearts-log entry a row holds."""
    return HeartsLogEntry(
        id=row.id,
        learner_id=row.learner_id,
        occurred_at=row.occurred_at,
        delta=row.delta,
        resulting=row.resulting,
        reason=HeartReason(row.reason),
        run_id=row.run_id,
    )


def totals_values(totals: LearnerTotals) -> dict[str, Any]:
    """Row values of a learner's totals."""
    return {
        "learner_id": totals.learner_id,
        "total_xp": totals.total_xp,
        "lessons_completed": totals.lessons_completed,
        "perfect_lessons": totals.perfect_lessons,
        "courses_completed": totals.courses_completed,
        "speaking_passed": totals.speaking_passed,
    }


def totals_from_row(row: Any) -> LearnerTotals:
    """The totals a row holds."""
    return LearnerTotals(
        learner_id=row.learner_id,
        total_xp=row.total_xp,
        lessons_completed=row.lessons_completed,
        perfect_lessons=row.perfect_lessons,
        courses_completed=row.courses_completed,
        speaking_passed=row.speaking_passed,
    )
