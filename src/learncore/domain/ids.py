"""Identifiers: random UUIDs for new things, name-based UUIDs for content with stable keys.

Content authored in files keeps the same UUID across re-imports because the id is
derived from the course slug and the author's key (see :func:`stable_id`).
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from uuid import UUID

__all__ = ["LEARNCORE_NAMESPACE", "UUID", "as_uuid", "new_id", "stable_id"]

# A fixed namespace so stable ids are the same on every machine and in every release.
LEARNCORE_NAMESPACE = UUID("6f1c2a9e-5b0d-4c1e-9a53-2b7f0d1e8c44")


# An id is 16 random bytes from the operating system, like ``uuid.uuid4()``, with the
# version and variant bits set on the integer (half the cost of building from bytes).
# The bytes are read 4 KiB at a time: a system call per id cost more than the rest
# of making it, and every answer makes a few. ``deque.popleft`` is atomic, so two
# threads never get the same bytes, and a forked child drops its copy of the pool so
# it cannot repeat the parent's ids.
_CLEAR_VERSION_AND_VARIANT = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_VERSION_4_RFC_4122 = (4 << 76) | (0x8000 << 48)
_BATCH = 256
_random_ids: deque[int] = deque()
os.register_at_fork(after_in_child=_random_ids.clear)


def _draw() -> int:
    while True:
        try:
            return _random_ids.popleft()
        except IndexError:
            block = os.urandom(16 * _BATCH)
            _random_ids.extend(int.from_bytes(block[i : i + 16]) for i in range(0, 16 * _BATCH, 16))


def new_id() -> UUID:
    """A fresh random id (UUID4, from ``os.urandom`` like :func:`uuid.uuid4`)."""
    return UUID(int=_draw() & _CLEAR_VERSION_AND_VARIANT | _VERSION_4_RFC_4122)


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
