"""``import_course(..., progress=...)``: the steps a UI shows as a progress bar."""

from __future__ import annotations

from pathlib import Path

import pytest

import learncore
from learncore.content import import_course
from learncore.content.importing import IMPORT_STEPS
from learncore.errors import InvalidCourseFile

SAMPLE = Path(__file__).resolve().parents[3] / "examples" / "content" / "spanish-basics"


def test_progress_hears_each_step_in_order_then_done():
    heard: list[tuple[str, int, int]] = []
    app = learncore.bootstrap("memory://", load_entry_points=False)
    import_course(SAMPLE, app, progress=lambda *step: heard.append(step))
    assert heard == [(IMPORT_STEPS[0], 0, 2), (IMPORT_STEPS[1], 1, 2), (IMPORT_STEPS[2], 2, 2)]


def test_a_refused_course_never_reports_storing(tmp_path):
    (tmp_path / "course.yaml").write_text("format_version: 1\nslug: x\n")
    heard: list[str] = []
    app = learncore.bootstrap("memory://", load_entry_points=False)
    with pytest.raises(InvalidCourseFile):
        import_course(tmp_path, app, progress=lambda step, *_: heard.append(step))
    assert heard == [IMPORT_STEPS[0]]
