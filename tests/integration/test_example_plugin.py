"""The example plugin in docs/ installs with pip and loads through its entry point."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import learncore
from learncore.plugins import PluginRegistry

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "plugins" / "example-plugin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(EXAMPLE)],
        check=True,
    )
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    yield target
    sys.path.remove(str(target))
    sys.modules.pop("learncore_example_plugin", None)


def test_the_example_plugin_loads_through_its_entry_point(installed, monkeypatch):
    monkeypatch.setenv("LEARNCORE_LOAD_PLUGINS", "example")
    registry = PluginRegistry()
    example = next(info for info in registry.plugins() if info.name == "example")
    assert example.distribution == "learncore-example-plugin"
    assert example.version == "0.1.0"
    assert example.registered == {
        "achievement": ("example.bookworm",),
        "exercise_type": ("example:reverse",),
    }


def test_the_example_plugin_grades_its_exercise_type_and_hears_events(installed, monkeypatch):
    monkeypatch.setenv("LEARNCORE_LOAD_PLUGINS", "example")
    app = learncore.bootstrap()
    grade = app.registry.exercise_grader("example:reverse")
    exercise = learncore.Exercise(id=learncore.new_id(), type="example:reverse", prompt="hola")
    assert grade(exercise, "aloh").outcome == "correct"
    assert grade(exercise, "hola").outcome == "incorrect"
    app.register_learner("Ana")
    plugin = sys.modules["learncore_example_plugin"]
    assert "learner_registered" in plugin.SEEN_EVENTS
