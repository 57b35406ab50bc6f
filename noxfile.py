"""Development sessions: tests, lint, typecheck, docs, bench, demo.

``nox -s tests`` is what CI runs (see .ci/run); ``nox -s bench -- --quick`` is the
short benchmark run.
"""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "tests"]

ROOT = Path(__file__).parent
PYTHON = ["3.11"]
# Adapter and example distributions, installed next to the core as their own
# distributions, exactly as a third-party plugin would be.
ADAPTERS = sorted(p.parent for p in ROOT.glob("adapters/*/pyproject.toml"))
EXAMPLES = sorted(p.parent for p in ROOT.glob("examples/*/pyproject.toml"))
DEV = ["pytest>=8", "hypothesis>=6.100", "pytest-timeout>=2.3"]


def _install_all(session: nox.Session) -> None:
    editables = [".[testing]"]
    for path in [*ADAPTERS, *EXAMPLES]:
        extras = "[test]" if "test" in (path / "pyproject.toml").read_text() else ""
        editables.append(f"{path.relative_to(ROOT)}{extras}")
    args: list[str] = []
    for editable in editables:
        args += ["-e", editable]
    session.install(*args, *DEV)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The whole test suite: core, adapters and examples, against the real services."""
    _install_all(session)
    packages = [*ADAPTERS, *EXAMPLES]
    test_dirs = ["tests", *(str(p.relative_to(ROOT) / "tests") for p in packages if (p / "tests").is_dir())]
    session.run("pytest", *test_dirs, *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff, and import-linter's contract that the domain stays pure."""
    session.install("ruff>=0.6", "import-linter>=2.1", "-e", ".")
    session.run("ruff", "check", ".")
    session.run("lint-imports")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the core package."""
    session.install("mypy>=1.11", "types-PyYAML", "-e", ".[testing]")
    session.run("mypy")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site, failing on any warning."""
    session.install("mkdocs>=1.6", "-e", ".")
    session.run("mkdocs", "build", "--strict")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Every benchmark, one JSON line per metric; ``-- --quick`` for a short run, ``--out FILE``."""
    _install_all(session)
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """The README demo: ``learncore demo`` on an embedded database."""
    _install_all(session)
    session.run("learncore", "demo", *session.posargs)
