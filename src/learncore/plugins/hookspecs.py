"""The hooks learncore plugins implement. Full reference: docs/plugins/hooks.md."""

from __future__ import annotations

from typing import Any

import pluggy

from learncore.domain.events import DomainEvent

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]

PROJECT_NAME = "learncore"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_storage_backends(register: Any) -> None:
    """Register storage backends with ``register(name, factory, schemes=(...))``."""


@hookspec
def register_speech_providers(register: Any) -> None:
    """Register speech providers with ``register(name, factory)``."""


@hookspec
def register_achievements(register: Any) -> None:
    """Register achievement definitions with ``register(definition)``."""


@hookspec
def register_exercise_types(register: Any) -> None:
    """Register exercise types with ``register(name, grader)``."""


@hookspec
def on_event(event: DomainEvent) -> None:
    """Receive each domain event after the transaction that raised it has committed."""
