"""Audio assets: one recording in several quality variants."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from uuid import UUID

import attrs

from learncore.domain.validation import (
    at_least,
    instances_of,
    is_uuid,
    max_length,
    member_of,
    non_blank,
    to_enum,
    unique,
    where,
)
from learncore.errors import InvalidContent

__all__ = ["AudioAsset", "AudioQuality", "AudioVariant"]


class AudioQuality(enum.StrEnum):
    """Quality tiers, so a client on a slow network can pick a smaller file."""

    LOW = "low"
    STANDARD = "standard"
    HIGH = "high"


_QUALITY_ORDER = {AudioQuality.LOW: 0, AudioQuality.STANDARD: 1, AudioQuality.HIGH: 2}


def _quality(value: AudioQuality | str) -> AudioQuality:
    return to_enum(AudioQuality, value)


@attrs.frozen
class AudioVariant:
    """One encoded file of an audio asset."""

    quality: AudioQuality = attrs.field(converter=_quality, validator=member_of(AudioQuality))
    uri: str = attrs.field(validator=[non_blank, max_length(2048)])
    format: str = attrs.field(default="mp3", validator=[non_blank, max_length(16)])
    bitrate_kbps: int | None = attrs.field(default=None, validator=at_least(1))
    duration_ms: int | None = attrs.field(default=None, validator=at_least(0))


def _variants(items: Iterable[AudioVariant]) -> tuple[AudioVariant, ...]:
    return tuple(items)


def _at_least_one(instance: object, attribute: object, value: tuple[AudioVariant, ...]) -> None:
    if not value:
        raise InvalidContent(where(instance, attribute), "needs at least one variant")


@attrs.frozen
class AudioAsset:
    """A recording (a word, a phrase, a prompt) with its variants and an optional transcript."""

    id: UUID = attrs.field(validator=is_uuid)
    variants: tuple[AudioVariant, ...] = attrs.field(
        converter=_variants,
        validator=[
            instances_of(AudioVariant, "AudioVariant"),
            _at_least_one,
            unique(lambda v: v.quality, "quality"),
        ],
    )
    transcript: str | None = None

    def variant(self, preferred: AudioQuality | str = AudioQuality.STANDARD) -> AudioVariant:
        """The variant of ``preferred`` quality, else the nearest one (lower first)."""
        wanted = _QUALITY_ORDER[AudioQuality(preferred)]
        return min(
            self.variants,
            key=lambda v: (abs(_QUALITY_ORDER[v.quality] - wanted), _QUALITY_ORDER[v.quality]),
        )
