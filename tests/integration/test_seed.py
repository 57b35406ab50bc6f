"""Seeding reference data through the facade (in-memory backend); idempotent."""

from datetime import UTC, datetime

import learncore
from learncore.catalog import LANGUAGES
from learncore.domain.languages import Language
from learncore.testing import FixedClock


def _app() -> learncore.Learncore:
    return learncore.bootstrap(load_entry_points=False, clock=FixedClock(datetime(2026, 1, 5, tzinfo=UTC)))


def test_seeding_adds_the_catalogue_and_audits_it_once() -> None:
    app = _app()
    report = app.seed()
    assert report.changed
    assert len(report.languages_added) == len(LANGUAGES)
    assert [lang.code for lang in app.languages()] == sorted(lang.code for lang in LANGUAGES)
    (entry,) = app.audit_log("languages")
    assert entry.action == "languages.seed"


def test_seeding_again_changes_nothing() -> None:
    app = _app()
    app.seed()
    second = app.seed()
    assert not second.changed
    assert len(app.audit_log("languages")) == 1


def test_an_edited_language_is_kept_unless_replace_is_asked() -> None:
    app = _app()
    app.seed()
    app.save_language(Language("fr", "Français (QC)"))
    assert not app.seed().changed
    assert app.language("fr").name == "Français (QC)"
    assert app.seed(replace=True).languages_updated == ("fr",)
    assert app.language("fr").name == "French"
