"""Azure's detailed JSON result (``SpeechServiceResponse_JsonResult``) to learncore's types.

The shape, with pronunciation assessment on (times are 100-ns ticks)::

    {"RecognitionStatus": "Success", "DisplayText": "Good morning.",
     "NBest": [{"Confidence": 0.93, "Lexical": "good morning", "Display": "Good morning.",
                "PronunciationAssessment": {"AccuracyScore": 98.0, "FluencyScore": 100.0,
                    "CompletenessScore": 100.0, "PronScore": 98.8, "ProsodyScore": 87.1},
                "Words": [{"Word": "good", "Offset": 500000, "Duration": 2700000,
                           "PronunciationAssessment": {"AccuracyScore": 100.0, "ErrorType": "None"},
                           "Phonemes": [{"Phoneme": "ɡ", "Offset": 500000, "Duration": 700000,
                                         "PronunciationAssessment": {"AccuracyScore": 100.0}}]}]}]}

Older services put the utterance scores straight on the NBest entry; both are read.
Anything else raises :class:`~learncore.errors.MalformedProviderResponse` naming the
path that was wrong.
"""

from __future__ import annotations

import json
from typing import Any

from learncore.domain.pronunciation import (
    PhonemeAssessment,
    PronunciationAssessment,
    WordAssessment,
    WordError,
)
from learncore.domain.text_diff import score_transcript
from learncore.errors import InvalidContent, MalformedProviderResponse, ProviderUnavailable

__all__ = ["assessment_from_json", "nothing_heard"]

PROVIDER = "azure"
_TICKS_PER_MS = 10_000
_MAX_TICKS = 24 * 3600 * 10_000_000  # a day; rules out infinities and absurd offsets
_ERRORS = {
    "None": WordError.NONE,
    "Omission": WordError.OMISSION,
    "Insertion": WordError.INSERTION,
    "Mispronunciation": WordError.MISPRONUNCIATION,
    # Prosody feedback on a word that was itself said right.
    "UnexpectedBreak": WordError.NONE,
    "MissingBreak": WordError.NONE,
    "Monotone": WordError.NONE,
}
# Statuses that mean "no speech was recognised", not a fault.
_NOTHING_HEARD = {"NoMatch", "InitialSilenceTimeout", "BabbleTimeout"}


class _BadShapeError(Exception):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")


def _get(obj: Any, key: str, path: str) -> Any:
    if not isinstance(obj, dict):
        raise _BadShapeError(path, f"expected an object, got {type(obj).__name__}")
    if key not in obj:
        raise _BadShapeError(f"{path}.{key}", "missing")
    return obj[key]


def _score(obj: Any, key: str, path: str, *, default: float | None = None) -> float:
    if isinstance(obj, dict) and key not in obj and default is not None:
        return default
    value = _get(obj, key, path)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadShapeError(f"{path}.{key}", f"expected a number, got {value!r}")
    if not 0 <= value <= 100:
        raise _BadShapeError(f"{path}.{key}", f"expected a score from 0 to 100, got {value!r}")
    return float(value)


def _ms(obj: dict[str, Any], key: str, path: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= _MAX_TICKS:
        raise _BadShapeError(f"{path}.{key}", f"expected 0 to {_MAX_TICKS} ticks, got {value!r}")
    return int(value // _TICKS_PER_MS)


def _text(obj: Any, key: str, path: str) -> str:
    value = _get(obj, key, path)
    if not isinstance(value, str):
        raise _BadShapeError(f"{path}.{key}", f"expected text, got {value!r}")
    return value


def _phoneme(raw: Any, path: str) -> PhonemeAssessment:
    return PhonemeAssessment(
        phoneme=_text(raw, "Phoneme", path),
        accuracy=_score(
            _get(raw, "PronunciationAssessment", path),
            "AccuracyScore",
            f"{path}.PronunciationAssessment",
        ),
        offset_ms=_ms(raw, "Offset", path),
        duration_ms=_ms(raw, "Duration", path),
    )


def _word(raw: Any, path: str) -> WordAssessment:
    word = _text(raw, "Word", path)
    assessment = raw.get("PronunciationAssessment", {}) if isinstance(raw, dict) else None
    if not isinstance(assessment, dict):
        raise _BadShapeError(f"{path}.PronunciationAssessment", "expected an object")
    error_name = assessment.get("ErrorType", "None")
    if error_name not in _ERRORS:
        raise _BadShapeError(
            f"{path}.PronunciationAssessment.ErrorType", f"unknown error type {error_name!r}"
        )
    error = _ERRORS[error_name]
    # Azure gives no (or a meaningless) accuracy for a word that was not said.
    accuracy = (
        0.0
        if error is WordError.OMISSION
        else _score(assessment, "AccuracyScore", f"{path}.PronunciationAssessment", default=0.0)
    )
    phonemes_raw = raw.get("Phonemes", [])
    if not isinstance(phonemes_raw, list):
        raise _BadShapeError(f"{path}.Phonemes", "expected a list")
    return WordAssessment(
        word=word,
        accuracy=accuracy,
        error=error,
        offset_ms=None if error is WordError.OMISSION else _ms(raw, "Offset", path),
        duration_ms=None if error is WordError.OMISSION else _ms(raw, "Duration", path),
        phonemes=[_phoneme(p, f"{path}.Phonemes[{i}]") for i, p in enumerate(phonemes_raw)],
    )


def nothing_heard(reference_text: str, recognized_text: str = "") -> PronunciationAssessment:
    """The assessment of a recording in which Azure recognised no speech: every word omitted."""
    return score_transcript(reference_text, recognized_text, provider=PROVIDER)


def _parse(data: Any, reference_text: str) -> PronunciationAssessment:
    if not isinstance(data, dict):
        raise _BadShapeError("$", f"expected an object, got {type(data).__name__}")
    status = data.get("RecognitionStatus", "Success")
    if status in _NOTHING_HEARD:
        return nothing_heard(reference_text)
    if status != "Success":
        raise ProviderUnavailable(PROVIDER, f"recognition status {status!r}")
    nbest = _get(data, "NBest", "$")
    if not isinstance(nbest, list) or not nbest:
        raise _BadShapeError("$.NBest", "expected a non-empty list")
    best = nbest[0]
    path = "$.NBest[0]"
    scores = best.get("PronunciationAssessment", best) if isinstance(best, dict) else best
    scores_path = f"{path}.PronunciationAssessment" if scores is not best else path
    words_raw = best.get("Words", []) if isinstance(best, dict) else None
    if not isinstance(words_raw, list):
        raise _BadShapeError(f"{path}.Words", "expected a list")
    confidence = best.get("Confidence")
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1
    ):
        raise _BadShapeError(f"{path}.Confidence", f"expected 0 to 1, got {confidence!r}")
    prosody = scores.get("ProsodyScore") if isinstance(scores, dict) else None
    recognized = data.get("DisplayText") or best.get("Display") or best.get("Lexical") or ""
    return PronunciationAssessment(
        pronunciation=_score(scores, "PronScore", scores_path),
        accuracy=_score(scores, "AccuracyScore", scores_path),
        fluency=_score(scores, "FluencyScore", scores_path),
        completeness=_score(scores, "CompletenessScore", scores_path),
        prosody=None if prosody is None else _score(scores, "ProsodyScore", scores_path),
        provider=PROVIDER,
        reference_text=reference_text,
        recognized_text=recognized if isinstance(recognized, str) else "",
        words=[_word(w, f"{path}.Words[{i}]") for i, w in enumerate(words_raw)],
        confidence=None if confidence is None else float(confidence),
    )


def assessment_from_json(raw: str | bytes | None, reference_text: str) -> PronunciationAssessment:
    """Parse Azure's JSON result for ``reference_text``; malformed input raises a typed error."""
    if raw is None or (isinstance(raw, str | bytes) and not raw.strip()):
        raise MalformedProviderResponse(PROVIDER, "the result carries no JSON")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedProviderResponse(PROVIDER, f"the result is not JSON ({exc})") from None
    try:
        return _parse(data, reference_text)
    except _BadShapeError as exc:
        raise MalformedProviderResponse(PROVIDER, str(exc)) from None
    except InvalidContent as exc:  # a value our own types refuse, e.g. a 500-character word
        raise MalformedProviderResponse(PROVIDER, str(exc)) from None
