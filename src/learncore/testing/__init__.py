"""The kit for testing apps and plugins: fakes, builders and contract suites.

Needs the ``testing`` extra (``pip install learncore[testing]``) for pytest.
"""

from learncore.testing.answers import correct_answer, wrong_answer
from learncore.testing.builders import large_course, rich_course, sample_course
from learncore.testing.clocks import FixedClock
from learncore.testing.speech import EchoSpeechProvider, echo_speech_plugin

__all__ = [
    "EchoSpeechProvider",
    "FixedClock",
    "correct_answer",
    "echo_speech_plugin",
    "large_course",
    "rich_course",
    "sample_course",
    "wrong_answer",
]
