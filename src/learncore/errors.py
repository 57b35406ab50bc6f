"""Every error learncore raises on purpose.

All of them derive from :class:`LearncoreError`, and most also from the builtin
that matches their meaning, so ``except LookupError`` keeps working for callers
who do not know about learncore.  Errors about outside data carry a
``location`` (a field path, ``file:line``, a CSV row) and a ``reason``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only annotations need it; keeps ``import learncore`` lean
    from datetime import datetime

__all__ = [
    "AlreadyExists",
    "AttemptConflict",
    "AudioDecoderMissing",
    "AudioRejected",
    "BlobNotFound",
    "ConcurrentUpdate",
    "Conflict",
    "CourseFileTooLarge",
    "ExerciseNotPending",
    "InvalidAnswerPattern",
    "InvalidContent",
    "InvalidCourseFile",
    "InvalidInput",
    "InvalidSettings",
    "LearncoreError",
    "LessonLocked",
    "LessonNotFinished",
    "MalformedProviderResponse",
    "NotEnrolled",
    "NotFound",
    "OutOfHearts",
    "PluginConflict",
    "PluginError",
    "PrerequisiteCycle",
    "ProviderAuthenticationFailed",
    "ProviderRateLimited",
    "ProviderRejectedRequest",
    "ProviderTimeout",
    "ProviderUnavailable",
    "RunNotActive",
    "SchemaNotMigrated",
    "SpeechError",
    "SpeechNotConfigured",
    "StorageError",
    "StorageFeatureMissing",
    "StorageUnavailable",
    "StreakNotRepairable",
    "UnknownCourse",
    "UnknownExercise",
    "UnknownExerciseType",
    "UnknownLanguage",
    "UnknownLearner",
    "UnknownLesson",
    "UnknownRegistration",
    "UnknownRun",
    "UnknownSpeechProvider",
    "UnknownStorageBackend",
    "UnsafeYaml",
]


class LearncoreError(Exception):
    """Base class of every error learncore raises on purpose."""


# --- bad input --------------------------------------------------------------


class InvalidInput(LearncoreError, ValueError):
    """Raised when outside data is malformed; ``location`` says where, ``reason`` why."""

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(f"{location}: {reason}" if location else reason)


class InvalidContent(InvalidInput):
    """Raised when a course, lesson, exercise or other content object would be invalid."""


class UnknownExerciseType(InvalidContent):
    """Raised when an exercise names a type that is neither built in nor namespaced."""


class PrerequisiteCycle(InvalidContent):
    """Raised when a lesson prerequisite would close a cycle; ``cycle`` lists it."""

    def __init__(
        self,
        cycle: Sequence[Any],
        location: str = "prerequisites",
        labels: Sequence[str] | None = None,
    ) -> None:
        self.cycle = tuple(cycle)
        path = " -> ".join(labels if labels is not None else [str(node) for node in self.cycle])
        super().__init__(location, f"prerequisites would form a cycle: {path}")


class InvalidAnswerPattern(InvalidContent):
    """Raised when an accepted-answer pattern is malformed or expands to too many answers."""


class InvalidSettings(InvalidInput):
    """Raised when settings or a storage/speech URL cannot be understood."""


# --- lookups ----------------------------------------------------------------


class NotFound(LearncoreError, LookupError):
    """Raised when an id names nothing in storage; ``kind`` and ``key`` say what was asked."""

    kind = "object"

    def __init__(self, key: object) -> None:
        self.key = key
        super().__init__(f"no {self.kind} with id {key!s}")


class UnknownCourse(NotFound):
    """Raised when no course has the given id or slug."""

    kind = "course"


class UnknownLesson(NotFound):
    """Raised when no lesson has the given id."""

    kind = "lesson"


class UnknownExercise(NotFound):
    """Raised when no exercise has the given id."""

    kind = "exercise"


class UnknownLearner(NotFound):
    """Raised when no learner has the given id."""

    kind = "learner"


class BlobNotFound(NotFound):
    """Raised when a blob store has nothing under the given key."""

    kind = "blob"


class UnknownLanguage(NotFound):
    """Raised when no language has the given BCP-47 code."""

    kind = "language"


# --- state conflicts --------------------------------------------------------


class Conflict(LearncoreError):
    """Raised when a request contradicts the stored state (it may succeed after a re-read)."""


class AlreadyExists(Conflict):
    """Raised when creating something whose id or unique key is already taken."""

    def __init__(self, kind: str, key: object) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"a {kind} with key {key!s} already exists")


class ConcurrentUpdate(Conflict):
    """Raised when another transaction changed the same rows first; retrying is safe."""


# --- storage ----------------------------------------------------------------


class StorageError(LearncoreError):
    """Base class of storage failures that are not about the caller's data."""


class StorageUnavailable(StorageError, ConnectionError):
    """Raised when the storage backend cannot be reached (the URL is shown with its password masked)."""


class SchemaNotMigrated(StorageError):
    """Raised when a database schema is behind (or ahead of) its backend; the message says how to fix it."""


# --- plugins ----------------------------------------------------------------


class PluginError(LearncoreError):
    """Raised when a plugin cannot be loaded or registers something malformed."""


class PluginConflict(PluginError):
    """Raised when two plugins register the same name for the same kind of thing."""

    def __init__(self, kind: str, name: str, first: str, second: str) -> None:
        self.kind = kind
        self.name = name
        super().__init__(
            f"{kind} {name!r} is registered by both {first!r} and {second!r}; "
            "uninstall one, or restrict loading with LEARNCORE_LOAD_PLUGINS"
        )


class UnknownRegistration(PluginError, LookupError):
    """Raised when no loaded plugin registered the requested name; ``available`` lists what did."""

    what = "registration"

    def __init__(self, requested: str, available: Sequence[str]) -> None:
        self.requested = requested
        self.available = tuple(available)
        super().__init__(
            f"no {self.what} for {requested!r}; available: {', '.join(self.available) or 'none'}"
        )


class UnknownStorageBackend(UnknownRegistration):
    """Raised when no loaded plugin provides the requested storage backend or URL scheme."""

    what = "storage backend"


class UnknownSpeechProvider(UnknownRegistration):
    """Raised when no loaded plugin provides the requested speech provider."""

    what = "speech provider"


# --- speech -----------------------------------------------------------------


class SpeechError(LearncoreError):
    """Base class of pronunciation-assessment failures."""


class SpeechNotConfigured(SpeechError):
    """Raised when pronunciation is assessed but no speech provider was configured."""


class AudioRejected(SpeechError, ValueError):
    """Raised when audio is unusable (bad format, empty, silent, too big, too long); ``reason`` says which."""

    def __init__(self, reason: str, *, location: str = "audio") -> None:
        self.reason = reason
        self.location = location
        super().__init__(f"{location}: {reason}")


class ProviderUnavailable(SpeechError, ConnectionError):
    """Raised when a speech provider cannot be reached or refuses service; a fallback may answer."""

    def __init__(self, provider: str, detail: str) -> None:
        self.provider = provider
        super().__init__(f"speech provider {provider!r} is unavailable: {detail}")


class ProviderTimeout(ProviderUnavailable, TimeoutError):
    """Raised when a speech provider does not answer within its deadline."""

    def __init__(self, provider: str, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(provider, f"no answer within {seconds:g} s")


class ProviderRateLimited(ProviderUnavailable):
    """Raised when a speech provider says too many requests; ``retry_after`` is seconds, if known."""

    def __init__(self, provider: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        hint = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        super().__init__(provider, f"rate limited{hint}")


class ProviderAuthenticationFailed(SpeechError, PermissionError):
    """Raised when a speech provider rejects its credentials (no fallback: it is a setup error)."""

    def __init__(self, provider: str, detail: str) -> None:
        self.provider = provider
        super().__init__(f"speech provider {provider!r} rejected the credentials: {detail}")


class MalformedProviderResponse(SpeechError):
    """Raised when a speech provider answers with something that cannot be parsed."""

    def __init__(self, provider: str, detail: str) -> None:
        self.provider = provider
        super().__init__(f"speech provider {provider!r} sent a malformed response: {detail}")


class ProviderRejectedRequest(SpeechError, ValueError):
    """Raised when a speech provider refuses a request as invalid (an unsupported language or model)."""

    def __init__(self, provider: str, detail: str) -> None:
        self.provider = provider
        super().__init__(f"speech provider {provider!r} rejected the request: {detail}")



class AudioDecoderMissing(SpeechError, ImportError):
    """Raised when audio needs decoding but PyAV is missing (``pip install 'learncore[audio]'``)."""


# --- the learning loop --------------------------------------------------------


class UnknownRun(NotFound):
    """Raised when no lesson run has the given id."""

    kind = "lesson run"


class RunNotActive(Conflict):
    """Raised when answering in, completing or abandoning a run that is already over."""

    def __init__(self, run_id: object, status: str) -> None:
        self.run_id = run_id
        self.status = status
        super().__init__(
            f"lesson run {run_id} is {status}; it takes no more answers. Start the lesson again "
            "with start_lesson()"
        )


class LessonNotFinished(Conflict):
    """Raised when completing a run that still has exercises to answer."""

    def __init__(self, run_id: object, remaining: int) -> None:
        self.run_id = run_id
        self.remaining = remaining
        super().__init__(
            f"lesson run {run_id} still has {remaining} exercise(s) to answer correctly; "
            "answer them, or abandon the run"
        )


class ExerciseNotPending(Conflict):
    """Raised when an answer names an exercise the run is not waiting for."""

    def __init__(self, run_id: object, exercise_id: object, reason: str) -> None:
        self.run_id = run_id
        self.exercise_id = exercise_id
        super().__init__(f"exercise {exercise_id} in lesson run {run_id}: {reason}")


class AttemptConflict(Conflict):
    """Raised when an attempt id is reused for a different run, exercise or answer."""

    def __init__(self, attempt_id: object, reason: str) -> None:
        self.attempt_id = attempt_id
        super().__init__(
            f"attempt {attempt_id} was already recorded {reason}; use a new attempt id "
            "for a new answer"
        )


class LessonLocked(Conflict):
    """Raised when starting a lesson whose prerequisites are incomplete; ``missing`` names them."""

    def __init__(
        self, lesson_id: object, title: str, missing: Sequence[tuple[object, str]]
    ) -> None:
        self.lesson_id = lesson_id
        self.missing = tuple(missing)
        names = ", ".join(repr(name) for _, name in self.missing)
        super().__init__(f"lesson {title!r} is locked; complete these lessons first: {names}")


class NotEnrolled(Conflict):
    """Raised when a learner plays a lesson of a course they are not enrolled in."""

    def __init__(self, learner_id: object, course_id: object) -> None:
        self.learner_id = learner_id
        self.course_id = course_id
        super().__init__(
            f"learner {learner_id} is not enrolled in course {course_id}; call enroll() first"
        )


class OutOfHearts(Conflict):
    """Raised when a learner with no hearts starts a lesson that costs hearts; says when one arrives."""

    def __init__(self, learner_id: object, next_heart_at: datetime | None, now: datetime) -> None:
        self.learner_id = learner_id
        self.next_heart_at = next_heart_at
        if next_heart_at is None:
            when = "no heart is regenerating"
        else:
            minutes = max(int((next_heart_at - now).total_seconds() // 60), 0)
            when = (
                f"the next heart arrives at {next_heart_at.isoformat()} "
                f"(in {minutes // 60} h {minutes % 60:02d} min)"
            )
        super().__init__(
            f"learner {learner_id} has no hearts left; {when}. Practise a completed lesson "
            "to earn hearts back"
        )


class StreakNotRepairable(Conflict):
    """Raised when repairing a streak that is not broken, or whose repair window has passed."""


# --- course files -----------------------------------------------------------


class InvalidCourseFile(InvalidInput):
    """Raised when a course file or directory cannot be read or imported; ``problems`` lists all found."""

    def __init__(self, location: str, reason: str, problems: Sequence[Any] = ()) -> None:
        self.problems = tuple(problems)
        super().__init__(location, reason)


class CourseFileTooLarge(InvalidCourseFile):
    """Raised when a course file, or a course directory in total, is larger than the configured cap."""


class UnsafeYaml(InvalidCourseFile):
    """Raised when YAML aliases would expand past the limits (a YAML bomb) or refer to themselves."""


class StorageFeatureMissing(StorageError, NotImplementedError):
    """Raised when the storage backend lacks a repository a use case needs (e.g. content versions)."""

    def __init__(self, feature: str, backend: str) -> None:
        self.feature = feature
        self.backend = backend
        super().__init__(
            f"the storage backend {backend} does not implement {feature}; "
            "upgrade the backend, or import into one that does (the memory backend does)"
        )
