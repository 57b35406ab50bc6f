"""An OpenAI transcription payload as a learncore :class:`Transcript`.

``verbose_json`` answers carry ``words`` (``{"word", "start", "end"}`` in seconds) and
``segments`` (with ``avg_logprob``); plain ``json`` answers only ``text``. Whisper-style
models give no per-word confidence, so words carry none, and the transcript's
confidence is the mean segment probability, ``exp(avg_logprob)``, when segments exist.
"""

from __future__ import annotations

import math
from typing import Any

from learncore.domain.pronunciation import TranscribedWord, Transcript
from learncore.errors import InvalidContent, MalformedProviderResponse

__all__ = ["PROVIDER", "transcript_from_payload"]

PROVIDER = "openai"
_LONGEST = 24 * 3600  # seconds; no upload comes near, and beyond it milliseconds overflow


def _fail(path: str, reason: str) -> MalformedProviderResponse:
    return MalformedProviderResponse(PROVIDER, f"{path}: {reason}")


def _seconds(item: dict[str, Any], key: str, path: str) -> float:
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _fail(f"{path}.{key}", f"expected seconds, got {value!r}")
    if not 0 <= value <= _LONGEST:
        raise _fail(f"{path}.{key}", f"time {value!r} s is outside 0 to {_LONGEST} s")
    return float(value)


def _words(raw: Any) -> list[TranscribedWord]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _fail("$.words", f"expected a list, got {type(raw).__name__}")
    words = []
    for index, item in enumerate(raw):
        path = f"$.words[{index}]"
        if not isinstance(item, dict):
            raise _fail(path, "expected an object")
        text = item.get("word")
        if not isinstance(text, str):
            raise _fail(f"{path}.word", f"expected text, got {text!r}")
        start = _seconds(item, "start", path)
        end = _seconds(item, "end", path)
        if end < start:
            raise _fail(path, f"ends ({end} s) before it starts ({start} s)")
        words.append(
            TranscribedWord(
                word=text.strip(),
                offset_ms=round(start * 1000),
                duration_ms=round((end - start) * 1000),
            )
        )
    return words


def _confidence(segments: Any) -> float | None:
    if not isinstance(segments, list):
        return None
    probabilities = [
        math.exp(min(s["avg_logprob"], 0.0))
        for s in segments
        if isinstance(s, dict)
        and isinstance(s.get("avg_logprob"), int | float)
        and not isinstance(s.get("avg_logprob"), bool)
        and math.isfinite(s["avg_logprob"])
    ]
    return round(sum(probabilities) / len(probabilities), 4) if probabilities else None


def transcript_from_payload(payload: Any, language: str = "en") -> Transcript:
    """The transcript in an OpenAI transcription answer (a dict, or plain text)."""
    if isinstance(payload, str):
        return Transcript(text=payload.strip(), provider=PROVIDER, language=language)
    if not isinstance(payload, dict):
        raise _fail("$", f"expected an object, got {type(payload).__name__}")
    text = payload.get("text")
    if not isinstance(text, str):
        raise _fail("$.text", f"expected text, got {text!r}")
    try:
        return Transcript(
            text=text.strip(),
            provider=PROVIDER,
            language=language,
            words=[w for w in _words(payload.get("words")) if w.word],
            confidence=_confidence(payload.get("segments")),
        )
    except InvalidContent as exc:
        raise MalformedProviderResponse(PROVIDER, str(exc)) from None
