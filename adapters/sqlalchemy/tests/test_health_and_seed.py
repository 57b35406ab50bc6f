"""The health check and seeding."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from learncore_sqlalchemy.health import check
from learncore_sqlalchemy.migrate import HEAD_REVISION, upgrade
from learncore_sqlalchemy.models import LanguageRow
from learncore_sqlalchemy.seed import seed_database
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import select

from learncore.catalog import LANGUAGES
from learncore.domain.languages import Language


def test_a_migrated_database_is_reachable_and_at_head(sqlite_storage: SqlStorage, sqlite_url: str) -> None:
    report = check(sqlite_url)
    assert report.reachable
    assert report.revision == HEAD_REVISION
    assert report.at_head
    assert report.ok
    assert check(sqlite_storage.engine).ok


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql", "mariadb"])
def test_an_empty_database_is_reachable_but_not_at_head(
    dialect: str, fresh_database: Callable[[str], str]
) -> None:
    url = fresh_database(dialect)
    report = check(url)
    assert report.reachable
    assert report.revision is None
    assert not report.at_head
    assert not report.ok
    upgrade(url)
    assert check(url).ok


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://app:s3cret@127.0.0.1:1/learn", "mysql+pymysql://app:s3cret@127.0.0.1:1/learn",
     "nosuch://app:s3cret@host/db"],
)
def test_an_unreachable_database_is_reported_not_raised(url: str) -> None:
    report = check(url, connect_timeout=2)
    assert not report.reachable
    assert not report.ok
    assert report.url == url.replace("s3cret", "***")
    assert report.error is not None
    assert "s3cret" not in report.error


def test_seeding_twice_changes_nothing(any_storage: SqlStorage) -> None:
    first = seed_database(any_storage)
    assert len(first.languages_added) == len(LANGUAGES) >= 40
    with any_storage.unit_of_work() as uow:
        stamps = dict(uow.session.execute(select(LanguageRow.code, LanguageRow.updated_at)).all())
        audits = len(uow.logs.list_audit())
    second = seed_database(any_storage)
    assert not second.changed
    with any_storage.unit_of_work() as uow:
        assert dict(uow.session.execute(select(LanguageRow.code, LanguageRow.updated_at)).all()) == stamps
        assert len(uow.logs.list_audit()) == audits
        # Native names, flags and right-to-left scripts survive every database.
        assert list(uow.content.list_languages()) == sorted(LANGUAGES, key=lambda lang: lang.code)


def test_seeding_keeps_an_apps_renamed_language_unless_told_to_replace(sqlite_storage: SqlStorage) -> None:
    seed_database(sqlite_storage)
    with sqlite_storage.unit_of_work() as uow:
        uow.content.save_language(Language("es", "Castellano", "Español", "🇪🇸"))
        uow.commit()
    assert not seed_database(sqlite_storage).changed
    report = seed_database(sqlite_storage, replace=True)
    assert report.languages_updated == ("es",)
    with sqlite_storage.unit_of_work() as uow:
        spanish = uow.content.get_language("es")
    assert spanish is not None
    assert spanish.name == "Spanish"


def test_seed_accepts_a_url(sqlite_url: str) -> None:
    assert seed_database(sqlite_url).changed
    assert not seed_database(sqlite_url).changed
