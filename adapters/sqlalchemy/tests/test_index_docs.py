"""The storage docs list every index and unique constraint, each with the query it serves."""

from __future__ import annotations

import re
from pathlib import Path

from learncore_sqlalchemy.models import metadata
from sqlalchemy import UniqueConstraint

DOCS_PAGE = Path(__file__).resolve().parents[3] / "docs" / "storage" / "sqlalchemy.md"


def _documented_names() -> set[str]:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    table = page[page.index("| index | query |") :]
    table = table[: table.index("\n\n")]
    return set(re.findall(r"`((?:ix|uq)_\w+)`", table))


def test_every_index_and_unique_constraint_is_in_the_docs_table() -> None:
    names = set()
    for table in metadata.tables.values():
        names |= {index.name for index in table.indexes if isinstance(index.name, str)}
        names |= {
            constraint.name
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint) and isinstance(constraint.name, str)
        }
    documented = _documented_names()
    assert sorted(names - documented) == [], "indexes the docs do not list"
    assert sorted(documented - names) == [], "names in the docs that are no index"
