"""The global options and the one place that turns them into a :class:`learncore.Learncore`."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import attrs

from learncore_cli.errors import usage_error
from learncore_cli.paths import default_url

if TYPE_CHECKING:
    from learncore import Learncore
    from learncore.ports.clock import Clock

__all__ = ["CliState", "current", "load_plugin_objects", "set_current"]


def load_plugin_objects(specs: list[str]) -> list[object]:
    """Plugin objects named ``module:attribute`` (for plugins not installed as entry points)."""
    found = []
    for spec in specs:
        module_name, _, attribute = spec.partition(":")
        if not module_name or not attribute:
            raise usage_error(f"--plugin: {spec!r} must look like 'package.module:object'")
        try:
            found.append(getattr(importlib.import_module(module_name), attribute))
        except (ImportError, AttributeError) as exc:
            raise usage_error(f"--plugin: cannot load {spec!r}: {exc}") from None
    return found


@attrs.define
class CliState:
    """What the global options asked for. ``url`` None means the embedded SQLite database."""

    url: str | None = None
    speech: str | None = None
    json: bool = False
    debug: bool = False
    plugins: list[str] = attrs.Factory(list)

    @property
    def embedded(self) -> bool:
        """Whether the embedded default database is used (it is migrated automatically)."""
        return self.url is None

    def resolved_url(self) -> str:
        """The storage URL or backend name to open."""
        return self.url if self.url is not None else default_url()

    def open_app(
        self,
        *,
        storage: str | None = None,
        clock: Clock | None = None,
        speech: str | None = None,
        **options: Any,
    ) -> Learncore:
        """Bootstrap learncore on the chosen storage, speech provider and plugins.

        The embedded database is created and kept at the newest schema without asking;
        a database given with ``--url`` must be migrated with ``learncore db upgrade``.
        """
        import learncore

        if storage is None and self.embedded:
            options.setdefault("migrate", True)
        return learncore.bootstrap(
            storage=storage or self.resolved_url(),
            speech=speech or self.speech,
            clock=clock,
            plugins=load_plugin_objects(self.plugins),
            **options,
        )


_current: CliState | None = None


def set_current(state: CliState) -> None:
    """Record the global options of the command being run (the top-level callback does)."""
    global _current  # noqa: PLW0603 - one command runs at a time in a CLI process
    _current = state


def current() -> CliState:
    """The global options of the running command (the defaults outside one)."""
    return _current if _current is not None else CliState()
