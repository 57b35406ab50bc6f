"""Achievements: definitions as data, and their idempotent evaluation.

A definition watches one metric (lessons completed, total XP, longest streak...) and
has tiers with rising thresholds. Evaluation is a pure function of the learner's
metric values and the tiers they already hold, so running it twice, or on a backfill
over history, unlocks each (learner, key, tier) at most once; storage enforces the
same rule with a unique key, for concurrent completions.

Built-in definitions (:data:`BUILTIN_ACHIEVEMENTS`) are registered by learncore's own
plugin; other plugins add theirs through the ``register_achievements`` hook.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from itertools import pairwise
from typing import Any
from uuid import UUID

import attrs

from learncore.domain.totals import LearnerTotals
from learncore.domain.validation import (
    aware_datetime,
    in_range,
    is_uuid,
    matches,
    max_length,
    member_of,
    non_blank,
    to_enum,
    where,
)
from learncore.errors import InvalidContent

__all__ = [
    "BUILTIN_ACHIEVEMENTS",
    "AchievementDefinition",
    "AchievementMetric",
    "AchievementTier",
    "AchievementUnlock",
    "due_unlocks",
    "metric_values",
]

KEY_PATTERN = r"[a-z][a-z0-9_.:-]{0,63}"


class AchievementMetric(enum.StrEnum):
    """The counters achievements can be defined on."""

    LESSONS_COMPLETED = "lessons_completed"
    TOTAL_XP = "total_xp"
    STREAK_LENGTH = "streak_length"
    PERFECT_LESSONS = "perfect_lessons"
    COURSES_COMPLETED = "courses_completed"
    SPEAKING_PASSED = "speaking_passed"


@attrs.frozen
class AchievementTier:
    """One level of an achievement, reached when the metric hits ``threshold``."""

    level: int = attrs.field(validator=in_range(1, 100))
    threshold: int = attrs.field(validator=in_range(1, 2**62))
    title: str = attrs.field(default="", validator=max_length(200))


def _check_tiers(instance: object, attribute: Any, tiers: tuple[AchievementTier, ...]) -> None:
    if not tiers:
        raise InvalidContent(where(instance, attribute), "needs at least one tier")
    if not all(isinstance(tier, AchievementTier) for tier in tiers):
        raise InvalidContent(where(instance, attribute), "must hold AchievementTier objects")
    levels = [tier.level for tier in tiers]
    thresholds = [tier.threshold for tier in tiers]
    if levels != list(range(1, len(tiers) + 1)):
        raise InvalidContent(where(instance, attribute), f"levels must be 1, 2, 3…; got {levels}")
    if any(b <= a for a, b in pairwise(thresholds)):
        raise InvalidContent(
            where(instance, attribute), f"thresholds must rise with the level; got {thresholds}"
        )


def _sorted_tiers(tiers: Iterable[AchievementTier]) -> tuple[AchievementTier, ...]:
    try:
        return tuple(sorted(tiers, key=lambda t: t.level))
    except (AttributeError, TypeError):
        return tuple(tiers)  # the validator names the problem


def _metric(value: AchievementMetric | str) -> AchievementMetric:
    return to_enum(AchievementMetric, value)


@attrs.frozen
class AchievementDefinition:
    """An achievement: a stable ``key``, the metric it watches and its tiers."""

    key: str = attrs.field(
        validator=matches(KEY_PATTERN, "a key of lowercase letters, digits, '_', '.', ':' or '-'")
    )
    title: str = attrs.field(validator=[non_blank, max_length(200)])
    metric: AchievementMetric = attrs.field(converter=_metric, validator=member_of(AchievementMetric))
    tiers: tuple[AchievementTier, ...] = attrs.field(
        converter=_sorted_tiers, validator=_check_tiers
    )
    description: str = attrs.field(default="", validator=max_length(2000))


@attrs.frozen
class AchievementUnlock:
    """A tier a learner reached. Unique per (learner, key, tier)."""

    learner_id: UUID = attrs.field(validator=is_uuid)
    key: str = attrs.field(validator=matches(KEY_PATTERN, "an achievement key"))
    tier: int = attrs.field(validator=in_range(1, 100))
    unlocked_at: datetime = attrs.field(validator=aware_datetime)
    title: str = attrs.field(default="", validator=max_length(200))
    metric: AchievementMetric = attrs.field(
        default=AchievementMetric.LESSONS_COMPLETED,
        converter=_metric,
        validator=member_of(AchievementMetric),
    )
    threshold: int = attrs.field(default=1, validator=in_range(1, 2**62))
    # True when found by a backfill over history rather than by a live event.
    backfilled: bool = False


def metric_values(totals: LearnerTotals, longest_streak: int) -> dict[AchievementMetric, int]:
    """The value of every metric for a learner; streak achievements use the longest streak."""
    return {
        AchievementMetric.LESSONS_COMPLETED: totals.lessons_completed,
        AchievementMetric.TOTAL_XP: totals.total_xp,
        AchievementMetric.STREAK_LENGTH: longest_streak,
        AchievementMetric.PERFECT_LESSONS: totals.perfect_lessons,
        AchievementMetric.COURSES_COMPLETED: totals.courses_completed,
        AchievementMetric.SPEAKING_PASSED: totals.speaking_passed,
    }


def due_unlocks(
    definitions: Iterable[AchievementDefinition],
    values: Mapping[AchievementMetric, int],
    held: Collection[tuple[str, int]],
) -> list[tuple[AchievementDefinition, AchievementTier]]:
    """Every (definition, tier) whose threshold is reached and that is not in ``held``.

    ``held`` holds ``(key, tier level)`` pairs already unlocked. Lower tiers come
    before higher ones, so a backfill unlocks "7-day streak" before "30-day streak".
    """
    due = []
    for definition in definitions:
        value = values.get(definition.metric, 0)
        for tier in definition.tiers:
            if tier.threshold > value:
                break  # thresholds rise with the level
            if (definition.key, tier.level) not in held:
                due.append((definition, tier))
    return due


def _tiers(*steps: tuple[int, str]) -> tuple[AchievementTier, ...]:
    return tuple(
        AchievementTier(level=i, threshold=threshold, title=title)
        for i, (threshold, title) in enumerate(steps, start=1)
    )


BUILTIN_ACHIEVEMENTS: tuple[AchievementDefinition, ...] = (
    AchievementDefinition(
        key="lessons",
        title="Scholar",
        metric=AchievementMetric.LESSONS_COMPLETED,
        description="Complete lessons.",
        tiers=_tiers((1, "First lesson"), (10, "10 lessons"), (50, "50 lessons"),
                     (100, "100 lessons"), (500, "500 lessons")),
    ),
    AchievementDefinition(
        key="xp",
        title="XP Olympian",
        metric=AchievementMetric.TOTAL_XP,
        description="Earn XP.",
        tiers=_tiers((100, "100 XP"), (1000, "1,000 XP"), (5000, "5,000 XP"),
                     (20000, "20,000 XP")),
    ),
    AchievementDefinition(
        key="streak",
        title="Wildfire",
        metric=AchievementMetric.STREAK_LENGTH,
        description="Practise several days in a row.",
        tiers=_tiers((3, "3-day streak"), (7, "7-day streak"), (30, "30-day streak"),
                     (100, "100-day streak"), (365, "365-day streak")),
    ),
    AchievementDefinition(
        key="perfect",
        title="Sharpshooter",
        metric=AchievementMetric.PERFECT_LESSONS,
        description="Finish lessons without a mistake.",
        tiers=_tiers((1, "First perfect lesson"), (10, "10 perfect lessons"),
                     (50, "50 perfect lessons")),
    ),
    AchievementDefinition(
        key="courses",
        title="Graduate",
        metric=AchievementMetric.COURSES_COMPLETED,
        description="Complete whole courses.",
        tiers=_tiers((1, "First course"), (3, "3 courses")),
    ),
    AchievementDefinition(
        key="speaking",
        title="Chatterbox",
        metric=AchievementMetric.SPEAKING_PASSED,
        description="Pass speaking exercises.",
        tiers=_tiers((1, "First words"), (25, "25 spoken answers"), (100, "100 spoken answers")),
    ),
)
