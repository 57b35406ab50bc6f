"""Identifiers: random UUIDs for new things, name-based UUIDs for content with stable keys.

Content authored in files keeps the same UUID across re-imports because the id is
derived from the course slug and the author's key (see :func:`stable_id`).
"""

from __future__ import annotations

import uuid
from uuid import UUID

__all__ = ["LEARNCORE_NAMESPACE", "UUID", "as_uuid", "new_id", "stable_id"]

# A fixed namespace so stable ids are the same on every machine and in every release.
LEARNCORE_NAMESPACE = UUID("6f1c2a9e-5b0d-4c1e-9a53-2b7f0d1e8c44")


def new_id() -> UUID:
    """A fresh random id (UUID4)."""
    return uuid.uuid4()


def stable_id(*parts: str) -> UUID:
    """A UUID5 derived from ``parts``, e.g. ``stable_id("spanish", "lesson", "greetings-1")``."""
    if not parts or any(not part for part in parts):
        raise ValueError("stable_id needs one or more non-empty parts")
    return uuid.uuid5(LEARNCORE_NAMESPACE, "\x1f".join(parts))


def as_uuid(value: UUID | str) -> UUID:
    """Accept a UUID or its text form; anything else is a ``ValueError``."""
    if isinstance(value, UUID):
        return value
    if isinstance(value, str):
        return UUID(value)
    raise ValueError(f"expected a UUID, got {type(value).__name__}")
