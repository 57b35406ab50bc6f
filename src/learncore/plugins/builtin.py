"""The plugin that ships inside learncore: registered first, before any entry point."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from learncore.domain.achievements import BUILTIN_ACHIEVEMENTS
from learncore.domain.exercises import Exercise, ExerciseType
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Verdict
from learncore.plugins.hookspecs import hookimpl
from learncore.ports.storage import Storage

__all__ = ["register_achievements", "register_exercise_types", "register_storage_backends"]


def _open_memory(url: str, options: Mapping[str, Any]) -> Storage:
    from learncore.storage.memory import MemoryStorage  # noqa: PLC0415 - loaded on first use only

    return MemoryStorage.from_url(url, options)


@hookimpl
def register_storage_backends(register: Any) -> None:
    """The in-memory backend, for tests, demos and embedding."""
    register("memory", _open_memory, schemes=("memory",))


@hookimpl
def register_achievements(register: Any) -> None:
    """The built-in achievements: lessons, XP, streak, perfect lessons, courses, speaking."""
    for definition in BUILTIN_ACHIEVEMENTS:
        register(definition)


def _builtin_grader(exercise_type: ExerciseType) -> Callable[..., Verdict]:
    """The grader of a built-in type; the grading engine (and rapidfuzz) load on first use."""

    def grade(exercise: Exercise, answer: Any, *, language: str, policy: GradingPolicy) -> Verdict:
        from learncore.domain.grading.dispatch import BUILTIN_GRADERS  # noqa: PLC0415

        return BUILTIN_GRADERS[exercise_type](exercise, answer, language=language, policy=policy)

    grade.__name__ = grade.__qualname__ = f"grade_{exercise_type.value}"
    return grade


@hookimpl
def register_exercise_types(register: Any) -> None:
    """Every built-in exercise type, with its grader from ``learncore.domain.grading``."""
    for exercise_type in ExerciseType:
        register(exercise_type.value, _builtin_grader(exercise_type))
