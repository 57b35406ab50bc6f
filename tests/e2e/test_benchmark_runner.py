"""``benchmarks/run.py`` runs each module in a process of its own and prints its JSON lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RUNNER = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def test_the_runner_prints_one_json_line_per_metric(tmp_path):
    out = tmp_path / "figures.jsonl"
    done = subprocess.run(
        [sys.executable, str(RUNNER), "-k", "bench_core", "--quick", "--out", str(out)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    metrics = [json.loads(line) for line in done.stdout.splitlines()]
    assert {m["bench"] for m in metrics} == {"core.import_time", "content.unlocked_lessons"}
    assert all({"bench", "value", "unit", "goal"} <= m.keys() for m in metrics)
    assert out.read_text(encoding="utf-8").splitlines() == done.stdout.splitlines()
