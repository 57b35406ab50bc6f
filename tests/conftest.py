"""Shared fixtures for the core test suite."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from learncore.testing import FixedClock


@pytest.fixture
def clock() -> FixedClock:
    """A clock frozen at a known instant (2026-03-29 00:30 UTC, the night Europe moves to summer time)."""
    return FixedClock(datetime(2026, 3, 29, 0, 30, tzinfo=UTC))
