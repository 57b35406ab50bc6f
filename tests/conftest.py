"""Shared fixtures for the core test suite."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from hypothesis import settings

from learncore.testing import FixedClock

# CI must be reproducible: a red run has to fail the same way when re-run. Developers
# keep random exploration, which is how new counterexamples are found.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("LEARNCORE_REQUIRE_SERVICES") == "1":
    settings.load_profile("ci")



@pytest.fixture
def clock() -> FixedClock:
    """A clock frozen at a known instant (2026-03-29 00:30 UTC, the night Europe moves to summer time)."""
    return FixedClock(datetime(2026, 3, 29, 0, 30, tzinfo=UTC))
