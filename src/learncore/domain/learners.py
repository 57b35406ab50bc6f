"""Learners: the profile the rules need (timezone, day start, daily goal).

Identity, passwords and sign-in belong to the host app; learncore only keeps an id.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from learncore.domain.local_days import local_date
from learncore.domain.validation import (
    aware_datetime,
    in_range,
    is_uuid,
    max_length,
    non_blank,
    where,
)
from learncore.errors import InvalidContent

__all__ = ["Learner", "zone"]


def zone(name: str) -> ZoneInfo:
    """The IANA timezone ``name``; :class:`~learncore.errors.InvalidContent` if unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InvalidContent(
            "Learner.timezone", f"{name!r} is not an IANA timezone such as 'Europe/Madrid'"
        ) from None


def _check_timezone(instance: object, attribute: Any, value: str) -> None:
    if not isinstance(value, str):
        raise InvalidContent(where(instance, attribute), "must be an IANA timezone name")
    zone(value)


@attrs.frozen
class Learner:
    """Someone taking courses. ``day_start_hour`` shifts when their day rolls over (e.g. 4 a.m.)."""

    id: UUID = attrs.field(validator=is_uuid)
    display_name: str = attrs.field(validator=[non_blank, max_length(100)])
    timezone: str = attrs.field(default="UTC", validator=_check_timezone)
    day_start_hour: int = attrs.field(default=0, validator=in_range(0, 23))
    daily_goal: int = attrs.field(default=20, validator=in_range(1, 1000))
    avatar_uri: str | None = attrs.field(default=None, validator=max_length(2048))
    preferences: dict[str, Any] = attrs.field(factory=dict, hash=False)
    created_at: datetime | None = attrs.field(default=None, validator=aware_datetime)

    @property
    def zone(self) -> ZoneInfo:
        """The learner's timezone as a ``ZoneInfo``."""
        return zone(self.timezone)

    def local_date(self, instant: datetime) -> date:
        """The learner-local date of ``instant`` (their timezone and day-start hour)."""
        return local_date(instant, self.timezone, self.day_start_hour)
