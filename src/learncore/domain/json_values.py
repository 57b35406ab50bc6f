"""Turning domain values into JSON-compatible data (for event payloads, logs and exports)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from uuid import UUID

import attrs

__all__ = ["to_json"]


def to_json(value: Any) -> Any:  # noqa: PLR0911 - one branch per kind of value
    """A JSON-compatible copy of ``value``: attrs classes become dicts, UUIDs and datetimes text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if attrs.has(type(value)):
        return {
            field.name: to_json(getattr(value, field.name))
            for field in attrs.fields(type(value))
            if field.init and not field.name.startswith("_")
        }
    if isinstance(value, Mapping):
        return {str(to_json(k)): to_json(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted((to_json(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")
