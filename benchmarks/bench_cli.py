"""The CLI demo's wall time: ``learncore demo`` as a user runs it, on a fresh embedded SQLite database.

The issue's target is "finishes in under 20 s". Each repetition is a new process in a
new data directory, so interpreter start-up, plugin loading, the migrations, the
course import and both lessons are all counted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import metric


def _demo_seconds() -> float:
    with tempfile.TemporaryDirectory(prefix="learncore-bench-cli-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEARNCORE_")}
        env["LEARNCORE_HOME"] = home
        script = Path(sys.executable).with_name("learncore")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "learncore_cli"]
        start = time.perf_counter()
        done = subprocess.run([*command, "demo"], env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"learncore demo exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return elapsed


def run(quick: bool) -> list[dict[str, object]]:
    """``cli.demo_seconds``: the median wall time of ``learncore demo``."""
    samples = [_demo_seconds() for _ in range(1 if quick else 3)]
    return [metric("cli.demo_seconds", statistics.median(samples), "s", "<20", runs=len(samples))]
