"""``import_course(path, app)``: validate a course file and store it as a new version, all or nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from learncore.content.convert import Converted, to_domain
from learncore.content.report import ChangeCounts, ImportReport, Problem, Severity
from learncore.content.source import DEFAULT_LIMITS, LoadLimits, paused_gc
from learncore.content.validation import FORMATS, load_course_spec
from learncore.domain.course_diff import LevelDiff
from learncore.errors import InvalidCourseFile
from learncore.services import course_import

if TYPE_CHECKING:
    from learncore.facade import Learncore

__all__ = ["IMPORT_STEPS", "ImportProgress", "import_course", "read_course"]

# What ``progress`` hears: (step, steps done, total steps), once before each step and
# once at the end; a UI turns it into a progress bar.
ImportProgress = Callable[[str, int, int], None]
IMPORT_STEPS = ("reading and validating", "storing the new version", "done")


def _refuse(path: str, problems: tuple[Problem, ...]) -> InvalidCourseFile:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    first = errors[0] if errors else None
    summary = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
    if first is not None:
        summary += f"; the first: {first}"
    return InvalidCourseFile(path, f"the course cannot be imported ({summary})", problems)


def read_course(
    path: str | os.PathLike[str],
    format: str = "learncore",  # noqa: A002 - the name import_course uses
    *,
    limits: LoadLimits = DEFAULT_LIMITS,
) -> tuple[Converted, tuple[Problem, ...], tuple[Problem, ...]]:
    """The course at ``path`` as domain objects, with the unsupported parts and the warnings.

    Raises :class:`~learncore.errors.InvalidCourseFile` listing every problem when the
    course has errors.
    """
    if format == "librelingo":
        from learncore.content.librelingo import read_librelingo  # noqa: PLC0415

        return read_librelingo(path, limits=limits)
    if format != "learncore":
        raise InvalidCourseFile(
            "format", f"{format!r} is not a known course format; use one of {', '.join(FORMATS)}"
        )
    loaded = load_course_spec(path, limits=limits)
    converted = None
    if loaded.spec is not None and not loaded.findings.has_errors():
        converted = to_domain(loaded.spec, loaded.findings)
        loaded.spec = None  # the file data is not needed once it is domain objects
    problems = loaded.document.problems(loaded.findings)
    if converted is None:
        raise _refuse(str(path), problems)
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    return converted, (), warnings


def _counts(level: LevelDiff | None, total: int) -> ChangeCounts:
    if level is None:
        return ChangeCounts(unchanged=total)
    return ChangeCounts(
        added=len(level.added),
        changed=len(level.changed),
        removed=len(level.removed),
        unchanged=len(level.unchanged),
    )


def _no_progress(_step: str, _done: int, _total: int) -> None:
    return None


def import_course(
    path: str | os.PathLike[str],
    app: Learncore,
    format: str = "learncore",  # noqa: A002 - the public name the issue fixes
    *,
    actor: str = "import",
    limits: LoadLimits = DEFAULT_LIMITS,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Validate the course at ``path`` and store it through ``app``'s storage in one unit of work.

    - ``path``: a course file (``.yaml``, ``.yml``, ``.json``) or a course directory;
      with ``format="librelingo"``, a LibreLingo course directory.
    - Ids come from the file, so importing an edited file updates the stored course in
      place and records a new version; learners keep their progress on what remains,
      and progress on removed lessons is archived. Importing an unchanged file writes
      nothing (``report.unchanged``).
    - Any problem raises :class:`~learncore.errors.InvalidCourseFile` whose
      ``problems`` list them all, and nothing is written.
    - ``progress(step, done, total)``, if given, is called before each of the
      :data:`IMPORT_STEPS` and at the end, so a UI can show how far a long import is.

    >>> import learncore, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "course.yaml").write_text('''
    ... format_version: 1
    ... slug: tiny
    ... title: Tiny
    ... from_language: en
    ... to_language: es
    ... sections:
    ...   - id: s1
    ...     title: Basics
    ...     units:
    ...       - id: u1
    ...         title: Greetings
    ...         lessons:
    ...           - id: hello
    ...             title: Hello
    ...             exercises:
    ...               - {type: translate, prompt: Hello, answers: [Hola]}
    ... ''')
    >>> app = learncore.bootstrap(load_entry_points=False)
    >>> import_course(folder, app).lessons.added
    1
    >>> import_course(folder, app).unchanged
    True
    """
    report_step = progress or _no_progress
    total = len(IMPORT_STEPS) - 1
    report_step(IMPORT_STEPS[0], 0, total)
    with paused_gc():
        converted, unsupported, warnings = read_course(path, format, limits=limits)
    course = converted.course
    report_step(IMPORT_STEPS[1], 1, total)
    with paused_gc(), app.transaction() as uow:
        outcome = course_import.import_course(
            uow,
            course,
            languages=converted.languages,
            keys=converted.keys,
            source=f"{format}:{os.fspath(path)}",
            actor=actor,
            clock=app.clock,
        )
        uow.commit()
    report_step(IMPORT_STEPS[2], 2, total)
    diff = outcome.diff
    stored = outcome.course
    return ImportReport(
        course_id=stored.id,
        slug=stored.slug,
        version=stored.version,
        created=outcome.created,
        unchanged=outcome.unchanged,
        sections=_counts(diff.sections if diff else None, len(stored.sections)),
        units=_counts(diff.units if diff else None, sum(1 for _ in stored.units())),
        lessons=_counts(diff.lessons if diff else None, len(stored.lessons)),
        exercises=_counts(diff.exercises if diff else None, sum(1 for _ in stored.exercises())),
        archived_progress=outcome.archived_progress,
        restored_progress=outcome.restored_progress,
        languages_saved=outcome.languages_saved,
        unsupported=unsupported,
        warnings=warnings,
    )
