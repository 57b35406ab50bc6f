"""The OpenAI provider: decode, transcribe (word timestamps where the model has them), score."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from typing import Any

from learncore.audio import AudioLimits, load_audio
from learncore.domain.grading.normalise import normalise_text
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.pronunciation import PronunciationAssessment, Transcript
from learncore.errors import (
    InvalidInput,
    InvalidSettings,
    MalformedProviderResponse,
    ProviderAuthenticationFailed,
    ProviderRateLimited,
    ProviderRejectedRequest,
    ProviderTimeout,
    ProviderUnavailable,
    SpeechError,
)
from learncore.speech import call_with_deadline, score_transcript
from learncore_openai.parsing import PROVIDER, transcript_from_payload

__all__ = ["MODEL_VARIABLE", "OpenAISpeechProvider", "error_for_exception"]

MODEL_VARIABLE = "OPENAI_TRANSCRIPTION_MODEL"
# Words in a 400 answer that mean "this model has no verbose_json / word timestamps".
_NO_TIMESTAMPS_HINTS = ("response_format", "timestamp_granularities", "verbose_json")


class OpenAISpeechProvider:
    """OpenAI ``audio.transcriptions`` plus the text-diff scorer.

    ``model`` is required (or ``OPENAI_TRANSCRIPTION_MODEL``): transcription models are
    retired over time, so none is built in. ``word_timestamps``: ``True`` always asks
    for ``verbose_json`` with word timings, ``False`` never does, and ``None`` (the
    default) asks and, if the model refuses the format, stops asking for this provider.
    ``api_key`` defaults to ``OPENAI_API_KEY``; ``base_url``, ``organization``,
    ``http_client`` and ``max_retries`` (default 0: the fallback chain retries) go to
    the SDK client. ``timeout`` bounds each call.
    """

    name = PROVIDER

    def __init__(
        self,
        model: str | None = None,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        organization: str | None = None,
        timeout: float = 20.0,
        max_retries: int = 0,
        word_timestamps: bool | None = None,
        http_client: Any = None,
        limits: AudioLimits | Mapping[str, Any] | None = None,
        policy: GradingPolicy | Mapping[str, Any] | None = None,
    ) -> None:
        chosen = model or os.environ.get(MODEL_VARIABLE)
        if not chosen:
            raise InvalidSettings(
                "speech_options.openai.model",
                f"pick a current transcription model (OpenAI retires old ones): pass model=... "
                f"or set {MODEL_VARIABLE}",
            )
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise InvalidSettings(
                "speech_options.openai.timeout", f"must be positive seconds, got {timeout!r}"
            )
        self.model: str = chosen
        self.timeout = float(timeout)
        self.limits = AudioLimits(**limits) if isinstance(limits, Mapping) else limits
        self.policy = GradingPolicy(**policy) if isinstance(policy, Mapping) else policy
        self._word_timestamps = word_timestamps
        self._lock = threading.Lock()
        import openai  # noqa: PLC0415 - the SDK loads only when this provider is built

        try:
            self._client = openai.OpenAI(
                api_key=api_key or os.environ.get("OPENAI_API_KEY"),
                base_url=base_url,
                organization=organization,
                timeout=self.timeout,
                max_retries=max_retries,
                **({"http_client": http_client} if http_client is not None else {}),
            )
        except openai.OpenAIError as exc:
            raise InvalidSettings(
                "speech_options.openai.api_key", f"{exc} (set OPENAI_API_KEY or pass api_key=...)"
            ) from None

    def __repr__(self) -> str:
        return f"OpenAISpeechProvider(model={self.model!r})"  # never the key

    # --- the port ----------------------------------------------------------------

    def transcribe(self, audio: bytes, language: str = "en") -> Transcript:
        """What the model heard, with word timings when it gives them."""
        decoded = load_audio(audio, self.limits)
        wav = decoded.to_wav()
        iso = (
            language.split("-", maxsplit=1)[0].split("_", maxsplit=1)[0].lower()
        )  # OpenAI takes ISO 639-1 codes
        payload = call_with_deadline(
            lambda: self._transcription(wav, iso), seconds=self.timeout, provider=self.name
        )
        return transcript_from_payload(payload, language)

    def assess(self, audio: bytes, reference_text: str, language: str = "en") -> PronunciationAssessment:
        """Transcribe ``audio`` and score the transcript against ``reference_text``."""
        if not any(normalise_text(w, language=language) for w in reference_text.split()):
            raise InvalidInput("reference_text", "has no words to assess; pass the sentence to read")
        transcript = self.transcribe(audio, language)
        return score_transcript(
            reference_text, transcript, language=language, policy=self.policy, provider=self.name
        )

    # --- the SDK -----------------------------------------------------------------

    def _transcription(self, wav: bytes, language: str) -> Any:
        import openai  # noqa: PLC0415

        with self._lock:
            verbose = self._word_timestamps is not False
        if verbose:
            try:
                return self._create(wav, language, verbose=True)
            except openai.BadRequestError as exc:
                refused_format = any(hint in str(exc) for hint in _NO_TIMESTAMPS_HINTS)
                if self._word_timestamps is not None or not refused_format:
                    raise error_for_exception(exc, timeout=self.timeout) from exc
                with self._lock:  # this model has no word timestamps: stop asking
                    self._word_timestamps = False
        return self._create(wav, language, verbose=False)

    def _create(self, wav: bytes, language: str, *, verbose: bool) -> Any:
        options: dict[str, Any] = {"response_format": "json"}
        if verbose:
            options = {"response_format": "verbose_json", "timestamp_granularities": ["word"]}
        try:
            # The raw body, parsed here: the SDK's models accept any shape without complaint.
            raw = self._client.audio.transcriptions.with_raw_response.create(
                model=self.model,
                file=("speech.wav", wav, "audio/wav"),
                language=language,
                temperature=0,
                **options,
            )
            body = raw.text
        except Exception as exc:
            import openai  # noqa: PLC0415

            if verbose and isinstance(exc, openai.BadRequestError):
                raise  # the caller decides whether the model just lacks timestamps
            raise error_for_exception(exc, timeout=self.timeout) from exc
        try:
            return json.loads(body)
        except ValueError as exc:
            raise MalformedProviderResponse(self.name, f"the answer is not JSON ({exc})") from None


def error_for_exception(exc: Exception, *, timeout: float) -> Exception:
    """The typed learncore error for an exception from the OpenAI SDK."""
    import openai  # noqa: PLC0415

    if isinstance(exc, SpeechError):
        return exc
    detail = f"{type(exc).__name__}: {exc}"
    kinds: list[tuple[tuple[type[BaseException], ...], str]] = [
        ((openai.APITimeoutError, TimeoutError), "timeout"),  # before its base, connection error
        ((openai.APIConnectionError,), "unavailable"),
        ((openai.RateLimitError,), "rate_limited"),
        ((openai.AuthenticationError, openai.PermissionDeniedError), "credentials"),
        (
            (openai.BadRequestError, openai.NotFoundError, openai.UnprocessableEntityError),
            "rejected",
        ),
        ((openai.APIResponseValidationError, ValueError), "malformed"),
    ]
    kind = next((kind for types, kind in kinds if isinstance(exc, types)), "unavailable")
    errors: dict[str, Exception] = {
        "timeout": ProviderTimeout(PROVIDER, timeout),
        "rate_limited": ProviderRateLimited(PROVIDER, _retry_after(exc)),
        "credentials": ProviderAuthenticationFailed(PROVIDER, detail),
        "rejected": ProviderRejectedRequest(PROVIDER, detail),
        "malformed": MalformedProviderResponse(PROVIDER, detail),
        # 5xx and other status errors: another provider may answer.
        "unavailable": ProviderUnavailable(PROVIDER, detail),
    }
    return errors[kind]


def _retry_after(exc: Exception) -> float | None:
    response = getattr(exc, "response", None)
    value = getattr(response, "headers", {}).get("retry-after") if response is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
