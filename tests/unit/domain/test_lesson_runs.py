"""Lesson runs: the queue, re-queued misses, scores, and the JSON forms storage uses."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from learncore.domain.achievements import AchievementMetric, AchievementUnlock
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken
from learncore.domain.ids import new_id
from learncore.domain.lesson_runs import (
    LessonRun,
    LessonSummary,
    record_answer,
    run_score,
    summary_from_json,
    summary_to_json,
    verdict_from_json,
    verdict_to_json,
)
from learncore.domain.streaks import StreakChange
from learncore.domain.xp import XpAward
from learncore.errors import InvalidContent

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def a_run(n: int = 3) -> LessonRun:
    ids = [new_id() for _ in range(n)]
    return LessonRun(id=new_id(), learner_id=new_id(), course_id=new_id(), lesson_id=new_id(),
                     started_at=T0, exercise_ids=ids, queue=ids)


def test_a_right_answer_leaves_the_queue():
    run = a_run()
    first, second, third = run.exercise_ids
    run, requeued = record_answer(run, first, accepted=True, speaking=False, hint_used=False)
    assert (run.queue, requeued, run.first_try_correct) == ((second, third), False, 1)


def test_a_missed_exercise_comes_back_at_the_end_until_it_is_right():
    run = a_run()
    first, second, third = run.exercise_ids
    run, requeued = record_answer(run, first, accepted=False, speaking=False, hint_used=True)
    assert (run.queue, requeued, run.mistakes, run.missed) == ((second, third, first), True, 1, (first,))
    run, _ = record_answer(run, second, accepted=True, speaking=False, hint_used=False)
    run, _ = record_answer(run, third, accepted=True, speaking=True, hint_used=False)
    run, _ = record_answer(run, first, accepted=False, speaking=False, hint_used=False)
    run, _ = record_answer(run, first, accepted=True, speaking=False, hint_used=False)
    assert run.queue == ()
    assert (run.answers, run.mistakes, run.first_try_correct, run.hints_used, run.speaking_passed) == (
        5, 2, 2, 1, 1
    )
    assert run_score(run) == pytest.approx(66.67)


def test_a_run_needs_uuids_in_its_queue():
    with pytest.raises(InvalidContent, match=r"LessonRun.queue\[0\]"):
        LessonRun(id=new_id(), learner_id=new_id(), course_id=new_id(), lesson_id=new_id(),
                  started_at=T0, exercise_ids=(), queue=["not-an-id"])


def test_verdicts_round_trip_through_json():
    verdict = Verdict(outcome=Outcome.TYPO, matched="Estoy feliz",
                      tokens=(VerdictToken("Estoi", TokenLabel.TYPO, expected="Estoy", start=0,
                                           positions=(4,)),))
    data = verdict_to_json(verdict)
    assert data["tokens"][0]["label"] == "typo"
    assert verdict_from_json(data) == verdict
    assert verdict_from_json({**data, "confidence": 0.5}) == verdict  # a newer field is dropped


def test_summaries_round_trip_through_json():
    learner = new_id()
    summary = LessonSummary(
        run_id=new_id(), learner_id=learner, course_id=new_id(), lesson_id=new_id(),
        completed_at=T0, score=90.0, perfect=False, exercises=7, mistakes=1, practice=False,
        xp=XpAward(base=10, capped=3), total_xp=40, day=date(2026, 3, 1), xp_today=17, daily_goal=20,
        goal_met=False, goal_just_met=False,
        streak=StreakChange(before=2, after=3, longest=3, extended=True, frozen_days=(date(2026, 2, 27),)),
        hearts_left=None, next_heart_at=T0 + timedelta(hours=4), hearts_refilled=1,
        achievements=(AchievementUnlock(learner_id=learner, key="streak", tier=1, unlocked_at=T0,
                                        metric=AchievementMetric.STREAK_LENGTH, threshold=3),),
        course_completed=True,
    )
    assert summary_from_json(summary_to_json(summary)) == summary
