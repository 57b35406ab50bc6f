"""The storage contract for the learning loop's repositories: runs, rewards, achievements.

:class:`~learncore.testing.storage_contract.StorageContract` inherits these tests, so
a backend that runs the storage contract runs them too.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import attrs
import pytest

from learncore.domain.achievements import AchievementMetric, AchievementUnlock
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken
from learncore.domain.hearts import HeartReason, HeartsLogEntry, HeartsState
from learncore.domain.ids import new_id
from learncore.domain.learners import Learner
from learncore.domain.ledger import LedgerDay
from learncore.domain.lesson_runs import Attempt, LessonRun, LessonSummary, RunStatus
from learncore.domain.progress import Enrollment
from learncore.domain.streaks import StreakChange, StreakState
from learncore.domain.totals import LearnerTotals
from learncore.domain.xp import XpAward
from learncore.errors import AlreadyExists, UnknownLearner
from learncore.ports.storage import Storage
from learncore.testing.builders import sample_course

__all__ = ["LoopStorageContract"]

T0 = datetime(2026, 3, 29, 0, 30, 15, 123456, tzinfo=UTC)
COURSE = sample_course("loop-contract")
LESSON = COURSE.lessons[0]


def _learner(name: str = "Ana") -> Learner:
    return Learner(id=new_id(), display_name=name, timezone="Australia/Lord_Howe", created_at=T0)


def _run(learner: Learner, *, started_at: datetime = T0, **changes: Any) -> LessonRun:
    ids = [exercise.id for exercise in LESSON.exercises]
    run = LessonRun(
        id=new_id(),
        learner_id=learner.id,
        course_id=COURSE.id,
        lesson_id=LESSON.id,
        started_at=started_at,
        exercise_ids=ids,
        queue=ids,
    )
    return attrs.evolve(run, **changes)


def _summary(run: LessonRun) -> LessonSummary:
    return LessonSummary(
        run_id=run.id,
        learner_id=run.learner_id,
        course_id=run.course_id,
        lesson_id=run.lesson_id,
        completed_at=T0 + timedelta(minutes=4),
        score=85.71,
        perfect=False,
        exercises=7,
        mistakes=1,
        practice=False,
        xp=XpAward(base=10, perfect_bonus=0, replay_reduction=0, capped=2),
        total_xp=108,
        day=date(2026, 3, 29),
        xp_today=28,
        daily_goal=20,
        goal_met=True,
        goal_just_met=True,
        streak=StreakChange(
            before=4, after=5, longest=9, extended=True,
            frozen_days=(date(2026, 3, 27), date(2026, 3, 28)), freezes_held=0,
        ),
        hearts_left=4,
        next_heart_at=T0 + timedelta(hours=4),
        hearts_refilled=0,
        achievements=(
            AchievementUnlock(learner_id=run.learner_id, key="streak", tier=1,
                              unlocked_at=T0 + timedelta(minutes=4), title="3-day streak",
                              metric=AchievementMetric.STREAK_LENGTH, threshold=3),
        ),
        course_completed=False,
    )


# Built from keyword dicts: mypy cannot type attrs' ``converter=tuple`` fields.
_TYPO_TOKEN: dict[str, Any] = {
    "text": "Estoi", "label": TokenLabel.TYPO, "expected": "Estoy", "start": 0, "positions": [4]
}
_TYPO_VERDICT_FIELDS: dict[str, Any] = {
    "outcome": Outcome.TYPO,
    "matched": "Estoy feliz",
    "tokens": [VerdictToken(**_TYPO_TOKEN), VerdictToken("feliz", TokenLabel.OK, start=6)],
}
_TYPO_VERDICT = Verdict(**_TYPO_VERDICT_FIELDS)


def _attempt(run: LessonRun, ordinal: int, **changes: Any) -> Attempt:
    exercise = LESSON.exercises[0]
    attempt = Attempt(
        id=new_id(),
        run_id=run.id,
        learner_id=run.learner_id,
        exercise_id=exercise.id,
        exercise_type=str(exercise.type),
        ordinal=ordinal,
        submitted_at=T0 + timedelta(seconds=ordinal),
        answer="Estoi feliz",
        verdict=_TYPO_VERDICT,
        duration_ms=5400,
        hint_used=True,
        hearts_after=5,
        next_heart_at=None,
        next_exercise_id=LESSON.exercises[1].id,
        remaining_after=6,
    )
    return attrs.evolve(attempt, **changes)


def _day(learner: Learner, day: date, **changes: Any) -> LedgerDay:
    return LedgerDay(learner_id=learner.id, day=day, timezone=learner.timezone, **changes)


class LoopStorageContract:
    """Behaviour of ``uow.runs``, ``uow.rewards`` and ``uow.achievements``."""

    def _add(self, storage: Storage, *learners: Learner) -> None:
        with storage.unit_of_work() as uow:
            if uow.content.get_course(COURSE.id) is None:
                uow.content.save_course(COURSE)  # for backends that link runs to content
            for learner in learners:
                uow.learners.add(learner)
            uow.commit()

    # --- runs and attempts ------------------------------------------------------

    def test_a_lesson_run_round_trips_and_is_replaced_whole(self, storage: Storage) -> None:
        learner = _learner()
        self._add(storage, learner)
        run = _run(learner, exercises=LESSON.exercises)
        first = LESSON.exercises[0].id
        finished = attrs.evolve(
            run,
            queue=(),
            status=RunStatus.COMPLETED,
            answers=8,
            mistakes=1,
            first_try_correct=6,
            missed=(first,),
            hints_used=2,
            speaking_passed=1,
            practice=True,
            consumes_hearts=False,
            finished_at=T0 + timedelta(minutes=4),
        )
        finished = attrs.evolve(finished, summary=_summary(finished))
        with storage.unit_of_work() as uow:
            uow.runs.save_run(run)
            uow.commit()
        with storage.unit_of_work() as uow:
            loaded = uow.runs.get_run(run.id, for_update=True)
            assert loaded == run
            assert loaded is not None
            assert loaded.exercises == ()  # not stored
            assert loaded.queue == run.queue  # order kept
            uow.runs.save_run(finished)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.runs.get_run(run.id) == finished
            assert uow.runs.get_run(new_id()) is None

    def test_runs_are_listed_oldest_first_by_lesson_and_status(self, storage: Storage) -> None:
        ana, ben = _learner("Ana"), _learner("Ben")
        self._add(storage, ana, ben)
        later = _run(ana, started_at=T0 + timedelta(hours=1))
        earlier = _run(ana, started_at=T0, status=RunStatus.ABANDONED)
        other_lesson = attrs.evolve(_run(ana, started_at=T0 + timedelta(hours=2)),
                                    lesson_id=COURSE.lessons[1].id)
        with storage.unit_of_work() as uow:
            for run in (later, earlier, other_lesson, _run(ben)):
                uow.runs.save_run(run)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert list(uow.runs.list_runs(ana.id)) == [earlier, later, other_lesson]
            assert list(uow.runs.list_runs(ana.id, lesson_id=LESSON.id)) == [earlier, later]
            assert list(uow.runs.list_runs(ana.id, status=RunStatus.ABANDONED)) == [earlier]
            assert list(uow.runs.list_runs(new_id())) == []

    def test_runs_and_attempts_of_an_unknown_learner_are_refused(self, storage: Storage) -> None:
        ghost = _learner("Ghost")
        run = _run(ghost)
        with storage.unit_of_work() as uow, pytest.raises(UnknownLearner):
            uow.runs.save_run(run)
        with storage.unit_of_work() as uow, pytest.raises(UnknownLearner):
            uow.runs.add_attempt(_attempt(run, 1))

    def test_attempts_round_trip_with_their_verdict_and_answer(self, storage: Storage) -> None:
        learner = _learner()
        self._add(storage, learner)
        run = _run(learner)
        pairs = _attempt(run, 2, answer={"uno": "one", "dos": "two"}, duration_ms=None,
                         verdict=Verdict(outcome=Outcome.INCORRECT), requeued=True,
                         hearts_after=None, next_heart_at=T0 + timedelta(hours=4),
                         run_status_after=RunStatus.FAILED, next_exercise_id=None,
                         remaining_after=0, hint_used=False)
        choice = _attempt(run, 3, answer=[str(new_id())], submitted_at=T0 + timedelta(seconds=1))
        typo = _attempt(run, 1)
        with storage.unit_of_work() as uow:
            uow.runs.save_run(run)
            for attempt in (pairs, choice, typo):
                uow.runs.add_attempt(attempt)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.runs.get_attempt(typo.id) == typo
            assert uow.runs.get_attempt(pairs.id) == pairs
            assert uow.runs.get_attempt(new_id()) is None
            assert list(uow.runs.list_attempts(run.id)) == [typo, pairs, choice]
            # By time, then ordinal: typo and choice share a second, pairs is later.
            assert list(uow.runs.list_learner_attempts(learner.id)) == [typo, choice, pairs]
            assert list(uow.runs.list_attempts(new_id())) == []

    def test_an_attempt_id_is_recorded_once(self, storage: Storage) -> None:
        learner = _learner()
        self._add(storage, learner)
        run = _run(learner)
        attempt = _attempt(run, 1)
        with storage.unit_of_work() as uow:
            uow.runs.save_run(run)
            uow.runs.add_attempt(attempt)
            uow.commit()
        with storage.unit_of_work() as uow, pytest.raises(AlreadyExists):
            uow.runs.add_attempt(attrs.evolve(attempt, ordinal=2))

    # --- rewards ----------------------------------------------------------------

    def test_ledger_days_upsert_and_list_in_date_order(self, storage: Storage) -> None:
        ana, ben = _learner("Ana"), _learner("Ben")
        self._add(storage, ana, ben)
        days = [date(2026, 3, d) for d in (29, 27, 31, 28)]
        with storage.unit_of_work() as uow:
            for n, day in enumerate(days):
                uow.rewards.save_ledger_day(_day(ana, day, xp=10 * n, goal=30, lessons_completed=n))
            uow.rewards.save_ledger_day(_day(ben, date(2026, 3, 29), xp=1))
            uow.commit()
        updated = _day(ana, date(2026, 3, 27), xp=45, goal=30, lessons_completed=3,
                       freezes_granted=2, repaired=True, day_start_hour=4)
        with storage.unit_of_work() as uow:
            assert uow.rewards.get_ledger_day(ana.id, date(2026, 3, 27), for_update=True) == _day(
                ana, date(2026, 3, 27), xp=10, goal=30, lessons_completed=1
            )
            uow.rewards.save_ledger_day(updated)
            uow.commit()
        with storage.unit_of_work() as uow:
            listed = uow.rewards.list_ledger(ana.id)
            assert [row.day for row in listed] == sorted(days)
            assert listed[0] == updated
            assert [r.day.day for r in uow.rewards.list_ledger(ana.id, since=date(2026, 3, 28))] == [
                28, 29, 31
            ]
            assert [r.day.day for r in uow.rewards.list_ledger(ana.id, until=date(2026, 3, 28))] == [
                27, 28
            ]
            assert [
                r.day.day
                for r in uow.rewards.list_ledger(
                    ana.id, since=date(2026, 3, 28), until=date(2026, 3, 30)
                )
            ] == [28, 29]
            assert uow.rewards.get_ledger_day(ana.id, date(2026, 3, 30)) is None
            assert list(uow.rewards.list_ledger(new_id())) == []

    def test_streak_hearts_and_totals_round_trip_per_learner(self, storage: Storage) -> None:
        learner = _learner()
        self._add(storage, learner)
        streak = StreakState(
            learner_id=learner.id, current=3, longest=12, last_day=date(2026, 3, 29),
            last_active_day=date(2026, 3, 29), covered_through=date(2026, 3, 29),
            freezes_held=1, freezes_used=4, lost_length=12, broken_on=date(2026, 3, 20),
        )
        hearts = HeartsState(learner_id=learner.id, hearts=2, updated_at=T0, unlimited=True)
        totals = LearnerTotals(learner_id=learner.id, total_xp=1234, lessons_completed=80,
                               perfect_lessons=30, courses_completed=1, speaking_passed=17)
        with storage.unit_of_work() as uow:
            assert uow.rewards.get_streak(learner.id) is None
            assert uow.rewards.get_hearts(learner.id) is None
            assert uow.rewards.get_totals(learner.id) is None
            uow.rewards.save_streak(streak)
            uow.rewards.save_hearts(hearts)
            uow.rewards.save_totals(totals)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.rewards.get_streak(learner.id, for_update=True) == streak
            assert uow.rewards.get_hearts(learner.id, for_update=True) == hearts
            assert uow.rewards.get_totals(learner.id, for_update=True) == totals
            uow.rewards.save_streak(StreakState(learner_id=learner.id))
            uow.rewards.save_hearts(attrs.evolve(hearts, hearts=5, unlimited=False))
            uow.rewards.save_totals(attrs.evolve(totals, total_xp=1300))
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.rewards.get_streak(learner.id) == StreakState(learner_id=learner.id)
            assert uow.rewards.get_hearts(learner.id) == attrs.evolve(hearts, hearts=5, unlimited=False)
            totals_now = uow.rewards.get_totals(learner.id)
            assert totals_now is not None
            assert totals_now.total_xp == 1300

    def test_reward_rows_of_an_unknown_learner_are_refused(self, storage: Storage) -> None:
        ghost = _learner("Ghost")
        with storage.unit_of_work() as uow, pytest.raises(UnknownLearner):
            uow.rewards.save_ledger_day(_day(ghost, date(2026, 3, 29)))
        with storage.unit_of_work() as uow, pytest.raises(UnknownLearner):
            uow.rewards.save_hearts(HeartsState(learner_id=ghost.id, hearts=5, updated_at=T0))

    def test_the_hearts_log_is_listed_newest_first(self, storage: Storage) -> None:
        ana, ben = _learner("Ana"), _learner("Ben")
        self._add(storage, ana, ben)
        run_id = new_id()

        def entry(learner: Learner, minutes: int, delta: int, reason: HeartReason,
                  resulting: int) -> HeartsLogEntry:
            return HeartsLogEntry(id=new_id(), learner_id=learner.id,
                                  occurred_at=T0 + timedelta(minutes=minutes), delta=delta,
                                  reason=reason, resulting=resulting,
                                  run_id=run_id if reason is HeartReason.WRONG_ANSWER else None)

        lost = entry(ana, 0, -1, HeartReason.WRONG_ANSWER, 4)
        lost_again = entry(ana, 5, -1, HeartReason.WRONG_ANSWER, 3)
        # Regeneration is logged late (when settled), with the instant the heart arrived.
        regenerated = entry(ana, 240, 1, HeartReason.REGENERATED, 4)
        refill = entry(ana, 300, 1, HeartReason.REFILL, 5)
        with storage.unit_of_work() as uow:
            for item in (lost, lost_again, refill, regenerated, entry(ben, 1, -1,
                         HeartReason.WRONG_ANSWER, 4)):
                uow.rewards.append_hearts_log(item)
            uow.commit()
        with storage.unit_of_work() as uow:
            assert list(uow.rewards.list_hearts_log(ana.id)) == [refill, regenerated, lost_again, lost]
            assert list(uow.rewards.list_hearts_log(ana.id, limit=1)) == [refill]
            assert list(uow.rewards.list_hearts_log(new_id())) == []

    # --- achievements -----------------------------------------------------------------

    def test_an_unlock_is_added_once_per_learner_key_and_tier(self, storage: Storage) -> None:
        ana, ben = _learner("Ana"), _learner("Ben")
        self._add(storage, ana, ben)

        def unlock(learner: Learner, key: str, tier: int, minutes: int) -> AchievementUnlock:
            return AchievementUnlock(learner_id=learner.id, key=key, tier=tier,
                                     unlocked_at=T0 + timedelta(minutes=minutes),
                                     title=f"{key} {tier}", metric=AchievementMetric.TOTAL_XP,
                                     threshold=100 * tier, backfilled=tier == 2)

        first, second, other = unlock(ana, "xp", 1, 0), unlock(ana, "xp", 2, 5), unlock(ana, "acme.x", 1, 5)
        with storage.unit_of_work() as uow:
            assert uow.achievements.add_unlock(second) is True
            assert uow.achievements.add_unlock(first) is True
            assert uow.achievements.add_unlock(other) is True
            assert uow.achievements.add_unlock(unlock(ben, "xp", 1, 0)) is True
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.achievements.add_unlock(unlock(ana, "xp", 1, 9)) is False
            uow.commit()
        with storage.unit_of_work() as uow:
            assert list(uow.achievements.list_unlocks(ana.id)) == [first, other, second]
            assert len(uow.achievements.list_unlocks(ben.id)) == 1

    def test_concurrent_unlocks_of_one_tier_insert_exactly_one(self, storage: Storage) -> None:
        learner = _learner()
        self._add(storage, learner)
        results: list[bool] = []
        errors: list[BaseException] = []
        barrier = threading.Barrier(4)

        def unlock(n: int) -> None:
            try:
                barrier.wait()
                with storage.unit_of_work() as uow:
                    added = uow.achievements.add_unlock(
                        AchievementUnlock(learner_id=learner.id, key="streak", tier=1,
                                          unlocked_at=T0 + timedelta(seconds=n))
                    )
                    uow.commit()
                results.append(added)
            except BaseException as exc:  # noqa: BLE001 - collected, then asserted in the main thread
                errors.append(exc)

        threads = [threading.Thread(target=unlock, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert sorted(results) == [False, False, False, True]
        with storage.unit_of_work() as uow:
            assert len(uow.achievements.list_unlocks(learner.id)) == 1

    # --- whole-learner behaviour ------------------------------------------------------------

    def _fill(self, storage: Storage, learner: Learner) -> UUID:
        run = _run(learner)
        with storage.unit_of_work() as uow:
            uow.progress.save_enrollment(
                Enrollment(id=new_id(), learner_id=learner.id, course_id=COURSE.id, enrolled_at=T0)
            )
            uow.runs.save_run(run)
            uow.runs.add_attempt(_attempt(run, 1))
            uow.rewards.save_ledger_day(_day(learner, date(2026, 3, 29), xp=10))
            uow.rewards.save_streak(StreakState(learner_id=learner.id, current=1, longest=1))
            uow.rewards.save_hearts(HeartsState(learner_id=learner.id, hearts=4, updated_at=T0))
            uow.rewards.append_hearts_log(
                HeartsLogEntry(id=new_id(), learner_id=learner.id, occurred_at=T0, delta=-1,
                               reason=HeartReason.WRONG_ANSWER, resulting=4)
            )
            uow.rewards.save_totals(LearnerTotals(learner_id=learner.id, total_xp=10))
            uow.achievements.add_unlock(
                AchievementUnlock(learner_id=learner.id, key="lessons", tier=1, unlocked_at=T0)
            )
            uow.commit()
        return run.id

    def test_deleting_a_learner_deletes_their_runs_rewards_and_unlocks(self, storage: Storage) -> None:
        gone, stays = _learner("Gone"), _learner("Stays")
        self._add(storage, gone, stays)
        gone_run, stays_run = self._fill(storage, gone), self._fill(storage, stays)
        with storage.unit_of_work() as uow:
            assert uow.learners.delete(gone.id) is True
            uow.commit()
        with storage.unit_of_work() as uow:
            assert uow.runs.get_run(gone_run) is None
            assert list(uow.runs.list_runs(gone.id)) == []
            assert list(uow.runs.list_attempts(gone_run)) == []
            assert list(uow.runs.list_learner_attempts(gone.id)) == []
            assert list(uow.rewards.list_ledger(gone.id)) == []
            assert uow.rewards.get_streak(gone.id) is None
            assert uow.rewards.get_hearts(gone.id) is None
            assert list(uow.rewards.list_hearts_log(gone.id)) == []
            assert uow.rewards.get_totals(gone.id) is None
            assert list(uow.achievements.list_unlocks(gone.id)) == []
            # The other learner keeps everything.
            assert uow.runs.get_run(stays_run) is not None
            assert len(uow.runs.list_attempts(stays_run)) == 1
            assert len(uow.rewards.list_ledger(stays.id)) == 1
            assert uow.rewards.get_hearts(stays.id) is not None
            assert len(uow.rewards.list_hearts_log(stays.id)) == 1
            assert len(uow.achievements.list_unlocks(stays.id)) == 1

    def test_loop_rows_roll_back_with_the_unit_of_work(self, storage: Storage) -> None:
        learner = _learner()
        self._add(storage, learner)
        with pytest.raises(RuntimeError, match="boom"):
            self._fill_and_fail(storage, learner)
        with storage.unit_of_work() as uow:
            assert list(uow.runs.list_runs(learner.id)) == []
            assert list(uow.runs.list_learner_attempts(learner.id)) == []
            assert list(uow.rewards.list_ledger(learner.id)) == []
            assert uow.rewards.get_streak(learner.id) is None
            assert uow.rewards.get_hearts(learner.id) is None
            assert list(uow.rewards.list_hearts_log(learner.id)) == []
            assert uow.rewards.get_totals(learner.id) is None
            assert list(uow.achievements.list_unlocks(learner.id)) == []
        # The same keys can be written afterwards: nothing half-exists.
        self._fill(storage, learner)

    def _fill_and_fail(self, storage: Storage, learner: Learner) -> None:
        run = _run(learner)
        with storage.unit_of_work() as uow:
            uow.runs.save_run(run)
            uow.runs.add_attempt(_attempt(run, 1))
            uow.rewards.save_ledger_day(_day(learner, date(2026, 3, 29), xp=10))
            uow.rewards.save_streak(StreakState(learner_id=learner.id, current=1, longest=1))
            uow.rewards.save_hearts(HeartsState(learner_id=learner.id, hearts=4, updated_at=T0))
            uow.rewards.append_hearts_log(
                HeartsLogEntry(id=new_id(), learner_id=learner.id, occurred_at=T0, delta=-1,
                               reason=HeartReason.WRONG_ANSWER, resulting=4)
            )
            uow.rewards.save_totals(LearnerTotals(learner_id=learner.id, total_xp=10))
            uow.achievements.add_unlock(
                AchievementUnlock(learner_id=learner.id, key="lessons", tier=1, unlocked_at=T0)
            )
            raise RuntimeError("boom")
