"""``learncore db``: schema migrations and the health check of a SQL database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from learncore.urls import mask_password
from learncore_cli.errors import DataError, usage_error
from learncore_cli.output import console, emit_json
from learncore_cli.state import current

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["app"]

app = typer.Typer(
    help="Migrate and check the SQL database (default: the embedded SQLite database; --url for another).",
    no_args_is_help=True,
)

_SQL_SCHEMES = ("sqlite", "postgresql", "mysql", "mariadb")


def _sql_url() -> str:
    url = current().resolved_url()
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    if scheme not in _SQL_SCHEMES:
        raise usage_error(
            f"--url: {mask_password(url)!r} is not a SQL database URL; migrations apply to "
            "sqlite:///..., postgresql+psycopg://... or mysql+pymysql://..."
        )
    return url


def _adapter() -> ModuleType:
    try:
        import learncore_sqlalchemy
    except ImportError:
        raise DataError("the SQL backend is not installed: pip install learncore-sqlalchemy") from None
    return learncore_sqlalchemy


def _report(url: str) -> dict[str, Any]:
    health = _adapter().check(url)
    return {
        "url": health.url,
        "reachable": health.reachable,
        "revision": health.revision,
        "head": health.head,
        "at_head": health.at_head,
        "ok": health.ok,
        "error": health.error,
    }


def _show(report: dict[str, Any], action: str | None = None) -> None:
    if current().json:
        emit_json({"action": action, **report} if action else report)
        return
    if action:
        console.print(Text(f"✓ {action}", style="green"))
    console.print(f"database: {report['url']}")
    console.print(f"revision: {report['revision'] or '(not migrated)'} (newest: {report['head']})")


@app.command()
def upgrade(
    revision: Annotated[str, typer.Option("--revision", "-r", help="Target revision.")] = "head",
) -> None:
    """Create or upgrade learncore's tables to REVISION (default: the newest)."""
    url = _sql_url()
    _adapter().upgrade(url, revision)
    _show(_report(url), f"upgraded to {revision}")


@app.command()
def downgrade(
    revision: Annotated[
        str, typer.Argument(metavar="REVISION", help="Target revision; 'base' removes every learncore table.")
    ],
) -> None:
    """Downgrade learncore's tables to REVISION (data in removed tables is lost)."""
    url = _sql_url()
    _adapter().downgrade(url, revision)
    _show(_report(url), f"downgraded to {revision}")


@app.command("current")
def current_revision() -> None:
    """Print the schema revision the database is at."""
    report = _report(_sql_url())
    if not report["reachable"]:
        raise DataError(report["error"] or f"{report['url']}: cannot connect")
    _show(report)


@app.command()
def check() -> None:
    """Check that the database is reachable and migrated; exit 1 if not."""
    report = _report(_sql_url())
    _show(report)
    if not report["ok"]:
        if not current().json:
            reason = report["error"] or (
                "not migrated: run 'learncore db upgrade'" if report["reachable"] else "unreachable"
            )
            console.print(Text(f"✗ {reason}", style="red"))
        raise typer.Exit(1)
    if not current().json:
        console.print(Text("✓ reachable and at the newest revision", style="green"))
