"""Speech use cases: assessing through a fallback chain with deadlines, and speak exercises."""

from __future__ import annotations

import contextvars
import functools
import inspect
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any, TypeVar

from learncore.domain.exercises import Exercise, ExerciseType
from learncore.domain.grading.dispatch import grade_exercise
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Verdict
from learncore.domain.pronunciation import PronunciationAssessment
from learncore.errors import (
    InvalidInput,
    InvalidSettings,
    ProviderTimeout,
    ProviderUnavailable,
    SpeechNotConfigured,
)
from learncore.ports.speech import SpeechProvider

if TYPE_CHECKING:
    from learncore.plugins.registry import PluginRegistry

__all__ = [
    "DEFAULT_TIMEOUT",
    "assess_speak_exercise",
    "assess_with_fallback",
    "build_provider",
    "call_with_deadline",
]

DEFAULT_TIMEOUT = 30.0
"""Seconds a provider in a chain may take when its options set no ``timeout``."""

logger = logging.getLogger(__name__)
T = TypeVar("T")


def call_with_deadline(call: Callable[[], T], *, seconds: float | None, provider: str) -> T:
    """Run ``call`` and return its result, or raise :class:`ProviderTimeout` after ``seconds``.

    The call runs in a daemon worker thread, so a provider stuck in a socket read
    cannot hold the caller past its deadline. Python cannot kill that thread: it
    finishes (or stays blocked) in the background and its late result is dropped,
    which is why adapters also pass their deadline to their SDK. ``seconds=None``
    calls inline with no deadline.
    """
    if seconds is None:
        return call()
    if seconds <= 0:
        raise InvalidSettings(
            f"speech_options.{provider}.timeout", f"must be positive seconds, got {seconds!r}"
        )
    future: Future[T] = Future()
    context = contextvars.copy_context()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(context.run(call))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller as is
            future.set_exception(exc)

    worker = threading.Thread(target=run, name=f"learncore-speech-{provider}", daemon=True)
    worker.start()
    try:
        return future.result(timeout=seconds)
    except FutureTimeout:
        raise ProviderTimeout(provider, seconds) from None


def _accepts(factory: Callable[..., object], parameter: str) -> bool:
    try:
        signature = inspect.signature(factory)
    except (TypeError, ValueError):  # some builtins and C callables have none
        return False
    return any(
        p.name == parameter or p.kind is inspect.Parameter.VAR_KEYWORD
        for p in signature.parameters.values()
    )


def build_provider(
    registry: PluginRegistry, name: str, options: Mapping[str, Any]
) -> tuple[SpeechProvider, float | None]:
    """The provider registered as ``name`` built with ``options``, and its chain deadline.

    ``options["timeout"]`` (seconds; ``None`` for no deadline) bounds each call in a
    chain, :data:`DEFAULT_TIMEOUT` by default. It is passed on to the factory too when
    the factory takes a ``timeout``, so the adapter can give its SDK the same deadline.
    """
    settings = dict(options)
    timeout = settings.get("timeout", DEFAULT_TIMEOUT)
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0
    ):
        raise InvalidSettings(
            f"speech_options.{name}.timeout", f"must be positive seconds or null, got {timeout!r}"
        )
    registered = {r.name: r.value for r in registry.registrations("speech")}
    factory = registered.get(name)
    if "timeout" in settings and (factory is None or not _accepts(factory, "timeout")):
        del settings["timeout"]
    return registry.speech_provider(name, **settings), timeout


def assess_with_fallback(
    chain: Sequence[SpeechProvider],
    audio: bytes,
    reference_text: str,
    language: str = "en",
    *,
    timeouts: Sequence[float | None] = (),
) -> PronunciationAssessment:
    """Ask each provider of ``chain`` in turn until one answers.

    A provider that is unavailable, rate limited or past its deadline (``timeouts[i]``
    seconds; :data:`DEFAULT_TIMEOUT` when not given) hands over to the next, and the
    hand-over is logged. The answer's ``provider`` says who answered. Other errors
    (bad audio, rejected credentials, a malformed response) stop the chain: another
    provider would hide them, not fix them.
    """
    if not chain:
        raise SpeechNotConfigured(
            "no speech provider is configured; pass speech='name' to bootstrap() "
            "or set LEARNCORE_SPEECH"
        )
    failures: list[ProviderUnavailable] = []
    for index, provider in enumerate(chain):
        seconds = timeouts[index] if index < len(timeouts) else DEFAULT_TIMEOUT
        name = getattr(provider, "name", type(provider).__name__)
        try:
            result = call_with_deadline(
                functools.partial(provider.assess, audio, reference_text, language),
                seconds=seconds,
                provider=name,
            )
        except ProviderUnavailable as exc:
            failures.append(exc)
            if index + 1 < len(chain):
                logger.warning("speech provider %r failed (%s); falling back", name, exc)
            continue
        if failures:
            logger.info("speech provider %r answered after %d fallback(s)", name, len(failures))
        return result
    if len(failures) == 1:
        raise failures[0]
    summary = "; ".join(str(f) for f in failures)
    raise ProviderUnavailable("chain", f"every provider failed: {summary}") from failures[-1]


def assess_speak_exercise(
    chain: Sequence[SpeechProvider],
    exercise: Exercise,
    audio: bytes,
    *,
    language: str,
    policy: GradingPolicy,
    timeouts: Sequence[float | None] = (),
) -> tuple[PronunciationAssessment, Verdict]:
    """Assess a spoken answer to a ``speak`` exercise and grade it with ``policy``.

    The reference is the exercise's :attr:`~learncore.domain.Exercise.reference_text`;
    the verdict passes when the pronunciation score reaches
    ``policy.speech_pass_score``. Record both with the attempt.
    """
    if exercise.type is not ExerciseType.SPEAK:
        raise InvalidInput(
            f"exercise {exercise.id}", f"a {exercise.type} exercise is not answered by speaking"
        )
    policy = exercise.grading or policy
    assessment = assess_with_fallback(
        chain, audio, exercise.reference_text, language, timeouts=timeouts
    )
    verdict = grade_exercise(exercise, assessment, language=language, policy=policy)
    return assessment, verdict
