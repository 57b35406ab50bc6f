"""Every CLI test runs with its own data directory and no learncore settings from outside."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from learncore_cli.app import app
from typer.testing import CliRunner

TESTS = Path(__file__).parent

sys.path.insert(0, str(TESTS))  # so --plugin cli_test_plugins:... imports

import cli_test_plugins  # noqa: E402
from cli_test_plugins import SAMPLE_COURSE  # noqa: E402

SHARED = ["--plugin", "cli_test_plugins:shared_memory"]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data directory; no LEARNCORE_* variable leaks in from the environment."""
    for name in list(os.environ):
        if name.startswith("LEARNCORE_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    monkeypatch.setenv("LEARNCORE_HOME", str(home))
    # Only the SQL backend loads from entry points, whatever else is installed (learncore-sphinx
    # would add a step to the demo); tests add plugins with --plugin.
    monkeypatch.setenv("LEARNCORE_LOAD_PLUGINS", "sqlalchemy")
    monkeypatch.setenv("COLUMNS", "160")  # no wrapping in what the tests read
    cli_test_plugins.STORES.clear()
    return home


Invoke = Callable[..., "Result"]


class Result:
    """What a command printed, split by stream, and its exit code."""

    def __init__(self, raw: object) -> None:
        self.exit_code: int = raw.exit_code  # type: ignore[attr-defined]
        self.stdout: str = raw.stdout  # type: ignore[attr-defined]
        self.stderr: str = raw.stderr  # type: ignore[attr-defined]
        self.output: str = raw.output  # type: ignore[attr-defined]
        self.exception = raw.exception  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


@pytest.fixture
def cli() -> Iterator[Invoke]:
    """Run ``learncore ARGS...`` in-process; ``input=`` feeds stdin."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:  # noqa: A002 - CliRunner's name
        return Result(runner.invoke(app, list(args), input=input))

    return invoke


@pytest.fixture
def shared() -> list[str]:
    """Global options for a storage that keeps its data between invocations in this test."""
    return [*SHARED, "--url", "shared-memory://test"]


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A copy of the sample course that a test may edit."""
    target = tmp_path / "course"
    shutil.copytree(SAMPLE_COURSE, target)
    return target
