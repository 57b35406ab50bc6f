"""``learncore plugins``: what is loaded and what each plugin registers."""

from __future__ import annotations

from rich.table import Table

from learncore_cli.output import console, emit_json
from learncore_cli.state import current, load_plugin_objects

__all__ = ["plugins"]


def plugins() -> None:
    """List the loaded plugins (built-in first, then entry points) and what each one registers."""
    from learncore.plugins.registry import load_plugins

    state = current()
    loaded = load_plugins(plugins=load_plugin_objects(state.plugins)).plugins()
    if state.json:
        emit_json(
            [
                {
                    "name": p.name,
                    "distribution": p.distribution,
                    "version": p.version,
                    "registered": {kind: list(names) for kind, names in p.registered.items()},
                }
                for p in loaded
            ]
        )
        return
    table = Table("plugin", "distribution", "registers")
    for plugin in loaded:
        registered = "\n".join(f"{kind}: {', '.join(names)}" for kind, names in plugin.registered.items())
        table.add_row(
            plugin.name, f"{plugin.distribution or '-'} {plugin.version or ''}".strip(), registered or "-"
        )
    console.print(table)
