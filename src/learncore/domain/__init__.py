"""The pure domain: content, progress, rewards and results. No I/O, no frameworks.

An import-linter contract keeps it so; see ``pyproject.toml``.
"""

from learncore.domain.audio import AudioAsset, AudioQuality, AudioVariant
from learncore.domain.course_tree import (
    is_unlocked,
    missing_prerequisites,
    next_lesson,
    unlocked_lessons,
)
from learncore.domain.courses import (
    Course,
    CourseSummary,
    Lesson,
    LessonAsset,
    LessonAssetKind,
    Section,
    Unit,
    UnlockRule,
)
from learncore.domain.events import CourseDeleted, CourseSaved, DomainEvent, LearnerRegistered
from learncore.domain.exercises import Exercise, ExerciseOption, ExerciseType, Hint, MatchPair
from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy, SpellingVariant
from learncore.domain.ids import new_id, stable_id
from learncore.domain.languages import Language, TextDirection
from learncore.domain.learners import Learner
from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.domain.prerequisites import PrerequisiteGraph
from learncore.domain.progress import Enrollment, EnrollmentStatus, LessonProgress, LessonStatus
from learncore.domain.pronunciation import (
    PhonemeAssessment,
    PronunciationAssessment,
    TranscribedWord,
    Transcript,
    WordAssessment,
    WordError,
)
from learncore.domain.tags import Tag

__all__ = [
    "ActivityEntry",
    "AudioAsset",
    "AudioQuality",
    "AudioVariant",
    "AuditEntry",
    "Course",
    "CourseDeleted",
    "CourseSaved",
    "CourseSummary",
    "DiacriticsMode",
    "DomainEvent",
    "Enrollment",
    "EnrollmentStatus",
    "Exercise",
    "ExerciseOption",
    "ExerciseType",
    "GradingPolicy",
    "Hint",
    "Language",
    "Learner",
    "LearnerRegistered",
    "Lesson",
    "LessonAsset",
    "LessonAssetKind",
    "LessonProgress",
    "LessonStatus",
    "MatchPair",
    "PhonemeAssessment",
    "PrerequisiteGraph",
    "PronunciationAssessment",
    "Section",
    "SpellingVariant",
    "Tag",
    "TextDirection",
    "TranscribedWord",
    "Transcript",
    "Unit",
    "UnlockRule",
    "WordAssessment",
    "WordError",
    "is_unlocked",
    "missing_prerequisites",
    "new_id",
    "next_lesson",
    "stable_id",
    "unlocked_lessons",
]
