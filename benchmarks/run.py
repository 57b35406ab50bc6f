"""Run every benchmark in this directory and print one JSON line per metric.

    python benchmarks/run.py [--quick] [--out FILE] [-k SUBSTRING]

Each ``bench_*.py`` module exposes ``run(quick: bool) -> list[dict]``. A metric dict
has ``bench``, ``value``, ``unit`` and ``goal``, plus ``baseline`` and ``ratio`` (our
speed divided by the baseline's, so above 1 is faster) when compared in the same run.

Each module runs in a Python process of its own: what one leaves in memory (caches,
a large course, loaded speech models) would otherwise make the garbage collector of
the next one slower, and its figures would depend on the order of the modules.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_module(name: str, quick: bool) -> int:
    """Run one module here and print its metrics as JSON lines; 1 if it failed."""
    sys.path.insert(0, str(HERE))
    try:
        # Imported under its own name: worker processes that a benchmark starts find
        # its functions by that name.
        module = importlib.import_module(name)
        metrics = module.run(quick=quick)
    except Exception:  # noqa: BLE001 - reported, and the run goes on with the next module
        print(f"# {name}.py failed:", file=sys.stderr)
        traceback.print_exc()
        return 1
    for metric in metrics:
        print(json.dumps(metric, ensure_ascii=False), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes; the whole run takes under 3 minutes"
    )
    parser.add_argument("--out", type=Path, help="also write the JSON lines to this file")
    parser.add_argument("-k", dest="only", default="", help="run only modules whose name contains this")
    parser.add_argument("--module", help=argparse.SUPPRESS)  # the child process's side
    args = parser.parse_args()
    if args.module:
        return run_module(args.module, args.quick)

    lines: list[str] = []
    failed = False
    for path in sorted(HERE.glob("bench_*.py")):
        if args.only not in path.stem:
            continue
        command = [sys.executable, str(Path(__file__).resolve()), "--module", path.stem]
        child = subprocess.Popen(
            [*command, *(["--quick"] if args.quick else [])], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        for line in child.stdout:  # passed on as they come: a module can take minutes
            print(line, end="", flush=True)
            lines.append(line.rstrip("\n"))
        failed |= child.wait() != 0
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
