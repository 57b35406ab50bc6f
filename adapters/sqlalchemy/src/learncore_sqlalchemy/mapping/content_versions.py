"""Conversion between course versions / archived progress and their rows."""

from __future__ import annotations

from typing import Any

from learncore.domain.content_versions import ArchivedLessonProgress, CourseVersion
from learncore_sqlalchemy.mapping.progress import progress_from_row

__all__ = ["archived_from_row", "version_from_row", "version_values"]


def version_values(version: CourseVersion) -> dict[str, Any]:
    """Row values of a version record (``created_at`` is stored as ``versioned_at``)."""
    return {
        "course_id": version.course_id,
        "version": version.version,
        "versioned_at": version.created_at,
        "actor": version.actor,
        "source": version.source,
        "changes": version.changes,
    }


def version_from_row(row: Any) -> CourseVersion:
    """The version record a row holds."""
    return CourseVersion(
        course_id=row.course_id,
        version=row.version,
        created_at=row.versioned_at,
        actor=row.actor,
        source=row.source,
        changes=dict(row.changes),
    )


def archived_from_row(row: Any) -> ArchivedLessonProgress:
    """The archived record a row of ``lc_archived_lesson_progress`` holds."""
    return ArchivedLessonProgress(
        progress_from_row(row), course_version=row.course_version, archived_at=row.archived_at
    )
