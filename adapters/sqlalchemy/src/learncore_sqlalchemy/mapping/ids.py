"""Turning stored ids back into :class:`uuid.UUID`, quickly when the rows are trusted.

Bulk loads select id columns raw (32 hex digits on SQLite and MariaDB, a UUID on
PostgreSQL, whose driver parses it) and group rows by those raw values, so only ids
that end up in domain objects are converted. A 7,500-exercise course has ~25,000 of
them, and ``UUID(hex)`` spends most of its time normalising text we wrote ourselves.
"""

from __future__ import annotations

from uuid import UUID, SafeUUID

__all__ = ["strict_uuid", "trusted_uuid"]

_new = object.__new__
_set = object.__setattr__
_UNKNOWN = SafeUUID.unknown


def trusted_uuid(value: str | UUID) -> UUID:
    """A UUID from a stored id, skipping ``UUID.__init__``'s text clean-up for 32-hex-digit text."""
    if type(value) is str and len(value) == 32:
        number = int(value, 16)
        uuid: UUID = _new(UUID)
        _set(uuid, "int", number)  # UUID is immutable and slotted, as in its own __init__
        _set(uuid, "is_safe", _UNKNOWN)
        return uuid
    return strict_uuid(value)


def strict_uuid(value: str | UUID) -> UUID:
    """A UUID from a stored id, through the normal parser."""
    return value if isinstance(value, UUID) else UUID(value)
