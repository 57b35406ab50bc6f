"""Tags that classify exercises and audio phrases (topic, grammar point, CEFR skill...)."""

from __future__ import annotations

import attrs

from learncore.domain.validation import max_length, non_blank

__all__ = ["Tag"]


@attrs.frozen(order=True)
class Tag:
    """A label such as ``Tag("food", category="topic")``; equal name and category mean equal tags."""

    name: str = attrs.field(validator=[non_blank, max_length(64)])
    category: str = attrs.field(default="general", validator=[non_blank, max_length(64)])
