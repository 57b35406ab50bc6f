"""Conversion between content domain objects and rows: languages and whole course trees.

Writing flattens a :class:`~learncore.domain.Course` into one list of row values per
table (every row carries ``course_id``). Reading goes the other way from the rows of
a handful of bulk queries (see :mod:`learncore_sqlalchemy.repositories.content`).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

import attrs

from learncore.domain.audio import AudioAsset, AudioQuality, AudioVariant
from learncore.domain.courses import (
    Course,
    Lesson,
    LessonAsset,
    LessonAssetKind,
    Section,
    Unit,
    UnlockRule,
)
from learncore.domain.exercises import Exercise, ExerciseOption, ExerciseType, Hint, MatchPair
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.json_values import to_json
from learncore.domain.languages import Language, TextDirection
from learncore.domain.tags import Tag
from learncore.errors import InvalidContent
from learncore_sqlalchemy.mapping.ids import strict_uuid, trusted_uuid
from learncore_sqlalchemy.mapping.trusted import Factory, trusted_factory, validating_factory

__all__ = [
    "CourseTreeRows",
    "TreeReader",
    "course_values",
    "language_from_row",
    "language_id",
    "language_values",
    "tag_id",
    "tree_rows",
]

# Fixed namespaces, so derived ids are the same in every database.
_LANGUAGE_NAMESPACE = UUID("0c3a4d52-83a3-4c55-9d0e-5b0f3f0c6a11")
_TAG_NAMESPACE = UUID("8d5e2f7a-1b4c-4e39-a6d0-2c9b7e4f1a23")


# --- languages -----------------------------------------------------------------


def language_id(code: str) -> UUID:
    """The row id of a language: derived from its code, so every database agrees."""
    return uuid.uuid5(_LANGUAGE_NAMESPACE, code)


def language_values(language: Language) -> dict[str, Any]:
    """Row values of a language."""
    return {
        "id": language_id(language.code),
        "code": language.code,
        "name": language.name,
        "native_name": language.native_name,
        "flag": language.flag,
        "direction": language.direction.value,
    }


def language_from_row(row: Any) -> Language:
    """A language from a row with the columns of ``lc_languages``."""
    return Language(
        code=row.code,
        name=row.name,
        native_name=row.native_name,
        flag=row.flag,
        direction=TextDirection(row.direction),
    )


# --- writing a course ------------------------------------------------------------


def tag_id(tag: Tag) -> UUID:
    """The row id of a tag: derived from (category, name), so a tag is stored once."""
    return uuid.uuid5(_TAG_NAMESPACE, f"{tag.category}\x1f{tag.name}")


def course_values(course: Course) -> dict[str, Any]:
    """Row values of the course itself (without its tree)."""
    return {
        "id": course.id,
        "slug": course.slug,
        "title": course.title,
        "from_language": course.from_language,
        "to_language": course.to_language,
        "version": course.version,
        "published": course.published,
        "description": course.description,
        "grading": to_json(course.grading),
        "unlock_rule": course.unlock_rule.value,
        "license": course.license,
        "attribution": course.attribution,
    }


@attrs.define
class CourseTreeRows:
    """The rows of one course tree, per table, parents before children."""

    sections: list[dict[str, Any]] = attrs.Factory(list)
    units: list[dict[str, Any]] = attrs.Factory(list)
    lessons: list[dict[str, Any]] = attrs.Factory(list)
    prerequisites: list[dict[str, Any]] = attrs.Factory(list)
    lesson_assets: list[dict[str, Any]] = attrs.Factory(list)
    audio_assets: list[dict[str, Any]] = attrs.Factory(list)
    audio_variants: list[dict[str, Any]] = attrs.Factory(list)
    exercises: list[dict[str, Any]] = attrs.Factory(list)
    options: list[dict[str, Any]] = attrs.Factory(list)
    tags: dict[UUID, dict[str, Any]] = attrs.Factory(dict)
    exercise_tags: list[dict[str, Any]] = attrs.Factory(list)


def _or_none(values: Sequence[Any] | dict[str, Any]) -> Any:
    return values if values else None


def tree_rows(course: Course) -> CourseTreeRows:
    """Flatten ``course`` into rows. Two exercises may share an audio asset only if it is identical."""
    rows = CourseTreeRows()
    cid = course.id
    audio_rows: dict[UUID, tuple[AudioAsset, UUID]] = {}
    for section in course.sections:
        rows.sections.append(
            {"id": section.id, "course_id": cid, "position": section.position,
             "title": section.title, "description": section.description,
             "cefr_level": section.cefr_level}
        )
        for unit in section.units:
            rows.units.append(
                {"id": unit.id, "course_id": cid, "section_id": section.id,
                 "position": unit.position, "title": unit.title,
                 "description": unit.description, "icon": unit.icon, "color": unit.color}
            )
            for lesson in unit.lessons:
                rows.lessons.append(
                    {"id": lesson.id, "course_id": cid, "unit_id": unit.id,
                     "position": lesson.position, "title": lesson.title,
                     "xp_reward": lesson.xp_reward,
                     "estimated_minutes": lesson.estimated_minutes,
                     "description": lesson.description}
                )
                for asset in lesson.assets:
                    rows.lesson_assets.append(
                        {"id": uuid.uuid4(), "course_id": cid, "lesson_id": lesson.id,
                         "asset_id": asset.id, "kind": asset.kind.value, "title": asset.title,
                         "position": asset.position, "uri": asset.uri,
                         "content": asset.content}
                    )
                for exercise in lesson.exercises:
                    audio_row_id = None
                    if exercise.audio is not None:
                        audio_row_id = _audio_row(rows, cid, exercise.audio, audio_rows)
                    rows.exercises.append(_exercise_values(cid, lesson.id, exercise, audio_row_id))
                    for position, option in enumerate(exercise.options):
                        rows.options.append(
                            {"id": uuid.uuid4(), "course_id": cid, "exercise_id": exercise.id,
                             "option_id": option.id, "position": position,
                             "text": option.text, "is_correct": option.is_correct,
                             "image_uri": option.image_uri}
                        )
                    for tag in exercise.tags:
                        tid = tag_id(tag)
                        rows.tags[tid] = {"id": tid, "name": tag.name, "category": tag.category}
                        rows.exercise_tags.append(
                            {"id": uuid.uuid4(), "course_id": cid,
                             "exercise_id": exercise.id, "tag_id": tid}
                        )
    rows.prerequisites = [
        {"id": uuid.uuid4(), "course_id": cid, "lesson_id": lesson_id,
         "required_lesson_id": required_id}
        for lesson_id, required_id in course.prerequisites
    ]
    return rows


def _audio_row(
    rows: CourseTreeRows, course_id: UUID, audio: AudioAsset, seen: dict[UUID, tuple[AudioAsset, UUID]]
) -> UUID:
    known = seen.get(audio.id)
    if known is not None:
        if known[0] != audio:
            raise InvalidContent(
                "Exercise.audio",
                f"audio asset {audio.id} is used by two exercises with different variants "
                "or transcripts; give the second recording its own id",
            )
        return known[1]
    row_id = uuid.uuid4()
    seen[audio.id] = (audio, row_id)
    rows.audio_assets.append(
        {"id": row_id, "course_id": course_id, "asset_id": audio.id, "transcript": audio.transcript}
    )
    for position, variant in enumerate(audio.variants):
        rows.audio_variants.append(
            {"id": uuid.uuid4(), "course_id": course_id, "audio_id": row_id,
             "position": position, "quality": variant.quality.value, "uri": variant.uri,
             "format": variant.format, "bitrate_kbps": variant.bitrate_kbps,
             "duration_ms": variant.duration_ms}
        )
    return row_id


def _exercise_values(
    course_id: UUID, lesson_id: UUID, exercise: Exercise, audio_row_id: UUID | None
) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "course_id": course_id,
        "lesson_id": lesson_id,
        "position": exercise.position,
        "type": str(exercise.type),
        "prompt": exercise.prompt,
        "accepted_answers": _or_none(list(exercise.accepted_answers)),
        "multiple_answers": exercise.multiple_answers,
        "pairs": _or_none([[pair.left, pair.right] for pair in exercise.pairs]),
        "hints": _or_none([{"text": hint.text, "word": hint.word} for hint in exercise.hints]),
        "difficulty": exercise.difficulty,
        "audio_id": audio_row_id,
        "grading": None if exercise.grading is None else to_json(exercise.grading),
        "extra": _or_none(exercise.extra),
    }


# --- reading a course --------------------------------------------------------------

_EXERCISE_TYPES = {member.value: member for member in ExerciseType}


def _json(value: Any) -> Any:
    """A JSON column's value: text on SQLite and MariaDB, already decoded by psycopg."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _json_column(values: Sequence[Any]) -> list[Any]:
    """Every value of one JSON column at once, falsy values left as they are.

    Text is decoded with a single ``json.loads`` of one array: thousands of calls to
    ``json.loads`` cost more in call overhead than the parsing itself.
    """
    texts = [value for value in values if value and isinstance(value, str)]
    if not texts:
        return [_json(value) if value else value for value in values]
    decoded = iter(json.loads("[" + ",".join(texts) + "]"))
    return [
        (next(decoded) if isinstance(value, str) else _json(value)) if value else value
        for value in values
    ]

_NO_TAGS: frozenset[Tag] = frozenset()


@attrs.define
class _Factories:
    course: Factory[Course]
    section: Factory[Section]
    unit: Factory[Unit]
    lesson: Factory[Lesson]
    lesson_asset: Factory[LessonAsset]
    exercise: Factory[Exercise]
    option: Factory[ExerciseOption]
    audio: Factory[AudioAsset]
    variant: Factory[AudioVariant]
    hint: Factory[Hint]
    pair: Factory[MatchPair]
    tag: Factory[Tag]


_TRUSTED = _Factories(
    course=trusted_factory(Course, post_init=True),
    section=trusted_factory(Section),
    unit=trusted_factory(Unit),
    lesson=trusted_factory(Lesson),
    lesson_asset=trusted_factory(LessonAsset),
    exercise=trusted_factory(Exercise),
    option=trusted_factory(ExerciseOption),
    audio=trusted_factory(AudioAsset),
    variant=trusted_factory(AudioVariant),
    hint=trusted_factory(Hint),
    pair=trusted_factory(MatchPair),
    tag=trusted_factory(Tag),
)
_VALIDATING = _Factories(
    course=validating_factory(Course),
    section=validating_factory(Section),
    unit=validating_factory(Unit),
    lesson=validating_factory(Lesson),
    lesson_asset=validating_factory(LessonAsset),
    exercise=validating_factory(Exercise),
    option=validating_factory(ExerciseOption),
    audio=validating_factory(AudioAsset),
    variant=validating_factory(AudioVariant),
    hint=validating_factory(Hint),
    pair=validating_factory(MatchPair),
    tag=validating_factory(Tag),
)


class TreeReader:
    """Assembles a course from the rows of the bulk queries, in the column orders they declare.

    Id columns arrive raw (see :mod:`learncore_sqlalchemy.mapping.ids`): rows are
    grouped by the raw values, and only ids that land in domain objects are parsed.
    """

    # Column order of each query's rows (the repository selects them in this order).
    COURSE = ("id", "slug", "title", "from_language", "to_language", "version", "published",
              "description", "grading", "unlock_rule", "license", "attribution")
    EXERCISE = ("id", "lesson_id", "position", "type", "prompt", "accepted_answers",
                "multiple_answers", "pairs", "hints", "difficulty", "audio_id", "grading",
                "extra", "audio_asset_id", "audio_transcript")

    def __init__(self, *, validate: bool = False) -> None:
        self._make = _VALIDATING if validate else _TRUSTED
        self._uuid = strict_uuid if validate else trusted_uuid

    def uuid(self, raw: Any) -> UUID:
        """A domain id from a raw id column."""
        return self._uuid(raw)

    def audio_by_row(self, variant_rows: Iterable[Sequence[Any]]) -> dict[Any, list[AudioVariant]]:
        """Variants by raw audio row id; rows are (audio_id, quality, uri, format, bitrate, duration)."""
        make = self._make.variant
        grouped: dict[Any, list[AudioVariant]] = defaultdict(list)
        for audio_key, quality, uri, fmt, bitrate, duration in variant_rows:
            # Raw driver values: strings and integers need no conversion.
            grouped[audio_key].append(
                make(quality=AudioQuality(quality), uri=uri, format=fmt,
                     bitrate_kbps=bitrate, duration_ms=duration)
            )
        return grouped

    def exercises_by_lesson(
        self,
        exercise_rows: Iterable[Sequence[Any]],
        options_by_exercise: dict[Any, list[ExerciseOption]],
        tags_by_exercise: dict[Any, set[Tag]],
        variants_by_audio: dict[Any, list[AudioVariant]],
    ) -> dict[Any, list[Exercise]]:
        """Exercises grouped by raw lesson id, in the order of ``exercise_rows`` (by position)."""
        make = self._make.exercise
        make_audio = self._make.audio
        make_hint = self._make.hint
        make_pair = self._make.pair
        to_uuid = self._uuid
        decode = _json
        grouped: dict[Any, list[Exercise]] = defaultdict(list)
        audio_cache: dict[Any, AudioAsset] = {}
        no_options: list[ExerciseOption] = []
        rows = list(exercise_rows)
        answer_lists = _json_column([row[5] for row in rows])
        for (exercise_key, lesson_key, position, type_, prompt, _, multiple, pairs, hints,
             difficulty, audio_key, grading, extra, asset_id, transcript), answers in zip(
            rows, answer_lists, strict=True
        ):
            audio = None
            if audio_key is not None:
                audio = audio_cache.get(audio_key)
                if audio is None:
                    audio = make_audio(id=to_uuid(asset_id),
                                       variants=tuple(variants_by_audio[audio_key]),
                                       transcript=transcript)
                    audio_cache[audio_key] = audio
            tags = tags_by_exercise.get(exercise_key)
            grouped[lesson_key].append(
                make(
                    id=to_uuid(exercise_key),
                    type=_EXERCISE_TYPES.get(type_, type_),
                    prompt=prompt,
                    position=position,
                    accepted_answers=tuple(answers) if answers else (),
                    options=tuple(options_by_exercise.get(exercise_key, no_options)),
                    multiple_answers=bool(multiple),
                    pairs=tuple(make_pair(left=a, right=b) for a, b in decode(pairs)) if pairs else (),
                    hints=tuple(make_hint(text=h["text"], word=h["word"]) for h in decode(hints))
                    if hints
                    else (),
                    difficulty=difficulty,
                    audio=audio,
                    tags=frozenset(tags) if tags else _NO_TAGS,
                    grading=None if grading is None else GradingPolicy(**decode(grading)),
                    extra=decode(extra) if extra else {},
                )
            )
        return grouped

    def options_by_exercise(self, option_rows: Iterable[Sequence[Any]]) -> dict[Any, list[ExerciseOption]]:
        """Options by raw exercise id; rows are (exercise_id, option_id, text, is_correct, image_uri)."""
        make = self._make.option
        to_uuid = self._uuid
        grouped: dict[Any, list[ExerciseOption]] = defaultdict(list)
        for exercise_key, option_id, text, is_correct, image_uri in option_rows:
            grouped[exercise_key].append(
                make(id=to_uuid(option_id), text=text, is_correct=bool(is_correct),
                     image_uri=image_uri)
            )
        return grouped

    def tags_by_exercise(self, tag_rows: Iterable[Sequence[Any]]) -> dict[Any, set[Tag]]:
        """Tags grouped by raw exercise id; rows are (exercise_id, name, category)."""
        make = self._make.tag
        grouped: dict[Any, set[Tag]] = defaultdict(set)
        cache: dict[tuple[str, str], Tag] = {}
        for exercise_key, name, category in tag_rows:
            tag = cache.get((name, category))
            if tag is None:
                tag = cache[name, category] = make(name=name, category=category)
            grouped[exercise_key].add(tag)
        return grouped

    def course(
        self,
        course_row: Sequence[Any],
        prerequisites: Iterable[tuple[Any, Any]],
        outline_rows: Iterable[Sequence[Any]],
        exercises_by_lesson: dict[Any, list[Exercise]],
    ) -> Course:
        """The course from its row, its raw prerequisite pairs and the outline rows.

        Outline rows are (section..., unit..., lesson..., asset...) in position order,
        with NULLs where a section has no units, a unit no lessons, a lesson no assets.
        """
        make = self._make
        to_uuid = self._uuid
        sections: list[Section] = []
        units: list[Unit] = []
        lessons: list[Lesson] = []
        assets: list[LessonAsset] = []
        # The raw ids of the section, unit and lesson being filled, and their fields.
        open_keys: dict[str, Any] = {"section": None, "unit": None, "lesson": None}
        fields: dict[str, dict[str, Any]] = {"section": {}, "unit": {}, "lesson": {}}

        def close_lesson() -> None:
            if open_keys["lesson"] is not None:
                exercises = exercises_by_lesson.get(open_keys["lesson"], ())
                lessons.append(make.lesson(**fields["lesson"], exercises=tuple(exercises),
                                           assets=tuple(assets)))
                assets.clear()
                open_keys["lesson"] = None

        def close_unit() -> None:
            close_lesson()
            if open_keys["unit"] is not None:
                units.append(make.unit(**fields["unit"], lessons=tuple(lessons)))
                lessons.clear()
                open_keys["unit"] = None

        def close_section() -> None:
            close_unit()
            if open_keys["section"] is not None:
                sections.append(make.section(**fields["section"], units=tuple(units)))
                units.clear()
                open_keys["section"] = None

        for (s_id, s_position, s_title, s_description, s_cefr,
             u_id, u_position, u_title, u_description, u_icon, u_color,
             l_id, l_position, l_title, l_xp, l_minutes, l_description,
             a_id, a_kind, a_title, a_position, a_uri, a_content) in outline_rows:
            if s_id != open_keys["section"]:
                close_section()
                open_keys["section"] = s_id
                fields["section"] = {"id": to_uuid(s_id), "title": s_title,
                                     "position": s_position, "description": s_description,
                                     "cefr_level": s_cefr}
            if u_id is not None and u_id != open_keys["unit"]:
                close_unit()
                open_keys["unit"] = u_id
                fields["unit"] = {"id": to_uuid(u_id), "title": u_title, "position": u_position,
                                  "description": u_description, "icon": u_icon, "color": u_color}
            if l_id is not None and l_id != open_keys["lesson"]:
                close_lesson()
                open_keys["lesson"] = l_id
                fields["lesson"] = {"id": to_uuid(l_id), "title": l_title,
                                    "position": l_position, "xp_reward": l_xp,
                                    "estimated_minutes": l_minutes, "description": l_description}
            if a_id is not None:
                assets.append(
                    make.lesson_asset(id=to_uuid(a_id), kind=LessonAssetKind(a_kind),
                                      title=a_title, position=a_position, uri=a_uri,
                                      content=_json(a_content))
                )
        close_section()

        values = dict(zip(self.COURSE, course_row, strict=True))
        pairs = sorted(
            {(to_uuid(lesson), to_uuid(required)) for lesson, required in prerequisites},
            key=lambda pair: (str(pair[0]), str(pair[1])),
        )
        return make.course(
            **values | {
                "id": to_uuid(values["id"]),
                "published": bool(values["published"]),
                "grading": GradingPolicy(**_json(values["grading"])),
                "unlock_rule": UnlockRule(values["unlock_rule"]),
                "sections": tuple(sections),
                "prerequisites": tuple(pairs),
            }
        )
