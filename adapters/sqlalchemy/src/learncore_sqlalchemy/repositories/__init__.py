"""The storage port's repositories over one SQLAlchemy session (one transaction)."""

from learncore_sqlalchemy.repositories.content import SqlContentRepository
from learncore_sqlalchemy.repositories.learners import SqlLearnerRepository
from learncore_sqlalchemy.repositories.logs import SqlLogRepository
from learncore_sqlalchemy.repositories.progress import SqlProgressRepository

__all__ = [
    "SqlContentRepository",
    "SqlLearnerRepository",
    "SqlLogRepository",
    "SqlProgressRepository",
]
