"""The JSON Schema of the learncore course format, generated from :mod:`learncore.content.model`.

The generated schema is committed as ``docs/schema/learncore-course.schema.json`` so
editors can validate course files (a test keeps it up to date). Regenerate it with::

    python -m learncore.content.schema > docs/schema/learncore-course.schema.json
"""

from __future__ import annotations

import copy
import json
from typing import Any

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://learncore.readthedocs.io/en/latest/schema/learncore-course.schema.json"

_INCLUDE = {
    "type": "object",
    "title": "Include",
    "description": "In a course directory: the path (relative to the directory) of a file holding this item.",
    "properties": {"include": {"type": "string", "minLength": 1}},
    "required": ["include"],
    "additionalProperties": False,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a course file; ``sections`` and ``units`` items may be includes."""
    from learncore.content.model import course_adapter  # noqa: PLC0415 - pydantic loads on first use

    schema = copy.deepcopy(course_adapter().json_schema())
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
    defs = schema.setdefault("$defs", {})
    defs["Include"] = _INCLUDE
    sections = schema["properties"]["sections"]
    sections["items"] = {"anyOf": [sections["items"], {"$ref": "#/$defs/Include"}]}
    units = defs["SectionSpec"]["properties"]["units"]
    units["items"] = {"anyOf": [units["items"], {"$ref": "#/$defs/Include"}]}
    return schema


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - the regeneration command in the docstring
    print(schema_text(), end="")
