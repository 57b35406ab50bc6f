"""Seeding a SQL database with learncore's reference data, e.g. from a deploy script.

Three kinds of reference data, all idempotent (a second run writes nothing):

- the language catalogue, through the core use case
  :func:`learncore.services.seed.seed_languages` (the one ``app.seed()`` runs), so
  every backend seeds the same languages;
- the exercise types (``lc_exercise_types``);
- the achievement definitions (``lc_achievements``).

Types and achievements mirror code: the built-in ones, plus those installed plugins
registered when an app (or its plugin registry) is given. A row that differs from
the code is brought back in line, one that is missing is added, and rows of plugins
no longer installed are left alone (unlocks may refer to them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs
from sqlalchemy import Table, select

from learncore.domain.achievements import BUILTIN_ACHIEVEMENTS, AchievementDefinition
from learncore.domain.exercises import ExerciseType
from learncore.domain.ids import new_id
from learncore.domain.logs import AuditEntry
from learncore.plugins.registry import BUILTIN_NAME, PluginRegistry
from learncore.ports.clock import Clock, SystemClock
from learncore.services.seed import SeedReport, seed_languages
from learncore_sqlalchemy.mapping.achievements import definition_values, exercise_type_id
from learncore_sqlalchemy.models import AchievementRow, ExerciseTypeRow
from learncore_sqlalchemy.repositories.statements import execute, upsert
from learncore_sqlalchemy.storage import SqlStorage
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["BUILTIN_EXERCISE_TYPES", "SqlSeedReport", "seed_database"]

_types: Table = ExerciseTypeRow.__table__  # type: ignore[assignment]
_achievements: Table = AchievementRow.__table__  # type: ignore[assignment]
LEARNCORE = "learncore"

BUILTIN_EXERCISE_TYPES: Mapping[str, str] = {
    ExerciseType.TRANSLATE: "Translate a sentence; graded as text with typo and accent tolerance.",
    ExerciseType.MULTIPLE_CHOICE: "Pick the right option (or options).",
    ExerciseType.LISTEN_TYPE: "Type what the recording says.",
    ExerciseType.SPEAK: "Say the sentence; graded by a speech provider's assessment.",
    ExerciseType.WORD_BANK: "Put the tiles in order.",
    ExerciseType.MATCH_PAIRS: "Match each left item with its right one.",
    ExerciseType.FILL_BLANK: "Fill in the missing word.",
}


class _App(Protocol):
    """What :func:`seed_database` needs of a :class:`~learncore.Learncore`."""

    storage: Any
    registry: PluginRegistry
    clock: Clock


@attrs.frozen
class SqlSeedReport:
    """What a seed run wrote: languages (as ``app.seed()`` reports them), exercise types, achievements."""

    languages: SeedReport = SeedReport()
    exercise_types_added: tuple[str, ...] = ()
    exercise_types_updated: tuple[str, ...] = ()
    achievements_added: tuple[str, ...] = ()
    achievements_updated: tuple[str, ...] = ()

    @property
    def languages_added(self) -> tuple[str, ...]:
        """The codes of the languages added."""
        return self.languages.languages_added

    @property
    def languages_updated(self) -> tuple[str, ...]:
        """The codes of the languages brought back to the catalogue (``replace=True``)."""
        return self.languages.languages_updated

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return self.languages.changed or bool(
            self.exercise_types_added
            or self.exercise_types_updated
            or self.achievements_added
            or self.achievements_updated
        )


def seed_database(
    target: str | SqlStorage | _App,
    *,
    replace: bool = False,
    registry: PluginRegistry | None = None,
    actor: str = "system",
) -> SqlSeedReport:
    """Seed the database at ``target`` (a URL, an open storage, or an app); idempotent.

    ``replace=True`` also brings languages the app renamed back to the catalogue's
    values. Exercise types and achievements are the built-in ones, plus those of
    ``registry``'s plugins (an app passed as ``target`` brings its own registry).

    >>> report = seed_database("sqlite://")
    >>> report.changed, len(report.achievements_added) >= 6, "translate" in report.exercise_types_added
    (True, True, True)
    """
    clock: Clock = SystemClock()
    if isinstance(target, str):
        storage = SqlStorage.open(target)
    elif isinstance(target, SqlStorage):
        storage = target
    else:
        registry = registry or target.registry
        clock = target.clock
        storage = target.storage
        if not isinstance(storage, SqlStorage):
            raise TypeError(f"the app's storage is {type(storage).__name__}, not a SQL storage")
    types, definitions = _reference_data(registry)
    try:
        with storage.unit_of_work() as uow:
            languages = seed_languages(uow, clock=clock, replace=replace, actor=actor)
            tx = uow.transaction
            types_added, types_updated = _sync(tx, _types, "name", types)
            achievements_added, achievements_updated = _sync(tx, _achievements, "key", definitions)
            report = SqlSeedReport(
                languages=languages,
                exercise_types_added=types_added,
                exercise_types_updated=types_updated,
                achievements_added=achievements_added,
                achievements_updated=achievements_updated,
            )
            if types_added or types_updated or achievements_added or achievements_updated:
                uow.logs.append_audit(
                    AuditEntry(
                        id=new_id(), actor=actor, action="reference.seed", resource="reference",
                        occurred_at=clock.now(), before=None,
                        after={
                            "exercise_types": {"added": types_added, "updated": types_updated},
                            "achievements": {"added": achievements_added, "updated": achievements_updated},
                        },
                    )
                )
            uow.commit()
    finally:
        if isinstance(target, str):
            storage.close()
    return report


def _provider(plugin: str) -> str:
    return LEARNCORE if plugin == BUILTIN_NAME else plugin


def _reference_data(
    registry: PluginRegistry | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows the exercise-type and achievement tables should hold."""
    if registry is None:
        named_types: Iterable[tuple[str, str]] = ((str(kind), LEARNCORE) for kind in ExerciseType)
        named_definitions: Iterable[tuple[AchievementDefinition, str]] = (
            (definition, LEARNCORE) for definition in BUILTIN_ACHIEVEMENTS
        )
    else:
        named_types = [(r.name, _provider(r.plugin)) for r in registry.registrations("exercise_type")]
        named_definitions = [(r.value, _provider(r.plugin)) for r in registry.registrations("achievement")]
    types = [
        {
            "id": exercise_type_id(name),
            "name": name,
            "description": BUILTIN_EXERCISE_TYPES.get(name, ""),
            "provider": provider,
        }
        for name, provider in named_types
    ]
    definitions = [definition_values(definition, provider) for definition, provider in named_definitions]
    return types, definitions


def _sync(
    tx: SqlTransaction, table: Table, key: str, wanted: Sequence[dict[str, Any]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Add the missing rows and update those that differ; the keys added and updated."""
    names = list(wanted[0]) if wanted else []
    stored = {
        row[key]: dict(row)
        for row in execute(tx, select(*(table.c[name] for name in names))).mappings()
    }
    added = [row for row in wanted if row[key] not in stored]
    updated = [row for row in wanted if row[key] in stored and stored[row[key]] != row]
    changed = [name for name in names if name not in ("id", key)]
    upsert(tx, table, [*added, *updated], key=[key], update=changed)
    return tuple(row[key] for row in added), tuple(row[key] for row in updated)
