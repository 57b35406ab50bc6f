"""``learncore course``: validate, import, export and list courses."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from learncore.errors import InvalidCourseFile
from learncore_cli.output import console, emit_json, error_console
from learncore_cli.state import current

if TYPE_CHECKING:
    from learncore import Learncore
    from learncore.content import ImportReport

__all__ = ["app", "import_with_progress"]

app = typer.Typer(help="Validate, import, export and list courses.", no_args_is_help=True)


class SourceFormat(enum.StrEnum):
    """The course formats ``--from`` accepts."""

    LEARNCORE = "learncore"
    LIBRELINGO = "librelingo"


CoursePath = Annotated[
    Path,
    typer.Argument(
        exists=True,
        metavar="PATH",
        help="A course file (.yaml, .yml, .json) or directory; with --from librelingo, a LibreLingo course.",
    ),
]
FromOption = Annotated[
    SourceFormat,
    typer.Option("--from", help="The format of PATH.", case_sensitive=False),
]


@app.command()
def validate(path: CoursePath, source_format: FromOption = SourceFormat.LEARNCORE) -> None:
    """Report every problem of a course with file, line, column and a hint; exit 1 if any is an error."""
    from learncore.content import validate as validate_course

    report = validate_course(path, format=source_format.value)
    if current().json:
        emit_json(
            {"path": report.path, "format": report.format, "ok": report.ok, "problems": report.problems}
        )
    else:
        from learncore_cli.render import validation_view

        console.print(validation_view(report))
    if not report.ok:
        raise typer.Exit(1)


def import_with_progress(app: Learncore, path: Path, source_format: str, *, show: bool) -> ImportReport:
    """Import a course, with a progress bar on a terminal when ``show`` is set."""
    from learncore.content import import_course

    if not show or not console.is_terminal:
        return import_course(path, app, format=source_format)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(f"importing {path.name}", total=None)

        def advance(step: str, done: int, total: int) -> None:
            bar.update(task, description=f"importing {path.name}: {step}", completed=done, total=total)

        return import_course(path, app, format=source_format, progress=advance)


@app.command("import")
def import_(path: CoursePath, source_format: FromOption = SourceFormat.LEARNCORE) -> None:
    """Validate a course and store it as a new version; the report shows what was added, changed and removed.

    Importing an edited course updates it in place: learners keep their progress on
    what remains. Importing the same file again changes nothing.
    """
    state = current()
    with state.open_app() as app:
        try:
            report = import_with_progress(app, path, source_format.value, show=not state.json)
        except InvalidCourseFile as error:
            for problem in getattr(error, "problems", ()):
                error_console.print(Text(str(problem), style="yellow"), soft_wrap=True)
            raise
    if state.json:
        emit_json(report)
        return
    from learncore_cli.render import import_report_table

    console.print(import_report_table(report))


@app.command()
def export(
    course: Annotated[
        str, typer.Argument(metavar="COURSE", help="The course's slug or id (see 'learncore course list').")
    ],
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH", help="A .yaml, .yml or .json file, or a directory (gets course.yaml)."
        ),
    ],
    media_from: Annotated[
        Path | None,
        typer.Option(
            "--media-from",
            exists=True,
            file_okay=False,
            help="The directory the course was imported from, to copy its audio files along.",
        ),
    ] = None,
) -> None:
    """Write a stored course back to the learncore format (re-importing it changes nothing)."""
    from learncore.content import export_course

    state = current()
    with state.open_app() as app:
        written = export_course(app, course, path, media_from=media_from)
    if state.json:
        emit_json({"course": course, "path": str(written)})
    else:
        console.print(Text(f"✓ exported {course} to {written}", style="green"))


@app.command("list")
def list_() -> None:
    """List the stored courses."""
    state = current()
    with state.open_app() as app:
        courses = app.courses()
    if state.json:
        emit_json(courses)
        return
    if not courses:
        console.print(
            "No courses yet: import one with 'learncore course import PATH' (or run 'learncore demo')."
        )
        return
    table = Table("slug", "title", "languages", "version", "published", "id")
    for summary in courses:
        table.add_row(
            summary.slug,
            summary.title,
            f"{summary.from_language} → {summary.to_language}",
            str(summary.version),
            "yes" if summary.published else "no",
            str(summary.id),
        )
    console.print(table)
