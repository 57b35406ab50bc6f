"""Core benchmarks: import cost, and unlocking lessons in a 5,000-lesson course."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Collection
from uuid import UUID

from timing import median_seconds, metric

from learncore.domain import Course, Lesson, Section, Unit, UnlockRule, stable_id, unlocked_lessons

HEAVY = ["sqlalchemy", "alembic", "azure", "google", "openai", "pocketsphinx", "av"]


def _import_seconds(code: str) -> float:
    script = (
        "import time; t = time.perf_counter(); "
        f"{code}; "
        "elapsed = time.perf_counter() - t; import sys, json; "
        f"print(json.dumps([elapsed, sorted(m for m in {HEAVY!r} if m in sys.modules)]))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    elapsed, loaded = json.loads(out.stdout)
    if loaded:
        raise AssertionError(f"'import learncore' loaded heavy modules: {loaded}")
    return float(elapsed)


def bench_import_time(repeat: int) -> dict[str, object]:
    # Measured inside a fresh interpreter each time, so nothing is cached in sys.modules.
    samples = sorted(_import_seconds("import learncore") for _ in range(repeat))
    median = samples[len(samples) // 2]
    return metric("core.import_time", median * 1000, "ms", "<150", heavy_modules_loaded=[])


def build_course(lessons: int, seed: int = 7) -> Course:
    """``lessons`` lessons in 10 sections × 10 units, each with up to 3 earlier prerequisites."""
    rng = random.Random(seed)
    per_unit = lessons // 100
    all_lessons: list[list[Lesson]] = []
    ids: list[UUID] = []
    for u in range(100):
        unit_lessons = []
        for n in range(per_unit):
            lesson_id = stable_id("bench", str(u), str(n))
            ids.append(lesson_id)
            unit_lessons.append(Lesson(id=lesson_id, title=f"L{u}.{n}", position=n))
        all_lessons.append(unit_lessons)
    edges = set()
    for i in range(1, len(ids)):
        for _ in range(rng.randint(0, 3)):
            edges.add((ids[i], ids[rng.randrange(0, i)]))
    sections = [
        Section(
            id=stable_id("bench", "s", str(s)),
            title=f"S{s}",
            position=s,
            units=[
                Unit(id=stable_id("bench", "u", str(s * 10 + u)), title=f"U{u}", position=u,
                     lessons=all_lessons[s * 10 + u])
                for u in range(10)
            ],
        )
        for s in range(10)
    ]
    return Course(id=stable_id("bench"), slug="bench", title="Bench", from_language="en",
                  to_language="es", unlock_rule=UnlockRule.PREREQUISITES, sections=sections,
                  prerequisites=edges)


def naive_unlocked(course: Course, completed: Collection[UUID]) -> list[Lesson]:
    """The approach we beat: rescan every prerequisite edge for every lesson."""
    edges = list(course.prerequisites)
    unlocked = []
    for lesson in course.lessons:
        required = [req for node, req in edges if node == lesson.id]
        if all(req in completed for req in required):
            unlocked.append(lesson)
    return unlocked


def bench_unlocked(quick: bool) -> dict[str, object]:
    course = build_course(5_000)
    rng = random.Random(3)
    completed = {lesson.id for lesson in course.lessons if rng.random() < 0.6}
    assert list(unlocked_lessons(course, completed)) == naive_unlocked(course, completed)
    ours = median_seconds(lambda: unlocked_lessons(course, completed), repeat=9 if quick else 31, number=5)
    naive = median_seconds(lambda: naive_unlocked(course, completed), repeat=1 if quick else 3)
    return metric(
        "content.unlocked_lessons", ours * 1000, "ms", "<2", baseline="rescan-all-edges-per-lesson",
        ratio=round(naive / ours, 1), lessons=len(course.lessons), prerequisites=len(course.prerequisites),
    )


def run(quick: bool) -> list[dict[str, object]]:
    return [bench_import_time(5 if quick else 15), bench_unlocked(quick)]
