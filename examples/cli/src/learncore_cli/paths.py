"""Where the CLI keeps its data, and where it finds the files it ships.

The embedded database lives in the user data directory (``LEARNCORE_HOME`` overrides
it). The sample course and the spoken-answer recording ship inside the wheel under
``learncore_cli/data``; an editable install reads them from the repository instead.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

__all__ = [
    "DEFAULT_DB_NAME",
    "data_dir",
    "default_url",
    "sample_course_path",
    "spoken_answer_path",
]

DEFAULT_DB_NAME = "learncore.db"
HOME_VARIABLE = "LEARNCORE_HOME"
SAMPLE_COURSE = "spanish-basics"
SPOKEN_ANSWER = "see-you-tomorrow.wav"

_PACKAGE_DATA = Path(str(files("learncore_cli"))) / "data"
# examples/cli/src/learncore_cli -> examples/content, for editable installs and checkouts.
_REPOSITORY_CONTENT = Path(__file__).resolve().parents[3] / "content"


def data_dir() -> Path:
    """The directory holding the embedded database (created on first use)."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        path = Path(override).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("learncore", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_url() -> str:
    """The embedded SQLite database: ``sqlite:///<data dir>/learncore.db``."""
    return f"sqlite:///{data_dir() / DEFAULT_DB_NAME}"


def sample_course_path() -> Path:
    """The sample course directory: shipped package data, else the repository's copy."""
    for candidate in (_PACKAGE_DATA / SAMPLE_COURSE, _REPOSITORY_CONTENT / SAMPLE_COURSE):
        if (candidate / "course.yaml").is_file():
            return candidate
    raise FileNotFoundError(
        f"the sample course {SAMPLE_COURSE!r} is neither installed with learncore-cli "
        f"({_PACKAGE_DATA}) nor in a repository checkout ({_REPOSITORY_CONTENT})"
    )


def spoken_answer_path() -> Path:
    """The bundled recording the demo scores with the offline speech provider."""
    return _PACKAGE_DATA / SPOKEN_ANSWER
