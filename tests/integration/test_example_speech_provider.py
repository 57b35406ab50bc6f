"""The example third-party speech provider installs with pip and loads through its entry point."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "plugins" / "example-speech-provider"

LOAD_IT = """
import learncore, learncore.speech as speech
provider = speech.get_provider("pace", words_per_minute=120)
print(type(provider).__module__, provider.words_per_minute)
app = learncore.bootstrap(speech="pace")
from learncore.testing.audio import speech_like_wav
result = app.assess_pronunciation(speech_like_wav(1.5), "Good morning, everyone.")
print(result.provider, result.pronunciation)
names = [p.name for p in app.plugins()]
print("pace" in names, "pace" in speech.available_providers())
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The example, pip-installed into a directory of its own (the test venv stays clean)."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling must be installed to build the example offline (nox installs it)")
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(EXAMPLE),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def _run(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), *sys.path])}
    env.pop("LEARNCORE_LOAD_PLUGINS", None)
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_pip_installs_the_example_with_its_entry_point(installed):
    assert (installed / "learncore_example_pace" / "provider.py").is_file()
    entry_points = next(installed.glob("learncore_example_pace-*.dist-info")) / "entry_points.txt"
    assert "pace = learncore_example_pace.plugin" in entry_points.read_text()


def test_the_installed_example_loads_through_the_plugin_manager(installed):
    done = _run(installed, "-c", LOAD_IT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")
    assert lines[0] == "learncore_example_pace.provider 120"
    assert lines[1] == "pace 100.0"
    assert lines[2] == "True True"


def test_the_installed_example_passes_its_own_contract_suite(installed):
    done = _run(installed, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "passed" in done.stdout
