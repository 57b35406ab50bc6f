"""Slow and fast readers: a correct read scores high at any speed, swapped words stay low.

espeak-ng reads at 110, 150 and 200 words a minute, in a US, a British and a female
voice; the swapped words are flagged at every speed.
"""

from __future__ import annotations

import pytest
from learncore_sphinx import SphinxSpeechProvider

from .conftest import Say

REFERENCE = "The children are playing in the garden"
SWAPPED = "The children are sleeping in the kitchen"  # "playing" and "garden" replaced


@pytest.mark.parametrize("speed", [110, 150, 200])
@pytest.mark.parametrize("voice", ["en-us", "en-gb", "en-us+f3"])
def test_the_score_holds_across_speaking_rates(
    provider: SphinxSpeechProvider, say: Say, voice: str, speed: int
) -> None:
    correct = provider.assess(say(REFERENCE, voice=voice, speed=speed), REFERENCE)
    swapped = provider.assess(say(SWAPPED, voice=voice, speed=speed), REFERENCE)
    assert correct.pronunciation >= 80
    assert swapped.pronunciation <= correct.pronunciation - 25
    weak = {word.word for word in swapped.words if word.accuracy < 50}
    assert {"playing", "garden"} <= weak
