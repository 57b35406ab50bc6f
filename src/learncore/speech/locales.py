"""Which regional locale a cloud recogniser gets for a bare language code."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["DEFAULT_LOCALES", "locale_for"]

# Cloud recognisers want a region ("en-US"); courses name a language ("en"). These are
# the usual defaults; apps override them per provider with the ``locales`` option.
DEFAULT_LOCALES: Mapping[str, str] = {
    "ar": "ar-EG",
    "ca": "ca-ES",
    "da": "da-DK",
    "de": "de-DE",
    "en": "en-US",
    "es": "es-ES",
    "fi": "fi-FI",
    "fr": "fr-FR",
    "hi": "hi-IN",
    "it": "it-IT",
    "ja": "ja-JP",
    "ko": "ko-KR",
    "nb": "nb-NO",
    "nl": "nl-NL",
    "pl": "pl-PL",
    "pt": "pt-BR",
    "ru": "ru-RU",
    "sv": "sv-SE",
    "tr": "tr-TR",
    "uk": "uk-UA",
    "vi": "vi-VN",
    "zh": "zh-CN",
}


def locale_for(language: str, overrides: Mapping[str, str] | None = None) -> str:
    """``"en"`` -> ``"en-US"``; a code with a region keeps it (``"en-gb"`` -> ``"en-GB"``).

    ``overrides`` (``{"en": "en-GB"}``) win over the defaults; an unknown bare code is
    passed through for the service to judge.
    """
    code = language.strip().replace("_", "-")
    if overrides and code in overrides:
        return overrides[code]
    if "-" in code:
        base, _, region = code.partition("-")
        return f"{base.lower()}-{region.upper()}" if len(region) == 2 else code
    return DEFAULT_LOCALES.get(code.lower(), code)
