"""Reference data that ships with learncore (pure data, no I/O): the language catalogue."""

from learncore.catalog.languages import LANGUAGES

__all__ = ["LANGUAGES"]
