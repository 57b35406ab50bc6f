"""Between the file format and the domain: :func:`to_domain` for import, :func:`from_domain` for export.

The two are inverses on everything the domain keeps, which is what makes
import → export → import lossless: ids come back as the keys they were made from
(see :mod:`learncore.content.keys`), defaults are left out, and positions are written
only where they differ from the order in the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar
from uuid import UUID

import attrs

from learncore.content.checks import grading_policy
from learncore.content.document import DocPath, Findings
from learncore.content.keys import (
    IdScheme,
    default_asset_key,
    default_audio_key,
    default_exercise_key,
    default_option_key,
)
from learncore.content.model import (
    DEFAULT_AUDIO_QUALITY,
    DEFAULT_DIFFICULTY,
    DEFAULT_ESTIMATED_MINUTES,
    DEFAULT_LESSON_XP,
    DEFAULT_TAG_CATEGORY,
    DEFAULT_UNLOCK_RULE,
    FORMAT_VERSION,
    AudioSpec,
    CourseSpec,
    ExerciseSpec,
    GradingSpec,
    LessonSpec,
    SectionSpec,
    UnitSpec,
)
from learncore.domain.audio import AudioAsset, AudioQuality, AudioVariant
from learncore.domain.courses import Course, Lesson, LessonAsset, Section, Unit
from learncore.domain.exercises import Exercise, ExerciseOption, Hint, MatchPair
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.languages import Language
from learncore.domain.tags import Tag
from learncore.errors import InvalidContent

__all__ = ["Converted", "from_domain", "to_domain"]

T = TypeVar("T")

# Domain field names that the format spells differently.
_FIELD_NAMES = {
    "accepted_answers": "answers",
    "is_correct": "correct",
    "image_uri": "image",
    "xp_reward": "xp_reward",
    "prerequisites": "sections",
}
_LOCATION = re.compile(r"(?P<cls>\w+)\.(?P<field>\w+)(?:\[(?P<index>\d+)\])?")
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,16})$")


@attrs.frozen
class Converted:
    """A course file as domain objects, plus the languages it declares and the key of every id."""

    course: Course
    languages: tuple[Language, ...]
    keys: Mapping[UUID, str]


def audio_format(uri: str) -> str:
    """The format an audio file path implies (its extension), ``mp3`` when it has none."""
    match = _EXTENSION.search(uri.split("?", 1)[0])
    return match.group(1).lower() if match else "mp3"


class _Builder:
    """Builds domain objects one at a time, turning each domain error into a finding at its path."""

    def __init__(self, spec: CourseSpec, findings: Findings) -> None:
        self.spec = spec
        self.findings = findings
        slug = spec["slug"]
        self.ids = IdScheme(IdScheme.course_uuid(spec.get("id"), slug))
        self.keys: dict[UUID, str] = {self.ids.course_id: spec.get("id", slug)}
        self.policy = GradingPolicy()
        self.lesson_xp = spec.get("xp", {}).get("lesson_reward", DEFAULT_LESSON_XP)
        self.prerequisites: list[tuple[UUID, UUID]] = []
        self.lesson_ids: dict[str, UUID] = {}
        self.requires: list[tuple[str, str]] = []

    def make(self, path: DocPath, build: Callable[[], T]) -> T | None:
        try:
            return build()
        except InvalidContent as exc:
            self.findings.error(_path_of(path, exc.location), exc.reason, "fix this value")
            return None

    def key(self, kind: str, key: str, *scope: str, explicit: bool = True) -> UUID:
        item_id = self.ids.of(kind, key, *scope)
        if explicit:  # default keys are recomputed on export, so they need no record
            self.keys[item_id] = key
        return item_id

    def course(self) -> Course | None:
        spec = self.spec
        policy = self.make(("grading",), lambda: grading_policy(GradingPolicy(), spec.get("grading")))
        self.policy = policy or GradingPolicy()
        sections = [
            self.section(section, ("sections", index), index)
            for index, section in enumerate(spec.get("sections", []))
        ]
        for lesson_key, required_key in self.requires:
            required = self.lesson_ids.get(required_key)
            if required is not None:
                self.prerequisites.append((self.lesson_ids[lesson_key], required))
        if self.findings.has_errors():
            return None
        return self.make(
            (),
            lambda: Course(
                id=self.ids.course_id,
                slug=spec["slug"],
                title=spec["title"],
                description=spec.get("description", ""),
                from_language=spec["from_language"],
                to_language=spec["to_language"],
                published=spec.get("published", False),
                grading=self.policy,
                unlock_rule=spec.get("unlock_rule", DEFAULT_UNLOCK_RULE),
                license=spec.get("license"),
                attribution=spec.get("attribution"),
                sections=[s for s in sections if s is not None],
                prerequisites=self.prerequisites,
            ),
        )

    def section(self, spec: SectionSpec, path: DocPath, index: int) -> Section | None:
        units = [self.unit(unit, (*path, "units", i), i) for i, unit in enumerate(spec.get("units", []))]
        return self.make(
            path,
            lambda: Section(
                id=self.key("section", spec["id"]),
                title=spec["title"],
                position=spec.get("position", index),
                description=spec.get("description", ""),
                cefr_level=spec.get("cefr_level"),
                units=[u for u in units if u is not None],
            ),
        )

    def unit(self, spec: UnitSpec, path: DocPath, index: int) -> Unit | None:
        lessons = [
            self.lesson(lesson, (*path, "lessons", i), i) for i, lesson in enumerate(spec.get("lessons", []))
        ]
        return self.make(
            path,
            lambda: Unit(
                id=self.key("unit", spec["id"]),
                title=spec["title"],
                position=spec.get("position", index),
                description=spec.get("description", ""),
                icon=spec.get("icon"),
                color=spec.get("color"),
                lessons=[lesson for lesson in lessons if lesson is not None],
            ),
        )

    def lesson(self, spec: LessonSpec, path: DocPath, index: int) -> Lesson | None:
        key = spec["id"]
        lesson_id = self.key("lesson", key)
        self.lesson_ids[key] = lesson_id
        self.requires.extend((key, required) for required in spec.get("requires", []))
        exercises = [
            self.exercise(exercise, (*path, "exercises", i), key, i)
            for i, exercise in enumerate(spec.get("exercises", []))
        ]
        assets = []
        for i, asset in enumerate(spec.get("assets", [])):
            asset_key = asset.get("id", default_asset_key(key, i))
            assets.append(
                self.make(
                    (*path, "assets", i),
                    lambda asset=asset, asset_key=asset_key, i=i: LessonAsset(  # type: ignore[misc]
                        id=self.key("asset", asset_key, explicit="id" in asset),
                        kind=asset["kind"],
                        title=asset.get("title", ""),
                        position=asset.get("position", i),
                        uri=asset.get("uri"),
                        content=asset.get("content", {}),
                    ),
                )
            )
        return self.make(
            path,
            lambda: Lesson(
                id=lesson_id,
                title=spec["title"],
                position=spec.get("position", index),
                xp_reward=spec.get("xp_reward", self.lesson_xp),
                estimated_minutes=spec.get("estimated_minutes", DEFAULT_ESTIMATED_MINUTES),
                description=spec.get("description", ""),
                exercises=[e for e in exercises if e is not None],
                assets=[a for a in assets if a is not None],
            ),
        )

    def exercise(self, spec: ExerciseSpec, path: DocPath, lesson_key: str, index: int) -> Exercise | None:
        key = spec.get("id", default_exercise_key(lesson_key, index))
        options = []
        for i, option in enumerate(spec.get("options", [])):
            option_key = option.get("id", default_option_key(i))
            options.append(
                self.make(
                    (*path, "options", i),
                    lambda option=option, option_key=option_key: ExerciseOption(  # type: ignore[misc]
                        id=self.key("option", option_key, key, explicit="id" in option),
                        text=option["text"],
                        is_correct=option.get("correct", False),
                        image_uri=option.get("image"),
                    ),
                )
            )
        pairs = [
            self.make((*path, "pairs", i), lambda pair=pair: MatchPair(pair["left"], pair["right"]))  # type: ignore[misc]
            for i, pair in enumerate(spec.get("pairs", []))
        ]
        hints = [
            self.make((*path, "hints", i), lambda hint=hint: Hint(hint["text"], hint.get("word")))  # type: ignore[misc]
            for i, hint in enumerate(spec.get("hints", []))
        ]
        tags = [
            self.make(
                (*path, "tags", i),
                lambda tag=tag: Tag(tag["name"], tag.get("category", DEFAULT_TAG_CATEGORY)),  # type: ignore[misc]
            )
            for i, tag in enumerate(spec.get("tags", []))
        ]
        audio_spec = spec.get("audio")
        audio = None if audio_spec is None else self.audio(audio_spec, (*path, "audio"), key)
        grading = spec.get("grading")
        policy = None
        if grading is not None:
            policy = self.make((*path, "grading"), lambda: grading_policy(self.policy, grading))
        if None in options or None in pairs or None in hints or None in tags:
            return None
        if (audio_spec is not None and audio is None) or (grading is not None and policy is None):
            return None
        return self.make(
            path,
            lambda: Exercise(
                id=self.key("exercise", key, explicit="id" in spec),
                type=spec["type"],
                prompt=spec["prompt"],
                position=spec.get("position", index),
                accepted_answers=spec.get("answers", ()),
                options=options,  # type: ignore[arg-type]
                multiple_answers=spec.get("multiple_answers", False),
                pairs=pairs,  # type: ignore[arg-type]
                hints=hints,  # type: ignore[arg-type]
                difficulty=spec.get("difficulty", DEFAULT_DIFFICULTY),
                audio=audio,
                tags=tags,  # type: ignore[arg-type]
                grading=policy,
                extra=spec.get("extra", {}),
            ),
        )

    def audio(self, spec: AudioSpec, path: DocPath, exercise_key: str) -> AudioAsset | None:
        variants = [
            self.make(
                (*path, "variants", i),
                lambda v=variant: AudioVariant(  # type: ignore[misc]
                    quality=v.get("quality", DEFAULT_AUDIO_QUALITY),
                    uri=v["uri"],
                    format=v.get("format", audio_format(v["uri"])),
                    bitrate_kbps=v.get("bitrate_kbps"),
                    duration_ms=v.get("duration_ms"),
                ),
            )
            for i, variant in enumerate(spec["variants"])
        ]
        if None in variants:
            return None
        audio_key = spec.get("id", default_audio_key(exercise_key))
        return self.make(
            path,
            lambda: AudioAsset(
                id=self.key("audio", audio_key, explicit="id" in spec),
                variants=variants,  # type: ignore[arg-type]
                transcript=spec.get("transcript"),
            ),
        )


def _path_of(path: DocPath, location: str) -> DocPath:
    """The file path of a domain error such as ``Exercise.accepted_answers[2]`` raised at ``path``."""
    match = _LOCATION.fullmatch(location)
    if match is None:
        return path
    field = _FIELD_NAMES.get(match["field"], match["field"])
    if field in ("sections", "units", "lessons", "exercises", "options", "assets", "id"):
        return path
    extra: tuple[Any, ...] = (field,)
    if match["index"] is not None:
        extra = (field, int(match["index"]))
    return (*path, *extra)


def to_domain(spec: CourseSpec, findings: Findings) -> Converted | None:
    """The course a schema-valid file describes, or None after recording why it cannot be built."""
    builder = _Builder(spec, findings)
    course = builder.course()
    languages = []
    for index, language in enumerate(spec.get("languages", [])):
        built = builder.make(
            ("languages", index),
            lambda language=language: Language(  # type: ignore[misc]
                code=language["code"],
                name=language["name"],
                native_name=language.get("native_name", ""),
                flag=language.get("flag", ""),
                direction=language.get("direction", "ltr"),
            ),
        )
        if built is not None:
            languages.append(built)
    if course is None or findings.has_errors():
        return None
    return Converted(course=course, languages=tuple(languages), keys=builder.keys)


# --- export ---------------------------------------------------------------------------------


def _grading_changes(policy: GradingPolicy, base: GradingPolicy) -> GradingSpec:
    out: dict[str, Any] = {}
    for field in attrs.fields(GradingPolicy):
        value = getattr(policy, field.name)
        if value == getattr(base, field.name):
            continue
        if field.name == "typo_tolerance":
            value = [list(step) for step in value]
        elif field.name == "spelling_variants":
            value = sorted(str(v) for v in value)
        elif hasattr(value, "value"):
            value = value.value
        out[field.name] = value
    return out  # type: ignore[return-value]


def _most_common(values: Iterable[int], default: int) -> int:
    counts = Counter(values)
    if not counts:
        return default
    best = max(counts.values())
    # Prefer the default on ties, so a course without a clear majority keeps its files short.
    return default if counts.get(default) == best else counts.most_common(1)[0][0]


def _with_position(out: dict[str, Any], position: int, index: int) -> None:
    if position != index:
        out["position"] = position


class _Exporter:
    def __init__(self, course: Course, keys: Mapping[UUID, str]) -> None:
        self.course = course
        self.known = keys
        self.ids = IdScheme(course.id)

    def key(self, item_id: UUID, kind: str, *scope: str, default: str | None = None) -> str:
        return self.ids.key_for(item_id, kind, (self.known.get(item_id), default), *scope)

    def course_spec(self, languages: Sequence[Language]) -> dict[str, Any]:
        course = self.course
        out: dict[str, Any] = {"format_version": FORMAT_VERSION, "slug": course.slug}
        known = self.known.get(course.id)
        if known is not None and IdScheme.course_uuid(known, course.slug) == course.id:
            if known != course.slug:
                out["id"] = known
        elif IdScheme.course_uuid(None, course.slug) != course.id:
            out["id"] = str(course.id)
        out["title"] = course.title
        if course.description:
            out["description"] = course.description
        out["from_language"] = course.from_language
        out["to_language"] = course.to_language
        if languages:
            out["languages"] = [self.language(language) for language in languages]
        if course.published:
            out["published"] = True
        if course.unlock_rule.value != DEFAULT_UNLOCK_RULE:
            out["unlock_rule"] = course.unlock_rule.value
        if course.license is not None:
            out["license"] = course.license
        if course.attribution is not None:
            out["attribution"] = course.attribution
        grading = _grading_changes(course.grading, GradingPolicy())
        if grading:
            out["grading"] = grading
        lesson_xp = _most_common((lesson.xp_reward for lesson in course.lessons), DEFAULT_LESSON_XP)
        if lesson_xp != DEFAULT_LESSON_XP:
            out["xp"] = {"lesson_reward": lesson_xp}
        requires: dict[UUID, list[UUID]] = {}
        for lesson_id, required in course.prerequisites:
            requires.setdefault(lesson_id, []).append(required)
        out["sections"] = [
            self.section(section, index, lesson_xp, requires) for index, section in enumerate(course.sections)
        ]
        return out

    @staticmethod
    def language(language: Language) -> dict[str, Any]:
        out: dict[str, Any] = {"code": language.code, "name": language.name}
        if language.native_name:
            out["native_name"] = language.native_name
        if language.flag:
            out["flag"] = language.flag
        if language.direction.value != "ltr":
            out["direction"] = language.direction.value
        return out

    def section(
        self, section: Section, index: int, lesson_xp: int, requires: Mapping[UUID, list[UUID]]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.key(section.id, "section"), "title": section.title}
        if section.description:
            out["description"] = section.description
        if section.cefr_level is not None:
            out["cefr_level"] = section.cefr_level
        _with_position(out, section.position, index)
        out["units"] = [self.unit(unit, i, lesson_xp, requires) for i, unit in enumerate(section.units)]
        return out

    def unit(
        self, unit: Unit, index: int, lesson_xp: int, requires: Mapping[UUID, list[UUID]]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.key(unit.id, "unit"), "title": unit.title}
        if unit.description:
            out["description"] = unit.description
        if unit.icon is not None:
            out["icon"] = unit.icon
        if unit.color is not None:
            out["color"] = unit.color
        _with_position(out, unit.position, index)
        out["lessons"] = [
            self.lesson(lesson, i, lesson_xp, requires) for i, lesson in enumerate(unit.lessons)
        ]
        return out

    def lesson(
        self, lesson: Lesson, index: int, lesson_xp: int, requires: Mapping[UUID, list[UUID]]
    ) -> dict[str, Any]:
        key = self.key(lesson.id, "lesson")
        out: dict[str, Any] = {"id": key, "title": lesson.title}
        if lesson.description:
            out["description"] = lesson.description
        if lesson.xp_reward != lesson_xp:
            out["xp_reward"] = lesson.xp_reward
        if lesson.estimated_minutes != DEFAULT_ESTIMATED_MINUTES:
            out["estimated_minutes"] = lesson.estimated_minutes
        required = requires.get(lesson.id)
        if required:
            ordered = sorted(required, key=self.course.lesson_position)
            out["requires"] = [self.key(lesson_id, "lesson") for lesson_id in ordered]
        _with_position(out, lesson.position, index)
        if lesson.assets:
            out["assets"] = [self.asset(asset, key, i) for i, asset in enumerate(lesson.assets)]
        out["exercises"] = [self.exercise(exercise, key, i) for i, exercise in enumerate(lesson.exercises)]
        return out

    def asset(self, asset: LessonAsset, lesson_key: str, index: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        default = default_asset_key(lesson_key, index)
        key = self.key(asset.id, "asset", default=default)
        if key != default:
            out["id"] = key
        out["kind"] = asset.kind.value
        if asset.title:
            out["title"] = asset.title
        if asset.uri is not None:
            out["uri"] = asset.uri
        if asset.content:
            out["content"] = asset.content
        _with_position(out, asset.position, index)
        return out

    def exercise(self, exercise: Exercise, lesson_key: str, index: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        default = default_exercise_key(lesson_key, index)
        key = self.key(exercise.id, "exercise", default=default)
        if key != default:
            out["id"] = key
        out["type"] = str(exercise.type)
        out["prompt"] = exercise.prompt
        if exercise.accepted_answers:
            out["answers"] = list(exercise.accepted_answers)
        if exercise.options:
            out["options"] = [self.option(option, key, i) for i, option in enumerate(exercise.options)]
        if exercise.multiple_answers:
            out["multiple_answers"] = True
        if exercise.pairs:
            out["pairs"] = [[pair.left, pair.right] for pair in exercise.pairs]
        if exercise.hints:
            out["hints"] = [
                hint.text if hint.word is None else {"text": hint.text, "word": hint.word}
                for hint in exercise.hints
            ]
        if exercise.difficulty != DEFAULT_DIFFICULTY:
            out["difficulty"] = exercise.difficulty
        if exercise.audio is not None:
            out["audio"] = self.audio(exercise.audio, key)
        if exercise.tags:
            out["tags"] = [self.tag(tag) for tag in sorted(exercise.tags)]
        if exercise.grading is not None:
            out["grading"] = _grading_changes(exercise.grading, self.course.grading)
        if exercise.extra:
            out["extra"] = exercise.extra
        _with_position(out, exercise.position, index)
        return out

    def option(self, option: ExerciseOption, exercise_key: str, index: int) -> str | dict[str, Any]:
        key = self.key(option.id, "option", exercise_key, default=default_option_key(index))
        default = key == default_option_key(index)
        if default and not option.is_correct and option.image_uri is None:
            return option.text
        out: dict[str, Any] = {} if default else {"id": key}
        out["text"] = option.text
        if option.is_correct:
            out["correct"] = True
        if option.image_uri is not None:
            out["image"] = option.image_uri
        return out

    @staticmethod
    def tag(tag: Tag) -> str | dict[str, str]:
        if ":" not in tag.name and ":" not in tag.category:
            return tag.name if tag.category == DEFAULT_TAG_CATEGORY else f"{tag.category}:{tag.name}"
        return {"name": tag.name, "category": tag.category}

    def audio(self, audio: AudioAsset, exercise_key: str) -> str | dict[str, Any]:
        key = self.key(audio.id, "audio", default=default_audio_key(exercise_key))
        default = key == default_audio_key(exercise_key)
        variants = []
        for variant in audio.variants:
            item: dict[str, Any] = {"uri": variant.uri}
            if variant.quality is not AudioQuality.STANDARD:
                item["quality"] = variant.quality.value
            if variant.format != audio_format(variant.uri):
                item["format"] = variant.format
            if variant.bitrate_kbps is not None:
                item["bitrate_kbps"] = variant.bitrate_kbps
            if variant.duration_ms is not None:
                item["duration_ms"] = variant.duration_ms
            variants.append(item)
        if default and audio.transcript is None and len(variants) == 1 and list(variants[0]) == ["uri"]:
            uri: str = variants[0]["uri"]
            return uri
        out: dict[str, Any] = {} if default else {"id": key}
        if audio.transcript is not None:
            out["transcript"] = audio.transcript
        out["variants"] = variants
        return out


def from_domain(
    course: Course, *, languages: Sequence[Language] = (), keys: Mapping[UUID, str] | None = None
) -> dict[str, Any]:
    """The file data (a :class:`~learncore.content.model.CourseSpec`) that imports as ``course``.

    ``keys`` maps ids to the keys they were imported from; ids without one are written
    as UUIDs, which import back to the same ids.
    """
    return _Exporter(course, keys or {}).course_spec(languages)
