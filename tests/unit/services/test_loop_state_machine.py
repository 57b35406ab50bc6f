"""Random sequences of answers, completions, clock jumps, timezone moves and DST crossings.

After every step the stored state must satisfy the learning loop's invariants:
hearts stay within [0, max], total XP equals the ledger's sum, the incremental streak
equals a recompute from the ledger, and no achievement tier is held twice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import learncore
from learncore.domain.lesson_runs import RunStatus
from learncore.domain.policies import RewardPolicies
from learncore.domain.streaks import StreakPolicy, recompute_streak
from learncore.domain.xp import XpPolicy
from learncore.errors import (
    LessonLocked,
    OutOfHearts,
    RunNotActive,
    StreakNotRepairable,
)
from learncore.testing import FixedClock, correct_answer, sample_course, wrong_answer

ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Apia", "UTC", "Asia/Tokyo",
         "America/Los_Angeles"]


def _wall(zone: str, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone)).astimezone(UTC)  # type: ignore[misc]


# Instants a few minutes before DST changes (Lord Howe shifts by 30 minutes).
DST_EDGES = sorted([
    _wall("America/New_York", 2026, 3, 8, 1, 50), _wall("America/New_York", 2026, 11, 1, 1, 50),
    _wall("Europe/London", 2026, 3, 29, 0, 50), _wall("Europe/London", 2026, 10, 25, 1, 50),
    _wall("Australia/Lord_Howe", 2026, 4, 5, 1, 50), _wall("Australia/Lord_Howe", 2026, 10, 4, 1, 50),
    _wall("America/New_York", 2027, 3, 14, 1, 50), _wall("Europe/London", 2027, 3, 28, 0, 50),
])

POLICIES = RewardPolicies(
    xp=XpPolicy(daily_cap=60),
    streak=StreakPolicy(freeze_cap=2, repair_window_days=2),
)


class LearningLoop(RuleBasedStateMachine):
    @initialize(zones=st.lists(st.sampled_from(ZONES), min_size=2, max_size=2))
    def set_up(self, zones):
        self.clock = FixedClock(datetime(2026, 1, 5, 8, 0, tzinfo=UTC))
        self.app = learncore.bootstrap(load_entry_points=False, clock=self.clock, policies=POLICIES)
        self.course = self.app.save_course(sample_course(units=2, lessons_per_unit=2))
        self.learners: list[UUID] = []
        for n, zone in enumerate(zones):
            learner = self.app.register_learner(f"L{n}", timezone=zone, daily_goal=20)
            self.app.enroll(learner.id, self.course.id)
            self.learners.append(learner.id)
        self.runs: list[UUID] = []
        self.last_answer: tuple | None = None

    # --- playing ----------------------------------------------------------------------

    @rule(who=st.integers(0, 1), pick=st.integers(0, 3), any_lesson=st.booleans())
    def start(self, who, pick, any_lesson):
        learner = self.learners[who]
        lesson = self.course.lessons[pick]
        if not any_lesson:  # mostly play what is open, as apps do
            open_ids = [p.lesson_id for p in self.app.lesson_progress(learner, self.course.id)
                        if p.status.value != "locked"]
            lesson = self.course.lesson(open_ids[pick % len(open_ids)])
        try:
            run = self.app.start_lesson(learner, lesson.id)
        except LessonLocked:
            done = {p.lesson_id for p in self.app.lesson_progress(learner, self.course.id)
                    if p.completion_count}
            assert not self.course.requirements(lesson.id) <= done
            return
        except OutOfHearts as exc:
            assert self.app.stats(learner).hearts == 0
            assert exc.next_heart_at is not None
            assert exc.next_heart_at > self.clock.now()
            return
        self.runs.append(run.id)

    @rule(who=st.integers(0, 1), pick=st.integers(0, 3), misses=st.integers(0, 2))
    def play_a_lesson(self, who, pick, misses):
        """Start an open lesson, answer everything and complete it, as most sessions go."""
        before = len(self.runs)
        self.start(who, pick, any_lesson=False)
        if len(self.runs) > before:
            self.play_through(0, misses, then_complete=True)

    @precondition(lambda self: self.runs)
    @rule(which=st.integers(0, 50), right=st.booleans(), with_id=st.booleans())
    def answer(self, which, right, with_id):
        run = self.app.lesson_run(self.runs[which % len(self.runs)])
        if run.status is not RunStatus.ACTIVE or run.next_exercise is None:
            return
        exercise = run.next_exercise
        answer = correct_answer(exercise) if right else wrong_answer(exercise)
        attempt_id = learncore.new_id() if with_id else None
        result = self.app.submit_answer(run.id, exercise.id, answer, attempt_id=attempt_id, duration_ms=1500)
        assert result.accepted == right
        if attempt_id is not None:
            self.last_answer = (run.id, exercise.id, answer, attempt_id, result)

    @precondition(lambda self: self.runs)
    @rule(which=st.integers(0, 50), misses=st.integers(0, 3), then_complete=st.booleans())
    def play_through(self, which, misses, then_complete):
        """Answer the rest of a run, missing the first ``misses`` exercises once."""
        run = self.app.lesson_run(self.runs[-1 - which % len(self.runs)])
        exercises = {e.id: e for e in run.exercises}
        missed: set[UUID] = set()
        next_id = run.next_exercise_id if run.status is RunStatus.ACTIVE else None
        while next_id is not None:
            exercise = exercises[next_id]
            wrong = len(missed) < misses and next_id not in missed
            missed.add(next_id)
            answer = wrong_answer(exercise) if wrong else correct_answer(exercise)
            result = self.app.submit_answer(run.id, next_id, answer)
            if result.run_status is not RunStatus.ACTIVE:
                assert result.run_status is RunStatus.FAILED
                assert result.hearts_left == 0
                return
            next_id = result.next_exercise.id if result.next_exercise else None
        if then_complete and self.app.lesson_run(run.id).status is RunStatus.ACTIVE:
            self.complete(self.runs.index(run.id), twice=False)

    @precondition(lambda self: self.last_answer is not None)
    @rule()
    def retry_the_last_answer(self):
        assert self.last_answer is not None
        run_id, exercise_id, answer, attempt_id, first = self.last_answer
        learner = self.app.lesson_run(run_id).learner_id
        before = self.app.stats(learner)
        again = self.app.submit_answer(run_id, exercise_id, answer, attempt_id=attempt_id)
        assert again.replayed
        assert (again.verdict, again.remaining, again.hearts_left) == (
            first.verdict, first.remaining, first.hearts_left
        )
        after = self.app.stats(learner)
        assert (after.total_xp, after.hearts, after.current_streak) == (
            before.total_xp, before.hearts, before.current_streak
        )

    @precondition(lambda self: self.runs)
    @rule(which=st.integers(0, 50), twice=st.booleans())
    def complete(self, which, twice):
        run = self.app.lesson_run(self.runs[which % len(self.runs)])
        if run.status is RunStatus.COMPLETED:
            assert self.app.complete_lesson(run.id) == run.summary
            return
        if run.status is not RunStatus.ACTIVE or run.queue:
            return
        before = self.app.stats(run.learner_id).total_xp
        summary = self.app.complete_lesson(run.id)
        assert self.app.stats(run.learner_id).total_xp == before + summary.xp.total
        if twice:
            assert self.app.complete_lesson(run.id) == summary
            assert self.app.stats(run.learner_id).total_xp == before + summary.xp.total

    @precondition(lambda self: self.runs)
    @rule(which=st.integers(0, 50))
    def abandon(self, which):
        run_id = self.runs[which % len(self.runs)]
        try:
            self.app.abandon_lesson(run_id)
        except RunNotActive:
            assert self.app.lesson_run(run_id).status in (RunStatus.COMPLETED, RunStatus.FAILED)

    @rule(who=st.integers(0, 1), items=st.integers(0, 30))
    def practise(self, who, items):
        self.app.record_practice(self.learners[who], items)

    # --- rewards --------------------------------------------------------------------------

    @rule(who=st.integers(0, 1), count=st.integers(1, 3))
    def grant_freezes(self, who, count):
        held = self.app.grant_streak_freezes(self.learners[who], count)
        assert 0 <= held <= POLICIES.streak.freeze_cap

    @rule(who=st.integers(0, 1))
    def repair(self, who):
        learner = self.learners[who]
        repairable = self.app.stats(learner).streak_repairable
        try:
            self.app.repair_streak(learner)
        except StreakNotRepairable:
            assert not repairable
        else:
            assert repairable

    @rule(who=st.integers(0, 1), full=st.booleans())
    def hearts_shop(self, who, full):
        if full:
            assert self.app.refill_hearts(self.learners[who]) == POLICIES.hearts.max_hearts
        else:
            unlimited = self.app.stats(self.learners[who]).hearts is None
            self.app.set_unlimited_hearts(self.learners[who], not unlimited)

    # --- time and place ------------------------------------------------------------------------

    @rule(minutes=st.integers(-180, 4 * 24 * 60))
    def clock_jump(self, minutes):
        self.clock.advance(minutes=minutes)

    @rule(edge=st.sampled_from(DST_EDGES), minutes=st.integers(0, 40))
    def cross_a_dst_boundary(self, edge, minutes):
        if edge > self.clock.now():
            self.clock.set(edge + timedelta(minutes=minutes))

    @rule(who=st.integers(0, 1), zone=st.sampled_from(ZONES), hour=st.integers(0, 5))
    def move(self, who, zone, hour):
        self.app.set_timezone(self.learners[who], zone, day_start_hour=hour)

    # --- invariants ----------------------------------------------------------------------------

    @invariant()
    def rewards_are_consistent(self):
        if not hasattr(self, "app"):
            return
        maximum = POLICIES.hearts.max_hearts
        with self.app.transaction() as uow:
            for learner in self.learners:
                hearts = uow.rewards.get_hearts(learner)
                assert hearts is not None
                assert 0 <= hearts.hearts <= maximum
                log = uow.rewards.list_hearts_log(learner)
                assert hearts.hearts == maximum + sum(entry.delta for entry in log)
                assert all(0 <= entry.resulting <= maximum for entry in log)

                ledger = uow.rewards.list_ledger(learner)
                totals = uow.rewards.get_totals(learner)
                assert totals is not None
                assert totals.total_xp == sum(row.xp for row in ledger)

                streak = uow.rewards.get_streak(learner)
                assert streak == recompute_streak(learner, ledger, POLICIES.streak)

                held = [(u.key, u.tier) for u in uow.achievements.list_unlocks(learner)]
                assert len(held) == len(set(held))
        for learner in self.learners:
            shown = self.app.stats(learner).hearts
            assert shown is None or 0 <= shown <= maximum


LearningLoop.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLearningLoop = LearningLoop.TestCase
