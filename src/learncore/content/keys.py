"""From the keys authors write to the UUIDs learncore stores, and back.

A key is either a UUID (used as it is) or a short name such as ``greetings-1``. A
name becomes ``stable_id(<course UUID>, <kind>, <name>)``, so the same file always
gives the same ids and a re-import updates the stored course in place. Exercises,
options, assets and audio may leave their key out; it then defaults to a name built
from their parent's key and their place (``greetings-1.3`` is the third exercise of
lesson ``greetings-1``).

Exports go the other way: an import records the keys the author wrote (defaults need
no record), and the exporter writes back the key, or leaves out the default, whenever
it still derives the same UUID; otherwise it writes the UUID itself.
"""

from __future__ import annotations

import hashlib
import re
from uuid import UUID, SafeUUID

from learncore.domain.ids import LEARNCORE_NAMESPACE, stable_id

__all__ = [
    "IdScheme",
    "as_uuid_key",
    "default_asset_key",
    "default_audio_key",
    "default_exercise_key",
    "default_option_key",
    "fast_stable_id",
]

_UUID_TEXT = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_KEY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9])?")


_NAMESPACE = LEARNCORE_NAMESPACE.bytes
_VERSION_MASK = ~((0xF000 << 64) | (0xC000 << 48))
_VERSION_5 = (5 << 76) | (0x8000 << 48)


def fast_stable_id(*parts: str) -> UUID:
    """Exactly :func:`~learncore.domain.ids.stable_id`, about three times faster.

    An import derives one id per item (over 100,000 for a large course), and
    ``uuid.UUID.__init__`` was a third of the conversion's time; the UUID is built
    from its integer directly. ``tests/unit/content/test_keys.py`` checks the two agree.
    """
    # SHA-1 is what UUID5 is defined with; it names content, it protects nothing.
    digest = hashlib.sha1(_NAMESPACE + "\x1f".join(parts).encode("utf-8")).digest()  # noqa: S324
    value = (int.from_bytes(digest[:16], "big") & _VERSION_MASK) | _VERSION_5
    item = object.__new__(UUID)
    object.__setattr__(item, "int", value)
    object.__setattr__(item, "is_safe", SafeUUID.unknown)
    return item


def as_uuid_key(key: str) -> UUID | None:
    """The UUID a key spells, if it is one."""
    if len(key) == 36 and _UUID_TEXT.fullmatch(key):
        return UUID(key)
    return None


def default_exercise_key(lesson_key: str, index: int) -> str:
    """The key of the ``index``-th (0-based) exercise of a lesson that gives none."""
    return f"{lesson_key}.{index + 1}"


def default_option_key(index: int) -> str:
    """The key, within its exercise, of the ``index``-th option that gives none."""
    return str(index + 1)


def default_asset_key(lesson_key: str, index: int) -> str:
    """The key of the ``index``-th asset of a lesson that gives none."""
    return f"{lesson_key}.asset{index + 1}"


def default_audio_key(exercise_key: str) -> str:
    """The key of an exercise's audio when it gives none."""
    return f"{exercise_key}.audio"


class IdScheme:
    """The ids of one course's content, derived from the course's own id."""

    def __init__(self, course_id: UUID) -> None:
        self.course_id = course_id
        self._namespace = str(course_id)

    @staticmethod
    def course_uuid(key: str | None, slug: str) -> UUID:
        """The course's UUID: its key when that is a UUID, else derived from the key or the slug."""
        key = key or slug
        return as_uuid_key(key) or stable_id(key)

    def of(self, kind: str, key: str, *scope: str) -> UUID:
        """The UUID of the item of ``kind`` with ``key`` (options are scoped by their exercise key)."""
        if not scope:
            direct = as_uuid_key(key)
            if direct is not None:
                return direct
        elif as_uuid_key(key) is not None:
            return UUID(key)
        return fast_stable_id(self._namespace, kind, *scope, key)

    def key_for(self, item_id: UUID, kind: str, candidates: tuple[str | None, ...], *scope: str) -> str:
        """The key to export for ``item_id``: the first candidate that still derives it, else the UUID.

        Candidates are the key recorded at import and the default key of the item's place.
        """
        for candidate in candidates:
            if (
                candidate is not None
                and _KEY.fullmatch(candidate)
                and self.of(kind, candidate, *scope) == item_id
            ):
                return candidate
        return str(item_id)
