"""The pure domain: content, progress, rewards and results. No I/O, no frameworks.

An import-linter contract keeps it so; see ``pyproject.toml``.
"""

from learncore.domain.achievements import (
    AchievementDefinition,
    AchievementMetric,
    AchievementTier,
    AchievementUnlock,
)
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
from learncore.domain.hearts import HeartsLogEntry, HeartsPolicy, HeartsState
from learncore.domain.ids import new_id, stable_id
from learncore.domain.languages import Language, TextDirection
from learncore.domain.learners import Learner
from learncore.domain.ledger import LedgerDay
from learncore.domain.lesson_runs import AnswerResult, Attempt, LessonRun, LessonSummary, RunStatus
from learncore.domain.logs import ActivityEntry, AuditEntry
from learncore.domain.policies import RewardPolicies
from learncore.domain.practice import PracticeReward
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
from learncore.domain.stats import DayXp, LearnerStats
from learncore.domain.streaks import StreakChange, StreakPolicy, StreakQualifier, StreakState
from learncore.domain.tags import Tag
from learncore.domain.totals import LearnerTotals
from learncore.domain.xp import XpAward, XpPolicy

__all__ = [
    "AchievementDefinition",
    "AchievementMetric",
    "AchievementTier",
    "AchievementUnlock",
    "ActivityEntry",
    "AnswerResult",
    "Attempt",
    "AudioAsset",
    "AudioQuality",
    "AudioVariant",
    "AuditEntry",
    "Course",
    "CourseDeleted",
    "CourseSaved",
    "CourseSummary",
    "DayXp",
    "DiacriticsMode",
    "DomainEvent",
    "Enrollment",
    "EnrollmentStatus",
    "Exercise",
    "ExerciseOption",
    "ExerciseType",
    "GradingPolicy",
    "HeartsLogEntry",
    "HeartsPolicy",
    "HeartsState",
    "Hint",
    "Language",
    "Learner",
    "LearnerRegistered",
    "LearnerStats",
    "LearnerTotals",
    "LedgerDay",
    "Lesson",
    "LessonAsset",
    "LessonAssetKind",
    "LessonProgress",
    "LessonRun",
    "LessonStatus",
    "LessonSummary",
    "MatchPair",
    "PhonemeAssessment",
    "PracticeReward",
    "PrerequisiteGraph",
    "PronunciationAssessment",
    "RewardPolicies",
    "RunStatus",
    "Section",
    "SpellingVariant",
    "StreakChange",
    "StreakPolicy",
    "StreakQualifier",
    "StreakState",
    "Tag",
    "TextDirection",
    "TranscribedWord",
    "Transcript",
    "Unit",
    "UnlockRule",
    "WordAssessment",
    "WordError",
    "XpAward",
    "XpPolicy",
    "is_unlocked",
    "missing_prerequisites",
    "new_id",
    "next_lesson",
    "stable_id",
    "unlocked_lessons",
]
