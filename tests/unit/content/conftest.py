"""Helpers for the content tests: write a course file and find problems in a report."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

HEADER = """\
format_version: 1
slug: demo
title: Demo
from_language: en
to_language: es
"""


@pytest.fixture
def course_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write ``HEADER`` plus the given YAML (dedented) as ``course.yaml`` in a fresh directory."""

    def write(body: str, *, header: bool = True) -> Path:
        path = tmp_path / "course.yaml"
        path.write_text((HEADER if header else "") + textwrap.dedent(body), encoding="utf-8")
        return path

    return write
