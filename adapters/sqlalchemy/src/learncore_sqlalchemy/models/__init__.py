"""The mapped tables of learncore's SQL schema (separate from the domain's attrs classes).

``metadata`` holds every table; Alembic's autogenerate compares it with the
migrations.
"""

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
from learncore_sqlalchemy.models.learners import LearnerRow
from learncore_sqlalchemy.models.logs import ActivityRow, AuditRow
from learncore_sqlalchemy.models.progress import EnrollmentRow, LessonProgressRow

metadata = Base.metadata

__all__ = [
    "TABLE_PREFIX",
    "ActivityRow",
    "AudioAssetRow",
    "AudioVariantRow",
    "AuditRow",
    "Base",
    "CourseRow",
    "EnrollmentRow",
    "ExerciseOptionRow",
    "ExerciseRow",
    "ExerciseTagRow",
    "LanguageRow",
    "LearnerRow",
    "LessonAssetRow",
    "LessonPrerequisiteRow",
    "LessonProgressRow",
    "LessonRow",
    "SectionRow",
    "TagRow",
    "Timestamped",
    "UnitRow",
    "metadata",
]
