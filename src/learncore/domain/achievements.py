"""Achievement definitions: data, so apps and plugins can add their own.

Evaluation against a learner's progress belongs to the learning loop; this module only
says what an achievement is.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable
from typing import Any

import attrs

from learncore.domain.validation import in_range, matches, max_length, member_of, non_blank, to_enum, where
from learncore.errors import InvalidContent

__all__ = ["AchievementDefinition", "AchievementMetric", "AchievementTier"]


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


def _tiers(tiers: Iterable[AchievementTier]) -> tuple[AchievementTier, ...]:
    return tuple(sorted(tiers, key=lambda tier: tier.level))


def _check_tiers(instance: object, attribute: Any, tiers: tuple[AchievementTier, ...]) -> None:
    if not tiers:
        raise InvalidContent(where(instance, attribute), "needs at least one tier")
    levels = [tier.level for tier in tiers]
    thresholds = [tier.threshold for tier in tiers]
    if levels != list(range(1, len(tiers) + 1)):
        raise InvalidContent(where(instance, attribute), f"levels must be 1, 2, 3…; got {levels}")
    if any(b <= a for a, b in itertools.pairwise(thresholds)):
        raise InvalidContent(
            where(instance, attribute), f"thresholds must rise with the level; got {thresholds}"
        )


def _metric(value: AchievementMetric | str) -> AchievementMetric:
    return to_enum(AchievementMetric, value)


@attrs.frozen
class AchievementDefinition:
    """An achievement: a stable ``key``, the metric it watches and its tiers."""

    key: str = attrs.field(
        validator=matches(
            r"[a-z][a-z0-9_.:-]{0,63}", "a key of lowercase letters, digits, '_', '.', ':' or '-'"
        )
    )
    title: str = attrs.field(validator=[non_blank, max_length(200)])
    metric: AchievementMetric = attrs.field(converter=_metric, validator=member_of(AchievementMetric))
    tiers: tuple[AchievementTier, ...] = attrs.field(converter=_tiers, validator=_check_tiers)
    description: str = attrs.field(default="", validator=max_length(2000))
