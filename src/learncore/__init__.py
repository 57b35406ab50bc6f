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
        Hint,
        Language,
        Learner,
        Lesson,
        LessonAsset,
        LessonAssetKind,
        LessonProgress,
        MatchPair,
        PronunciationAssessment,
        Section,
        Tag,
        Unit,
        UnlockRule,
        WordAssessment,
        WordError,
        new_id,
        stable_id,
    )
    from learncore.facade import Learncore, bootstrap
    from learncore.grading import Outcome, Verdict, grade_text
    from learncore.plugins import hookimpl
    from learncore.settings import LearncoreSettings

__version__ = "0.1.0"

_LAZY = {
    "bootstrap": "learncore.facade",
    "Learncore": "learncore.facade",
    "LearncoreSettings": "learncore.settings",
    "hookimpl": "learncore.plugins",
    "grade_text": "learncore.grading",
    "Outcome": "learncore.grading",
    "Verdict": "learncore.grading",
    **{
        name: "learncore.domain"
        for name in (
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
            "Hint",
            "Language",
            "Learner",
            "Lesson",
            "LessonAsset",
            "LessonAssetKind",
            "LessonProgress",
            "MatchPair",
            "PronunciationAssessment",
            "Section",
            "Tag",
            "Unit",
            "UnlockRule",
            "WordAssessment",
            "WordError",
            "new_id",
            "stable_id",
        )
    },
}

__all__ = sorted([*_LAZY, "LearncoreError", "__version__", "errors"])


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'learncore' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
