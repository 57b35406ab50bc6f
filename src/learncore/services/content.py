"""Content administration use cases: languages and courses."""

from __future__ import annotations

from uuid import UUID

from learncore.domain.courses import Course
from learncore.domain.events import CourseDeleted, CourseSaved
from learncore.domain.ids import new_id
from learncore.domain.languages import Language
from learncore.domain.logs import AuditEntry
from learncore.errors import UnknownCourse
from learncore.ports.clock import Clock
from learncore.ports.storage import UnitOfWork

__all__ = ["delete_course", "load_course", "save_course", "save_language"]


def _audit_view(course: Course | None) -> dict[str, object] | None:
    if course is None:
        return None
    return {
        "slug": course.slug,
        "title": course.title,
        "version": course.version,
        "published": course.published,
        "lessons": len(course.lessons),
    }


def save_language(uow: UnitOfWork, language: Language, *, actor: str, clock: Clock) -> None:
    """Insert or replace a language, with an audit entry."""
    before = uow.content.get_language(language.code)
    uow.content.save_language(language)
    uow.logs.append_audit(
        AuditEntry(
            id=new_id(),
            actor=actor,
            action="language.save",
            resource=f"language:{language.code}",
            occurred_at=clock.now(),
            before=None if before is None else {"name": before.name},
            after={"name": language.name},
        )
    )


def save_course(uow: UnitOfWork, course: Course, *, actor: str, clock: Clock) -> None:
    """Insert or replace a whole course tree, with an audit entry and a ``course_saved`` event."""
    before = uow.content.get_course(course.id)
    uow.content.save_course(course)
    now = clock.now()
    uow.logs.append_audit(
        AuditEntry(
            id=new_id(),
            actor=actor,
            action="course.create" if before is None else "course.update",
            resource=f"course:{course.id}",
            occurred_at=now,
            before=_audit_view(before),
            after=_audit_view(course),
        )
    )
    uow.emit(CourseSaved(occurred_at=now, course_id=course.id, slug=course.slug, version=course.version))


def load_course(uow: UnitOfWork, course_ref: UUID | str) -> Course:
    """The course with an id or a slug; :class:`~learncore.errors.UnknownCourse` if none."""
    if isinstance(course_ref, UUID):
        course = uow.content.get_course(course_ref)
    else:
        try:
            course = uow.content.get_course(UUID(course_ref))
        except ValueError:
            course = uow.content.get_course_by_slug(course_ref)
    if course is None:
        raise UnknownCourse(course_ref)
    return course


def delete_course(uow: UnitOfWork, course_id: UUID, *, actor: str, clock: Clock) -> None:
    """Remove a course, with an audit entry and a ``course_deleted`` event."""
    course = load_course(uow, course_id)
    uow.content.delete_course(course.id)
    now = clock.now()
    uow.logs.append_audit(
        AuditEntry(
            id=new_id(),
            actor=actor,
            action="course.delete",
            resource=f"course:{course.id}",
            occurred_at=now,
            before=_audit_view(course),
            after=None,
        )
    )
    uow.emit(CourseDeleted(occurred_at=now, course_id=course.id, slug=course.slug))
