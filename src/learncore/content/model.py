"""The learncore course format (``format_version: 1``), defined with pydantic.

These types are the single definition of the format: the loader validates files
against them, the JSON Schema in ``docs/schema/`` is generated from them (see
:mod:`learncore.content.schema`), and ``docs/authoring-courses.md`` documents each
field. They describe the *file*; ids, defaults and positions become domain objects
in :mod:`learncore.content.convert`.

They are ``TypedDict``\\ s validated by pydantic rather than ``BaseModel``\\ s: the
validated result stays plain dicts and lists, which is four times faster for a
75,000-exercise course, and mypy still checks every key. Optional fields are
``NotRequired``; their defaults are the ``DEFAULT_*`` constants below, shown in the
schema as ``default``.

Short forms keep hand-written files small: an option, hint or tag may be written as
a plain string, a pair as a two-item list, and audio as a file path.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import BeforeValidator, ConfigDict, Field, TypeAdapter, with_config
from typing_extensions import TypedDict

__all__ = [
    "FORMAT_VERSION",
    "AssetSpec",
    "AudioSpec",
    "AudioVariantSpec",
    "CourseSpec",
    "ExerciseSpec",
    "GradingSpec",
    "HintSpec",
    "LanguageSpec",
    "LessonSpec",
    "OptionSpec",
    "PairSpec",
    "SectionSpec",
    "TagSpec",
    "UnitSpec",
    "XpSpec",
    "course_adapter",
    "section_adapter",
    "unit_adapter",
]

FORMAT_VERSION = 1

DEFAULT_LESSON_XP = 10
DEFAULT_ESTIMATED_MINUTES = 5
DEFAULT_DIFFICULTY = 1
DEFAULT_TAG_CATEGORY = "general"
DEFAULT_AUDIO_QUALITY = "standard"
DEFAULT_UNLOCK_RULE = "sequential"

KEY_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9])?$"
SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$"

_CONFIG = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

Key = Annotated[
    str,
    Field(
        pattern=KEY_PATTERN,
        description=(
            "A key unique among items of its kind in the course: letters, digits, '.', '_' or '-' "
            "(up to 100 characters), or a UUID. The stored UUID is derived from it, so keep it "
            "unchanged across edits: learners keep their progress."
        ),
    ),
]
Position = Annotated[
    int, Field(ge=0, le=1_000_000, description="Sort key among siblings; defaults to the order in the file.")
]
Text = Annotated[str, Field(max_length=2000)]


def _short(field: str) -> Any:
    """A before-validator turning a bare string (or number) into ``{field: text}``."""

    def convert(value: Any) -> Any:
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {field: str(value)}
        return value

    return convert


def _pair_list(value: Any) -> Any:
    if isinstance(value, list | tuple) and len(value) == 2:
        return {"left": value[0], "right": value[1]}
    return value


def _tag_text(value: Any) -> Any:
    if isinstance(value, str):
        category, sep, name = value.partition(":")
        return {"category": category, "name": name} if sep else {"name": value}
    return value


def _audio_text(value: Any) -> Any:
    if isinstance(value, str):
        return {"variants": [{"uri": value}]}
    return value


@with_config(_CONFIG)
class LanguageSpec(TypedDict):
    """A language the course refers to; stored in the language list on import."""

    code: Annotated[str, Field(description="BCP-47 tag, e.g. 'es', 'pt-BR', 'zh-Hant'.")]
    name: Annotated[str, Field(description="English name, e.g. 'Spanish'.")]
    native_name: NotRequired[
        Annotated[str, Field(description="The name in the language itself, e.g. 'Español'.")]
    ]
    flag: NotRequired[Annotated[str, Field(description="An emoji or short code for its flag.")]]
    direction: NotRequired[
        Annotated[
            Literal["ltr", "rtl"],
            Field(description="Writing direction of its script.", json_schema_extra={"default": "ltr"}),
        ]
    ]


@with_config(_CONFIG)
class GradingSpec(TypedDict):
    """How answers are compared. Unset fields keep the default (course) or the course's value
    (an exercise override)."""

    case_sensitive: NotRequired[
        Annotated[
            bool, Field(description="Whether 'Hola' and 'hola' differ.", json_schema_extra={"default": False})
        ]
    ]
    diacritics: NotRequired[
        Annotated[
            Literal["strict", "warn", "ignore"],
            Field(
                description="What a missing accent costs: 'strict' (wrong), 'warn' (accepted with a "
                "note), 'ignore' (accepted silently).",
                json_schema_extra={"default": "warn"},
            ),
        ]
    ]
    ignore_punctuation: NotRequired[
        Annotated[bool, Field(description="Ignore punctuation.", json_schema_extra={"default": True})]
    ]
    typo_tolerance: NotRequired[
        Annotated[
            list[tuple[int, int]],
            Field(
                description="Pairs [minimum word length, allowed typos].",
                json_schema_extra={"default": [[4, 1], [8, 2]]},
            ),
        ]
    ]
    spelling_variants: NotRequired[
        Annotated[
            list[Literal["eszett", "umlaut_digraphs", "cyrillic_yo", "quotes", "full_width"]],
            Field(description="Spelling differences that count as equal; default: all of them."),
        ]
    ]
    speech_pass_score: NotRequired[
        Annotated[
            float,
            Field(
                ge=0,
                le=100,
                description="Pronunciation score (0-100) a speak exercise needs.",
                json_schema_extra={"default": 60},
            ),
        ]
    ]


@with_config(_CONFIG)
class XpSpec(TypedDict):
    """XP settings of the course."""

    lesson_reward: NotRequired[
        Annotated[
            int,
            Field(
                ge=0,
                le=10_000,
                description="XP a completed lesson earns unless it sets its own xp_reward.",
                json_schema_extra={"default": DEFAULT_LESSON_XP},
            ),
        ]
    ]


@with_config(_CONFIG)
class AudioVariantSpec(TypedDict):
    """One encoded file of a recording."""

    uri: Annotated[
        str,
        Field(
            min_length=1,
            max_length=2048,
            description="A path relative to the course directory (it must exist), or a URL.",
        ),
    ]
    quality: NotRequired[
        Annotated[
            Literal["low", "standard", "high"],
            Field(description="Quality tier.", json_schema_extra={"default": DEFAULT_AUDIO_QUALITY}),
        ]
    ]
    format: NotRequired[
        Annotated[str, Field(max_length=16, description="Encoding, e.g. 'ogg'; default: the file extension.")]
    ]
    bitrate_kbps: NotRequired[Annotated[int, Field(ge=1, description="Bitrate, if known.")]]
    duration_ms: NotRequired[Annotated[int, Field(ge=0, description="Length in milliseconds, if known.")]]


@with_config(_CONFIG)
class AudioSpec(TypedDict):
    """A recording in one or more quality variants. Short form: one file path."""

    id: NotRequired[Annotated[Key, Field(description="Default: '<exercise id>.audio'.")]]
    transcript: NotRequired[Annotated[str, Field(description="What is said, if it is not the prompt.")]]
    variants: Annotated[
        list[AudioVariantSpec], Field(min_length=1, description="The files, one per quality.")
    ]


@with_config(_CONFIG)
class OptionSpec(TypedDict):
    """A choice (multiple_choice) or a tile (word_bank). Short form: its text."""

    id: NotRequired[Annotated[Key, Field(description="Default: '<exercise id>.<1-based index>'.")]]
    text: Annotated[str, Field(description="What the learner sees.")]
    correct: NotRequired[
        Annotated[
            bool, Field(description="Whether it is a right choice.", json_schema_extra={"default": False})
        ]
    ]
    image: NotRequired[Annotated[str, Field(max_length=2048, description="An image path or URL.")]]


@with_config(_CONFIG)
class PairSpec(TypedDict):
    """Two texts to connect (match_pairs). Short form: [left, right]."""

    left: str
    right: str


@with_config(_CONFIG)
class HintSpec(TypedDict):
    """Help shown on request. Short form: its text."""

    text: Annotated[str, Field(description="The hint.")]
    word: NotRequired[Annotated[str, Field(description="The word it explains (a mini-dictionary entry).")]]


@with_config(_CONFIG)
class TagSpec(TypedDict):
    """A label. Short form: 'name' or 'category:name'."""

    name: str
    category: NotRequired[
        Annotated[
            str,
            Field(
                description="Groups tags: 'topic', 'grammar', 'skill'...",
                json_schema_extra={"default": DEFAULT_TAG_CATEGORY},
            ),
        ]
    ]


Option = Annotated[OptionSpec, BeforeValidator(_short("text"), json_schema_input_type=str | OptionSpec)]
Pair = Annotated[PairSpec, BeforeValidator(_pair_list, json_schema_input_type=tuple[str, str] | PairSpec)]
HintItem = Annotated[HintSpec, BeforeValidator(_short("text"), json_schema_input_type=str | HintSpec)]
TagItem = Annotated[TagSpec, BeforeValidator(_tag_text, json_schema_input_type=str | TagSpec)]
Audio = Annotated[AudioSpec, BeforeValidator(_audio_text, json_schema_input_type=str | AudioSpec)]


@with_config(_CONFIG)
class ExerciseSpec(TypedDict):
    """One task of a lesson. Which fields matter depends on ``type``."""

    id: NotRequired[
        Annotated[
            Key,
            Field(
                description="Default: '<lesson id>.<1-based index>'. Set it before reordering "
                "exercises, so learners keep their history."
            ),
        ]
    ]
    type: Annotated[
        str,
        Field(
            description="translate, multiple_choice, listen_type, speak, word_bank, match_pairs, "
            "fill_blank, or a plugin type 'namespace:name'."
        ),
    ]
    prompt: Annotated[str, Field(description="What the learner is asked; fill_blank marks the gap with ___.")]
    answers: NotRequired[
        Annotated[
            list[str],
            Field(description="Accepted answers; 'I [am|'m] (very) happy' stands for four of them."),
        ]
    ]
    options: NotRequired[
        Annotated[list[Option], Field(description="Choices (multiple_choice) or tiles (word_bank).")]
    ]
    multiple_answers: NotRequired[
        Annotated[
            bool,
            Field(
                description="multiple_choice: several options are correct.",
                json_schema_extra={"default": False},
            ),
        ]
    ]
    pairs: NotRequired[Annotated[list[Pair], Field(description="match_pairs: the pairs to connect.")]]
    hints: NotRequired[Annotated[list[HintItem], Field(description="Help shown on request.")]]
    difficulty: NotRequired[
        Annotated[
            int,
            Field(
                ge=1, le=5, description="1 (easiest) to 5.", json_schema_extra={"default": DEFAULT_DIFFICULTY}
            ),
        ]
    ]
    audio: NotRequired[Annotated[Audio, Field(description="A recording: a file path or an audio object.")]]
    tags: NotRequired[Annotated[list[TagItem], Field(description="Labels such as 'food' or 'grammar:ser'.")]]
    grading: NotRequired[
        Annotated[GradingSpec, Field(description="Overrides of the course's grading for this exercise.")]
    ]
    extra: NotRequired[
        Annotated[dict[str, Any], Field(description="Free JSON data for plugin exercise types.")]
    ]
    position: NotRequired[Position]


@with_config(_CONFIG)
class AssetSpec(TypedDict):
    """Material attached to a lesson: a video, a script or a quiz."""

    id: NotRequired[Annotated[Key, Field(description="Default: '<lesson id>.asset<1-based index>'.")]]
    kind: Literal["video", "script", "quiz"]
    title: NotRequired[Annotated[str, Field(max_length=200)]]
    uri: NotRequired[Annotated[str, Field(max_length=2048, description="Where the material lives.")]]
    content: NotRequired[Annotated[dict[str, Any], Field(description="Inline JSON content.")]]
    position: NotRequired[Position]


@with_config(_CONFIG)
class LessonSpec(TypedDict):
    """A playable sequence of exercises."""

    id: Key
    title: Annotated[str, Field(max_length=200)]
    description: NotRequired[Text]
    xp_reward: NotRequired[
        Annotated[int, Field(ge=0, le=10_000, description="XP for completing it; default: xp.lesson_reward.")]
    ]
    estimated_minutes: NotRequired[
        Annotated[int, Field(ge=1, le=600, json_schema_extra={"default": DEFAULT_ESTIMATED_MINUTES})]
    ]
    requires: NotRequired[
        Annotated[list[Key], Field(description="Ids of lessons that must be completed first.")]
    ]
    exercises: NotRequired[list[ExerciseSpec]]
    assets: NotRequired[list[AssetSpec]]
    position: NotRequired[Position]


@with_config(_CONFIG)
class UnitSpec(TypedDict):
    """A themed group of lessons: one node of the learning path."""

    id: Key
    title: Annotated[str, Field(max_length=200)]
    description: NotRequired[Text]
    icon: NotRequired[Annotated[str, Field(max_length=200)]]
    color: NotRequired[Annotated[str, Field(description="A colour like '#58CC02'.")]]
    lessons: NotRequired[list[LessonSpec]]
    position: NotRequired[Position]


@with_config(_CONFIG)
class SectionSpec(TypedDict):
    """A large block of the course, optionally at a CEFR level."""

    id: Key
    title: Annotated[str, Field(max_length=200)]
    description: NotRequired[Text]
    cefr_level: NotRequired[Literal["A1", "A2", "B1", "B2", "C1", "C2"]]
    units: NotRequired[
        Annotated[
            list[UnitSpec],
            Field(description="The units; in a course directory an item may be {include: unit-file.yaml}."),
        ]
    ]
    position: NotRequired[Position]


@with_config(_CONFIG)
class CourseSpec(TypedDict):
    """A whole course: the root of a course file."""

    format_version: Annotated[Literal[1], Field(description="The version of this format: 1.")]
    slug: Annotated[
        str, Field(pattern=SLUG_PATTERN, description="URL name: lowercase letters, digits, dashes.")
    ]
    id: NotRequired[
        Annotated[
            Key,
            Field(
                description="The course's stable key or UUID; default: the slug. Set it before "
                "renaming the slug, so ids (and learner progress) survive the rename."
            ),
        ]
    ]
    title: Annotated[str, Field(max_length=200)]
    description: NotRequired[Annotated[str, Field(max_length=5000)]]
    from_language: Annotated[str, Field(description="BCP-47 tag of the learners' language.")]
    to_language: Annotated[str, Field(description="BCP-47 tag of the language taught.")]
    languages: NotRequired[
        Annotated[list[LanguageSpec], Field(description="Language details stored with the course.")]
    ]
    published: NotRequired[Annotated[bool, Field(json_schema_extra={"default": False})]]
    unlock_rule: NotRequired[
        Annotated[
            Literal["sequential", "prerequisites"],
            Field(
                description="'sequential': each lesson also needs the one before it; "
                "'prerequisites': only the lessons' requires count.",
                json_schema_extra={"default": DEFAULT_UNLOCK_RULE},
            ),
        ]
    ]
    license: NotRequired[Annotated[str, Field(max_length=200, description="e.g. 'CC BY-SA 4.0'.")]]
    attribution: NotRequired[Annotated[str, Field(max_length=2000, description="Credit for the material.")]]
    grading: NotRequired[Annotated[GradingSpec, Field(description="How answers are compared, course-wide.")]]
    xp: NotRequired[XpSpec]
    sections: NotRequired[
        Annotated[
            list[SectionSpec],
            Field(description="The sections; in a course directory an item may be {include: file.yaml}."),
        ]
    ]


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _adapter(kind: type) -> TypeAdapter[Any]:
    name = kind.__name__
    if name not in _ADAPTERS:
        _ADAPTERS[name] = TypeAdapter(kind)
    return _ADAPTERS[name]


def course_adapter() -> TypeAdapter[CourseSpec]:
    """The validator of a whole course document (built once, on first use)."""
    return _adapter(CourseSpec)


def section_adapter() -> TypeAdapter[SectionSpec]:
    """The validator of one section (an included section file)."""
    return _adapter(SectionSpec)


def unit_adapter() -> TypeAdapter[UnitSpec]:
    """The validator of one unit (an included unit file)."""
    return _adapter(UnitSpec)
