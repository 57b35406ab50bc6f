"""The click exception classes typer raises, whichever typer is installed.

Older typer releases build on click; newer ones carry their own copy of it
(``typer._click``). Both expose ``typer.BadParameter``, so its module tells which
exception classes are in play, without importing anything private by name.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer

__all__ = ["AbortSignals", "ClickException", "ExitSignals", "NoArgsIsHelpError", "UsageError"]

_exceptions: Any = importlib.import_module(typer.BadParameter.__module__)

ClickException: type[Exception] = _exceptions.ClickException
UsageError: type[Exception] = _exceptions.UsageError
# click >= 8.2 raises this for a group called without a command.
NoArgsIsHelpError: type[Exception] | None = getattr(_exceptions, "NoArgsIsHelpError", None)
ExitSignals: tuple[type[BaseException], ...] = tuple({typer.Exit, getattr(_exceptions, "Exit", typer.Exit)})
AbortSignals: tuple[type[BaseException], ...] = tuple(
    {typer.Abort, getattr(_exceptions, "Abort", typer.Abort)}
)
