"""The ports: what the core needs from the outside world, as protocols.

Adapters implement them; the core and its tests only ever see these shapes.
"""

from learncore.ports.blobs import BlobStore
from learncore.ports.clock import Clock, SystemClock
from learncore.ports.speech import SpeechProvider, SpeechProviderFactory, Transcriber
from learncore.ports.storage import (
    AchievementRepository,
    ContentRepository,
    ContentVersionRepository,
    LearnerRepository,
    LessonRunRepository,
    LogRepository,
    ProgressRepository,
    RewardRepository,
    Storage,
    StorageFactory,
    UnitOfWork,
)

__all__ = [
    "AchievementRepository",
    "BlobStore",
    "Clock",
    "ContentRepository",
    "ContentVersionRepository",
    "LearnerRepository",
    "LessonRunRepository",
    "LogRepository",
    "ProgressRepository",
    "RewardRepository",
    "SpeechProvider",
    "SpeechProviderFactory",
    "Storage",
    "StorageFactory",
    "SystemClock",
    "Transcriber",
    "UnitOfWork",
]
