"""Learning-loop benchmarks: whole lesson completions in memory, and streak recomputes.

Times are CPU time of this process (``time.process_time``): on a shared 2-core machine
wall-clock time mostly measures the other processes.

- ``loop.complete_lesson_memory``: lessons played through the facade on the in-memory
  backend. One completion is ``start_lesson``, 10 answers graded and recorded (one of
  them wrong, so a heart is lost and the exercise re-queued) and ``complete_lesson``
  (XP, ledger, streak, hearts, progress, achievements).
- ``streak.recompute_10y``: recomputing a streak from 10 years of daily ledger, with
  gaps, freezes and a repair, compared with replaying the O(1) incremental update row
  by row (the same answer, one row at a time).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from timing import metric

import learncore
from learncore.domain import Course, Exercise, ExerciseOption, ExerciseType, Lesson, Section, Unit, stable_id
from learncore.domain.ledger import LedgerDay
from learncore.domain.streaks import StreakPolicy, apply_ledger_update, new_streak, recompute_streak
from learncore.testing import FixedClock

EXERCISES_PER_LESSON = 9  # + one wrong answer re-queued = 10 answers per completion
LESSONS = 4


def _exercises(key: str) -> list[Exercise]:
    def eid(name: str) -> UUID:
        return stable_id("bench-loop", key, name)

    out: list[Exercise] = []
    for n in range(3):
        out.append(Exercise(id=eid(f"t{n}"), type=ExerciseType.TRANSLATE, position=len(out),
                            prompt=f"I am happy {n}", accepted_answers=[f"Estoy feliz {n}"]))
    for n in range(3):
        out.append(Exercise(
            id=eid(f"c{n}"), type=ExerciseType.MULTIPLE_CHOICE, position=len(out),
            prompt=f"Which one means 'water' ({n})?",
            options=[ExerciseOption(id=eid(f"c{n}a"), text="agua", is_correct=True),
                     ExerciseOption(id=eid(f"c{n}b"), text="pan")],
        ))
    out.append(Exercise(id=eid("f"), type=ExerciseType.FILL_BLANK, position=len(out),
                        prompt="Yo ___ estudiante", accepted_answers=["soy"]))
    out.append(Exercise(id=eid("l"), type=ExerciseType.LISTEN_TYPE, position=len(out),
                        prompt="Type what you hear", accepted_answers=["buenos días"]))
    out.append(Exercise(
        id=eid("w"), type=ExerciseType.WORD_BANK, position=len(out), prompt="The cat eats",
        accepted_answers=["el gato come"],
        options=[ExerciseOption(id=eid(f"w{t}"), text=t) for t in ("el", "gato", "come", "perro")],
    ))
    assert len(out) == EXERCISES_PER_LESSON
    return out


def build_course() -> Course:
    lessons = [Lesson(id=stable_id("bench-loop", f"l{n}"), title=f"Lesson {n + 1}", position=n,
                      exercises=_exercises(f"l{n}")) for n in range(LESSONS)]
    unit = Unit(id=stable_id("bench-loop", "u"), title="Unit", lessons=lessons)
    return Course(id=stable_id("bench-loop"), slug="bench-loop", title="Bench loop",
                  from_language="en", to_language="es",
                  sections=[Section(id=stable_id("bench-loop", "s"), title="S", units=[unit])])


def _right_answer(exercise: Exercise) -> Any:
    if exercise.type is ExerciseType.MULTIPLE_CHOICE:
        return exercise.correct_options[0].id
    if exercise.type is ExerciseType.WORD_BANK:
        return exercise.accepted_answers[0].split()
    return exercise.accepted_answers[0]


class _Loop:
    """Learners who each play every lesson of the course once, then come back the next day."""

    def __init__(self, learners: int) -> None:
        self.clock = FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
        self.app = learncore.bootstrap(load_entry_points=False, clock=self.clock)
        self.course = self.app.save_course(build_course())
        self.answers = {e.id: _right_answer(e) for e in self.course.exercises()}
        self.phases = [0.0, 0.0, 0.0]  # start, answers, complete (seconds)
        self.learners = []
        for n in range(learners):
            learner = self.app.register_learner(f"L{n}", timezone="Europe/London")
            self.app.enroll(learner.id, self.course.id)
            self.learners.append(learner.id)

    def play(self, learner_id: UUID, lesson: Lesson) -> None:
        app = self.app
        tick = time.process_time
        t0 = tick()
        run = app.start_lesson(learner_id, lesson.id)
        t1 = tick()
        first = run.exercise_ids[0]
        app.submit_answer(run.id, first, "wrong on purpose")
        for exercise_id in (*run.exercise_ids[1:], first):
            app.submit_answer(run.id, exercise_id, self.answers[exercise_id], duration_ms=4000)
        t2 = tick()
        summary = app.complete_lesson(run.id)
        t3 = tick()
        assert summary.xp.total > 0
        self.phases[0] += t1 - t0
        self.phases[1] += t2 - t1
        self.phases[2] += t3 - t2

    def play_all(self) -> int:
        for learner_id in self.learners:
            for lesson in self.course.lessons:
                self.play(learner_id, lesson)
                self.clock.advance(seconds=30)
        return len(self.learners) * len(self.course.lessons)


def bench_complete_lesson(quick: bool) -> dict[str, object]:
    learners = 25 if quick else 100
    samples = []
    for _ in range(3 if quick else 7):
        loop = _Loop(learners)  # set-up is not timed
        completions = loop.play_all()
        seconds = sum(loop.phases)  # CPU seconds spent in the facade calls
        samples.append((completions / seconds, [p / completions * 1e6 for p in loop.phases]))
    samples.sort()
    rate, phases = samples[len(samples) // 2]
    return metric(
        "loop.complete_lesson_memory", rate, "completions/s", ">=5000",
        answers_per_completion=EXERCISES_PER_LESSON + 1,
        start_us=round(phases[0], 1),
        ten_answers_us=round(phases[1], 1),
        complete_us=round(phases[2], 1),
        clock="cpu",
    )


def ten_year_ledger(learner_id: UUID, seed: int = 11) -> list[LedgerDay]:
    """10 years of a learner who practises about 9 days in 10.

    Some days have a row but no XP (a streak freeze was granted, or an empty practice),
    some have no row at all; a freeze arrives every month and a repair once a year.
    """
    rng = random.Random(seed)
    rows = []
    day = date(2016, 1, 1)
    end = date(2026, 1, 1)
    while day < end:
        xp = rng.choice((10, 15, 20, 30)) if rng.random() < 0.92 else 0
        rows.append(LedgerDay(learner_id=learner_id, day=day, xp=xp, goal=20,
                              freezes_granted=1 if day.day == 1 else 0,
                              repaired=day.month == 6 and day.day == 15,
                              timezone="Europe/London"))
        day += timedelta(days=2 if rng.random() < 0.03 else 1)
    return rows


def _median_cpu(fn: Any, *, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        samples.append(time.process_time() - start)
    samples.sort()
    return samples[len(samples) // 2]


def bench_streak_recompute(quick: bool) -> dict[str, object]:
    learner_id = stable_id("bench-streak")
    rows = ten_year_ledger(learner_id)
    policy = StreakPolicy(freeze_cap=2, repair_window_days=2)

    def replay() -> object:
        state = new_streak(learner_id)
        for row in rows:
            state, _ = apply_ledger_update(state, None, row, policy)
        return state

    assert recompute_streak(learner_id, rows, policy) == replay()
    ours = _median_cpu(lambda: recompute_streak(learner_id, rows, policy), repeat=15 if quick else 51)
    baseline = _median_cpu(replay, repeat=5 if quick else 15)
    return metric(
        "streak.recompute_10y", ours * 1000, "ms", "<5", baseline="incremental-update-per-row",
        ratio=round(baseline / ours, 1), days=len(rows), clock="cpu",
    )


def run(quick: bool) -> list[dict[str, object]]:
    return [bench_complete_lesson(quick), bench_streak_recompute(quick)]


if __name__ == "__main__":
    import json
    import sys

    for line in run(quick="--quick" in sys.argv):
        print(json.dumps(line))
