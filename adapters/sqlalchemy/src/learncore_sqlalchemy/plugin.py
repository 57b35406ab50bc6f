"""The entry point learncore loads: registers the ``sqlalchemy`` storage backend.

It imports no SQLAlchemy itself; the backend loads when a storage is opened.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from learncore.plugins import hookimpl
from learncore.ports.storage import Storage

__all__ = ["register_storage_backends"]

SCHEMES = ("sqlite", "postgresql", "mysql", "mariadb")


def open_storage(url: str, options: Mapping[str, Any]) -> Storage:
    """The storage factory: ``url`` is any SQLAlchemy URL of the supported databases."""
    from learncore_sqlalchemy.storage import SqlStorage  # noqa: PLC0415 - keep plugin loading light

    return SqlStorage.open(url, options)


@hookimpl
def register_storage_backends(register: Any) -> None:
    """SQLite (the embedded default), PostgreSQL and MariaDB/MySQL."""
    register("sqlalchemy", open_storage, schemes=SCHEMES)
