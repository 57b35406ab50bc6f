"""Step 2 of the guide: the provider itself.

It cannot tell which words were said, so every word is marked ``scored=False`` and
shares the utterance score. A real provider would align the audio with the words.
"""

from __future__ import annotations

from learncore.audio import load_audio
from learncore.domain.grading.normalise import normalise_text
from learncore.domain.pronunciation import PronunciationAssessment, WordAssessment
from learncore.errors import InvalidInput, InvalidSettings


class PaceProvider:
    """Scores a read-aloud by how near its duration is to ``words_per_minute``."""

    name = "pace"

    def __init__(self, words_per_minute: float = 150.0) -> None:
        if not 30 <= words_per_minute <= 400:
            raise InvalidSettings(
                "speech_options.pace.words_per_minute",
                f"must be between 30 and 400, got {words_per_minute!r}",
            )
        self.words_per_minute = words_per_minute

    def assess(
        self, audio: bytes, reference_text: str, language: str = "en"
    ) -> PronunciationAssessment:
        """Compare the recording's length with the time the words should take."""
        words = [w for w in reference_text.split() if normalise_text(w, language=language)]
        if not words:
            raise InvalidInput("reference_text", "has no words to assess")
        decoded = load_audio(audio)  # raises AudioRejected for empty, broken, silent...
        expected = len(words) * 60.0 / self.words_per_minute
        ratio = decoded.duration_seconds / expected
        # Full marks from 0.6x to 1.8x the expected time (pauses before and after are
        # normal), falling off linearly outside that band.
        if ratio < 0.6:
            score = 100.0 * ratio / 0.6
        elif ratio <= 1.8:
            score = 100.0
        else:
            score = max(0.0, 100.0 - 40.0 * (ratio - 1.8))
        score = round(score, 1)
        return PronunciationAssessment(
            pronunciation=score,
            accuracy=score,
            fluency=score,
            completeness=100.0,
            provider=self.name,
            reference_text=reference_text,
            words=tuple(WordAssessment(word=w, accuracy=score, scored=False) for w in words),
        )
