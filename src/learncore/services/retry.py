"""Running a use case again when the storage reports a concurrent update.

A :class:`~learncore.errors.ConcurrentUpdate` means the database gave up on a
transaction because of another one: a deadlock, a lock wait that timed out, a
serialisation failure, SQLite's busy timeout. The unit of work was rolled back and
nothing of it is kept, and its events were never published (they go out only after
a commit), so running the whole use case again from the start is safe: it re-reads
everything. Waits grow exponentially and are jittered, so threads that collided do
not collide again in step.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from learncore.domain.validation import in_range, where
from learncore.errors import ConcurrentUpdate, InvalidContent

__all__ = ["RetryPolicy", "run_with_retry"]

T = TypeVar("T")


def _seconds(instance: object, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 60:
        raise InvalidContent(where(instance, attribute), f"must be 0 to 60 seconds, got {value!r}")


@attrs.frozen
class RetryPolicy:
    """How a use case is retried after a :class:`~learncore.errors.ConcurrentUpdate`.

    ``attempts`` counts the first try (1 turns retrying off). Before retry ``n`` (1, 2,
    ...) the caller sleeps a random time between 0 and ``min(max_delay, base_delay *
    2 ** (n - 1))`` ("full jitter").
    """

    attempts: int = attrs.field(default=8, validator=in_range(1, 100))
    base_delay: float = attrs.field(default=0.005, validator=_seconds)
    max_delay: float = attrs.field(default=0.25, validator=_seconds)

    def delay(self, retry: int, draw: float) -> float:
        """Seconds to wait before retry number ``retry``, for a uniform ``draw`` in [0, 1)."""
        return float(draw * min(self.max_delay, self.base_delay * 2 ** (retry - 1)))


def run_with_retry(
    work: Callable[[], T],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], object] = time.sleep,
    draw: Callable[[], float] = random.random,
) -> T:
    """``work()``, run again (up to ``policy.attempts`` times in all) while it raises ConcurrentUpdate.

    ``work`` must open its own unit of work, so each try starts from fresh reads. The
    last ConcurrentUpdate propagates when every attempt failed.
    """
    for retry in range(1, policy.attempts):
        try:
            return work()
        except ConcurrentUpdate:
            sleep(policy.delay(retry, draw()))
    return work()
