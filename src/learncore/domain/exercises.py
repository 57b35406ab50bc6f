"""Exercises and their options: what a learner answers inside a lesson."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable
from typing import Any
from uuid import UUID

import attrs

from learncore.domain.audio import AudioAsset
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.tags import Tag
from learncore.domain.validation import (
    in_range,
    instances_of,
    is_uuid,
    max_length,
    non_blank,
    unique,
    where,
)
from learncore.errors import InvalidContent, UnknownExerciseType

__all__ = [
    "BLANK_MARKER",
    "Exercise",
    "ExerciseOption",
    "ExerciseType",
    "Hint",
    "MatchPair",
    "answer_to",
    "is_plugin_exercise_type",
]

# Where the answer goes in a fill_blank prompt: three or more underscores.
BLANK_MARKER = re.compile(r"_{3,}")


class ExerciseType(enum.StrEnum):
    """The built-in exercise types. Plugins add types named ``"<namespace>:<name>"``."""

    TRANSLATE = "translate"
    MULTIPLE_CHOICE = "multiple_choice"
    LISTEN_TYPE = "listen_type"
    SPEAK = "speak"
    WORD_BANK = "word_bank"
    MATCH_PAIRS = "match_pairs"
    FILL_BLANK = "fill_blank"


_PLUGIN_TYPE = re.compile(r"[a-z][a-z0-9_.-]*:[a-z][a-z0-9_]*")


def is_plugin_exercise_type(value: str) -> bool:
    """Whether ``value`` is a namespaced plugin type such as ``"acme:drag_drop"``."""
    return bool(_PLUGIN_TYPE.fullmatch(value))


def _to_exercise_type(value: Any) -> Any:
    if isinstance(value, ExerciseType):
        return value
    try:
        return ExerciseType(value)
    except ValueError:
        return value


def _check_exercise_type(instance: object, attribute: Any, value: Any) -> None:
    if isinstance(value, ExerciseType):
        return
    if isinstance(value, str) and is_plugin_exercise_type(value):
        return
    known = [member.value for member in ExerciseType]
    close = difflib.get_close_matches(str(value), known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UnknownExerciseType(
        where(instance, attribute),
        f"unknown exercise type {value!r}{hint} Built-in types are {', '.join(known)}; "
        "plugin types are namespaced, like 'acme:drag_drop'",
    )


@attrs.frozen
class ExerciseOption:
    """A choice (multiple choice) or a tile (word bank); ``is_correct`` marks the right ones."""

    id: UUID = attrs.field(validator=is_uuid)
    text: str = attrs.field(validator=[non_blank, max_length(500)])
    is_correct: bool = False
    image_uri: str | None = attrs.field(default=None, validator=max_length(2048))


@attrs.frozen
class MatchPair:
    """Two texts the learner must connect in a match_pairs exercise."""

    left: str = attrs.field(validator=[non_blank, max_length(200)])
    right: str = attrs.field(validator=[non_blank, max_length(200)])


@attrs.frozen
class Hint:
    """Help shown on request; ``word`` is the word it explains, if any (a mini-dictionary entry)."""

    text: str = attrs.field(validator=[non_blank, max_length(500)])
    word: str | None = attrs.field(default=None, validator=max_length(200))


def _options(items: Iterable[ExerciseOption]) -> tuple[ExerciseOption, ...]:
    return tuple(items)


def _pairs(items: Iterable[MatchPair]) -> tuple[MatchPair, ...]:
    return tuple(items)


def _hints(items: Iterable[Hint]) -> tuple[Hint, ...]:
    return tuple(items)


def _tags(items: Iterable[Tag]) -> frozenset[Tag]:
    return frozenset(items)


def _texts(values: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)  # a lone string is one answer, not a sequence of letters
    return tuple(values)


def _check_texts(instance: object, attribute: Any, values: tuple[Any, ...]) -> None:
    for index, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            raise InvalidContent(f"{where(instance, attribute)}[{index}]", "must be non-empty text")


@attrs.frozen
class Exercise:
    """One task in a lesson. Which fields matter depends on ``type``; the rules are checked here.

    ``accepted_answers`` may use the authoring syntax of the grading engine
    (``I [am|'m] (very) happy``). For ``speak`` the first accepted answer is the
    reference text to read aloud.
    """

    id: UUID = attrs.field(validator=is_uuid)
    type: ExerciseType | str = attrs.field(
        converter=_to_exercise_type, validator=_check_exercise_type
    )
    prompt: str = attrs.field(validator=[non_blank, max_length(2000)])
    position: int = attrs.field(default=0, validator=in_range(0, 1_000_000))
    accepted_answers: tuple[str, ...] = attrs.field(
        default=(), converter=_texts, validator=_check_texts
    )
    options: tuple[ExerciseOption, ...] = attrs.field(
        default=(),
        converter=_options,
        validator=[instances_of(ExerciseOption, "ExerciseOption"), unique(lambda o: o.id, "option id")],
    )
    multiple_answers: bool = False
    pairs: tuple[MatchPair, ...] = attrs.field(
        default=(), converter=_pairs, validator=instances_of(MatchPair, "MatchPair")
    )
    hints: tuple[Hint, ...] = attrs.field(
        default=(), converter=_hints, validator=instances_of(Hint, "Hint")
    )
    difficulty: int = attrs.field(default=1, validator=in_range(1, 5))
    audio: AudioAsset | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(AudioAsset))
    )
    tags: frozenset[Tag] = attrs.field(
        default=frozenset(), converter=_tags, validator=instances_of(Tag, "Tag")
    )
    # None means "use the course's policy".
    grading: GradingPolicy | None = None
    # Free-form, JSON-compatible data for plugin exercise types. Left out of the hash
    # because dicts are unhashable; still part of equality.
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        rule = _STRUCTURE_RULES.get(self.type)  # type: ignore[call-overload]
        if rule is not None:
            rule(self)

    @property
    def correct_options(self) -> tuple[ExerciseOption, ...]:
        """The options marked correct, in display order."""
        return tuple(option for option in self.options if option.is_correct)

    @property
    def reference_text(self) -> str:
        """What a speak exercise asks the learner to say (its first accepted answer)."""
        return self.accepted_answers[0] if self.accepted_answers else self.prompt


def answer_to(exercise: Exercise) -> str:
    """Where an answer to ``exercise`` went wrong, for an error message."""
    # A function, not a string built up front: formatting the id costs more than
    # grading a right answer to a multiple-choice question.
    return f"answer to exercise {exercise.id}"


def _needs_answers(exercise: Exercise) -> None:
    if not exercise.accepted_answers:
        raise InvalidContent(
            "Exercise.accepted_answers",
            f"a {exercise.type} exercise needs at least one accepted answer",
        )


def _multiple_choice(exercise: Exercise) -> None:
    if len(exercise.options) < 2:
        raise InvalidContent("Exercise.options", "multiple choice needs at least two options")
    correct = len(exercise.correct_options)
    if correct == 0:
        raise InvalidContent(
            "Exercise.options", "multiple choice needs at least one option marked correct"
        )
    if correct > 1 and not exercise.multiple_answers:
        raise InvalidContent(
            "Exercise.options",
            f"{correct} options are marked correct; set multiple_answers=True for a multi-select question",
        )


def _word_bank(exercise: Exercise) -> None:
    _needs_answers(exercise)
    if not exercise.options:
        raise InvalidContent("Exercise.options", "a word bank needs its tiles as options")


def _match_pairs(exercise: Exercise) -> None:
    if len(exercise.pairs) < 2:
        raise InvalidContent("Exercise.pairs", "match_pairs needs at least two pairs")
    for side in ("left", "right"):
        seen: set[str] = set()
        for pair in exercise.pairs:
            text = getattr(pair, side)
            if text in seen:
                raise InvalidContent("Exercise.pairs", f"{text!r} appears twice on the {side}")
            seen.add(text)


def _fill_blank(exercise: Exercise) -> None:
    _needs_answers(exercise)
    if not BLANK_MARKER.search(exercise.prompt):
        raise InvalidContent(
            "Exercise.prompt", "a fill_blank prompt must mark the blank with '___'"
        )


_STRUCTURE_RULES = {
    ExerciseType.TRANSLATE: _needs_answers,
    ExerciseType.LISTEN_TYPE: _needs_answers,
    ExerciseType.SPEAK: _needs_answers,
    ExerciseType.MULTIPLE_CHOICE: _multiple_choice,
    ExerciseType.WORD_BANK: _word_bank,
    ExerciseType.MATCH_PAIRS: _match_pairs,
    ExerciseType.FILL_BLANK: _fill_blank,
}
