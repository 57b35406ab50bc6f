"""``learncore speech assess``: score a recording against the text it should say."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from learncore_cli.errors import usage_error
from learncore_cli.output import console, emit_json
from learncore_cli.state import current

__all__ = ["app"]

app = typer.Typer(help="Pronunciation assessment with the installed speech providers.", no_args_is_help=True)


@app.command()
def assess(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            metavar="FILE",
            help="The recording: WAV, MP3, M4A, OGG/Opus, WebM or FLAC, as the provider accepts.",
        ),
    ],
    text: Annotated[str, typer.Option("--text", "-t", help="What the recording should say.")],
    provider: Annotated[
        str | None,
        typer.Option(
            "--provider", "-p", help="Speech provider or chain (default: --speech / LEARNCORE_SPEECH)."
        ),
    ] = None,
    language: Annotated[str, typer.Option("--language", "-l", help="The language spoken (BCP-47).")] = "en",
) -> None:
    """Print the pronunciation scores and a table of word scores with their error types."""
    state = current()
    if not text.strip():
        raise usage_error("--text: give the sentence the recording should say")
    chosen = provider or state.speech
    if not chosen:
        raise usage_error(
            "--provider: no speech provider chosen; pass --provider NAME (see 'learncore plugins')"
        )
    audio = file.read_bytes()
    # The assessment needs no stored data, so nothing is opened but the provider.
    with state.open_app(storage="memory://", speech=chosen) as app:
        assessment = app.assess_pronunciation(audio, text, language)
    if state.json:
        emit_json({"file": str(file), **_as_dict(assessment)})
        return
    from learncore_cli.render import assessment_table

    console.print(assessment_table(assessment))


def _as_dict(value: object) -> dict[str, object]:
    from learncore_cli.output import jsonable

    data: dict[str, object] = jsonable(value)
    return data
