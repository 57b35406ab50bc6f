"""Slow and fast readers: a correct read passes at any speed, swapped words stay low.

espeak-ng reads in a US, a British and a female voice at 130, 150 and 175 words a
minute (the speeds the calibration learnt typical phone durations from), and at 110
and 200, beyond them, where correct reads score lower (docs/speech/sphinx.md, Limits)
but still pass. The swapped words score far below the words read as written at every speed.
"""

from __future__ import annotations

import statistics

import pytest
from learncore_sphinx import SphinxSpeechProvider

from learncore.domain.pronunciation import WordError

from .conftest import Say

REFERENCE = "The children are playing in the garden"
SWAPPED = "The children are sleeping in the kitchen"  # "playing" and "garden" replaced
PASS_SCORE = 60  # GradingPolicy.speech_pass_score's default


@pytest.mark.parametrize("speed", [110, 130, 150, 175, 200])
@pytest.mark.parametrize("voice", ["en-us", "en-gb", "en-us+f3"])
def test_the_score_holds_across_speaking_rates(
    provider: SphinxSpeechProvider, say: Say, voice: str, speed: int
) -> None:
    correct = provider.assess(say(REFERENCE, voice=voice, speed=speed), REFERENCE)
    swapped = provider.assess(say(SWAPPED, voice=voice, speed=speed), REFERENCE)
    assert correct.pronunciation >= (75 if 130 <= speed <= 175 else PASS_SCORE)
    assert swapped.pronunciation <= correct.pronunciation - 20
    assert swapped.pronunciation < PASS_SCORE
    if swapped.pronunciation == 0:
        return  # the read could not be aligned to the reference at all: the lowest score
    scored = {word.word: word.accuracy for word in swapped.words if word.error is not WordError.INSERTION}
    # A replaced word's neighbours may lose some of their sounds to it: compare with the
    # typical word read as written.
    read_as_written = statistics.median(scored[word] for word in ("The", "children", "are", "in", "the"))
    assert max(scored["playing"], scored["garden"]) < read_as_written - 30
    assert min(scored["playing"], scored["garden"]) < 50
