"""The Google provider: decode, recognise with word confidences and offsets, text-diff score."""

from __future__ import annotations

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
from learncore.speech import call_with_deadline, locale_for, score_transcript
from learncore_google.parsing import PROVIDER, transcript_from_response

__all__ = ["GoogleSpeechProvider", "error_for_exception"]


class GoogleSpeechProvider:
    """Speech-to-Text v1 ``recognize`` with word confidences and time offsets, then text-diff.

    Credentials come from ``credentials`` (a google-auth object), ``credentials_file``
    (a service-account JSON) or Application Default Credentials
    (``GOOGLE_APPLICATION_CREDENTIALS``). ``model`` picks a recognition model
    (``"latest_short"``, ``"command_and_search"``...; the service default when None).
    ``api_endpoint`` and ``transport`` (``"grpc"`` or ``"rest"``) reach regional or
    local endpoints. ``timeout`` bounds each call; retries are left to the fallback
    chain. ``policy`` is the grading policy words are compared with.
    """

    name = PROVIDER

    def __init__(
        self,
        *,
        credentials: Any = None,
        credentials_file: str | None = None,
        model: str | None = None,
        api_endpoint: str | None = None,
        transport: str | None = None,
        timeout: float = 15.0,
        locales: Mapping[str, str] | None = None,
        limits: AudioLimits | Mapping[str, Any] | None = None,
        policy: GradingPolicy | Mapping[str, Any] | None = None,
    ) -> None:
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise InvalidSettings(
                "speech_options.google.timeout", f"must be positive seconds, got {timeout!r}"
            )
        if transport not in (None, "grpc", "rest"):
            raise InvalidSettings(
                "speech_options.google.transport", f"must be 'grpc' or 'rest', got {transport!r}"
            )
        self.timeout = float(timeout)
        self.model = model
        self.locales = dict(locales or {})
        self.limits = AudioLimits(**limits) if isinstance(limits, Mapping) else limits
        self.policy = GradingPolicy(**policy) if isinstance(policy, Mapping) else policy
        self._credentials = credentials
        self._credentials_file = credentials_file
        self._api_endpoint = api_endpoint
        self._transport = transport
        self._client: Any = None
        self._client_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"GoogleSpeechProvider(model={self.model!r}, endpoint={self._api_endpoint!r})"

    # --- the port ----------------------------------------------------------------

    def transcribe(self, audio: bytes, language: str = "en") -> Transcript:
        """What Google heard in ``audio``, with word confidences and timings."""
        decoded = load_audio(audio, self.limits)
        locale = locale_for(language, self.locales)
        response = call_with_deadline(
            lambda: self._recognize(decoded.pcm, locale),
            seconds=self.timeout,
            provider=self.name,
        )
        return transcript_from_response(response, language)

    def assess(self, audio: bytes, reference_text: str, language: str = "en") -> PronunciationAssessment:
        """Transcribe ``audio`` and score the transcript against ``reference_text``."""
        if not any(normalise_text(w, language=language) for w in reference_text.split()):
            raise InvalidInput("reference_text", "has no words to assess; pass the sentence to read")
        transcript = self.transcribe(audio, language)
        return score_transcript(
            reference_text, transcript, language=language, policy=self.policy, provider=self.name
        )

    # --- the SDK -----------------------------------------------------------------

    def _client_or_new(self) -> Any:
        with self._client_lock:  # one client, built on first use, shared by every thread
            if self._client is None:
                self._client = self._new_client()
            return self._client

    def _new_client(self) -> Any:
        from google.api_core.client_options import ClientOptions  # noqa: PLC0415
        from google.cloud import speech_v1  # noqa: PLC0415 - heavy SDK, loaded on first use

        options = ClientOptions(api_endpoint=self._api_endpoint) if self._api_endpoint else None
        credentials = self._credentials
        try:
            if credentials is None and self._credentials_file:
                from google.oauth2 import service_account  # noqa: PLC0415

                credentials = service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
                    self._credentials_file,
                    scopes=["https://www.googleapis.com/auth/cloud-platform"],
                )
        except (OSError, ValueError) as exc:
            raise InvalidSettings(
                "speech_options.google.credentials_file",
                f"cannot read service-account JSON {self._credentials_file!r}: {exc}",
            ) from None
        try:
            return speech_v1.SpeechClient(
                credentials=credentials, client_options=options, transport=self._transport
            )
        except Exception as exc:
            raise error_for_exception(exc, timeout=self.timeout) from exc

    def _recognize(self, pcm: bytes, locale: str) -> Any:
        from google.cloud import speech_v1  # noqa: PLC0415

        config = speech_v1.RecognitionConfig(
            encoding=speech_v1.RecognitionConfig.AudioEncoding.LINEAR16,
            sample_rate_hertz=16_000,
            audio_channel_count=1,
            language_code=locale,
            enable_word_time_offsets=True,
            enable_word_confidence=True,
            max_alternatives=1,
            profanity_filter=False,  # a masked word would look mispronounced
        )
        if self.model:
            config.model = self.model
        client = self._client_or_new()
        try:
            return client.recognize(
                config=config,
                audio=speech_v1.RecognitionAudio(content=pcm),
                timeout=self.timeout,
                retry=None,
            )
        except Exception as exc:
            raise error_for_exception(exc, timeout=self.timeout) from exc


def error_for_exception(exc: Exception, *, timeout: float) -> Exception:
    """The typed learncore error for an exception from the Google SDK or its transports."""
    if isinstance(exc, SpeechError):
        return exc
    detail = f"{type(exc).__name__}: {exc}"
    kind = next((kind for kinds, kind in _error_kinds() if isinstance(exc, kinds)), "unavailable")
    errors: dict[str, Exception] = {
        "rate_limited": ProviderRateLimited(PROVIDER),
        "timeout": ProviderTimeout(PROVIDER, timeout),
        "credentials": ProviderAuthenticationFailed(PROVIDER, detail),
        "no_credentials": ProviderAuthenticationFailed(
            PROVIDER, f"{detail}; set GOOGLE_APPLICATION_CREDENTIALS or pass credentials_file"
        ),
        "rejected": ProviderRejectedRequest(PROVIDER, detail),
        "malformed": MalformedProviderResponse(PROVIDER, detail),
        # Server errors, unavailability, connection failures: another provider may answer.
        "unavailable": ProviderUnavailable(PROVIDER, detail),
    }
    return errors[kind]


def _error_kinds() -> list[tuple[tuple[type[BaseException], ...], str]]:
    from google.api_core import exceptions as api  # noqa: PLC0415
    from google.auth import exceptions as auth  # noqa: PLC0415
    from google.protobuf import json_format  # noqa: PLC0415
    from requests import Timeout as RequestsTimeout  # noqa: PLC0415 - the REST transport's

    # Checked in order: the first match wins (TransportError is a GoogleAuthError).
    return [
        ((api.TooManyRequests, api.ResourceExhausted), "rate_limited"),
        ((api.DeadlineExceeded, api.GatewayTimeout, TimeoutError, RequestsTimeout), "timeout"),
        (
            (api.Unauthenticated, api.PermissionDenied, api.Unauthorized, api.Forbidden),
            "credentials",
        ),
        ((auth.TransportError,), "unavailable"),
        ((auth.GoogleAuthError,), "no_credentials"),
        ((api.InvalidArgument, api.BadRequest, api.NotFound), "rejected"),
        ((api.GoogleAPIError,), "unavailable"),
        ((json_format.ParseError, ValueError), "malformed"),
    ]
