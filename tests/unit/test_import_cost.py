"""``import learncore`` stays light: no SDK, ORM or audio library, and no pydantic until needed."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["sqlalchemy", "alembic", "azure", "google", "openai", "pocketsphinx", "av", "pydantic", "pluggy"]


def test_importing_learncore_loads_no_heavy_module():
    code = (
        "import sys, json, learncore; "
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(output.stdout) == []


def test_domain_names_are_reachable_from_the_top_level_package():
    import learncore

    assert learncore.Course is __import__("learncore.domain", fromlist=["Course"]).Course
    assert "bootstrap" in dir(learncore)
    try:
        learncore.no_such_name  # noqa: B018 - the attribute access is what is tested
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
