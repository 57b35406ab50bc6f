"""Course versions, source keys, and moving lesson progress to and from the archive.

Archiving and restoring run a constant number of set-based statements
(``INSERT ... SELECT`` then ``DELETE``), whatever the number of learners: the rows
never travel through Python. A moved row keeps its id, so each record is one row
that changes tables.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Table, and_, delete, exists, insert, literal, select
from sqlalchemy.exc import IntegrityError

from learncore.domain.content_versions import ArchivedLessonProgress, CourseVersion
from learncore.errors import AlreadyExists
from learncore_sqlalchemy.error_translation import Failure, classify
from learncore_sqlalchemy.mapping.content_versions import (
    archived_from_row,
    version_from_row,
    version_values,
)
from learncore_sqlalchemy.models import (
    ArchivedLessonProgressRow,
    CourseSourceKeyRow,
    CourseVersionRow,
    LessonProgressRow,
)
from learncore_sqlalchemy.models.types import utcnow
from learncore_sqlalchemy.repositories.statements import execute
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlContentVersionRepository"]

_versions: Table = CourseVersionRow.__table__  # type: ignore[assignment]
_keys: Table = CourseSourceKeyRow.__table__  # type: ignore[assignment]
_progress: Table = LessonProgressRow.__table__  # type: ignore[assignment]
_archive: Table = ArchivedLessonProgressRow.__table__  # type: ignore[assignment]

# The columns a record has in both tables (the row id included).
_MOVED = [
    column.name
    for column in _progress.columns
    if column.name not in ("created_at", "updated_at")
]


class SqlContentVersionRepository:
    """:class:`~learncore.ports.storage.ContentVersionRepository` in a unit of work's transaction."""

    def __init__(self, tx: SqlTransaction) -> None:
        self._tx = tx

    # --- versions and source keys ------------------------------------------------------

    def record_version(self, version: CourseVersion) -> None:
        """Append a version record; :class:`AlreadyExists` if that number is taken."""
        try:
            with self._tx.savepoint():  # rare, and a conflict leaves the unit of work usable
                execute(self._tx, insert(_versions), [version_values(version)])
        except IntegrityError as exc:
            if classify(exc) is Failure.UNIQUE:
                raise AlreadyExists("course version", f"{version.course_id} v{version.version}") from None
            raise

    def list_versions(self, course_id: UUID) -> Sequence[CourseVersion]:
        """The course's version records, oldest first."""
        rows = execute(
            self._tx,
            select(_versions).where(_versions.c.course_id == course_id).order_by(_versions.c.version)
        )
        return [version_from_row(row) for row in rows]

    def save_source_keys(self, course_id: UUID, keys: Mapping[UUID, str]) -> None:
        """Replace the course's source keys as a whole."""
        tx = self._tx
        execute(tx, delete(_keys).where(_keys.c.course_id == course_id))
        if keys:
            execute(
                tx,
                insert(_keys),
                [
                    {"course_id": course_id, "entity_id": entity, "source_key": key}
                    for entity, key in keys.items()
                ],
            )

    def get_source_keys(self, course_id: UUID) -> Mapping[UUID, str]:
        """The keys last saved for the course (empty when none)."""
        rows = execute(
            self._tx,
            select(_keys.c.entity_id, _keys.c.source_key).where(_keys.c.course_id == course_id)
        )
        return {row.entity_id: row.source_key for row in rows}

    # --- archived progress ---------------------------------------------------------------

    def archive_lesson_progress(
        self,
        course_id: UUID,
        lesson_ids: Collection[UUID],
        *,
        course_version: int,
        archived_at: datetime,
    ) -> int:
        """Move every learner's progress on ``lesson_ids`` of the course to the archive; the count moved."""
        lessons = list(lesson_ids)
        if not lessons:
            return 0
        tx = self._tx
        live = and_(_progress.c.course_id == course_id, _progress.c.lesson_id.in_(lessons))
        # A record archived before for the same (learner, lesson) is replaced.
        execute(
            tx,
            delete(_archive).where(
                _archive.c.course_id == course_id,
                _archive.c.lesson_id.in_(lessons),
                exists().where(
                    live,
                    _progress.c.learner_id == _archive.c.learner_id,
                    _progress.c.lesson_id == _archive.c.lesson_id,
                ),
            )
        )
        now = utcnow()
        moved = execute(
            tx,
            insert(_archive).execution_options(preserve_rowcount=True).from_select(
                [*_MOVED, "course_version", "archived_at", "created_at", "updated_at"],
                select(
                    *(_progress.c[name] for name in _MOVED),
                    *_constants(
                        ("course_version", course_version), ("archived_at", archived_at),
                        ("created_at", now), ("updated_at", now),
                    ),
                ).where(live),
            )
        ).rowcount  # type: ignore[attr-defined]
        execute(tx, delete(_progress).where(live))
        return int(moved)

    def restore_lesson_progress(self, course_id: UUID, lesson_ids: Collection[UUID]) -> int:
        """Move archived progress on ``lesson_ids`` back, never over live progress; the count moved."""
        lessons = list(lesson_ids)
        if not lessons:
            return 0
        tx = self._tx
        archived = and_(_archive.c.course_id == course_id, _archive.c.lesson_id.in_(lessons))
        # Aliased, so MariaDB accepts the table it inserts into inside the subquery.
        live = _progress.alias("live")
        now = utcnow()
        moved = execute(
            tx,
            insert(_progress).execution_options(preserve_rowcount=True).from_select(
                [*_MOVED, "created_at", "updated_at"],
                select(
                    *(_archive.c[name] for name in _MOVED),
                    *_constants(("created_at", now), ("updated_at", now)),
                ).where(
                    archived,
                    ~exists().where(
                        live.c.learner_id == _archive.c.learner_id,
                        live.c.lesson_id == _archive.c.lesson_id,
                    ),
                ),
            )
        ).rowcount  # type: ignore[attr-defined]
        if moved:
            execute(
                tx,
                delete(_archive).where(archived, exists().where(_progress.c.id == _archive.c.id))
            )
        return int(moved)

    def list_archived_progress(
        self, *, learner_id: UUID | None = None, course_id: UUID | None = None
    ) -> Sequence[ArchivedLessonProgress]:
        """Archived records, filtered by learner and/or course, oldest archive first."""
        c = _archive.c
        query = select(_archive)
        if learner_id is not None:
            query = query.where(c.learner_id == learner_id)
        if course_id is not None:
            query = query.where(c.course_id == course_id)
        rows = execute(self._tx, query.order_by(c.archived_at, c.learner_id, c.lesson_id))
        return [archived_from_row(row) for row in rows]


def _constants(*pairs: tuple[str, Any]) -> list[ColumnElement[Any]]:
    """Bound values typed like the archive's columns, for the SELECT of an ``INSERT ... SELECT``."""
    return [literal(value, _archive.c[name].type).label(name) for name, value in pairs]
