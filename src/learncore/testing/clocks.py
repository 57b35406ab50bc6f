"""A clock that only moves when told to."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

__all__ = ["FixedClock"]


class FixedClock:
    """A :class:`~learncore.ports.Clock` for tests: frozen at ``start`` until advanced.

    >>> clock = FixedClock(datetime(2026, 3, 29, 0, 30, tzinfo=UTC))
    >>> clock.advance(hours=4).isoformat()
    '2026-03-29T04:30:00+00:00'
    """

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The frozen instant."""
        return self._now

    def set(self, instant: datetime) -> datetime:
        """Jump to ``instant`` (backwards too, to test clock skew)."""
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs timezone-aware instants")
        with self._lock:
            self._now = instant.astimezone(UTC)
            return self._now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move forward by ``delta`` or by ``timedelta(**kwargs)``; returns the new instant."""
        step = delta if delta is not None else timedelta(**kwargs)
        with self._lock:
            self._now += step
            return self._now
