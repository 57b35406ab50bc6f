"""The committed JSON Schema matches the models, and the authoring docs cover every field."""

from __future__ import annotations

import json
import re
from pathlib import Path

from learncore.content import json_schema
from learncore.content.schema import schema_text

ROOT = Path(__file__).resolve().parents[3]
SCHEMA_FILE = ROOT / "docs" / "schema" / "learncore-course.schema.json"


def test_the_committed_schema_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "regenerate it: python -m learncore.content.schema > docs/schema/learncore-course.schema.json"
    )


def test_the_schema_forbids_unknown_fields_and_allows_includes():
    schema = json_schema()
    assert schema["additionalProperties"] is False
    assert all(
        d.get("additionalProperties") is False for d in schema["$defs"].values() if d.get("type") == "object"
    )
    assert {"$ref": "#/$defs/Include"} in schema["properties"]["sections"]["items"]["anyOf"]
    assert json.loads(schema_text()) == schema


def test_the_authoring_page_documents_every_field_and_links_the_schema():
    page = (ROOT / "docs" / "authoring-courses.md").read_text(encoding="utf-8")
    assert "schema/learncore-course.schema.json" in page
    documented = set(re.findall(r"`([a-z_]+)`", page))
    schema = json_schema()
    missing = {
        f"{name}.{field}"
        for name, definition in [("Course", schema), *schema["$defs"].items()]
        for field in definition.get("properties", {})
        if field not in documented
    }
    assert not missing, f"fields not documented in docs/authoring-courses.md: {sorted(missing)}"
