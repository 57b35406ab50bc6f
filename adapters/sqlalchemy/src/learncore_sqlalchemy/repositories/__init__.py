"""The storage port's repositories over one SQLAlchemy session (one transaction)."""

from learncore_sqlalchemy.repositories.achievements import SqlAchievementRepository
from learncore_sqlalchemy.repositories.content import SqlContentRepository
from learncore_sqlalchemy.repositories.content_versions import SqlContentVersionRepository
from learncore_sqlalchemy.repositories.learners import SqlLearnerRepository
from learncore_sqlalchemy.repositories.logs import SqlLogRepository
from learncore_sqlalchemy.repositories.progress import SqlProgressRepository
from learncore_sqlalchemy.repositories.rewards import SqlRewardRepository
from learncore_sqlalchemy.repositories.runs import SqlLessonRunRepository

__all__ = [
    "SqlAchievementRepository",
    "SqlContentRepository",
    "SqlContentVersionRepository",
    "SqlLearnerRepository",
    "SqlLessonRunRepository",
    "SqlLogRepository",
    "SqlProgressRepository",
    "SqlRewardRepository",
]
