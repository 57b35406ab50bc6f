"""The ``learncore`` command. Thin: it parses input, calls the facade and renders.

Each command lives in ``learncore_cli/commands/<name>.py``; this module holds the
global options and wires the commands together.
"""

from __future__ import annotations

from typing import Annotated

import typer

from learncore_cli.commands import course, db, demo, learn, plugins, speech, stats
from learncore_cli.group import LearncoreGroup
from learncore_cli.state import CliState, set_current

__all__ = ["app", "main"]

HELP = """\
learncore: the engine of gamified learning apps, from the terminal.

Start with [bold]learncore demo[/bold]: it builds a database, imports the sample course and
plays a scripted learner through two lessons. [bold]learncore learn[/bold] lets you play yourself.

Data goes to an embedded SQLite database in your user data directory (set
LEARNCORE_HOME to move it) unless [bold]--url[/bold] names another one. Global options work
before or after the command: [bold]learncore stats Ana --json[/bold].

Exit codes: 0 success, 1 bad data (a course file, an unknown learner, a database
problem), 2 bad usage (a missing or malformed argument).
"""

app = typer.Typer(
    cls=LearncoreGroup,
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main_options(
    ctx: typer.Context,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            envvar="LEARNCORE_STORAGE",
            help="Storage URL: sqlite:///path.db, postgresql+psycopg://..., mysql+pymysql://..., "
            "memory:// (default: the embedded SQLite database).",
            show_envvar=True,
        ),
    ] = None,
    speech: Annotated[
        str | None,
        typer.Option(
            "--speech",
            envvar="LEARNCORE_SPEECH",
            help="Speech provider, or a fallback chain like 'azure,sphinx' (see 'learncore plugins').",
            show_envvar=True,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print machine-readable JSON instead of tables and colours.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback when something fails.")] = False,
    plugin: Annotated[
        list[str] | None,
        typer.Option(
            "--plugin",
            help="Also load this plugin object ('package.module:object'), e.g. one you are writing "
            "that is not installed as an entry point. Repeatable.",
        ),
    ] = None,
) -> None:
    """Global options, shared by every command."""
    state = CliState(url=url, speech=speech, json=as_json, debug=debug, plugins=list(plugin or []))
    ctx.obj = state
    set_current(state)


app.add_typer(db.app, name="db")
app.add_typer(course.app, name="course")
app.add_typer(speech.app, name="speech")
app.command("demo")(demo.demo)
app.command("learn")(learn.learn)
app.command("stats")(stats.stats)
app.command("plugins")(plugins.plugins)


def main() -> None:
    """The console-script entry point."""
    app()
