"""Course content on disk: the learncore format, its validator, import, export, and LibreLingo.

>>> from learncore.content import validate, import_course, export_course

- :func:`validate` reports every problem of a course file with file, line, column
  and a fix-it hint.
- :func:`import_course` stores a course through any storage backend in one unit of
  work, as a new version that keeps learner progress.
- :func:`export_course` writes a stored course back to the format.

The format is described in ``docs/authoring-courses.md``; its JSON Schema is
:func:`json_schema`. Names load on first use, so importing this package is cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from learncore.content.exporting import export_course
    from learncore.content.importing import import_course
    from learncore.content.report import ChangeCounts, ImportReport, Problem, Severity, ValidationReport
    from learncore.content.schema import json_schema
    from learncore.content.source import LoadLimits
    from learncore.content.validation import validate

_LAZY: dict[str, str] = {
    "validate": "learncore.content.validation",
    "import_course": "learncore.content.importing",
    "export_course": "learncore.content.exporting",
    "json_schema": "learncore.content.schema",
    "ValidationReport": "learncore.content.report",
    "ImportReport": "learncore.content.report",
    "ChangeCounts": "learncore.content.report",
    "Problem": "learncore.content.report",
    "Severity": "learncore.content.report",
    "LoadLimits": "learncore.content.source",
}

__all__ = [
    "ChangeCounts",
    "ImportReport",
    "LoadLimits",
    "Problem",
    "Severity",
    "ValidationReport",
    "export_course",
    "import_course",
    "json_schema",
    "validate",
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'learncore.content' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
