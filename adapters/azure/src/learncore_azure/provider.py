"""The Azure speech provider: decode, push PCM to the SDK, assess, map the result."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping
from typing import Any

from learncore.audio import AudioLimits, load_audio
from learncore.domain.grading.normalise import normalise_text
from learncore.domain.pronunciation import PronunciationAssessment
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
from learncore.speech import call_with_deadline, locale_for
from learncore_azure.parsing import PROVIDER, assessment_from_json, nothing_heard

__all__ = ["DEFAULT_PROSODY_LOCALES", "AzureSpeechProvider", "error_for_cancellation"]

# Azure scores prosody for these locales only; elsewhere asking for it is an error.
DEFAULT_PROSODY_LOCALES = frozenset({"en-US"})

# recognize(pcm, reference_text, locale) -> an SDK SpeechRecognitionResult (or a fake).
Recognize = Callable[[bytes, str, str], Any]


def _sdk() -> Any:
    import azure.cognitiveservices.speech as speechsdk  # noqa: PLC0415 - heavy native SDK

    return speechsdk


class AzureSpeechProvider:
    """Pronunciation assessment by Azure AI Speech (HundredMark, phonemes, miscue, prosody).

    ``key`` and ``region`` default to ``AZURE_SPEECH_KEY`` and ``AZURE_SPEECH_REGION``;
    ``endpoint`` replaces the region for private or sovereign endpoints. ``timeout``
    (seconds) bounds each assessment: the SDK's own ``.get()`` has no deadline, so the
    call runs under :func:`learncore.speech.call_with_deadline`. ``locales`` maps
    course languages to Azure locales (``{"en": "en-GB"}``); prosody is requested for
    ``prosody_locales``. ``recognize`` replaces the SDK call, for tests.
    """

    name = PROVIDER

    def __init__(
        self,
        key: str | None = None,
        region: str | None = None,
        *,
        endpoint: str | None = None,
        timeout: float = 15.0,
        locales: Mapping[str, str] | None = None,
        prosody_locales: Collection[str] = DEFAULT_PROSODY_LOCALES,
        limits: AudioLimits | Mapping[str, Any] | None = None,
        recognize: Recognize | None = None,
    ) -> None:
        self._key = key or os.environ.get("AZURE_SPEECH_KEY")
        self._region = region or os.environ.get("AZURE_SPEECH_REGION")
        self._endpoint = endpoint
        if recognize is None and not self._key:
            raise InvalidSettings(
                "speech_options.azure.key",
                "no Azure Speech key; pass key=... or set AZURE_SPEECH_KEY",
            )
        if recognize is None and not (self._region or endpoint):
            raise InvalidSettings(
                "speech_options.azure.region",
                "no Azure region; pass region='westeurope' or endpoint=..., or set AZURE_SPEECH_REGION",
            )
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise InvalidSettings(
                "speech_options.azure.timeout", f"must be positive seconds, got {timeout!r}"
            )
        self.timeout = float(timeout)
        self.locales = dict(locales or {})
        self.prosody_locales = frozenset(prosody_locales)
        self.limits = AudioLimits(**limits) if isinstance(limits, Mapping) else limits
        self._recognize = recognize or self._recognize_with_sdk

    def __repr__(self) -> str:
        where = self._endpoint or self._region or "injected recogniser"
        return f"AzureSpeechProvider({where!r})"  # never the key

    # --- the port ----------------------------------------------------------------

    def assess(self, audio: bytes, reference_text: str, language: str = "en") -> PronunciationAssessment:
        """Assess ``audio`` against ``reference_text`` with Azure's pronunciation assessment."""
        if not any(normalise_text(w, language=language) for w in reference_text.split()):
            raise InvalidInput("reference_text", "has no words to assess; pass the sentence to read")
        decoded = load_audio(audio, self.limits)
        locale = locale_for(language, self.locales)
        result = call_with_deadline(
            lambda: self._recognize(decoded.pcm, reference_text, locale),
            seconds=self.timeout,
            provider=self.name,
        )
        return self._assessment(result, reference_text)

    # --- the SDK -----------------------------------------------------------------

    def assessment_config(self, reference_text: str, locale: str) -> Any:
        """The SDK's PronunciationAssessmentConfig this provider applies to each recognition."""
        sdk = _sdk()
        config = sdk.PronunciationAssessmentConfig(
            reference_text=reference_text,
            grading_system=sdk.PronunciationAssessmentGradingSystem.HundredMark,
            granularity=sdk.PronunciationAssessmentGranularity.Phoneme,
            enable_miscue=True,
        )
        if locale in self.prosody_locales:
            config.enable_prosody_assessment()
        return config

    def _speech_config(self) -> Any:
        sdk = _sdk()
        if self._endpoint:
            config = sdk.SpeechConfig(subscription=self._key, endpoint=self._endpoint)
        else:
            config = sdk.SpeechConfig(subscription=self._key, region=self._region)
        config.output_format = sdk.OutputFormat.Detailed
        return config

    def _recognize_with_sdk(self, pcm: bytes, reference_text: str, locale: str) -> Any:
        sdk = _sdk()
        # Every call gets its own config, stream and recogniser, so calls from several
        # threads share no SDK object.
        stream = sdk.audio.PushAudioInputStream(
            stream_format=sdk.audio.AudioStreamFormat(
                samples_per_second=16_000, bits_per_sample=16, channels=1
            )
        )
        stream.write(pcm)
        stream.close()
        recognizer = sdk.SpeechRecognizer(
            speech_config=self._speech_config(),
            audio_config=sdk.audio.AudioConfig(stream=stream),
            language=locale,
        )
        self.assessment_config(reference_text, locale).apply_to(recognizer)
        return recognizer.recognize_once_async().get()

    def _assessment(self, result: Any, reference_text: str) -> PronunciationAssessment:
        sdk = _sdk()
        try:
            reason = result.reason
        except AttributeError:
            raise MalformedProviderResponse(self.name, f"not a recognition result: {result!r}") from None
        if reason == sdk.ResultReason.Canceled:
            details = result.cancellation_details
            if details.reason == sdk.CancellationReason.EndOfStream:
                return nothing_heard(reference_text)
            raise error_for_cancellation(details, timeout=self.timeout)
        if reason == sdk.ResultReason.NoMatch:
            return nothing_heard(reference_text)
        if reason != sdk.ResultReason.RecognizedSpeech:
            raise MalformedProviderResponse(self.name, f"unexpected result reason {reason}")
        raw = result.properties.get(sdk.PropertyId.SpeechServiceResponse_JsonResult)
        return assessment_from_json(raw, reference_text)


def error_for_cancellation(details: Any, *, timeout: float) -> SpeechError:
    """The typed learncore error for an SDK CancellationDetails (reason Error)."""
    codes = _sdk().CancellationErrorCode
    code = details.code
    detail = f"{code.name if hasattr(code, 'name') else code}: {details.error_details or 'no details'}"
    if code == codes.TooManyRequests:
        return ProviderRateLimited(PROVIDER)
    if code == codes.ServiceTimeout:
        return ProviderTimeout(PROVIDER, timeout)
    if code in (codes.AuthenticationFailure, codes.Forbidden):
        return ProviderAuthenticationFailed(PROVIDER, detail)
    if code == codes.BadRequest:
        return ProviderRejectedRequest(PROVIDER, detail)
    # ConnectionFailure, ServiceUnavailable, ServiceError, RuntimeError, redirects:
    # the service cannot answer now, and another provider may.
    return ProviderUnavailable(PROVIDER, detail)
