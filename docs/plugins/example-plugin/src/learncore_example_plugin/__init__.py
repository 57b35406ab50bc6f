"""An example learncore plugin, installed and loaded by learncore's own test suite."""

from __future__ import annotations

from typing import Any

from learncore.domain.achievements import AchievementDefinition, AchievementTier
from learncore.domain.grading.verdict import Outcome, Verdict
from learncore.plugins import hookimpl

# Event types seen since import; a real plugin would forward them to analytics.
SEEN_EVENTS: list[str] = []


@hookimpl
def register_achievements(register: Any) -> None:
    """A three-tier achievement on completed lessons."""
    register(
        AchievementDefinition(
            key="example.bookworm",
            title="Bookworm",
            metric="lessons_completed",
            tiers=[AchievementTier(1, 10), AchievementTier(2, 50), AchievementTier(3, 200)],
            description="Complete lessons.",
        )
    )


def grade_reversed(exercise: Any, answer: Any, **_: Any) -> Verdict:
    """The learner types the prompt backwards."""
    expected = exercise.prompt[::-1]
    outcome = Outcome.CORRECT if str(answer).strip() == expected else Outcome.INCORRECT
    return Verdict(outcome=outcome, matched=expected)


@hookimpl
def register_exercise_types(register: Any) -> None:
    """Exercise type ``example:reverse``."""
    register("example:reverse", grade_reversed)


@hookimpl
def on_event(event: Any) -> None:
    """Record each committed event's type."""
    SEEN_EVENTS.append(event.type)
