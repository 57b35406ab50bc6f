"""The command group behind ``learncore``: global options anywhere, one red line per failure.

- ``--url``, ``--speech``, ``--json`` and ``--debug`` belong to the top-level command,
  but people type them after the subcommand too (``learncore db check --url ...``).
  :meth:`LearncoreGroup.parse_args` moves them to the front before click parses.
- Failures never show a traceback unless ``--debug`` is given: usage errors print
  one red line and exit 2, data errors (typed learncore errors, unreadable files)
  exit 1.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from typer.core import TyperGroup

from learncore.errors import InvalidSettings, LearncoreError, UnknownRegistration
from learncore_cli.clicompat import AbortSignals, ClickException, ExitSignals, NoArgsIsHelpError, UsageError
from learncore_cli.errors import UsageProblem
from learncore_cli.output import error_line

__all__ = [
    "EXIT_DATA",
    "EXIT_USAGE",
    "GLOBAL_FLAGS",
    "GLOBAL_OPTIONS",
    "LearncoreGroup",
    "hoist_global_options",
]

EXIT_DATA = 1
EXIT_USAGE = 2
GLOBAL_OPTIONS = ("--url", "--speech", "--plugin")  # take a value
GLOBAL_FLAGS = ("--json", "--debug")


def hoist_global_options(args: Sequence[str]) -> list[str]:
    """``args`` with the global options moved in front of the subcommand (``--`` stops the search)."""
    front: list[str] = []
    rest: list[str] = []
    items = list(args)
    index = 0
    while index < len(items):
        item = items[index]
        if item == "--":
            rest += items[index:]
            break
        name = item.split("=", 1)[0]
        if item in GLOBAL_FLAGS or (name in GLOBAL_OPTIONS and "=" in item):
            front.append(item)
        elif item in GLOBAL_OPTIONS and index + 1 < len(items):
            front += [item, items[index + 1]]
            index += 1
        else:
            rest.append(item)
        index += 1
    return front + rest


def _debugging(args: Sequence[str]) -> bool:
    return "--debug" in args or os.environ.get("LEARNCORE_DEBUG", "") not in ("", "0")


def _usage_message(error: Any) -> str:
    message: str = error.format_message()
    ctx = getattr(error, "ctx", None)
    if ctx is not None and not isinstance(error, UsageProblem):
        message += f" (see '{ctx.command_path} --help')"
    return message


class LearncoreGroup(TyperGroup):
    """A typer group that accepts global options anywhere and reports failures in one line."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse with the global options hoisted to the front."""
        return super().parse_args(ctx, hoist_global_options(args))

    def main(  # type: ignore[override] # noqa: PLR0912 - one branch per kind of failure
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,  # noqa: ARG002 - always "learncore"
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; turn every failure into one red line and an exit code."""
        argv = list(sys.argv[1:] if args is None else args)
        debug = _debugging(argv)
        try:
            result = super().main(
                args=argv,
                prog_name="learncore",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except ExitSignals as stop:  # typer.Exit inside a command
            code = getattr(stop, "exit_code", 0)
        except AbortSignals:
            error_line("aborted")
            code = 130
        except UsageError as error:
            if NoArgsIsHelpError is not None and isinstance(error, NoArgsIsHelpError):
                ctx = getattr(error, "ctx", None)  # `learncore` alone: show the help
                sys.stdout.write(ctx.get_help() + "\n" if ctx is not None else _usage_message(error))
            else:
                if debug:
                    traceback.print_exc()
                error_line(_usage_message(error))
            code = EXIT_USAGE
        except ClickException as error:  # bad file arguments and the like
            if debug:
                traceback.print_exc()
            error_line(error.format_message())  # type: ignore[attr-defined]
            code = getattr(error, "exit_code", EXIT_DATA)
        except LearncoreError as error:
            if debug:
                traceback.print_exc()
            error_line(str(error))
            # A backend or provider that does not exist, or settings that do not parse,
            # come from the command line or the environment: usage, not data.
            code = EXIT_USAGE if isinstance(error, InvalidSettings | UnknownRegistration) else EXIT_DATA
        except OSError as error:
            if debug:
                traceback.print_exc()
            where = f"{error.filename}: " if error.filename else ""
            error_line(f"{where}{error.strerror or error}")
            code = EXIT_DATA
        except Exception as error:  # noqa: BLE001 - a bug: still one line, the traceback behind --debug
            if debug:
                traceback.print_exc()
            error_line(f"unexpected {type(error).__name__}: {error} (run with --debug for the traceback)")
            code = EXIT_DATA
        else:
            code = result if isinstance(result, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)
