"""The health check: is the database reachable, and is its schema at head?"""

from __future__ import annotations

import attrs
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from learncore.errors import LearncoreError, StorageUnavailable
from learncore.urls import mask_password
from learncore_sqlalchemy.engine import EngineOptions, build_engine
from learncore_sqlalchemy.migrate import HEAD_REVISION, current_revision

__all__ = ["HealthReport", "check"]


@attrs.frozen
class HealthReport:
    """What :func:`check` found. ``ok`` is what a readiness probe wants."""

    url: str  # password masked
    reachable: bool
    revision: str | None
    head: str = HEAD_REVISION
    error: str | None = None

    @property
    def at_head(self) -> bool:
        """Whether the schema is at the revision this package needs."""
        return self.revision == self.head

    @property
    def ok(self) -> bool:
        """Reachable and migrated."""
        return self.reachable and self.at_head


def check(target: str | Engine, *, connect_timeout: float = 5.0) -> HealthReport:
    """Check a database by URL (or an engine you already have). Never raises for a down database.

    >>> check("sqlite://").reachable
    True
    """
    if isinstance(target, Engine):
        return _check(target, target.url.render_as_string(hide_password=True))
    masked = mask_password(target)
    try:
        engine = build_engine(target, EngineOptions(connect_timeout=connect_timeout))
    except StorageUnavailable as exc:
        return HealthReport(url=masked, reachable=False, revision=None, error=str(exc))
    try:  # a new engine each time: a pooled connection must not answer for the database
        return _check(engine, masked)
    finally:
        engine.dispose()


def _check(engine: Engine, masked: str) -> HealthReport:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            revision = current_revision(connection)
    except LearncoreError as exc:  # translated: cannot connect, connection lost
        return HealthReport(url=masked, reachable=False, revision=None, error=str(exc))
    except SQLAlchemyError as exc:  # connected, but the query failed (permissions...)
        detail = str(getattr(exc, "orig", None) or exc)
        return HealthReport(url=masked, reachable=True, revision=None, error=detail)
    return HealthReport(url=masked, reachable=True, revision=revision)

