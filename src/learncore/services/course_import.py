"""The import use case: store a course built from a file as a new version, keeping learner progress.

It runs inside the caller's unit of work, so the whole import (languages, course
tree, archived progress, version record, source keys, audit) commits or rolls back
as one. A file that changes nothing writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

import attrs

from learncore.domain.content_versions import CourseVersion
from learncore.domain.course_diff import CourseDiff, diff_courses
from learncore.domain.courses import Course
from learncore.domain.ids import new_id
from learncore.domain.languages import Language
from learncore.domain.logs import AuditEntry
from learncore.errors import AlreadyExists, StorageFeatureMissing
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork
from learncore.services import content as content_service

__all__ = ["ImportOutcome", "import_course"]


@attrs.frozen
class ImportOutcome:
    """What an import did. ``diff`` is None when nothing changed."""

    course: Course
    created: bool
    diff: CourseDiff | None
    archived_progress: int = 0
    restored_progress: int = 0
    languages_saved: tuple[str, ...] = ()

    @property
    def unchanged(self) -> bool:
        """True when the stored course already matched (no new version)."""
        return self.diff is None


def import_course(
    uow: UnitOfWork,
    course: Course,
    *,
    languages: Sequence[Language] = (),
    keys: Mapping[UUID, str] | None = None,
    source: str = "",
    actor: str,
    clock: Clock,
) -> ImportOutcome:
    """Store ``course`` (its ``version`` is ignored) as the next version of the course with its id.

    - The tree replaces the stored one in place; ids are the file's, so learner
      progress on lessons that remain stays where it is.
    - Progress on removed lessons is archived with the last version that had them;
      progress archived earlier comes back when its lesson returns.
    - A new :class:`~learncore.domain.content_versions.CourseVersion` records what
      changed; the audit log gets a ``course.import`` entry.
    - When the tree and the languages already match, nothing is written.

    Raises :class:`~learncore.errors.AlreadyExists` if another course uses the slug, and
    :class:`~learncore.errors.StorageFeatureMissing` if the backend keeps no versions.
    """
    versions = getattr(uow, "content_versions", None)
    if versions is None:
        raise StorageFeatureMissing("ContentVersionRepository (content versions)", type(uow).__name__)
    stored = uow.content.get_course(course.id)
    owner = uow.content.get_course_by_slug(course.slug)
    if owner is not None and owner.id != course.id:
        raise AlreadyExists("course", course.slug)
    changed_languages = [lang for lang in languages if uow.content.get_language(lang.code) != lang]
    keys = dict(keys or {})
    if stored is not None and attrs.evolve(course, version=stored.version) == stored:
        if dict(versions.get_source_keys(course.id)) != keys:
            versions.save_source_keys(course.id, keys)
        for language in changed_languages:
            content_service.save_language(uow, language, actor=actor, clock=clock)
        return ImportOutcome(
            course=stored,
            created=False,
            diff=None,
            languages_saved=tuple(lang.code for lang in changed_languages),
        )

    history = versions.list_versions(course.id)
    latest = max(stored.version if stored else 0, history[-1].version if history else 0)
    new = attrs.evolve(course, version=latest + 1)
    diff = diff_courses(stored, new)
    now = clock.now()
    for language in changed_languages:
        content_service.save_language(uow, language, actor=actor, clock=clock)
    content_service.save_course(uow, new, actor=actor, clock=clock)
    archived = restored = 0
    if stored is not None and diff.lessons.removed:
        archived = versions.archive_lesson_progress(
            course.id, diff.lessons.removed, course_version=stored.version, archived_at=now
        )
    if diff.lessons.added:
        restored = versions.restore_lesson_progress(course.id, diff.lessons.added)
    changes: dict[str, object] = {
        **diff.counts(),
        "archived_progress": archived,
        "restored_progress": restored,
    }
    versions.record_version(
        CourseVersion(
            course_id=course.id,
            version=new.version,
            created_at=now,
            actor=actor,
            source=source[-2048:],
            changes=changes,
        )
    )
    versions.save_source_keys(course.id, keys)
    uow.logs.append_audit(
        AuditEntry(
            id=new_id(),
            actor=actor,
            action="course.import",
            resource=f"course:{course.id}",
            occurred_at=now,
            before=None if stored is None else {"version": stored.version},
            after={"version": new.version, "source": source[-500:], **changes},
        )
    )
    return ImportOutcome(
        course=new,
        created=stored is None,
        diff=diff,
        archived_progress=archived,
        restored_progress=restored,
        languages_saved=tuple(lang.code for lang in changed_languages),
    )
