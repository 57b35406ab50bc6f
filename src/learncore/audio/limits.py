"""What an audio upload may be: how big, how long, how loud."""

from __future__ import annotations

from typing import Any

import attrs

from learncore.errors import InvalidSettings

__all__ = ["AudioLimits"]


def _positive(_instance: object, attribute: Any, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise InvalidSettings(
            f"AudioLimits.{attribute.name}", f"must be a positive number, got {value!r}"
        )


def _dbfs(_instance: object, attribute: Any, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not -120 <= value < 0:
        raise InvalidSettings(
            f"AudioLimits.{attribute.name}",
            f"must be a level in dBFS from -120 to 0, got {value!r}",
        )


@attrs.frozen
class AudioLimits:
    """Limits checked by :func:`~learncore.audio.load_audio`.

    - ``max_bytes``: the upload's size (default 10 MiB), checked before anything is parsed;
    - ``max_seconds``: the decoded length (default 30 s); decoding stops as soon as it is passed;
    - ``min_seconds``: shorter clips hold no word worth scoring;
    - ``silence_dbfs``: a clip whose loudest 30 ms stays below this level is silent.
    """

    max_bytes: int = attrs.field(default=10 * 1024 * 1024, validator=_positive)
    max_seconds: float = attrs.field(default=30.0, validator=_positive)
    min_seconds: float = attrs.field(default=0.1, validator=_positive)
    silence_dbfs: float = attrs.field(default=-50.0, validator=_dbfs)

    def __attrs_post_init__(self) -> None:
        if self.min_seconds >= self.max_seconds:
            raise InvalidSettings(
                "AudioLimits.min_seconds",
                f"must be below max_seconds ({self.max_seconds:g}), got {self.min_seconds:g}",
            )
