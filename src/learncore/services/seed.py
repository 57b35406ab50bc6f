"""Seeding reference data into storage, idempotently: a second run changes nothing."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from learncore.catalog.languages import LANGUAGES
from learncore.domain.ids import new_id
from learncore.domain.languages import Language
from learncore.domain.logs import AuditEntry
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork

__all__ = ["SeedReport", "seed_languages"]


@attrs.frozen
class SeedReport:
    """What a seed run wrote: the codes of the languages it added and updated."""

    languages_added: tuple[str, ...] = ()
    languages_updated: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return bool(self.languages_added or self.languages_updated)


def seed_languages(
    uow: UnitOfWork,
    languages: Iterable[Language] = LANGUAGES,
    *,
    clock: Clock,
    replace: bool = False,
    actor: str = "system",
) -> SeedReport:
    """Write the language catalogue (by default :data:`learncore.catalog.LANGUAGES`).

    Missing languages are added. Existing ones are left as they are (an app may
    have renamed them) unless ``replace=True``, which brings them back to the
    catalogue's values. Only rows that differ are written, and one audit entry
    records the run when something changed, so seeding twice changes nothing.
    """
    added: list[str] = []
    updated: list[str] = []
    for language in languages:
        stored = uow.content.get_language(language.code)
        if stored is None:
            added.append(language.code)
        elif replace and stored != language:
            updated.append(language.code)
        else:
            continue
        uow.content.save_language(language)
    report = SeedReport(languages_added=tuple(added), languages_updated=tuple(updated))
    if report.changed:
        uow.logs.append_audit(
            AuditEntry(
                id=new_id(),
                actor=actor,
                action="languages.seed",
                resource="languages",
                occurred_at=clock.now(),
                before=None,
                after={"added": added, "updated": updated},
            )
        )
    return report
