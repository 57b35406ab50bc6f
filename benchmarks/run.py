"""Run every benchmark in this directory and print one JSON line per metric.

    python benchmarks/run.py [--quick] [--out FILE] [-k SUBSTRING]

Each ``bench_*.py`` module exposes ``run(quick: bool) -> list[dict]``. A metric dict
has ``bench``, ``value``, ``unit`` and ``goal``, plus ``baseline`` and ``ratio`` (our
speed divided by the baseline's, so above 1 is faster) when compared in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes; the whole run takes under 3 minutes"
    )
    parser.add_argument("--out", type=Path, help="also write the JSON lines to this file")
    parser.add_argument("-k", dest="only", default="", help="run only modules whose name contains this")
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    lines: list[str] = []
    failed = False
    for path in sorted(HERE.glob("bench_*.py")):
        if args.only not in path.stem:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            raise RuntimeError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        # Registered under its own name, as an import would: worker processes that a
        # benchmark starts find its functions by that name.
        sys.modules[spec.name] = module
        try:
            spec.loader.exec_module(module)
            metrics = module.run(quick=args.quick)
        except Exception:  # noqa: BLE001 - report every failing module, then exit non-zero
            failed = True
            print(f"# {path.name} failed:", file=sys.stderr)
            traceback.print_exc()
            continue
        for metric in metrics:
            line = json.dumps(metric, ensure_ascii=False)
            print(line, flush=True)
            lines.append(line)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
