"""Languages and course trees.

A course tree is written and read in bulk, one statement per table, whatever its
size: saving deletes the previous tree by ``course_id`` and inserts the new rows
with ``executemany``; loading runs at most six queries (course + prerequisites,
the outline, exercises + audio, options, audio variants when there is audio, tags).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import (
    ColumnElement,
    Table,
    bindparam,
    delete,
    insert,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import NullType

from learncore.domain.courses import Course, CourseSummary
from learncore.domain.languages import Language, normalise_language_code
from learncore.errors import AlreadyExists, ConcurrentUpdate
from learncore_sqlalchemy.course_cache import CourseCache
from learncore_sqlalchemy.mapping.content import (
    CourseTreeRows,
    TreeReader,
    course_values,
    language_from_row,
    language_values,
    tree_rows,
)
from learncore_sqlalchemy.mapping.trusted import gc_paused
from learncore_sqlalchemy.models import (
    AudioAssetRow,
    AudioVariantRow,
    CourseRow,
    ExerciseOptionRow,
    ExerciseRow,
    ExerciseTagRow,
    LanguageRow,
    LessonAssetRow,
    LessonPrerequisiteRow,
    LessonRow,
    SectionRow,
    TagRow,
    UnitRow,
)
from learncore_sqlalchemy.repositories.statements import (
    binary_order,
    execute,
    insert_missing,
    upsert,
)
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlContentRepository", "tree_revision_of"]

_languages: Table = LanguageRow.__table__  # type: ignore[assignment]
_courses: Table = CourseRow.__table__  # type: ignore[assignment]
_sections: Table = SectionRow.__table__  # type: ignore[assignment]
_units: Table = UnitRow.__table__  # type: ignore[assignment]
_lessons: Table = LessonRow.__table__  # type: ignore[assignment]
_prerequisites: Table = LessonPrerequisiteRow.__table__  # type: ignore[assignment]
_lesson_assets: Table = LessonAssetRow.__table__  # type: ignore[assignment]
_audio: Table = AudioAssetRow.__table__  # type: ignore[assignment]
_variants: Table = AudioVariantRow.__table__  # type: ignore[assignment]
_exercises: Table = ExerciseRow.__table__  # type: ignore[assignment]
_options: Table = ExerciseOptionRow.__table__  # type: ignore[assignment]
_tags: Table = TagRow.__table__  # type: ignore[assignment]
_exercise_tags: Table = ExerciseTagRow.__table__  # type: ignore[assignment]

# The tables of a tree, children before parents (the order to delete in).
_TREE_TABLES = (
    _exercise_tags,
    _options,
    _exercises,
    _variants,
    _audio,
    _prerequisites,
    _lesson_assets,
    _lessons,
    _units,
    _sections,
)

def _raw(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """A column as the driver returns it, without SQLAlchemy's per-value conversion.

    The tree queries return tens of thousands of values; :class:`TreeReader` converts
    the few kinds it needs itself (ids, JSON text, 0/1 booleans) in the same pass
    that builds the domain objects. See :mod:`learncore_sqlalchemy.mapping.ids`.
    """
    return type_coerce(column, NullType())


def _columns(table: Table, names: Sequence[str]) -> list[ColumnElement[Any]]:
    return [_raw(table.c[name]) for name in names]


_COURSE_COLUMNS = _columns(_courses, TreeReader.COURSE)
_OUTLINE_COLUMNS = [
    *_columns(_sections, ["id", "position", "title", "description", "cefr_level"]),
    *_columns(_units, ["id", "position", "title", "description", "icon", "color"]),
    *_columns(_lessons, ["id", "position", "title", "xp_reward", "estimated_minutes", "description"]),
    *_columns(_lesson_assets, ["asset_id", "kind", "title", "position", "uri", "content"]),
]
_EXERCISE_COLUMNS = [
    *_columns(_exercises, TreeReader.EXERCISE[:13]),
    *_columns(_audio, ["asset_id", "transcript"]),
]
_AUDIO_KEY = TreeReader.EXERCISE.index("audio_id")
_OPTION_COLUMNS = _columns(_options, ["exercise_id", "option_id", "text", "is_correct", "image_uri"])
_VARIANT_COLUMNS = _columns(
    _variants, ["audio_id", "quality", "uri", "format", "bitrate_kbps", "duration_ms"]
)

# The tree queries, built once (see ``statements``). The first one also reads the
# tree's revision, so a cached tree costs one statement.
_COURSE_ID: Any = bindparam("course_id")


def _head(which: ColumnElement[bool]) -> Any:
    return (
        select(*_COURSE_COLUMNS, _raw(_prerequisites.c.lesson_id),
               _raw(_prerequisites.c.required_lesson_id), _raw(_courses.c.tree_revision))
        .select_from(_courses.outerjoin(_prerequisites, _prerequisites.c.course_id == _courses.c.id))
        .where(which)
    )


_HEAD_BY_ID = _head(_courses.c.id == _COURSE_ID)
_HEAD_BY_SLUG = _head(_courses.c.slug == bindparam("slug"))
_OUTLINE = (
    select(*_OUTLINE_COLUMNS)
    .select_from(
        _sections.outerjoin(_units, _units.c.section_id == _sections.c.id)
        .outerjoin(_lessons, _lessons.c.unit_id == _units.c.id)
        .outerjoin(_lesson_assets, _lesson_assets.c.lesson_id == _lessons.c.id)
    )
    .where(_sections.c.course_id == _COURSE_ID)
    .order_by(_sections.c.position, _units.c.position, _lessons.c.position, _lesson_assets.c.position)
)
_EXERCISES = (
    select(*_EXERCISE_COLUMNS)
    .select_from(_exercises.outerjoin(_audio, _audio.c.id == _exercises.c.audio_id))
    .where(_exercises.c.course_id == _COURSE_ID)
    .order_by(_exercises.c.position)
)
_OPTIONS = select(*_OPTION_COLUMNS).where(_options.c.course_id == _COURSE_ID).order_by(_options.c.position)
_VARIANTS = (
    select(*_VARIANT_COLUMNS).where(_variants.c.course_id == _COURSE_ID).order_by(_variants.c.position)
)
_TAGS = (
    select(_raw(_exercise_tags.c.exercise_id), _raw(_tags.c.name), _raw(_tags.c.category))
    .select_from(_exercise_tags.join(_tags, _tags.c.id == _exercise_tags.c.tag_id))
    .where(_exercise_tags.c.course_id == _COURSE_ID)
)
# The course's tree revision comes along, so the get_course that follows is a cache check.
_COURSE_OF_LESSON = (
    select(_lessons.c.course_id, _raw(_courses.c.tree_revision))
    .join(_courses, _courses.c.id == _lessons.c.course_id)
    .where(_lessons.c.id == bindparam("lesson_id"))
)


def tree_revision_of(course_id: ColumnElement[Any]) -> Any:
    """The tree revision of the course ``course_id`` names: a scalar subquery for the
    queries of other tables, so the unit of work learns it in the same statement."""
    return select(_raw(_courses.c.tree_revision)).where(_courses.c.id == course_id).scalar_subquery()


class SqlContentRepository:
    """:class:`~learncore.ports.storage.ContentRepository` in a unit of work's transaction."""

    def __init__(
        self,
        tx: SqlTransaction,
        reader: TreeReader,
        cache: CourseCache | None = None,
    ) -> None:
        self._tx = tx
        self._reader = reader
        self._cache = cache or CourseCache(0)
        # Revisions read along with other rows in this transaction (see ``course_cache``).
        self._revisions = tx.read_along.course_revisions
        self._dialect = tx.dialect

    # --- languages ---------------------------------------------------------------

    def save_language(self, language: Language) -> None:
        """Insert or replace a language by code."""
        values = language_values(language)
        changed = [name for name in values if name != "id"]
        upsert(self._tx, _languages, [values], key=["code"], update=changed)

    def get_language(self, code: str) -> Language | None:
        """The language with BCP-47 ``code``."""
        row = execute(
            self._tx,
            select(_languages).where(_languages.c.code == normalise_language_code(code))
        ).first()
        return None if row is None else language_from_row(row)

    def list_languages(self) -> Sequence[Language]:
        """Every language, ordered by code."""
        rows = execute(
            self._tx,
            select(_languages).order_by(binary_order(_languages.c.code, self._dialect))
        )
        return [language_from_row(row) for row in rows]

    # --- courses -----------------------------------------------------------------

    def save_course(self, course: Course) -> None:
        """Insert a course or replace its whole tree; a taken slug or id is :class:`AlreadyExists`."""
        rows = tree_rows(course)  # bad content fails here, before anything is written
        self._revisions.pop(course.id, None)
        try:
            with self._tx.savepoint():  # a conflict leaves the unit of work usable
                self._write_course(course, rows)
        except IntegrityError:
            raise self._conflict(course) from None

    def _write_course(self, course: Course, rows: CourseTreeRows) -> None:
        tx = self._tx
        # Lock the course row (on servers), so two replacements of one tree queue up.
        found = execute(
            tx,
            select(_courses.c.id, _courses.c.slug)
            .where(or_(_courses.c.id == course.id, _courses.c.slug == course.slug))
            .with_for_update()
        ).all()
        if any(row.id != course.id for row in found):
            raise AlreadyExists("course", course.slug)
        values = course_values(course) | {"tree_revision": uuid4()}
        if found:
            execute(tx, update(_courses).where(_courses.c.id == course.id).values(values))
            for table in _TREE_TABLES:
                execute(tx, delete(table).where(table.c.course_id == course.id))
        else:
            execute(tx, insert(_courses), [values])
        insert_missing(tx, _tags, list(rows.tags.values()))
        for table, table_rows in (
            (_sections, rows.sections),
            (_units, rows.units),
            (_lessons, rows.lessons),
            (_prerequisites, rows.prerequisites),
            (_lesson_assets, rows.lesson_assets),
            (_audio, rows.audio_assets),
            (_variants, rows.audio_variants),
            (_exercises, rows.exercises),
            (_options, rows.options),
            (_exercise_tags, rows.exercise_tags),
        ):
            if table_rows:
                execute(tx, insert(table), table_rows)

    def _conflict(self, course: Course) -> Exception:
        """Name what clashed, after the savepoint rolled the failed write back."""
        tx = self._tx
        owner = execute(
            tx,
            select(_courses.c.id).where(_courses.c.slug == course.slug)
        ).scalar_one_or_none()
        if owner is not None and owner != course.id:
            return AlreadyExists("course", course.slug)
        checks: list[tuple[str, Table, list[UUID]]] = [
            ("section", _sections, [section.id for section in course.sections]),
            ("unit", _units, [unit.id for unit in course.units()]),
            ("lesson", _lessons, [lesson.id for lesson in course.lessons]),
            ("exercise", _exercises, [exercise.id for exercise in course.exercises()]),
        ]
        for kind, table, ids in checks:
            if not ids:
                continue
            taken = execute(
                tx,
                select(table.c.id)
                .where(table.c.id.in_(ids), table.c.course_id != course.id)
                .limit(1)
            ).scalar_one_or_none()
            if taken is not None:
                return AlreadyExists(kind, taken)
        return ConcurrentUpdate(
            f"course {course.slug!r} was changed by another transaction at the same time; retry"
        )

    def get_course(self, course_id: UUID) -> Course | None:
        """The whole tree of one course."""
        revision = self._revisions.get(course_id)
        if revision is not None:  # read by this unit of work a moment ago
            cached = self._cache.get(course_id, revision)
            if cached is not None:
                return cached
        return self._load(_HEAD_BY_ID, {"course_id": course_id})

    def get_course_by_slug(self, slug: str) -> Course | None:
        """The whole tree of the course with ``slug``."""
        return self._load(_HEAD_BY_SLUG, {"slug": slug})

    def _load(self, head_query: Any, params: dict[str, Any]) -> Course | None:
        tx = self._tx
        reader = self._reader
        head = execute(tx, head_query, params).all()
        if not head:
            return None
        width = len(_COURSE_COLUMNS)
        course_id = reader.uuid(head[0][0])
        revision = head[0][width + 2]
        cached = self._cache.get(course_id, revision)
        if cached is not None:
            return cached
        prerequisites = [(row[width], row[width + 1]) for row in head if row[width] is not None]
        with gc_paused():
            course = self._load_tree(course_id, head[0][:width], prerequisites)
        self._cache.put(course_id, revision, course)
        return course

    def _load_tree(self, course_id: UUID, head: Any, prerequisites: list[Any]) -> Course:
        tx = self._tx
        reader = self._reader
        by_course = {"course_id": course_id}
        outline = execute(tx, _OUTLINE, by_course).all()
        exercise_rows = execute(tx, _EXERCISES, by_course).all()
        options = reader.options_by_exercise(execute(tx, _OPTIONS, by_course).all())
        variants: dict[Any, Any] = {}
        if any(row[_AUDIO_KEY] is not None for row in exercise_rows):  # some exercise has audio
            variants = reader.audio_by_row(execute(tx, _VARIANTS, by_course).all())
        tags = reader.tags_by_exercise(execute(tx, _TAGS, by_course).all())
        exercises = reader.exercises_by_lesson(exercise_rows, options, tags, variants)
        return reader.course(head, prerequisites, outline, exercises)

    def course_id_of_lesson(self, lesson_id: UUID) -> UUID | None:
        """The id of the course holding ``lesson_id``."""
        row = execute(self._tx, _COURSE_OF_LESSON, {"lesson_id": lesson_id}).first()
        if row is None:
            return None
        course_id: UUID = row[0]
        self._revisions[course_id] = row[1]
        return course_id

    def list_courses(self) -> Sequence[CourseSummary]:
        """Every course, ordered by slug, without trees."""
        c = _courses.c
        rows = execute(
            self._tx,
            select(c.id, c.slug, c.title, c.from_language, c.to_language, c.version, c.published)
            .order_by(binary_order(c.slug, self._dialect))
        )
        return [
            CourseSummary(
                id=row.id, slug=row.slug, title=row.title, from_language=row.from_language,
                to_language=row.to_language, version=row.version, published=row.published,
            )
            for row in rows
        ]

    def delete_course(self, course_id: UUID) -> bool:
        """Remove a course; its tree goes with it (ON DELETE CASCADE). True if it existed."""
        self._revisions.pop(course_id, None)
        result = execute(self._tx, delete(_courses).where(_courses.c.id == course_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]
