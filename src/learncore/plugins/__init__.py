"""The plugin system: pluggy hooks, entry-point loading and the registry of what plugins add."""

from learncore.plugins.hookspecs import hookimpl
from learncore.plugins.registry import PluginInfo, PluginRegistry, Registration, load_plugins

__all__ = ["PluginInfo", "PluginRegistry", "Registration", "hookimpl", "load_plugins"]
