"""learncore: the engine of gamified learning apps.

>>> import learncore
>>> app = learncore.bootstrap(load_entry_points=False)

Names are loaded on first use, so ``import learncore`` stays fast and pulls in no
framework or SDK.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from learncore import errors
from learncore.errors import LearncoreError

if TYPE_CHECKING:
    from learncore.domain import (
        AchievementDefinition,
        AchievementTier,
        AnswerResult,
        AudioAsset,
        AudioQuality,
        AudioVariant,
        Course,
        CourseSummary,
        DiacriticsMode,
        DomainEvent,
        Enrollment,
        Exercise,
        ExerciseOption,
        ExerciseType,
        GradingPolicy,
        HeartsPolicy,
        Hint,
        Language,
        Learner,
        LearnerStats,
        Lesson,
        LessonAsset,
        LessonAssetKind,
        LessonProgress,
        LessonRun,
        LessonSummary,
        MatchPair,
        PronunciationAssessment,
        RewardPolicies,
        Section,
        StreakPolicy,
        Tag,
        Unit,
        UnlockRule,
        WordAssessment,
        WordError,
        XpPolicy,
        new_id,
        stable_id,
    )
    from learncore.facade import Learncore, RetryPolicy, bootstrap
    from learncore.grading import Outcome, Verdict, grade_text
    from learncore.plugins import hookimpl
    from learncore.settings import LearncoreSettings

__version__ = "0.1.0"

# Where each lazily loaded public name lives.
_LAZY: dict[str, str] = {
    "bootstrap": "learncore.facade",
    "Learncore": "learncore.facade",
    "RetryPolicy": "learncore.facade",
    "LearncoreSettings": "learncore.settings",
    "hookimpl": "learncore.plugins",
    "grade_text": "learncore.grading",
    "Outcome": "learncore.grading",
    "Verdict": "learncore.grading",
    "AudioAsset": "learncore.domain",
    "AudioQuality": "learncore.domain",
    "AudioVariant": "learncore.domain",
    "Course": "learncore.domain",
    "CourseSummary": "learncore.domain",
    "DiacriticsMode": "learncore.domain",
    "DomainEvent": "learncore.domain",
    "Enrollment": "learncore.domain",
    "Exercise": "learncore.domain",
    "ExerciseOption": "learncore.domain",
    "ExerciseType": "learncore.domain",
    "GradingPolicy": "learncore.domain",
    "Hint": "learncore.domain",
    "Language": "learncore.domain",
    "Learner": "learncore.domain",
    "Lesson": "learncore.domain",
    "LessonAsset": "learncore.domain",
    "LessonAssetKind": "learncore.domain",
    "LessonProgress": "learncore.domain",
    "MatchPair": "learncore.domain",
    "PronunciationAssessment": "learncore.domain",
    "Section": "learncore.domain",
    "Tag": "learncore.domain",
    "Unit": "learncore.domain",
    "UnlockRule": "learncore.domain",
    "WordAssessment": "learncore.domain",
    "WordError": "learncore.domain",
    "new_id": "learncore.domain",
    "stable_id": "learncore.domain",
    "AchievementDefinition": "learncore.domain",
    "AchievementTier": "learncore.domain",
    "AnswerResult": "learncore.domain",
    "HeartsPolicy": "learncore.domain",
    "LearnerStats": "learncore.domain",
    "LessonRun": "learncore.domain",
    "LessonSummary": "learncore.domain",
    "RewardPolicies": "learncore.domain",
    "StreakPolicy": "learncore.domain",
    "XpPolicy": "learncore.domain",
}

__all__ = [
    "AchievementDefinition",
    "AchievementTier",
    "AnswerResult",
    "AudioAsset",
    "AudioQuality",
    "AudioVariant",
    "Course",
    "CourseSummary",
    "DiacriticsMode",
    "DomainEvent",
    "Enrollment",
    "Exercise",
    "ExerciseOption",
    "ExerciseType",
    "GradingPolicy",
    "HeartsPolicy",
    "Hint",
    "Language",
    "Learncore",
    "LearncoreError",
    "LearncoreSettings",
    "Learner",
    "LearnerStats",
    "Lesson",
    "LessonAsset",
    "LessonAssetKind",
    "LessonProgress",
    "LessonRun",
    "LessonSummary",
    "MatchPair",
    "Outcome",
    "PronunciationAssessment",
    "RetryPolicy",
    "RewardPolicies",
    "Section",
    "StreakPolicy",
    "Tag",
    "Unit",
    "UnlockRule",
    "Verdict",
    "WordAssessment",
    "WordError",
    "XpPolicy",
    "__version__",
    "bootstrap",
    "errors",
    "grade_text",
    "hookimpl",
    "new_id",
    "stable_id",
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'learncore' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
