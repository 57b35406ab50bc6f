"""A Speech-to-Text ``RecognizeResponse`` as a learncore :class:`Transcript`.

Results are consecutive stretches of the audio; each one's top alternative is kept.
Google reports a confidence of 0.0 when it has none (proto3's unset value), so
0.0 reads as "unknown", not as "certainly wrong".
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from learncore.domain.pronunciation import TranscribedWord, Transcript
from learncore.errors import InvalidContent, MalformedProviderResponse

__all__ = ["PROVIDER", "transcript_from_response"]

PROVIDER = "google"


def _ms(value: Any, path: str) -> int:
    if isinstance(value, timedelta):
        milliseconds = value / timedelta(milliseconds=1)
    elif value is None:
        milliseconds = 0.0
    else:
        raise MalformedProviderResponse(PROVIDER, f"{path}: expected a duration, got {value!r}")
    if milliseconds < 0:
        raise MalformedProviderResponse(PROVIDER, f"{path}: negative time {value}")
    return round(milliseconds)


def _confidence(value: Any) -> float | None:
    # The wire format is float32; 4 decimals drop the noise (0.97 arrives as 0.9700000286).
    return round(float(value), 4) if value else None


def transcript_from_response(response: Any, language: str = "en") -> Transcript:
    """What the recogniser heard, with word confidences and timings when it gave them."""
    texts: list[str] = []
    words: list[TranscribedWord] = []
    confidences: list[float] = []
    try:
        results = list(response.results)
        for r, result in enumerate(results):
            if not result.alternatives:
                continue
            best = result.alternatives[0]
            path = f"results[{r}].alternatives[0]"
            if best.transcript.strip():
                texts.append(best.transcript.strip())
            if best.confidence:
                confidences.append(round(float(best.confidence), 4))
            for w, word in enumerate(best.words):
                start = _ms(word.start_time, f"{path}.words[{w}].start_time")
                end = _ms(word.end_time, f"{path}.words[{w}].end_time")
                if end < start:
                    raise MalformedProviderResponse(
                        PROVIDER,
                        f"{path}.words[{w}]: ends ({end} ms) before it starts ({start} ms)",
                    )
                words.append(
                    TranscribedWord(
                        word=word.word,
                        confidence=_confidence(word.confidence),
                        offset_ms=start,
                        duration_ms=end - start,
                    )
                )
        return Transcript(
            text=" ".join(texts),
            provider=PROVIDER,
            language=language,
            words=words,
            confidence=sum(confidences) / len(confidences) if confidences else None,
        )
    except InvalidContent as exc:  # e.g. a confidence of 1.7
        raise MalformedProviderResponse(PROVIDER, str(exc)) from None
    except (AttributeError, TypeError) as exc:
        raise MalformedProviderResponse(PROVIDER, f"unexpected response shape: {exc}") from None
