"""Seeding a SQL database with learncore's reference data, e.g. from a deploy script.

It runs the core use case :func:`learncore.services.seed.seed_languages` (the same
one ``app.seed()`` runs), so every backend seeds the same data.
"""

from __future__ import annotations

from learncore.ports.clock import SystemClock
from learncore.services.seed import SeedReport, seed_languages
from learncore_sqlalchemy.storage import SqlStorage

__all__ = ["seed_database"]


def seed_database(target: str | SqlStorage, *, replace: bool = False) -> SeedReport:
    """Seed the database at ``target`` (a URL or an open storage); idempotent.

    >>> seed_database("sqlite://").changed
    True
    """
    storage = target if isinstance(target, SqlStorage) else SqlStorage.open(target)
    try:
        with storage.unit_of_work() as uow:
            report = seed_languages(uow, clock=SystemClock(), replace=replace)
            uow.commit()
    finally:
        if storage is not target:
            storage.close()
    return report
