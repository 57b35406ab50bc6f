"""learncore-sphinx: offline pronunciation assessment with pocketsphinx.

>>> import learncore
>>> app = learncore.bootstrap(speech="sphinx")  # doctest: +SKIP
"""

from __future__ import annotations

from learncore_sphinx.calibration import Calibration
from learncore_sphinx.provider import SphinxSpeechProvider

__all__ = ["Calibration", "SphinxSpeechProvider", "__version__"]

__version__ = "0.1.0"
