"""``learncore stats LEARNER``: a learner's XP per day, streak, hearts and achievements."""

from __future__ import annotations

from typing import Annotated

import typer

from learncore_cli.lookup import find_learner
from learncore_cli.output import console, emit_json
from learncore_cli.state import current

__all__ = ["stats"]


def stats(
    learner: Annotated[str, typer.Argument(metavar="LEARNER", help="The learner's name or id.")],
    days: Annotated[int, typer.Option("--days", min=1, max=366, help="How many days of XP to chart.")] = 7,
) -> None:
    """Show XP per day as a bar chart, the streak, hearts with the next refill, and achievements."""
    state = current()
    with state.open_app() as app:
        found = find_learner(app, learner)
        result = app.stats(found.id, days=days)
    if state.json:
        emit_json({"learner": {"id": found.id, "display_name": found.display_name}, **_flat(result)})
        return
    from learncore_cli.render import stats_view

    console.print(stats_view(result, found.display_name, found.timezone))


def _flat(value: object) -> dict[str, object]:
    from learncore_cli.output import jsonable

    data: dict[str, object] = jsonable(value)
    return data
