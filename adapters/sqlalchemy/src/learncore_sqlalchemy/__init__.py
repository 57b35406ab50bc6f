"""learncore-sqlalchemy: learncore's storage on SQLite, PostgreSQL and MariaDB/MySQL.

>>> import learncore
>>> app = learncore.bootstrap(storage="sqlite://")  # or sqlite:///learn.db, postgresql+psycopg://...

Names load on first use: the plugin entry point imports this package on every
``bootstrap()``, and SQLAlchemy should load only when a SQL storage is opened. (No
public name equals a submodule's, since importing a submodule would shadow it.)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from learncore_sqlalchemy.engine import EngineOptions
    from learncore_sqlalchemy.health import HealthReport, check
    from learncore_sqlalchemy.migrate import (
        HEAD_REVISION,
        VERSION_TABLE,
        alembic_config,
        current_revision,
        downgrade,
        is_learncore_table,
        upgrade,
    )
    from learncore_sqlalchemy.seed import SqlSeedReport, seed_database
    from learncore_sqlalchemy.storage import SqlStorage
    from learncore_sqlalchemy.unit_of_work import SqlUnitOfWork

__version__ = "0.1.0"

_LAZY = {
    "EngineOptions": "learncore_sqlalchemy.engine",
    "HealthReport": "learncore_sqlalchemy.health",
    "check": "learncore_sqlalchemy.health",
    "HEAD_REVISION": "learncore_sqlalchemy.migrate",
    "VERSION_TABLE": "learncore_sqlalchemy.migrate",
    "alembic_config": "learncore_sqlalchemy.migrate",
    "current_revision": "learncore_sqlalchemy.migrate",
    "downgrade": "learncore_sqlalchemy.migrate",
    "is_learncore_table": "learncore_sqlalchemy.migrate",
    "upgrade": "learncore_sqlalchemy.migrate",
    "SqlSeedReport": "learncore_sqlalchemy.seed",
    "seed_database": "learncore_sqlalchemy.seed",
    "SqlStorage": "learncore_sqlalchemy.storage",
    "SqlUnitOfWork": "learncore_sqlalchemy.unit_of_work",
}

__all__ = [
    "HEAD_REVISION",
    "VERSION_TABLE",
    "EngineOptions",
    "HealthReport",
    "SqlSeedReport",
    "SqlStorage",
    "SqlUnitOfWork",
    "__version__",
    "alembic_config",
    "check",
    "current_revision",
    "downgrade",
    "is_learncore_table",
    "seed_database",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'learncore_sqlalchemy' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
