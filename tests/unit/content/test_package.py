"""learncore.content: public names, loaded lazily."""

from __future__ import annotations

import json
import subprocess
import sys


def test_importing_the_package_loads_neither_yaml_nor_pydantic():
    code = (
        "import sys, json, learncore.content; "
        "print(json.dumps(sorted(m for m in ('yaml', 'pydantic') if m in sys.modules)))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(output.stdout) == []


def test_the_public_names_are_the_functions_and_report_types():
    from learncore import content
    from learncore.content import export_course, import_course, validate

    assert callable(validate)
    assert callable(import_course)
    assert callable(export_course)
    assert validate.__module__ == "learncore.content.validation"
    assert set(content.__all__) <= set(dir(content))
    assert content.ValidationReport.__name__ == "ValidationReport"
    assert content.ImportReport.__name__ == "ImportReport"
