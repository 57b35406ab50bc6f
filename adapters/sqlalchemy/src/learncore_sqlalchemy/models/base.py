"""The declarative base: naming conventions, the ``lc_`` table prefix, and the timestamp columns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from learncore_sqlalchemy.models.types import UtcDateTime, db_utcnow, utcnow

__all__ = ["TABLE_PREFIX", "Base", "Timestamped", "mysql_table_options"]

# Every table starts with this, so learncore can share a database (and an Alembic
# setup) with the host app without name clashes.
TABLE_PREFIX = "lc_"

# Named constraints make migrations reproducible on every database and let errors be
# traced to the constraint that failed.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}


def mysql_table_options() -> dict[str, Any]:
    """Table options for MariaDB/MySQL: full Unicode (emoji flags) and exact, binary comparison."""
    return {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_bin", "mysql_engine": "InnoDB"}


class Base(DeclarativeBase):
    """Base of every learncore table model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    """``created_at`` and ``updated_at``: row metadata kept by the ORM (and the database default).

    They say when the row was written, not when the learner did something: domain
    times such as ``Learner.created_at`` have their own columns.
    """

    @declared_attr
    def created_at(cls) -> Mapped[datetime]:  # noqa: N805 - declared_attr is a class-level hook
        return mapped_column(UtcDateTime, default=utcnow, server_default=db_utcnow(), nullable=False)

    @declared_attr
    def updated_at(cls) -> Mapped[datetime]:  # noqa: N805 - declared_attr is a class-level hook
        return mapped_column(
            UtcDateTime,
            default=utcnow,
            onupdate=utcnow,
            server_default=db_utcnow(),
            nullable=False,
        )
