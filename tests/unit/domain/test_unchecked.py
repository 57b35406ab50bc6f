"""Unchecked copies: the same objects as the validating constructors, minus the re-checks."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest

from learncore.domain import unchecked
from learncore.domain.hearts import HeartReason, HeartsPolicy, grant_hearts, initial_hearts
from learncore.domain.ids import new_id
from learncore.domain.ledger import LedgerDay
from learncore.domain.lesson_runs import LessonRun, RunStatus
from learncore.domain.logs import ActivityEntry
from learncore.domain.progress import LessonProgress, lesson_completed
from learncore.domain.streaks import StreakPolicy, recompute_streak
from learncore.errors import InvalidContent

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def a_run() -> LessonRun:
    ids = (new_id(), new_id())
    return LessonRun(id=new_id(), learner_id=new_id(), course_id=new_id(), lesson_id=new_id(),
                     started_at=T0, exercise_ids=ids, queue=ids)


def test_replace_gives_what_evolve_gives_and_leaves_the_original_alone():
    run = a_run()
    copy = unchecked.replace(run, answers=3, queue=run.queue[1:], status=RunStatus.FAILED)
    assert copy == attrs.evolve(run, answers=3, queue=run.queue[1:], status=RunStatus.FAILED)
    assert type(copy) is LessonRun
    assert (run.answers, run.queue, run.status) == (0, run.exercise_ids, RunStatus.ACTIVE)


def test_build_fills_defaults_and_calls_factories_for_each_object():
    values = {"id": new_id(), "type": "lesson_started", "occurred_at": T0}
    first = unchecked.build(ActivityEntry, **values)
    second = unchecked.build(ActivityEntry, **values)
    assert first == ActivityEntry(**values)
    assert first.learner_id is None
    assert first.payload == {}
    assert first.payload is not second.payload  # attrs.Factory(dict), one per object


def test_unknown_or_missing_fields_are_type_errors_like_a_constructor():
    with pytest.raises(TypeError, match="nope"):
        unchecked.replace(a_run(), nope=1)
    with pytest.raises(TypeError, match="occurred_at"):
        unchecked.build(ActivityEntry, id=new_id(), type="x")


def test_classes_with_post_init_hooks_are_refused():
    @attrs.frozen
    class Derived:
        value: int
        double: int = 0

        def __attrs_post_init__(self) -> None:
            object.__setattr__(self, "double", self.value * 2)

    with pytest.raises(TypeError, match="cannot be built unchecked"):
        unchecked.build(Derived, value=1)


def test_check_runs_the_constructor_validators_of_the_named_fields():
    progress = LessonProgress(learner_id=new_id(), lesson_id=new_id(), course_id=new_id())
    bad = unchecked.replace(progress, last_score=150.0, updated_at=datetime(2026, 3, 1))  # noqa: DTZ001
    unchecked.check(bad, "attempts")  # untouched fields still pass
    with pytest.raises(InvalidContent, match=r"LessonProgress\.last_score"):
        unchecked.check(bad, "last_score")
    with pytest.raises(InvalidContent, match=r"LessonProgress\.updated_at"):
        unchecked.check(bad, "updated_at")


def test_rules_that_copy_unchecked_still_reject_what_their_callers_pass():
    progress = LessonProgress(learner_id=new_id(), lesson_id=new_id(), course_id=new_id())
    with pytest.raises(InvalidContent, match=r"LessonProgress\.last_score"):
        lesson_completed(progress, score=150.0, time_spent_seconds=1.0, now=T0)
    with pytest.raises(InvalidContent, match=r"LedgerDay\.xp"):
        LedgerDay(learner_id=new_id(), day=T0.date()).with_xp(1.5)  # type: ignore[arg-type]
    policy = HeartsPolicy()
    low = attrs.evolve(initial_hearts(new_id(), policy, T0), hearts=1)
    with pytest.raises(InvalidContent, match=r"HeartsState\.hearts"):
        grant_hearts(low, T0, policy, amount=1.5, reason=HeartReason.REFILL)  # type: ignore[arg-type]
    with pytest.raises(InvalidContent, match=r"StreakState\.learner_id"):
        recompute_streak("not-an-id", [], StreakPolicy())  # type: ignore[arg-type]
