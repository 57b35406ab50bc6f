"""The plugin: found through the entry point, chosen by URL, usable from learncore.bootstrap()."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
from learncore_sqlalchemy.plugin import SCHEMES
from learncore_sqlalchemy.storage import SqlStorage

import learncore
from learncore.errors import SchemaNotMigrated
from learncore.testing import sample_course


def test_the_distribution_declares_the_learncore_entry_point() -> None:
    (found,) = [ep for ep in entry_points(group="learncore") if ep.name == "sqlalchemy"]
    assert found.value == "learncore_sqlalchemy.plugin"
    assert found.dist is not None
    assert found.dist.name == "learncore-sqlalchemy"


def test_bootstrap_with_a_sqlite_url_keeps_data_across_restarts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with learncore.bootstrap(storage=url) as app:
        assert isinstance(app.storage, SqlStorage)
        course = app.save_course(sample_course())
        ana = app.register_learner("Ana", timezone="Europe/Madrid")
        assert app.seed().changed
    with learncore.bootstrap(storage=url) as app:
        assert app.course("sample") == course
        assert app.learner(ana.id) == ana
        assert [entry.type for entry in app.activity(ana.id)] == ["learner_registered"]
        assert not app.seed().changed
        plugin = next(p for p in app.plugins() if p.name == "sqlalchemy")
        assert plugin.distribution == "learncore-sqlalchemy"
        assert plugin.registered == {"storage": ("sqlalchemy",)}


def test_the_backend_name_alone_opens_a_private_in_memory_database() -> None:
    with learncore.bootstrap(storage="sqlalchemy") as app:
        assert str(app.storage.engine.url) == "sqlite://"  # type: ignore[attr-defined]
        app.register_learner("Ana")


def test_storage_options_pass_through_bootstrap(tmp_path: Path) -> None:
    with pytest.raises(SchemaNotMigrated):
        learncore.bootstrap(storage=f"sqlite:///{tmp_path / 'x.db'}", migrate=False)


def test_the_storage_url_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNCORE_STORAGE", f"sqlite:///{tmp_path / 'env.db'}")
    monkeypatch.setenv("LEARNCORE_STORAGE_OPTIONS", '{"busy_timeout": 1}')
    with learncore.bootstrap() as app:
        assert isinstance(app.storage, SqlStorage)
        assert app.storage.options.busy_timeout == 1


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_scheme_and_driver_variant_is_served_by_the_backend(scheme: str) -> None:
    from learncore.plugins import load_plugins

    registry = load_plugins()
    for url in (f"{scheme}://", f"{scheme}+somedriver://"):
        registration, _ = registry.storage_backend(url)
        assert registration.name == "sqlalchemy"


def test_a_postgresql_url_opens_through_bootstrap(postgres_storage: SqlStorage) -> None:
    url = postgres_storage.engine.url.render_as_string(hide_password=False)
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with learncore.bootstrap(storage=plain) as app:
        app.save_course(sample_course())
        assert [c.slug for c in app.courses()] == ["sample"]


def test_public_names_stay_what_they_are_once_every_submodule_is_imported() -> None:
    import importlib
    import pkgutil
    import types

    import learncore_sqlalchemy

    for module in pkgutil.walk_packages(learncore_sqlalchemy.__path__, "learncore_sqlalchemy."):
        if ".migrations" not in module.name:  # Alembic's scripts run only under Alembic
            importlib.import_module(module.name)
    for name in learncore_sqlalchemy.__all__:
        assert not isinstance(getattr(learncore_sqlalchemy, name), types.ModuleType), name
