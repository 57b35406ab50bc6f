"""The plugin that ships inside learncore: registered first, before any entry point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from learncore.domain.achievements import BUILTIN_ACHIEVEMENTS
from learncore.plugins.hookspecs import hookimpl
from learncore.ports.storage import Storage

__all__ = ["register_achievements", "register_storage_backends"]


def _open_memory(url: str, options: Mapping[str, Any]) -> Storage:
    from learncore.storage.memory import MemoryStorage  # noqa: PLC0415 - loaded on first use only

    return MemoryStorage.from_url(url, options)


@hookimpl
def register_storage_backends(register: Any) -> None:
    """The in-memory backend, for tests, demos and embedding."""
    register("memory", _open_memory, schemes=("memory",))


@hookimpl
def register_achievements(register: Any) -> None:
    """The built-in achievements: lessons, XP, streak, perfect lessons, courses, speaking."""
    for definition in BUILTIN_ACHIEVEMENTS:
        register(definition)
