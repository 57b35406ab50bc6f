"""Step 3 of the guide: the hook that registers the provider, found through the entry point."""

from __future__ import annotations

from typing import Any

from learncore.plugins import hookimpl
from learncore_example_pace.provider import PaceProvider


@hookimpl
def register_speech_providers(register: Any) -> None:
    """``pace``: scores how close the reading speed is to a natural one."""
    # The factory gets the settings from speech_options={"pace": {...}} as keywords.
    register("pace", PaceProvider)
