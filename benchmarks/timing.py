"""Small timing helpers shared by the benchmarks: medians over repetitions."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], *, repeat: int, number: int = 1) -> float:
    """Median over ``repeat`` runs of the time one call of ``fn`` takes (averaged over ``number`` calls)."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def metric(bench: str, value: float, unit: str, goal: str, **extra: object) -> dict[str, object]:
    """One benchmark line."""
    return {"bench": bench, "value": round(value, 4), "unit": unit, "goal": goal, **extra}
