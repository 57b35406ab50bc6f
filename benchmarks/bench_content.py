"""Course files at scale: validating and importing a generated 5,000-lesson, 75,000-exercise course.

- ``content.validate_large``: ``learncore.content.validate`` on the course as YAML
  (goal < 5 s), compared with only parsing the same file with PyYAML's own C loader.
- ``content.validate_large_json``: the same course as JSON.
- ``content.import_large``: validate and import in one call, in a fresh process so its
  peak memory (``peak_rss_mb``, goal < 500 MB) is the import's own. The backend is
  SQLite when the SQLAlchemy adapter is installed, else the in-memory backend, and the
  ``backend`` key says which.

``--quick`` uses a tenth of the course (500 lessons, 7,500 exercises).

Validation is single-threaded and does no waiting, so its ``value`` is CPU time (the
development machine is shared, and wall time there measures the neighbours);
``wall_s`` gives the wall time too. The import includes SQLite's writes, so its
``value`` is wall time, with ``cpu_s`` beside it.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from timing import metric

from learncore.content import validate
from learncore.content.source import load_file

KINDS = ("translate", "multiple_choice", "word_bank", "match_pairs", "fill_blank", "listen_type", "speak")


def _exercise(n: int) -> str:
    kind = KINDS[n % len(KINDS)]
    head = f"              - id: e{n}\n                type: {kind}\n"
    if kind == "translate":
        return head + (
            f"                prompt: Translate sentence number {n}\n"
            f"                answers: ['Frase número {n}', 'La frase [{n}|número {n}]']\n"
            f"                tags: [topic:t{n % 40}]\n"
        )
    if kind == "multiple_choice":
        return head + (
            f"                prompt: Which word means {n}?\n"
            f"                options: [{{text: palabra {n}, correct: true}}, otra {n}, ninguna {n}]\n"
        )
    if kind == "word_bank":
        return head + (
            f"                prompt: The cat {n} eats\n"
            f"                answers: [el gato {n} come]\n"
            f"                options: [el, gato, '{n}', come, perro]\n"
        )
    if kind == "match_pairs":
        return head + (
            f"                prompt: Match pairs {n}\n"
            f"                pairs: [[uno {n}, one], [dos {n}, two], [tres {n}, three]]\n"
        )
    if kind == "fill_blank":
        return head + (
            f"                prompt: El ___ {n} come\n                answers: [gato]\n"
            "                hints: [a cat]\n"
        )
    return head + f"                prompt: Say sentence {n}\n                answers: [Hola número {n}]\n"


def generate_course(folder: Path, *, sections: int, units: int, lessons: int, exercises: int) -> Path:
    """Write a course of ``sections × units × lessons`` lessons with ``exercises`` each, as YAML text."""
    parts = [
        (
            "format_version: 1\nslug: large\ntitle: A large generated course\n"
            "from_language: en\nto_language: es\nunlock_rule: prerequisites\nsections:\n"
        )
    ]
    n = 0
    lesson_number = 0
    for s in range(sections):
        parts.append(f"  - id: s{s}\n    title: Section {s}\n    units:\n")
        for u in range(units):
            parts.append(f"      - id: s{s}u{u}\n        title: Unit {u}\n        lessons:\n")
            for _ in range(lessons):
                requires = f"\n            requires: [l{lesson_number - 1}]" if lesson_number % 10 else ""
                parts.append(
                    f"          - id: l{lesson_number}\n            title: Lesson {lesson_number}{requires}\n"
                    "            exercises:\n"
                )
                lesson_number += 1
                for _ in range(exercises):
                    n += 1
                    parts.append(_exercise(n))
    path = folder / "large.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


_IMPORT = """
import json, resource, sys, time
import learncore
from learncore.content import import_course
from learncore.errors import UnknownStorageBackend
path, db = sys.argv[1], sys.argv[2]
try:
    app = learncore.bootstrap(storage=f"sqlite:///{db}", load_entry_points=True)
    backend = "sqlite"
except UnknownStorageBackend:
    app = learncore.bootstrap(load_entry_points=False)
    backend = "memory (the SQLite backend is not installed)"
start, cpu = time.perf_counter(), time.process_time()
report = import_course(path, app)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
# VmHWM is this process image's own peak; ru_maxrss can carry the parent's over a fork+exec.
try:
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_rss_mb": peak, "backend": backend,
                  "exercises": report.exercises.added}))
"""


def _import_in_child(path: Path, db: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(path), str(db)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _cpu_and_wall(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median CPU seconds and median wall seconds of ``fn`` over ``repeat`` runs."""
    cpu, wall = [], []
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(cpu), statistics.median(wall)


def run(quick: bool) -> list[dict[str, object]]:
    size = {"sections": 5, "units": 10 if quick else 50, "lessons": 10 if quick else 20, "exercises": 15}
    lessons = size["sections"] * size["units"] * size["lessons"]
    exercises = lessons * size["exercises"]
    label = f"{lessons:,} lessons, {exercises:,} exercises"
    repeat = 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = generate_course(folder, **size)
        report = validate(path)
        if not report.ok:
            raise RuntimeError(f"the generated course is invalid:\n{report}")
        ours, ours_wall = _cpu_and_wall(lambda: validate(path), repeat)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        text = path.read_text(encoding="utf-8")
        parse_only, _ = _cpu_and_wall(lambda: yaml.load(text, Loader=loader), repeat)

        as_json = folder / "large.json"
        as_json.write_text(json.dumps(load_file(path).data), encoding="utf-8")
        ours_json, ours_json_wall = _cpu_and_wall(lambda: validate(as_json), repeat)

        imports = [_import_in_child(path, folder / f"large-{i}.db") for i in range(1 if not quick else 2)]
        import_seconds = statistics.median(float(str(r["seconds"])) for r in imports)
        import_cpu = statistics.median(float(str(r["cpu"])) for r in imports)
        peak = max(float(str(r["peak_rss_mb"])) for r in imports)

    return [
        metric(
            "content.validate_large",
            ours,
            "s (CPU)",
            "<5",
            size=label,
            format="yaml",
            wall_s=round(ours_wall, 3),
            baseline="PyYAML CSafeLoader parse only",
            ratio=round(parse_only / ours, 3),
        ),
        metric(
            "content.validate_large_json",
            ours_json,
            "s (CPU)",
            "<5",
            size=label,
            format="json",
            wall_s=round(ours_json_wall, 3),
        ),
        metric(
            "content.import_large",
            import_seconds,
            "s",
            "<30",
            size=label,
            cpu_s=round(import_cpu, 3),
            backend=imports[0]["backend"],
            peak_rss_mb=round(peak, 1),
            peak_goal="<500",
        ),
    ]


if __name__ == "__main__":
    started = time.perf_counter()
    for line in run(quick="--quick" in sys.argv):
        print(json.dumps(line))
    print(f"# {time.perf_counter() - started:.1f} s", file=sys.stderr)
