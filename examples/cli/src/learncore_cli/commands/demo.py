"""``learncore demo``: the scripted tour, on a fresh embedded database."""

from __future__ import annotations

import io
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from learncore_cli.errors import usage_error
from learncore_cli.output import console, emit_json
from learncore_cli.paths import data_dir, sample_course_path, spoken_answer_path
from learncore_cli.state import current, load_plugin_objects

__all__ = ["DEMO_DB", "demo"]

DEMO_DB = "demo.db"


def _fresh_demo_url() -> str:
    path = data_dir() / DEMO_DB
    for leftover in (path, path.with_name(DEMO_DB + "-wal"), path.with_name(DEMO_DB + "-shm")):
        leftover.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def demo(
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i", help="After the tour, play on yourself as Ana in the lesson player."
        ),
    ] = False,
) -> None:
    """A two-minute tour: a fresh SQLite database, the sample course, and a learner's two lessons.

    The scripted learner answers right, makes a typo, drops an accent and gets one
    wrong: you see the grading feedback with the exact letters marked, hearts lost
    and won back (the clock is simulated), XP against the daily goal, the streak
    and the achievements she unlocks. With learncore-sphinx installed it also
    scores a spoken answer offline. The database is recreated on every run in the
    user data directory (demo.db), unless --url names another one.
    """
    state = current()
    if interactive and state.json:
        raise usage_error("--interactive cannot be combined with --json")
    from learncore_cli.demo import run_demo

    url = state.url or _fresh_demo_url()
    out = Console(file=io.StringIO()) if state.json else console
    record, app, learner, course = run_demo(
        out,
        url=url,
        plugin_objects=load_plugin_objects(state.plugins),
        wav=spoken_answer_path(),
        course_path=sample_course_path(),
    )
    with app:
        if state.json:
            emit_json(record)
            return
        console.print()
        console.print(Text(f"Done in {record['seconds']:.1f} s.", style="bold"))
        if url.startswith(("sqlite:", "postgresql", "mysql", "mariadb")):
            console.print(f"The database is {url}; look around with:")
            # Commands to copy: never wrapped.
            console.print(f"  learncore --url {url} stats {learner.display_name}", soft_wrap=True)
            console.print(f"  learncore --url {url} learn --learner {learner.display_name}", soft_wrap=True)
        if interactive:
            from learncore.ports.clock import SystemClock
            from learncore_cli.commands.learn import run_player

            console.print()
            console.print(
                Text(f"Your turn: you play as {learner.display_name}, on the real clock now.", style="bold")
            )
            app.clock = SystemClock()
            run_player(app, learner=learner, course=course)
