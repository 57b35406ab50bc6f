"""The CLI's own errors, on top of learncore's typed ones (which the group reports too)."""

from __future__ import annotations

from learncore_cli.clicompat import ClickException, UsageError

__all__ = ["DataError", "UsageProblem", "usage_error"]


class DataError(ClickException):  # type: ignore[misc,valid-type]
    """Something about the data is wrong (an unknown learner, an unreadable file): exit 1."""

    exit_code = 1


class UsageProblem(UsageError):  # type: ignore[misc,valid-type]
    """A bad argument found after parsing (a malformed --plugin, a missing --text): exit 2."""

    exit_code = 2


def usage_error(message: str) -> UsageProblem:
    """An error about a command-line argument: exit code 2."""
    return UsageProblem(message)
