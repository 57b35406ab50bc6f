"""The CLI commands, driven through typer's CliRunner."""

from __future__ import annotations

import json

from learncore_cli.app import app
from typer.testing import CliRunner

runner = CliRunner()


def test_demo_runs_and_shows_each_step():
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Spanish for English speakers" in result.output
    assert "Registered learner Ana" in result.output
    assert "Next lesson: Lesson 1.1" in result.output
    assert "learner_registered" in result.output


def test_plugins_lists_the_built_in_backend_as_json():
    result = runner.invoke(app, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    builtin = next(row for row in rows if row["name"] == "learncore.builtin")
    assert "memory" in builtin["registered"]["storage"]


def test_an_unknown_command_is_a_usage_error():
    result = runner.invoke(app, ["fly"])
    assert result.exit_code == 2
