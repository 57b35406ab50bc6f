"""Achievement definitions, evaluation and the recount used by backfills."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from learncore.domain.achievements import (
    BUILTIN_ACHIEVEMENTS,
    AchievementDefinition,
    AchievementMetric,
    AchievementTier,
    due_unlocks,
    metric_values,
)
from learncore.domain.backfill import recount_totals
from learncore.domain.ids import new_id
from learncore.domain.ledger import LedgerDay
from learncore.domain.lesson_runs import LessonRun, RunStatus
from learncore.domain.progress import Enrollment, EnrollmentStatus
from learncore.domain.totals import LearnerTotals
from learncore.errors import InvalidContent

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
STREAK = AchievementDefinition(
    key="streak", title="Wildfire", metric="streak_length",
    tiers=[AchievementTier(2, 7, "7 days"), AchievementTier(1, 3, "3 days")],
)


def test_tiers_are_sorted_and_must_rise():
    assert [t.threshold for t in STREAK.tiers] == [3, 7]
    with pytest.raises(InvalidContent, match="thresholds must rise"):
        AchievementDefinition(key="x", title="X", metric="total_xp",
                              tiers=[AchievementTier(1, 10), AchievementTier(2, 10)])
    with pytest.raises(InvalidContent, match="AchievementDefinition.metric"):
        AchievementDefinition(key="x", title="X", metric="hugs", tiers=[AchievementTier(1, 1)])


def test_every_tier_reached_and_not_held_is_due_lowest_first():
    values = {AchievementMetric.STREAK_LENGTH: 8}
    due = due_unlocks([STREAK], values, held=set())
    assert [(d.key, t.level) for d, t in due] == [("streak", 1), ("streak", 2)]
    assert due_unlocks([STREAK], values, held={("streak", 1), ("streak", 2)}) == []
    assert due_unlocks([STREAK], {AchievementMetric.STREAK_LENGTH: 2}, held=set()) == []


def test_metric_values_come_from_totals_and_the_longest_streak():
    totals = LearnerTotals(learner_id=new_id(), total_xp=150, lessons_completed=12, perfect_lessons=3,
                           courses_completed=1, speaking_passed=4)
    values = metric_values(totals, longest_streak=9)
    assert values[AchievementMetric.TOTAL_XP] == 150
    assert values[AchievementMetric.STREAK_LENGTH] == 9
    assert {d.key for d, _ in due_unlocks(BUILTIN_ACHIEVEMENTS, values, set())} == {
        "lessons", "xp", "streak", "perfect", "courses", "speaking"
    }


def test_the_built_in_achievements_cover_every_metric():
    assert {d.metric for d in BUILTIN_ACHIEVEMENTS} == set(AchievementMetric)
    assert len({d.key for d in BUILTIN_ACHIEVEMENTS}) == len(BUILTIN_ACHIEVEMENTS)


def test_the_recount_reads_completed_runs_enrolments_and_the_ledger():
    learner = new_id()

    def run(status: RunStatus, mistakes: int, speaking: int) -> LessonRun:
        return LessonRun(id=new_id(), learner_id=learner, course_id=new_id(), lesson_id=new_id(),
                         started_at=T0, exercise_ids=(), queue=(), status=status, mistakes=mistakes,
                         speaking_passed=speaking)

    totals = recount_totals(
        learner,
        runs=[run(RunStatus.COMPLETED, 0, 1), run(RunStatus.COMPLETED, 2, 1),
              run(RunStatus.ABANDONED, 0, 1), run(RunStatus.FAILED, 5, 0)],
        enrollments=[Enrollment(id=new_id(), learner_id=learner, course_id=new_id(), enrolled_at=T0,
                                status=EnrollmentStatus.COMPLETED),
                     Enrollment(id=new_id(), learner_id=learner, course_id=new_id(), enrolled_at=T0)],
        ledger=[LedgerDay(learner_id=learner, day=date(2026, 3, d), xp=10 * d) for d in (1, 2, 3)],
    )
    assert totals == LearnerTotals(learner_id=learner, total_xp=60, lessons_completed=2, perfect_lessons=1,
                                   courses_completed=1, speaking_passed=2)
