"""Settings from arguments or the environment (prefix ``LEARNCORE_``)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from learncore.errors import InvalidSettings

__all__ = ["LearncoreSettings", "load_settings"]


class LearncoreSettings(BaseSettings):
    """What :func:`learncore.bootstrap` needs when the caller does not pass it explicitly.

    ``LEARNCORE_STORAGE=sqlite:///learn.db`` and ``LEARNCORE_SPEECH=azure,sphinx`` in the
    environment are the usual way to configure a deployment. Dict-valued settings are
    read from JSON, e.g. ``LEARNCORE_SPEECH_OPTIONS='{"azure": {"region": "westeurope"}}'``.
    """

    model_config = SettingsConfigDict(env_prefix="LEARNCORE_", extra="forbid", frozen=True)

    storage: str = Field(default="memory://", min_length=1, description="backend name or URL")
    storage_options: dict[str, Any] = Field(default_factory=dict)
    speech: str | None = Field(
        default=None, description="provider name, or a fallback chain such as 'azure,sphinx'"
    )
    speech_options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="settings per provider name"
    )
    load_plugins: str | None = Field(
        default=None, description="comma-separated allowlist of plugin entry points"
    )


def load_settings(**overrides: Any) -> LearncoreSettings:
    """Settings from the environment with ``overrides`` on top; typed errors name the field."""
    try:
        return LearncoreSettings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "settings"
        raise InvalidSettings(f"settings.{field}", first["msg"]) from None
    except SettingsError as exc:
        # Raised for environment values that do not parse, e.g. malformed JSON.
        match = re.search(r'field "([^"]+)"', str(exc))
        field = match.group(1) if match else "settings"
        raise InvalidSettings(
            f"LEARNCORE_{field.upper()}", "the environment value could not be parsed (dicts are JSON)"
        ) from None
