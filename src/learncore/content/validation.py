"""``validate(path)``: every problem of a course, at once, with file, line, column and a hint."""

from __future__ import annotations

import difflib
import os
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from typing_extensions import is_typeddict

from learncore.content.checks import check_course
from learncore.content.document import Document, Findings, assemble
from learncore.content.model import CourseSpec, course_adapter
from learncore.content.report import ValidationReport, sort_problems
from learncore.content.source import DEFAULT_LIMITS, LoadLimits, paused_gc
from learncore.errors import InvalidCourseFile

__all__ = ["Loaded", "load_course_spec", "validate"]

FORMATS = ("learncore", "librelingo")


@attrs.define
class Loaded:
    """A course read from disk: its document, the validated data (None if invalid) and the findings."""

    document: Document
    spec: CourseSpec | None
    findings: Findings


def _unwrap(kind: Any) -> Any:
    """The TypedDict (or list item type) inside Annotated/NotRequired/Optional wrappers."""
    while True:
        origin = typing.get_origin(kind)
        if origin is typing.Annotated:
            kind = typing.get_args(kind)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(kind) if a is not type(None)]
            typed = [a for a in options if is_typeddict(_unwrap(a)) or typing.get_origin(a) is list]
            kind = (typed or options)[-1]
        elif str(origin).endswith("NotRequired") or str(origin).endswith("Required"):
            kind = typing.get_args(kind)[0]
        else:
            return kind


def _fields_at(loc: Sequence[Any]) -> list[str]:
    """The field names of the format object at ``loc`` (for "did you mean" hints)."""
    kind: Any = CourseSpec
    for step in loc:
        kind = _unwrap(kind)
        if isinstance(step, int):
            if typing.get_origin(kind) is not list:
                return []
            kind = typing.get_args(kind)[0]
        elif is_typeddict(kind):
            hints = typing.get_type_hints(kind, include_extras=True)
            if step not in hints:
                return []
            kind = hints[step]
        else:
            return []
    kind = _unwrap(kind)
    if not is_typeddict(kind):
        return []
    return list(typing.get_type_hints(kind))


def _loc(raw: Sequence[Any]) -> tuple[Any, ...]:
    # pydantic adds the validator's name for some wrapped types; those are not in the file.
    return tuple(step for step in raw if isinstance(step, int) or not str(step).startswith("function-"))


def _name(loc: tuple[Any, ...]) -> str:
    """``("answers", 2)`` → ``answers[2]``: the field named as the author sees it."""
    keys = [i for i, step in enumerate(loc) if isinstance(step, str)]
    if not keys:
        return "course"
    last = keys[-1]
    return str(loc[last]) + "".join(f"[{step}]" for step in loc[last + 1 :])


def _schema_findings(errors: list[Any], findings: Findings) -> None:
    for error in errors:
        loc = _loc(error["loc"])
        kind = error["type"]
        given = error.get("input")
        name = _name(loc)
        if kind == "extra_forbidden":
            close = difflib.get_close_matches(name, _fields_at(loc[:-1]), n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else "remove it; see docs/authoring-courses.md for the fields"
            )
            findings.error(loc, f"unknown field {name!r}", hint, at_key=True)
        elif kind == "missing":
            hint = "add format_version: 1 at the top" if name == "format_version" else f"add {name}: ..."
            findings.error(loc[:-1], f"missing required field {name!r}", hint)
        elif name == "format_version" and len(loc) == 1:
            findings.error(
                loc,
                f"format_version {given!r} is not supported; this learncore reads format 1",
                "write format_version: 1",
            )
        elif kind in ("dict_type", "typed_dict_type", "model_type") and not loc:
            findings.error(
                loc,
                "a course file must be a mapping of fields (format_version, slug, ...)",
                "see docs/authoring-courses.md",
            )
        elif kind == "string_pattern_mismatch":
            rule = (
                "a slug: lowercase letters, digits and dashes"
                if name == "slug"
                else ("an id: letters, digits, '.', '_' or '-' (up to 100), or a UUID")
            )
            findings.error(loc, f"{given!r} is not {rule}", "rename it")
        else:
            message = f"{name}: {error['msg'][0].lower()}{error['msg'][1:]}"
            if isinstance(given, bool) and "string" in kind:
                hint = "YAML reads a bare true/false as a yes/no value; put the text in quotes"
            elif given is None:
                hint = "the value is empty; write it, or remove the key"
            else:
                hint = "fix the value"
            findings.error(loc, message, hint)


# The lists whose items are checked one by one; an item with a schema error is set
# aside so that the cross-checks still run on everything else.
_LEVELS = ("sections", "units", "lessons", "exercises", "assets")
# Placeholders for course fields whose values failed the schema (already reported).
_PLACEHOLDERS = {
    "format_version": 1,
    "slug": "invalid",
    "title": "?",
    "from_language": "und",
    "to_language": "und",
}


@attrs.define
class _Pruned:
    """What was set aside: kept original indices per list, and the ids of dropped lessons."""

    kept: dict[tuple[Any, ...], list[int]] = attrs.Factory(dict)
    lesson_ids: set[str] = attrs.Factory(set)

    def original(self, path: tuple[Any, ...]) -> tuple[Any, ...]:
        """A path in the pruned data as a path in the file."""
        out: list[Any] = []
        for step in path:
            if isinstance(step, int) and out and out[-1] in _LEVELS:
                kept = self.kept.get(tuple(out))
                if kept is not None and step < len(kept):
                    step = kept[step]  # noqa: PLW2901 - mapping the step is the point
            out.append(step)
        return tuple(out)


def _item_of(loc: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The deepest level item (an exercise, a lesson...) that holds ``loc``, as its path."""
    deepest = None
    for i in range(1, len(loc)):
        if isinstance(loc[i], int) and loc[i - 1] in _LEVELS:
            deepest = loc[: i + 1]
    return deepest


def _walk(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _prune(data: Any, errors: list[Any]) -> _Pruned | None:  # noqa: PLR0912 - one branch per case
    """Set aside the items with schema errors (in place); None if the course itself is unusable."""
    if not isinstance(data, dict):
        return None
    pruned = _Pruned()
    dropped: dict[tuple[Any, ...], set[int]] = {}
    for error in errors:
        loc = _loc(error["loc"])
        if error["type"] == "extra_forbidden":
            parent = _walk(data, loc[:-1])
            if isinstance(parent, dict):
                parent.pop(loc[-1], None)  # an unknown field spoils nothing else
                continue
        item = _item_of(loc)
        if item is not None:
            dropped.setdefault(item[:-1], set()).add(item[-1])
        elif loc and loc[0] in _PLACEHOLDERS:
            data[loc[0]] = _PLACEHOLDERS[loc[0]]
        elif loc:
            data.pop(loc[0], None)
        else:
            return None
    # Deepest lists first, so that the paths of outer lists still point at their items.
    for list_path in sorted(dropped, key=len, reverse=True):
        items = _walk(data, list_path)
        if not isinstance(items, list):
            continue
        gone = dropped[list_path]
        if list_path[-1] == "lessons":
            for index in gone:
                lesson = items[index] if index < len(items) else None
                if isinstance(lesson, dict) and isinstance(lesson.get("id"), str):
                    pruned.lesson_ids.add(lesson["id"])
        pruned.kept[list_path] = [i for i in range(len(items)) if i not in gone]
        items[:] = [item for i, item in enumerate(items) if i not in gone]
    return pruned


def load_course_spec(path: str | os.PathLike[str], *, limits: LoadLimits = DEFAULT_LIMITS) -> Loaded:
    """Read, schema-check and cross-check a course; raises only if the course file itself is unusable.

    Items that fail the schema are reported and set aside, and the cross-checks run on
    the rest, so one run reports (nearly) every problem. ``spec`` is None whenever any
    item failed the schema.
    """
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic loads on first use

    findings = Findings()
    document = assemble(Path(path), findings, limits=limits)
    adapter = course_adapter()
    try:
        spec: CourseSpec | None = adapter.validate_python(document.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        _schema_findings(errors, findings)
        spec = None
        # The loaded data is ours (parsed for this call), so it is pruned in place.
        pruned = _prune(document.data, errors)
        if pruned is not None:
            try:
                partial: CourseSpec = adapter.validate_python(document.data)
            except ValidationError:
                pass  # what is left still fails; the schema errors already say why
            else:
                cross = Findings()
                check_course(
                    partial,
                    cross,
                    root=document.root,
                    unknown_lessons=pruned.lesson_ids,
                    partial=bool(pruned.kept),
                )
                findings.items.extend(
                    attrs.evolve(finding, path=pruned.original(finding.path)) for finding in cross.items
                )
                findings.placed.extend(cross.placed)
        return Loaded(document, spec, findings)
    except RecursionError:
        findings.error((), "the course nests too deeply", "flatten it")
        return Loaded(document, None, findings)
    if spec is not None:
        # The validated copy is all that is needed from here on (problems are located by
        # reading the file again), so the raw data goes now: a large course is half the memory.
        document.data = None
        check_course(spec, findings, root=document.root)
    return Loaded(document, spec, findings)


def validate(
    path: str | os.PathLike[str],
    format: str = "learncore",  # noqa: A002 - the public name the issue fixes
    *,
    limits: LoadLimits = DEFAULT_LIMITS,
) -> ValidationReport:
    """Check the course at ``path`` (a course file, or a directory with ``course.yaml``) without importing it.

    Every problem is reported at once, each with file, line, column, message and a fix-it
    hint; ``report.ok`` is True when there are no errors (warnings may remain).
    ``format="librelingo"`` checks a LibreLingo course directory instead.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.yaml").write_text("format_version: 1\\nslug: demo\\ntitle: Demo\\n")
    >>> report = validate(folder / "c.yaml")
    >>> report.ok, str(report.problems[0]).split(": ", 1)[1]
    (False, "missing required field 'from_language' (hint: add from_language: ...)")
    """
    if format == "librelingo":
        from learncore.content.librelingo import validate_librelingo  # noqa: PLC0415

        return validate_librelingo(path, limits=limits)
    if format != "learncore":
        raise InvalidCourseFile(
            "format", f"{format!r} is not a known course format; use one of {', '.join(FORMATS)}"
        )
    with paused_gc():
        try:
            loaded = load_course_spec(path, limits=limits)
        except InvalidCourseFile as exc:
            return ValidationReport(str(path), format, sort_problems(exc.problems))
        return ValidationReport(str(path), format, loaded.document.problems(loaded.findings))
