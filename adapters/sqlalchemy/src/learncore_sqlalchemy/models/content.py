"""Tables of the course content: languages, the course tree, audio, tags and lesson assets.

Every row below the course carries ``course_id``, so a whole tree loads and is
replaced with one indexed statement per table, whatever its size. Where the domain
guarantees an id is unique in a course (sections, units, lessons, exercises), the
domain id is the primary key; where it is only unique among siblings (options,
lesson assets, audio assets), the row has its own key and keeps the domain id in a
column with a unique constraint per parent.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learncore_sqlalchemy.models.base import Base, Timestamped, mysql_table_options
from learncore_sqlalchemy.models.types import JsonDocument

__all__ = [
    "AudioAssetRow",
    "AudioVariantRow",
    "CourseRow",
    "ExerciseOptionRow",
    "ExerciseRow",
    "ExerciseTagRow",
    "LanguageRow",
    "LessonAssetRow",
    "LessonPrerequisiteRow",
    "LessonRow",
    "SectionRow",
    "TagRow",
    "UnitRow",
]


def _course_fk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, ForeignKey("lc_courses.id", ondelete="CASCADE"), nullable=False)


class LanguageRow(Timestamped, Base):
    """A language; ``code`` is its BCP-47 tag."""

    __tablename__ = "lc_languages"
    __table_args__ = (UniqueConstraint("code"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    code: Mapped[str] = mapped_column(String(35))
    name: Mapped[str] = mapped_column(String(100))
    native_name: Mapped[str] = mapped_column(String(100), default="")
    flag: Mapped[str] = mapped_column(String(16), default="")
    direction: Mapped[str] = mapped_column(String(3), default="ltr")


class CourseRow(Timestamped, Base):
    """A course's own fields; its tree lives in the tables below."""

    __tablename__ = "lc_courses"
    __table_args__ = (UniqueConstraint("slug"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    # Soft references: a course may be saved before its languages are.
    from_language: Mapped[str] = mapped_column(String(35))
    to_language: Mapped[str] = mapped_column(String(35))
    version: Mapped[int] = mapped_column(Integer, default=1)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    grading: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    unlock_rule: Mapped[str] = mapped_column(String(16))
    license: Mapped[str | None] = mapped_column(String(200))
    attribution: Mapped[str | None] = mapped_column(Text)
    # A new random value on every save of the tree: storages cache loaded trees by it.
    # NULL (rows written by hand, or before revision 0002) is never cached.
    tree_revision: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    # Read-only navigation for ad-hoc ORM queries; the repositories load and write
    # the tree in bulk instead.
    sections: Mapped[list[SectionRow]] = relationship(
        order_by="SectionRow.position", viewonly=True
    )


class SectionRow(Timestamped, Base):
    """A section of a course."""

    __tablename__ = "lc_sections"
    __table_args__ = (UniqueConstraint("course_id", "position"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    course_id: Mapped[uuid.UUID] = _course_fk()
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    cefr_level: Mapped[str | None] = mapped_column(String(2))

    units: Mapped[list[UnitRow]] = relationship(
        order_by="UnitRow.position", viewonly=True
    )


class UnitRow(Timestamped, Base):
    """A unit of a section."""

    __tablename__ = "lc_units"
    __table_args__ = (
        UniqueConstraint("section_id", "position"),
        Index(None, "course_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    course_id: Mapped[uuid.UUID] = _course_fk()
    section_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_sections.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    icon: Mapped[str | None] = mapped_column(String(200))
    color: Mapped[str | None] = mapped_column(String(7))

    lessons: Mapped[list[LessonRow]] = relationship(
        order_by="LessonRow.position", viewonly=True
    )


class LessonRow(Timestamped, Base):
    """A lesson of a unit."""

    __tablename__ = "lc_lessons"
    __table_args__ = (
        UniqueConstraint("unit_id", "position"),
        Index(None, "course_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    course_id: Mapped[uuid.UUID] = _course_fk()
    unit_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("lc_units.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    xp_reward: Mapped[int] = mapped_column(Integer, default=10)
    estimated_minutes: Mapped[int] = mapped_column(Integer, default=5)
    description: Mapped[str] = mapped_column(Text, default="")

    exercises: Mapped[list[ExerciseRow]] = relationship(
        order_by="ExerciseRow.position", viewonly=True
    )
    assets: Mapped[list[LessonAssetRow]] = relationship(
        order_by="LessonAssetRow.position", viewonly=True
    )


class LessonPrerequisiteRow(Timestamped, Base):
    """"``lesson_id`` requires ``required_lesson_id``" (an edge of the prerequisite graph)."""

    __tablename__ = "lc_lesson_prerequisites"
    __table_args__ = (
        UniqueConstraint("lesson_id", "required_lesson_id"),
        Index(None, "required_lesson_id"),
        Index(None, "course_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    course_id: Mapped[uuid.UUID] = _course_fk()
    lesson_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_lessons.id", ondelete="CASCADE")
    )
    required_lesson_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_lessons.id", ondelete="CASCADE")
    )


class LessonAssetRow(Timestamped, Base):
    """A video, script or quiz attached to a lesson."""

    __tablename__ = "lc_lesson_assets"
    __table_args__ = (
        UniqueConstraint("lesson_id", "position"),
        UniqueConstraint("lesson_id", "asset_id"),
        Index(None, "course_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    course_id: Mapped[uuid.UUID] = _course_fk()
    lesson_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_lessons.id", ondelete="CASCADE")
    )
    asset_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer)
    uri: Mapped[str | None] = mapped_column(String(2048))
    content: Mapped[dict[str, Any]] = mapped_column(JsonDocument)


class AudioAssetRow(Timestamped, Base):
    """A recording used by the course's exercises (its files are the variants)."""

    __tablename__ = "lc_audio_assets"
    __table_args__ = (UniqueConstraint("course_id", "asset_id"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    course_id: Mapped[uuid.UUID] = _course_fk()
    asset_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    transcript: Mapped[str | None] = mapped_column(Text)

    variants: Mapped[list[AudioVariantRow]] = relationship(
        order_by="AudioVariantRow.position", viewonly=True
    )


class AudioVariantRow(Timestamped, Base):
    """One encoded file of an audio asset."""

    __tablename__ = "lc_audio_variants"
    __table_args__ = (
        UniqueConstraint("audio_id", "quality"),
        Index(None, "course_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    course_id: Mapped[uuid.UUID] = _course_fk()
    audio_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_audio_assets.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    quality: Mapped[str] = mapped_column(String(16))
    uri: Mapped[str] = mapped_column(String(2048))
    format: Mapped[str] = mapped_column(String(16))
    bitrate_kbps: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(BigInteger)


class ExerciseRow(Timestamped, Base):
    """An exercise. Value lists without identity (answers, pairs, hints) are JSON."""

    __tablename__ = "lc_exercises"
    __table_args__ = (
        UniqueConstraint("lesson_id", "position"),
        Index(None, "course_id"),
        Index(None, "audio_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    course_id: Mapped[uuid.UUID] = _course_fk()
    lesson_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_lessons.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(64))
    prompt: Mapped[str] = mapped_column(Text)
    # NULL stands for an empty list or object: most exercises use few of these, and
    # not decoding them keeps large courses fast to load.
    accepted_answers: Mapped[list[str] | None] = mapped_column(JsonDocument)
    multiple_answers: Mapped[bool] = mapped_column(Boolean, default=False)
    pairs: Mapped[list[list[str]] | None] = mapped_column(JsonDocument)
    hints: Mapped[list[dict[str, Any]] | None] = mapped_column(JsonDocument)
    difficulty: Mapped[int] = mapped_column(Integer, default=1)
    audio_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("lc_audio_assets.id", ondelete="SET NULL")
    )
    grading: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)

    options: Mapped[list[ExerciseOptionRow]] = relationship(
        order_by="ExerciseOptionRow.position", viewonly=True
    )
    audio: Mapped[AudioAssetRow | None] = relationship(viewonly=True)


class ExerciseOptionRow(Timestamped, Base):
    """A choice or word-bank tile of an exercise, in display order."""

    __tablename__ = "lc_exercise_options"
    __table_args__ = (
        UniqueConstraint("exercise_id", "position"),
        UniqueConstraint("exercise_id", "option_id"),
        Index(None, "course_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    course_id: Mapped[uuid.UUID] = _course_fk()
    exercise_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_exercises.id", ondelete="CASCADE")
    )
    option_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))
    is_correct: Mapped[bool] = mapped_column(Boolean, default=False)
    image_uri: Mapped[str | None] = mapped_column(String(2048))


class TagRow(Timestamped, Base):
    """A tag shared by all content; its id derives from (category, name), so each is stored once."""

    __tablename__ = "lc_tags"
    __table_args__ = (Index(None, "category", "name"), mysql_table_options())

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(64))


class ExerciseTagRow(Timestamped, Base):
    """An exercise carries a tag."""

    __tablename__ = "lc_exercise_tags"
    __table_args__ = (
        UniqueConstraint("exercise_id", "tag_id"),
        Index(None, "tag_id"),
        Index(None, "course_id"),
        mysql_table_options(),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    course_id: Mapped[uuid.UUID] = _course_fk()
    exercise_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lc_exercises.id", ondelete="CASCADE")
    )
    tag_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("lc_tags.id"))
