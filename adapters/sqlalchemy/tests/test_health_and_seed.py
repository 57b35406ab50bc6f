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


def test_seeding_writes_exercise_types_and_achievements_once(any_storage: SqlStorage) -> None:
    from learncore_sqlalchemy.models import AchievementRow, ExerciseTypeRow

    from learncore.domain.achievements import BUILTIN_ACHIEVEMENTS
    from learncore.domain.exercises import ExerciseType

    first = seed_database(any_storage)
    assert set(first.exercise_types_added) == {str(kind) for kind in ExerciseType}
    assert first.achievements_added == tuple(d.key for d in BUILTIN_ACHIEVEMENTS)
    with any_storage.unit_of_work() as uow:
        stamps = dict(uow.session.execute(select(AchievementRow.key, AchievementRow.updated_at)).all())
        query = select(AchievementRow).where(AchievementRow.key == "streak")
        streak = uow.session.execute(query).scalar_one()
        assert streak.metric == "streak_length"
        assert streak.provider == "learncore"
        assert [tier["threshold"] for tier in streak.tiers][:3] == [3, 7, 30]
        types = uow.session.execute(select(ExerciseTypeRow.name, ExerciseTypeRow.provider)).all()
        assert {provider for _, provider in types} == {"learncore"}
    second = seed_database(any_storage)
    assert not second.changed
    with any_storage.unit_of_work() as uow:
        query = select(AchievementRow.key, AchievementRow.updated_at)
        assert dict(uow.session.execute(query).all()) == stamps


def test_seeding_an_app_adds_its_plugins_types_and_achievements_and_repairs_drift(
    sqlite_storage: SqlStorage,
) -> None:
    from learncore_sqlalchemy.models import AchievementRow, ExerciseTypeRow
    from sqlalchemy import update

    import learncore
    from learncore.domain.achievements import AchievementDefinition, AchievementTier
    from learncore.plugins import hookimpl

    class Acme:
        __name__ = "acme"

        @hookimpl
        def register_achievements(self, register: object) -> None:
            register(AchievementDefinition(  # type: ignore[operator]
                key="acme.owl", title="Night owl", metric="lessons_completed",
                tiers=[AchievementTier(level=1, threshold=5)],
            ))

        @hookimpl
        def register_exercise_types(self, register: object) -> None:
            register("acme:drag_drop", lambda *args, **kwargs: None)  # type: ignore[operator]

    app = learncore.bootstrap(sqlite_storage, load_entry_points=False, plugins=[Acme()])
    report = seed_database(app)
    assert "acme.owl" in report.achievements_added
    assert "acme:drag_drop" in report.exercise_types_added
    with sqlite_storage.unit_of_work() as uow:
        uow.session.execute(update(AchievementRow).where(AchievementRow.key == "xp").values(title="Edited"))
        uow.commit()
    repaired = seed_database(app)
    assert repaired.achievements_updated == ("xp",)
    assert not repaired.achievements_added
    assert not repaired.languages_added
    with sqlite_storage.unit_of_work() as uow:
        provider = uow.session.execute(
            select(ExerciseTypeRow.provider).where(ExerciseTypeRow.name == "acme:drag_drop")
        ).scalar_one()
        assert provider == "acme"
    assert not seed_database(app).changed
