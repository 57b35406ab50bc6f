"""The mapped tables of learncore's SQL schema (separate from the domain's attrs classes).

``metadata`` holds every table; Alembic's autogenerate compares it with the
migrations.
"""

from learncore_sqlalchemy.models.achievements import (
    AchievementRow,
    AchievementUnlockRow,
    ExerciseTypeRow,
)
from learncore_sqlalchemy.models.base import TABLE_PREFIX, Base, Timestamped
from learncore_sqlalchemy.models.content import (
    AudioAssetRow,
    AudioVariantRow,
    CourseRow,
    ExerciseOptionRow,
    ExerciseRow,
    ExerciseTagRow,
    LanguageRow,
    LessonAssetRow,
    LessonPrerequisiteRow,
    LessonRow,
    SectionRow,
    TagRow,
    UnitRow,
)
from learncore_sqlalchemy.models.content_versions import (
    ArchivedLessonProgressRow,
    CourseSourceKeyRow,
    CourseVersionRow,
)
from learncore_sqlalchemy.models.learners import LearnerRow
from learncore_sqlalchemy.models.logs import ActivityRow, AuditRow
from learncore_sqlalchemy.models.progress import EnrollmentRow, LessonProgressRow
from learncore_sqlalchemy.models.rewards import (
    HeartsLogRow,
    HeartsRow,
    LearnerTotalsRow,
    LedgerDayRow,
    StreakRow,
)
from learncore_sqlalchemy.models.runs import AttemptRow, LessonRunRow

metadata = Base.metadata

__all__ = [
    "TABLE_PREFIX",
    "AchievementRow",
    "AchievementUnlockRow",
    "ActivityRow",
    "ArchivedLessonProgressRow",
    "AttemptRow",
    "AudioAssetRow",
    "AudioVariantRow",
    "AuditRow",
    "Base",
    "CourseRow",
    "CourseSourceKeyRow",
    "CourseVersionRow",
    "EnrollmentRow",
    "ExerciseOptionRow",
    "ExerciseRow",
    "ExerciseTagRow",
    "ExerciseTypeRow",
    "HeartsLogRow",
    "HeartsRow",
    "LanguageRow",
    "LearnerRow",
    "LearnerTotalsRow",
    "LedgerDayRow",
    "LessonAssetRow",
    "LessonPrerequisiteRow",
    "LessonProgressRow",
    "LessonRow",
    "LessonRunRow",
    "SectionRow",
    "StreakRow",
    "TagRow",
    "Timestamped",
    "UnitRow",
    "metadata",
]
