"""attrs validators that raise :class:`~learncore.errors.InvalidContent` naming ``Class.field``.

Domain objects validate at construction so that an invalid one cannot exist; these
helpers keep the messages uniform: where (the class and field) and why.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

import attrs

from learncore.errors import InvalidContent

T = TypeVar("T")
Validator = Callable[[Any, Any, Any], None]


def where(instance: object, attribute: Any) -> str:
    """The location of a field in error messages, e.g. ``Lesson.title``."""
    return f"{type(instance).__name__}.{attribute.name}"


def non_blank(instance: object, attribute: Any, value: Any) -> None:
    """Reject strings that are empty or only whitespace."""
    if not isinstance(value, str):
        raise InvalidContent(where(instance, attribute), f"must be text, got {type(value).__name__}")
    if not value.strip():
        raise InvalidContent(where(instance, attribute), "must not be empty")


def max_length(limit: int) -> Validator:
    """Reject strings longer than ``limit`` characters."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if value is not None and len(value) > limit:
            raise InvalidContent(
                where(instance, attribute), f"is {len(value)} characters long; the limit is {limit}"
            )

    return check


def in_range(low: int, high: int) -> Validator:
    """Reject integers outside ``low..high`` inclusive (and booleans posing as integers)."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidContent(
                where(instance, attribute), f"must be a whole number, got {value!r}"
            )
        if not low <= value <= high:
            raise InvalidContent(
                where(instance, attribute), f"must be between {low} and {high}, got {value}"
            )

    return check


def at_least(low: int | float) -> Validator:
    """Reject numbers below ``low`` (and booleans posing as numbers)."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidContent(where(instance, attribute), f"must be a number, got {value!r}")
        if math.isnan(value) or value < low:
            raise InvalidContent(where(instance, attribute), f"must be at least {low}, got {value}")

    return check


def score(instance: object, attribute: Any, value: Any) -> None:
    """Reject anything but a number from 0 to 100 (scores and percentages)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise InvalidContent(where(instance, attribute), f"must be a number from 0 to 100, got {value!r}")


def optional_score(instance: object, attribute: Any, value: Any) -> None:
    """Like :func:`score`, but ``None`` is allowed."""
    if value is not None:
        score(instance, attribute, value)


def matches(pattern: str, description: str) -> Validator:
    """Reject strings that do not fully match ``pattern``; ``description`` tells the author the rule."""
    compiled = re.compile(pattern)

    def check(instance: object, attribute: Any, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str) or not compiled.fullmatch(value):
            raise InvalidContent(where(instance, attribute), f"{value!r} is not {description}")

    return check


def aware_datetime(instance: object, attribute: Any, value: Any) -> None:
    """Reject naive datetimes: every instant in learncore is timezone-aware."""
    if value is None:
        return
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidContent(
            where(instance, attribute), "must be a timezone-aware datetime (use UTC)"
        )


def unique(key: Callable[[Any], Hashable], what: str) -> Validator:
    """Reject collections in which two items share ``key`` (an id, a position, a quality)."""

    def check(instance: object, attribute: Any, items: Any) -> None:
        seen: set[Hashable] = set()
        for item in items:
            value = key(item)
            if value in seen:
                raise InvalidContent(where(instance, attribute), f"duplicate {what} {value!r}")
            seen.add(value)

    return check


def instances_of(kind: type, what: str) -> Validator:
    """Reject collections holding anything but ``kind`` (catches a dict passed for a Lesson)."""

    def check(instance: object, attribute: Any, items: Any) -> None:
        for index, item in enumerate(items):
            if not isinstance(item, kind):
                raise InvalidContent(
                    f"{where(instance, attribute)}[{index}]",
                    f"must be a {what}, got {type(item).__name__}",
                )

    return check


def is_uuid(instance: object, attribute: Any, value: Any) -> None:
    """Reject ids that are not :class:`uuid.UUID` (use ``learncore.domain.ids.as_uuid`` first)."""
    if not isinstance(value, UUID):
        raise InvalidContent(where(instance, attribute), f"must be a UUID, got {value!r}")


E = TypeVar("E", bound=enum.Enum)


def to_enum(kind: type[E], value: E | str) -> E:
    """``kind(value)``, or ``value`` unchanged when it is not a member, for :func:`member_of` to report.

    Modules wrap it in a named converter per enum (``def _quality(v) -> AudioQuality``)
    because type checkers only understand named converters on attrs fields.
    """
    try:
        return kind(value)
    except ValueError:
        return value  # type: ignore[return-value]


def to_enum_set(kind: type[E], values: Iterable[E | str]) -> frozenset[E]:
    """A frozenset of members; on a bad value the input is returned for :func:`member_set_of`."""
    try:
        return frozenset(kind(v) for v in values)
    except (TypeError, ValueError):
        return values  # type: ignore[return-value]


def member_of(kind: type[E]) -> Validator:
    """Reject values that are not members of ``kind``, listing the allowed values."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, kind):
            allowed = ", ".join(repr(member.value) for member in kind)
            raise InvalidContent(where(instance, attribute), f"{value!r} is not one of {allowed}")

    return check


def member_set_of(kind: type[E]) -> Validator:
    """Like :func:`member_of` for a frozenset of members."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, frozenset) or not all(isinstance(v, kind) for v in value):
            allowed = ", ".join(repr(member.value) for member in kind)
            raise InvalidContent(where(instance, attribute), f"must be a set drawn from {allowed}")

    return check


def enum_field(kind: type[E], default: Any = attrs.NOTHING) -> Any:
    """Shorthand for an enum field whose callers pass members (type checkers see the enum type).

    Prefer ``attrs.field(converter=<named converter>, validator=member_of(kind))`` for
    required fields: type checkers cannot tell that this helper has no default.
    """
    return attrs.field(
        default=default, converter=lambda value: to_enum(kind, value), validator=member_of(kind)
    )


def enum_set_field(kind: type[E], default: Any) -> Any:
    """Shorthand for a frozenset-of-enum field whose callers pass members."""
    return attrs.field(
        default=default,
        converter=lambda values: to_enum_set(kind, values),
        validator=member_set_of(kind),
    )
