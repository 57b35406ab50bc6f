"""Loading plugins and keeping track of what each one registered.

Built-in defaults are registered first, then every entry point of the group
``learncore`` (unless turned off), filtered by the ``LEARNCORE_LOAD_PLUGINS``
allowlist: unset loads all, an empty value loads none, ``"a,b"`` loads only the
entry points named ``a`` and ``b``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from importlib.metadata import EntryPoint, entry_points
from typing import Any
from urllib.parse import urlsplit

import attrs
import pluggy

from learncore.domain.achievements import AchievementDefinition
from learncore.domain.events import DomainEvent
from learncore.domain.exercises import ExerciseType, is_plugin_exercise_type
from learncore.errors import (
    PluginConflict,
    PluginError,
    UnknownSpeechProvider,
    UnknownStorageBackend,
)
from learncore.plugins import builtin, hookspecs
from learncore.ports.speech import SpeechProvider, SpeechProviderFactory
from learncore.ports.storage import Storage, StorageFactory
from learncore.urls import mask_password

__all__ = [
    "ENTRY_POINT_GROUP",
    "PluginInfo",
    "PluginRegistry",
    "Registration",
    "load_plugins",
]

ENTRY_POINT_GROUP = "learncore"
ALLOWLIST_VARIABLE = "LEARNCORE_LOAD_PLUGINS"
BUILTIN_NAME = "learncore.builtin"

logger = logging.getLogger(__name__)


@attrs.frozen
class Registration:
    """One thing a plugin registered: its kind, name, the object and who registered it."""

    kind: str
    name: str
    value: Any
    plugin: str
    schemes: tuple[str, ...] = ()


@attrs.frozen
class PluginInfo:
    """A loaded plugin and everything it registered, by kind."""

    name: str
    distribution: str | None
    version: str | None
    registered: Mapping[str, tuple[str, ...]]


def _allowlist(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(part.strip() for part in value.split(",") if part.strip())


class PluginRegistry:
    """The loaded plugins: a pluggy manager plus the registrations collected from its hooks."""

    def __init__(
        self,
        *,
        load_entry_points: bool = True,
        allow: Collection[str] | None = None,
        plugins: Iterable[object] = (),
        entry_point_source: Callable[[], Iterable[EntryPoint]] | None = None,
    ) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        self._distributions: dict[str, tuple[str | None, str | None]] = {}
        self.manager.register(builtin, name=BUILTIN_NAME)
        self._distributions[BUILTIN_NAME] = ("learncore", _version_of("learncore"))
        if load_entry_points:
            allowed = (
                frozenset(allow) if allow is not None else _allowlist(os.environ.get(ALLOWLIST_VARIABLE))
            )
            source = entry_point_source or (lambda: entry_points(group=ENTRY_POINT_GROUP))
            self._load_entry_points(source(), allowed)
        for index, plugin in enumerate(plugins):
            name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{index}"
            self.manager.register(plugin, name=name)
            self._distributions[name] = (None, None)
        self._registrations: dict[tuple[str, str], Registration] = {}
        self._collect()

    # --- loading -------------------------------------------------------------

    def _load_entry_points(
        self, found: Iterable[EntryPoint], allowed: frozenset[str] | None
    ) -> None:
        seen: set[str] = set()
        for entry_point in found:
            seen.add(entry_point.name)
            if allowed is not None and entry_point.name not in allowed:
                continue
            if self.manager.has_plugin(entry_point.name):
                continue  # the same distribution installed twice on sys.path
            try:
                plugin = entry_point.load()
            except Exception as exc:
                raise PluginError(
                    f"plugin {entry_point.name!r} ({entry_point.value}) failed to load: {exc}; "
                    f"reinstall it, or leave it out with {ALLOWLIST_VARIABLE}"
                ) from exc
            self.manager.register(plugin, name=entry_point.name)
            dist = entry_point.dist
            self._distributions[entry_point.name] = (
                dist.name if dist is not None else None,
                dist.version if dist is not None else None,
            )
        if allowed:
            missing = sorted(allowed - seen)
            if missing:
                raise PluginError(
                    f"{ALLOWLIST_VARIABLE} names plugins that are not installed: {', '.join(missing)}"
                )

    def _collect(self) -> None:
        hooks = self.manager.hook
        self._call_each(hooks.register_storage_backends, self._storage_register)
        self._call_each(hooks.register_speech_providers, self._speech_register)
        self._call_each(hooks.register_achievements, self._achievement_register)
        self._call_each(hooks.register_exercise_types, self._exercise_type_register)

    @staticmethod
    def _call_each(hook: Any, make_register: Callable[[str], Callable[..., None]]) -> None:
        # Each implementation gets its own register callback, so every registration is
        # attributed to the plugin that made it. Registration order is load order.
        for impl in hook.get_hookimpls():
            try:
                impl.function(register=make_register(impl.plugin_name))
            except PluginError:
                raise
            except Exception as exc:
                raise PluginError(
                    f"plugin {impl.plugin_name!r} failed in {hook.name}: {exc}"
                ) from exc

    def _add(self, registration: Registration) -> None:
        key = (registration.kind, registration.name)
        existing = self._registrations.get(key)
        if existing is not None:
            raise PluginConflict(registration.kind, registration.name, existing.plugin, registration.plugin)
        self._registrations[key] = registration

    def _storage_register(self, plugin: str) -> Callable[..., None]:
        def register(name: str, factory: StorageFactory, *, schemes: Sequence[str] = ()) -> None:
            _check_name(plugin, "storage backend", name)
            if not callable(factory):
                raise PluginError(f"plugin {plugin!r}: storage backend {name!r} needs a callable factory")
            for scheme in schemes:
                owner = self._scheme_owner(scheme)
                if owner is not None:
                    raise PluginConflict("URL scheme", scheme, owner.plugin, plugin)
            self._add(Registration("storage", name, factory, plugin, tuple(s.lower() for s in schemes)))

        return register

    def _speech_register(self, plugin: str) -> Callable[..., None]:
        def register(name: str, factory: SpeechProviderFactory) -> None:
            _check_name(plugin, "speech provider", name)
            if not callable(factory):
                raise PluginError(f"plugin {plugin!r}: speech provider {name!r} needs a callable factory")
            self._add(Registration("speech", name, factory, plugin))

        return register

    def _achievement_register(self, plugin: str) -> Callable[..., None]:
        def register(definition: AchievementDefinition) -> None:
            if not isinstance(definition, AchievementDefinition):
                raise PluginError(
                    f"plugin {plugin!r} registered {definition!r}; expected an AchievementDefinition"
                )
            self._add(Registration("achievement", definition.key, definition, plugin))

        return register

    def _exercise_type_register(self, plugin: str) -> Callable[..., None]:
        def register(name: str, grader: Callable[..., Any]) -> None:
            is_builtin_type = name in {member.value for member in ExerciseType}
            if not (is_builtin_type and plugin == BUILTIN_NAME) and not is_plugin_exercise_type(name):
                raise PluginError(
                    f"plugin {plugin!r}: exercise type {name!r} must be namespaced, like 'acme:drag_drop'"
                )
            if not callable(grader):
                raise PluginError(f"plugin {plugin!r}: exercise type {name!r} needs a callable grader")
            self._add(Registration("exercise_type", name, grader, plugin))

        return register

    def _scheme_owner(self, scheme: str) -> Registration | None:
        scheme = scheme.lower()
        for registration in self._registrations.values():
            if registration.kind == "storage" and scheme in registration.schemes:
                return registration
        return None

    # --- queries -------------------------------------------------------------

    def registrations(self, kind: str) -> tuple[Registration, ...]:
        """Everything of one kind (``storage``, ``speech``, ``achievement``, ``exercise_type``)."""
        return tuple(r for r in self._registrations.values() if r.kind == kind)

    def plugins(self) -> tuple[PluginInfo, ...]:
        """The loaded plugins in load order, each with what it registered."""
        infos = []
        for name, _ in self.manager.list_name_plugin():
            registered: dict[str, list[str]] = {}
            for registration in self._registrations.values():
                if registration.plugin == name:
                    registered.setdefault(registration.kind, []).append(registration.name)
            distribution, version = self._distributions.get(name, (None, None))
            infos.append(
                PluginInfo(
                    name=name,
                    distribution=distribution,
                    version=version,
                    registered={kind: tuple(names) for kind, names in registered.items()},
                )
            )
        return tuple(infos)

    def storage_backend(self, name_or_url: str) -> tuple[Registration, str]:
        """The backend for a name (``"memory"``) or URL (``"sqlite:///x.db"``), and the URL to open.

        A bare name opens the backend's default URL, ``<scheme>://``.
        """
        registration = self._registrations.get(("storage", name_or_url))
        if registration is not None:
            default_scheme = registration.schemes[0] if registration.schemes else name_or_url
            return registration, f"{default_scheme}://"
        scheme = urlsplit(name_or_url).scheme.lower()
        base_scheme = scheme.split("+", 1)[0]  # "postgresql+psycopg" is served by "postgresql"
        owner = self._scheme_owner(scheme) or self._scheme_owner(base_scheme) if scheme else None
        if owner is None:
            available = [r.name for r in self.registrations("storage")]
            available += [f"{s}://" for r in self.registrations("storage") for s in r.schemes]
            raise UnknownStorageBackend(mask_password(name_or_url), available)
        return owner, name_or_url

    def open_storage(self, name_or_url: str, options: Mapping[str, Any] | None = None) -> Storage:
        """Open the storage backend chosen by name or URL."""
        registration, url = self.storage_backend(name_or_url)
        factory: StorageFactory = registration.value
        return factory(url, dict(options or {}))

    def speech_provider(self, name: str, /, **settings: Any) -> SpeechProvider:
        """Build the speech provider registered as ``name`` with ``settings``."""
        registration = self._registrations.get(("speech", name))
        if registration is None:
            raise UnknownSpeechProvider(name, [r.name for r in self.registrations("speech")])
        factory: SpeechProviderFactory = registration.value
        return factory(**settings)

    def achievements(self) -> tuple[AchievementDefinition, ...]:
        """Every registered achievement definition."""
        return tuple(r.value for r in self.registrations("achievement"))

    def exercise_grader(self, name: str) -> Callable[..., Any] | None:
        """The grader registered for an exercise type, if any."""
        registration = self._registrations.get(("exercise_type", name))
        return None if registration is None else registration.value

    def publish(self, events: Iterable[DomainEvent]) -> None:
        """Hand committed events to every plugin's ``on_event``.

        The data is already committed, so a failing plugin must not look like a failed
        operation to the caller: its error is logged with a traceback and the other
        plugins still get the event.
        """
        handlers = self.manager.hook.on_event.get_hookimpls()
        if not handlers:
            return
        for event in events:
            for impl in handlers:
                try:
                    impl.function(event=event)
                except Exception:
                    logger.exception(
                        "plugin %r failed handling event %s", impl.plugin_name, event.type
                    )


def _check_name(plugin: str, what: str, name: object) -> None:
    if not isinstance(name, str) or not name or not name.replace("-", "_").replace(".", "_").isidentifier():
        raise PluginError(f"plugin {plugin!r} registered a {what} with an invalid name {name!r}")


def _version_of(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def load_plugins(
    *, load_entry_points: bool = True, allow: Collection[str] | None = None, plugins: Iterable[object] = ()
) -> PluginRegistry:
    """Load the built-in plugin, the allowed entry points and any ``plugins`` objects given."""
    return PluginRegistry(load_entry_points=load_entry_points, allow=allow, plugins=plugins)
