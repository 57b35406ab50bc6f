"""Where the CLI writes: rich consoles for people, plain JSON for machines, red lines for errors."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from learncore.domain.json_values import to_json

__all__ = ["console", "emit_json", "error_console", "error_line", "jsonable"]

# Both resolve sys.stdout / sys.stderr when they print, so test runners can capture them.
console = Console(highlight=False)
error_console = Console(stderr=True, highlight=False)


def jsonable(value: Any) -> Any:
    """``value`` as JSON-compatible data (attrs classes, UUIDs, dates and enums included)."""
    return to_json(value)


def emit_json(value: Any) -> None:
    """Print ``value`` as indented JSON on stdout, nothing else (for ``--json``)."""
    sys.stdout.write(json.dumps(jsonable(value), ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def error_line(message: str) -> None:
    """One red line on stderr: ``error: <message>``."""
    error_console.print(f"[bold red]error:[/bold red] [red]{escape(message)}[/red]", soft_wrap=True)
