"""Sample recordings shipped with the package, to try the provider without a microphone.

``good_morning.wav`` (16 kHz mono, 1.3 s) says "Good morning, everyone." It was made with::

    espeak-ng -v en-us -s 150 -w raw.wav "Good morning, everyone."
    sox -v 0.8 raw.wav -r 16000 -c 1 -b 16 good_morning.wav
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["sample"]


def sample(name: str = "good_morning.wav") -> Traversable:
    """A shipped sample file; ``sample().read_bytes()`` gives its bytes."""
    found = files(__name__) / name
    if not found.is_file():
        raise FileNotFoundError(f"no sample named {name!r} in learncore_sphinx.samples")
    return found
