"""The ``learncore`` command. Thin: it parses input, calls the facade and renders."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

import learncore
from learncore.errors import LearncoreError

app = typer.Typer(
    help="learncore: the engine of gamified learning apps, from the terminal.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


@app.command()
def plugins(as_json: JsonOption = False) -> None:
    """List the loaded plugins and what each one registers."""
    loaded = learncore.bootstrap().plugins()
    if as_json:
        rows = [
            {"name": p.name, "distribution": p.distribution, "version": p.version,
             "registered": {k: list(v) for k, v in p.registered.items()}}
            for p in loaded
        ]
        console.print_json(json.dumps(rows))
        return
    table = Table("plugin", "distribution", "registers")
    for plugin in loaded:
        registered = "; ".join(f"{kind}: {', '.join(names)}" for kind, names in plugin.registered.items())
        table.add_row(plugin.name, f"{plugin.distribution or '-'} {plugin.version or ''}", registered)
    console.print(table)


@app.command()
def demo() -> None:
    """Run a short scripted tour of the library on in-memory storage."""
    from learncore_cli.demo import run_demo  # noqa: PLC0415 - keeps --help fast

    run_demo(console)


def main() -> None:
    """Entry point: typed learncore errors become one red line and exit code 1."""
    try:
        app()
    except LearncoreError as error:
        errors.print(f"[red]error:[/red] {error}")
        raise SystemExit(1) from None
