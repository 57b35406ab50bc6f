"""An example learncore speech provider: scores a read-aloud by its pace alone."""

from learncore_example_pace.provider import PaceProvider

__all__ = ["PaceProvider"]
