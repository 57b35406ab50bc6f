"""A course on disk: one file, or a directory whose ``course.yaml`` may include unit and section files.

:func:`assemble` reads every file of a course into one tree of plain data and remembers
which file each part came from, so a problem found anywhere in the tree can be pointed
at the right file, line and column (:class:`Findings`, :meth:`Document.resolve`).

Includes are written where a unit or section would be::

    sections:
      - include: sections/basics.yaml     # a file holding one section
      - id: travel
        title: Travel
        units:
          - include: units/airport.yaml   # a file holding one unit

Paths are relative to the course directory and must stay inside it; each file may be
included once. Other YAML or JSON files in the directory are reported as warnings,
because a forgotten ``include`` silently drops content.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from learncore.content.report import Problem, Severity, sort_problems
from learncore.content.source import (
    DEFAULT_LIMITS,
    JSON_SUFFIXES,
    YAML_SUFFIXES,
    LoadLimits,
    SourceFile,
    load_file,
)
from learncore.errors import InvalidCourseFile

__all__ = ["Document", "Finding", "Findings", "assemble", "find_course_file"]

COURSE_FILE_NAMES = ("course.yaml", "course.yml", "course.json")
DocPath = tuple[Any, ...]


@attrs.frozen
class Finding:
    """A problem at a path of the assembled tree, before it is given a line and column."""

    path: DocPath
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    # Point at the key rather than the value (unknown fields).
    at_key: bool = False


@attrs.define
class Findings:
    """Where checks put what they find; problems already placed in a file go to ``placed``."""

    items: list[Finding] = attrs.Factory(list)
    placed: list[Problem] = attrs.Factory(list)

    def error(self, path: DocPath, message: str, hint: str = "", *, at_key: bool = False) -> None:
        """Record an error at ``path``."""
        self.items.append(Finding(path, message, hint, Severity.ERROR, at_key))

    def warning(self, path: DocPath, message: str, hint: str = "") -> None:
        """Record a warning at ``path``."""
        self.items.append(Finding(path, message, hint, Severity.WARNING))

    def has_errors(self) -> bool:
        """Whether any error (not warning) was recorded."""
        return any(f.severity is Severity.ERROR for f in self.items) or any(
            p.severity is Severity.ERROR for p in self.placed
        )


@attrs.define
class _Origin:
    """The part of the tree at ``prefix`` came from ``file``."""

    prefix: DocPath
    file: Path


@attrs.define
class Document:
    """A course's data assembled from its files."""

    root: Path  # the course directory: relative paths in the course start here
    main: Path  # the course file
    data: Any
    limits: LoadLimits
    origins: list[_Origin] = attrs.Factory(list)
    files: list[Path] = attrs.Factory(list)
    _positioned: dict[Path, SourceFile] = attrs.Factory(dict)

    def origin_of(self, path: DocPath) -> tuple[_Origin, DocPath]:
        """The file that holds ``path``, and the path inside that file."""
        best = self.origins[0]
        for origin in self.origins[1:]:
            n = len(origin.prefix)
            if len(origin.prefix) > len(best.prefix) and path[:n] == origin.prefix:
                best = origin
        return best, path[len(best.prefix) :]

    def resolve(self, finding: Finding) -> Problem:
        """Give a finding its file, line and column (the file is re-read with positions once)."""
        origin, inner = self.origin_of(finding.path)
        source = self._positioned.get(origin.file)
        if source is None:
            try:
                source = load_file(origin.file, limits=self.limits, positions=True)
            except InvalidCourseFile:
                source = SourceFile(origin.file, None)
            self._positioned[origin.file] = source
        line, column = 1, 1
        if source.positions is not None:
            line, column = source.positions.locate(source.data, inner, key=finding.at_key)
        return Problem(
            file=self.display(origin.file),
            line=line,
            column=column,
            message=finding.message,
            hint=finding.hint,
            severity=finding.severity,
        )

    def display(self, file: Path) -> str:
        """How a file is named in problems: as given for the course file, relative for the others."""
        if file == self.main:
            return str(file)
        try:
            return str(self.main.parent / file.relative_to(self.root))
        except ValueError:
            return str(file)

    def problems(self, findings: Findings) -> tuple[Problem, ...]:
        """Every finding placed in its file, sorted."""
        return sort_problems([*findings.placed, *(self.resolve(f) for f in findings.items)])


def find_course_file(path: Path) -> Path:
    """The course file of ``path``: the file itself, or the ``course.yaml`` of a directory."""
    if path.is_dir():
        found = [path / name for name in COURSE_FILE_NAMES if (path / name).is_file()]
        if len(found) != 1:
            reason = (
                f"no {' / '.join(COURSE_FILE_NAMES)} in the directory"
                if not found
                else f"several course files: {', '.join(p.name for p in found)}"
            )
            problem = Problem(str(path), 1, 1, reason, "keep exactly one course file in the directory")
            raise InvalidCourseFile(str(path), reason, [problem])
        return found[0]
    if not path.is_file():
        reason = "no such file or directory"
        problem = Problem(str(path), 1, 1, reason, "check the path")
        raise InvalidCourseFile(str(path), reason, [problem])
    if path.suffix.lower() not in (*YAML_SUFFIXES, *JSON_SUFFIXES):
        reason = f"{path.suffix or 'no suffix'}: a course file ends in .yaml, .yml or .json"
        problem = Problem(str(path), 1, 1, reason, "rename the file")
        raise InvalidCourseFile(str(path), reason, [problem])
    return path


def _include_target(item: Any) -> str | None:
    if isinstance(item, dict) and "include" in item:
        target = item["include"]
        return target if isinstance(target, str) else ""
    return None


class _Assembler:
    def __init__(self, document: Document, findings: Findings) -> None:
        self.doc = document
        self.findings = findings
        self.total_bytes = 0
        self.included: dict[Path, DocPath] = {}

    def load(self, file: Path) -> Any:
        self.total_bytes += file.stat().st_size
        if self.total_bytes > self.doc.limits.max_total_bytes:
            reason = f"the course's files exceed {self.doc.limits.max_total_bytes:,} bytes together"
            problem = Problem(self.doc.display(file), 1, 1, reason, "raise LoadLimits.max_total_bytes")
            raise InvalidCourseFile(str(file), reason, [problem])
        if len(self.doc.files) >= self.doc.limits.max_files:
            reason = f"the course includes more than {self.doc.limits.max_files:,} files"
            problem = Problem(self.doc.display(file), 1, 1, reason, "raise LoadLimits.max_files")
            raise InvalidCourseFile(str(file), reason, [problem])
        self.doc.files.append(file)
        return load_file(file, limits=self.doc.limits).data

    def resolve_path(self, at: DocPath, target: str) -> Path | None:
        if not target:
            self.findings.error((*at, "include"), "include needs a file path", "write the path as text")
            return None
        relative = PurePosixPath(target.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts:
            self.findings.error(
                (*at, "include"),
                f"the include {target!r} leaves the course directory",
                "use a path relative to the course directory, without '..'",
            )
            return None
        file = self.doc.root / relative
        if not file.resolve().is_relative_to(self.doc.root.resolve()):
            self.findings.error(
                (*at, "include"),
                f"the include {target!r} is a link that leaves the course directory",
                "copy the file into the course directory",
            )
            return None
        if file.suffix.lower() not in (*YAML_SUFFIXES, *JSON_SUFFIXES) or not file.is_file():
            self.findings.error(
                (*at, "include"),
                f"the included file {target!r} does not exist"
                if not file.is_file()
                else f"the included file {target!r} is not .yaml, .yml or .json",
                "check the path: it is relative to the course directory",
            )
            return None
        if file in self.included:
            self.findings.error((*at, "include"), f"{target!r} is included twice", "include each file once")
            return None
        return file

    def splice(self, items: Any, at: DocPath, *, kind: str) -> None:
        """Replace ``{include: file}`` items of a sections or units list by the files' contents."""
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            target = _include_target(item)
            if target is None:
                if kind == "section" and isinstance(item, dict):
                    self.splice(item.get("units"), (*at, index, "units"), kind="unit")
                continue
            here = (*at, index)
            if len(item) > 1:
                others = ", ".join(sorted(k for k in item if k != "include"))
                self.findings.error(
                    here, f"an include stands alone; found {others} next to it", "move them into the file"
                )
            file = self.resolve_path(here, target)
            if file is None:
                continue
            try:
                data = self.load(file)
            except InvalidCourseFile as exc:
                self.findings.placed.extend(exc.problems)
                continue
            self.included[file] = here
            items[index] = data
            self.doc.origins.append(_Origin(here, file))
            if kind == "section" and isinstance(data, dict):
                self.splice(data.get("units"), (*here, "units"), kind="unit")

    def strays(self) -> Iterator[Path]:
        if self.doc.main.parent != self.doc.root:
            return
        used = {*self.included, self.doc.main}
        suffixes = (*YAML_SUFFIXES, *JSON_SUFFIXES)
        for candidate in sorted(self.doc.root.rglob("*")):
            if candidate.suffix.lower() in suffixes and candidate.is_file() and candidate not in used:
                if any(part.startswith(".") for part in candidate.relative_to(self.doc.root).parts):
                    continue
                yield candidate


def assemble(path: Path, findings: Findings, *, limits: LoadLimits = DEFAULT_LIMITS) -> Document:
    """Read the course at ``path`` (a file or a course directory) with every included file.

    Unreadable includes become findings; an unreadable course file raises
    :class:`~learncore.errors.InvalidCourseFile`.
    """
    main = find_course_file(path)
    directory_course = path.is_dir()
    root = main.parent
    document = Document(root=root, main=main, data=None, limits=limits)
    assembler = _Assembler(document, findings)
    data = assembler.load(main)
    document.data = data
    document.origins.append(_Origin((), main))
    if isinstance(data, dict):
        sections = data.get("sections")
        if directory_course:
            assembler.splice(sections, ("sections",), kind="section")
        elif isinstance(sections, list) and any(
            _include_target(s) is not None
            or (isinstance(s, dict) and any(_include_target(u) is not None for u in s.get("units") or []))
            for s in sections
            if isinstance(s, dict)
        ):
            findings.error(
                ("sections",),
                "includes work only in a course directory (a folder with course.yaml)",
                "pass the directory instead of the file",
            )
    if directory_course:
        for stray in assembler.strays():
            findings.placed.append(
                Problem(
                    document.display(stray),
                    1,
                    1,
                    "this file is not included by the course file, so it is ignored",
                    "include it, or move it out of the course directory",
                    Severity.WARNING,
                )
            )
    return document
