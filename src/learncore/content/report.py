"""What validation and import tell the author: problems with positions, and counts of changes."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from uuid import UUID

import attrs

__all__ = ["ChangeCounts", "ImportReport", "Problem", "Severity", "ValidationReport"]


class Severity(enum.StrEnum):
    """Errors stop an import; warnings are worth a look but do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One thing wrong in a course file: where (file, 1-based line and column), what, and how to fix it."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else f"{self.severity}: "
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}:{self.column}: {label}{self.message}{hint}"


@attrs.frozen
class ValidationReport:
    """Every problem found in a course, in file and line order. ``ok`` means no errors."""

    path: str
    format: str
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing is an error (warnings allowed)."""
        return not any(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop an import."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that do not stop an import."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __str__(self) -> str:
        if not self.problems:
            return f"{self.path}: ok"
        return "\n".join(str(problem) for problem in self.problems)


@attrs.frozen
class ChangeCounts:
    """How many items of one level (sections, units, lessons or exercises) an import touched."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def touched(self) -> bool:
        """Whether anything was added, changed or removed."""
        return bool(self.added or self.changed or self.removed)


@attrs.frozen
class ImportReport:
    """The outcome of :func:`learncore.content.import_course`.

    ``unchanged`` is True when the stored course already matched the file (nothing was
    written). ``unsupported`` lists the parts of the source that could not be carried
    over (LibreLingo features without a learncore equivalent, malformed entries),
    each as a :class:`Problem` pointing at the source.
    """

    course_id: UUID
    slug: str
    version: int
    created: bool
    unchanged: bool
    sections: ChangeCounts
    units: ChangeCounts
    lessons: ChangeCounts
    exercises: ChangeCounts
    archived_progress: int = 0
    restored_progress: int = 0
    languages_saved: tuple[str, ...] = ()
    unsupported: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    def summary(self) -> str:
        """One line per level, for a CLI or a log."""
        if self.unchanged:
            return f"{self.slug}: unchanged (version {self.version})"
        lines = [f"{self.slug}: {'created' if self.created else 'updated'} as version {self.version}"]
        for name in ("sections", "units", "lessons", "exercises"):
            counts: ChangeCounts = getattr(self, name)
            lines.append(
                f"  {name}: {counts.added} added, {counts.changed} changed, "
                f"{counts.removed} removed, {counts.unchanged} unchanged"
            )
        if self.archived_progress:
            lines.append(f"  archived progress records: {self.archived_progress}")
        if self.restored_progress:
            lines.append(f"  restored progress records: {self.restored_progress}")
        if self.unsupported:
            lines.append(f"  unsupported parts: {len(self.unsupported)}")
        return "\n".join(lines)


def sort_problems(problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """File, line, column order; duplicates dropped."""
    unique = dict.fromkeys(problems)
    return tuple(sorted(unique, key=lambda p: (p.file, p.line, p.column, p.message)))
