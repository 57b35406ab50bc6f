"""SQL storage benchmarks (learncore-sqlalchemy): loading a 7,500-exercise course tree from SQLite.

``sql.course_tree_load`` times ``get_course`` on a course of 5 sections × 10 units ×
10 lessons × 15 exercises (17,500 options, 500 lesson assets, 500 audio assets)
stored in a SQLite file, and counts the SQL statements it runs. The baseline is the
idiomatic ORM way to get the same domain object in the same run: ``selectinload``
down the relationships, then the domain constructors with their validation. For
context, ``fetch_only_floor_ms`` runs the same SQL through ``sqlite3`` and only
fetches the rows: what any loader pays before building a single object.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from learncore_sqlalchemy.models import (
    AudioAssetRow,
    CourseRow,
    ExerciseRow,
    ExerciseTagRow,
    LessonPrerequisiteRow,
    LessonRow,
    SectionRow,
    TagRow,
    UnitRow,
)
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload
from timing import median_seconds, metric

from learncore.domain.audio import AudioAsset, AudioVariant
from learncore.domain.courses import Course, Lesson, LessonAsset, Section, Unit
from learncore.domain.exercises import Exercise, ExerciseOption, Hint, MatchPair
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.tags import Tag
from learncore.testing import large_course


def _median_cpu_seconds(fn: Any, *, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def _orm_load(session: Session, course_id: Any) -> Course:
    """The straightforward ORM version: relationship loading plus validated domain constructors."""
    course = session.execute(
        select(CourseRow)
        .where(CourseRow.id == course_id)
        .options(
            selectinload(CourseRow.sections)
            .selectinload(SectionRow.units)
            .selectinload(UnitRow.lessons)
            .selectinload(LessonRow.exercises)
            .selectinload(ExerciseRow.options),
            selectinload(CourseRow.sections, SectionRow.units, UnitRow.lessons, LessonRow.assets),
            selectinload(
                CourseRow.sections, SectionRow.units, UnitRow.lessons, LessonRow.exercises,
                ExerciseRow.audio, AudioAssetRow.variants,
            ),
        )
    ).scalar_one()
    tags: dict[Any, set[Tag]] = {}
    for exercise_id, name, category in session.execute(
        select(ExerciseTagRow.exercise_id, TagRow.name, TagRow.category)
        .join(TagRow, TagRow.id == ExerciseTagRow.tag_id)
        .where(ExerciseTagRow.course_id == course_id)
    ):
        tags.setdefault(exercise_id, set()).add(Tag(name, category))
    prerequisites = session.execute(
        select(LessonPrerequisiteRow.lesson_id, LessonPrerequisiteRow.required_lesson_id)
        .where(LessonPrerequisiteRow.course_id == course_id)
    ).all()

    def exercise(row: ExerciseRow) -> Exercise:
        audio = None
        if row.audio is not None:
            audio = AudioAsset(
                id=row.audio.asset_id, transcript=row.audio.transcript,
                variants=[AudioVariant(v.quality, v.uri, v.format, v.bitrate_kbps, v.duration_ms)
                          for v in row.audio.variants],
            )
        return Exercise(
            id=row.id, type=row.type, prompt=row.prompt, position=row.position,
            accepted_answers=row.accepted_answers or (),
            options=[ExerciseOption(o.option_id, o.text, o.is_correct, o.image_uri) for o in row.options],
            multiple_answers=row.multiple_answers,
            pairs=[MatchPair(a, b) for a, b in row.pairs or ()],
            hints=[Hint(h["text"], h["word"]) for h in row.hints or ()],
            difficulty=row.difficulty, audio=audio, tags=tags.get(row.id, ()),
            grading=None if row.grading is None else GradingPolicy(**row.grading),
            extra=row.extra or {},
        )

    return Course(
        id=course.id, slug=course.slug, title=course.title, from_language=course.from_language,
        to_language=course.to_language, version=course.version, published=course.published,
        description=course.description, grading=GradingPolicy(**course.grading),
        unlock_rule=course.unlock_rule, license=course.license, attribution=course.attribution,
        prerequisites=[(a, b) for a, b in prerequisites],
        sections=[
            Section(
                id=s.id, title=s.title, position=s.position, description=s.description,
                cefr_level=s.cefr_level,
                units=[
                    Unit(
                        id=u.id, title=u.title, position=u.position, description=u.description,
                        icon=u.icon, color=u.color,
                        lessons=[
                            Lesson(
                                id=lesson.id, title=lesson.title, position=lesson.position,
                                xp_reward=lesson.xp_reward, estimated_minutes=lesson.estimated_minutes,
                                description=lesson.description,
                                exercises=[exercise(e) for e in lesson.exercises],
                                assets=[LessonAsset(id=a.asset_id, kind=a.kind, title=a.title,
                                                    position=a.position, uri=a.uri, content=a.content)
                                        for a in lesson.assets],
                            )
                            for lesson in u.lessons
                        ],
                    )
                    for u in s.units
                ],
            )
            for s in course.sections
        ],
    )


def bench_course_tree_load(quick: bool) -> dict[str, object]:
    course = large_course("bench")  # 5 × 10 × 10 × 15 = 7,500 exercises
    with tempfile.TemporaryDirectory() as folder:
        storage = SqlStorage.open(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            with storage.unit_of_work() as uow:
                uow.content.save_course(course)
                uow.commit()

            statements: list[tuple[str, Any]] = []

            def count(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
                if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK")):
                    statements.append((statement, parameters))

            def load() -> Course | None:
                with storage.unit_of_work() as uow:
                    return uow.content.get_course(course.id)

            event.listen(storage.engine, "before_cursor_execute", count)
            loaded = load()
            event.remove(storage.engine, "before_cursor_execute", count)
            if loaded != course:
                raise AssertionError("the loaded course differs from the saved one")
            ours = median_seconds(load, repeat=5 if quick else 15)
            # CPU time of this process, for context on a shared machine: other
            # processes inflate the wall-clock figure, much less this one.
            cpu = _median_cpu_seconds(load, repeat=5 if quick else 15)

            def orm_load() -> Course:
                with Session(storage.engine) as session:
                    return _orm_load(session, course.id)

            if orm_load() != course:
                raise AssertionError("the ORM baseline built a different course")
            baseline = median_seconds(orm_load, repeat=2 if quick else 5)
        finally:
            storage.close()
        # The floor: the same statements through sqlite3, fetching rows and building nothing.
        raw = sqlite3.connect(Path(folder) / "bench.db")
        try:
            floor = median_seconds(
                lambda: [raw.execute(sql, params).fetchall() for sql, params in statements],
                repeat=5 if quick else 15,
            )
        finally:
            raw.close()
    return metric(
        "sql.course_tree_load", ours * 1000, "ms", "<150",
        baseline="ORM selectinload + validated constructors",
        ratio=round(baseline / ours, 2),
        statements=len(statements),
        exercises=sum(1 for _ in course.exercises()),
        options=sum(len(e.options) for e in course.exercises()),
        baseline_ms=round(baseline * 1000, 1),
        fetch_only_floor_ms=round(floor * 1000, 1),
        cpu_ms=round(cpu * 1000, 1),
    )


def run(quick: bool) -> list[dict[str, object]]:
    """The SQL storage metrics."""
    return [bench_course_tree_load(quick)]
