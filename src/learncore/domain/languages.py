"""Languages, identified by BCP-47 tags."""

from __future__ import annotations

import enum

import attrs

from learncore.domain.validation import matches, max_length, member_of, non_blank, to_enum

__all__ = ["BCP47_PATTERN", "Language", "TextDirection", "normalise_language_code"]

# Language, optional script, optional region, optional variants: enough of BCP-47 for
# course content ("en", "pt-BR", "zh-Hant-TW", "sr-Latn", "es-419") without a registry.
BCP47_PATTERN = (
    r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?(?:-(?:[0-9a-z]{5,8}|[0-9][0-9a-z]{3}))*"
)


def normalise_language_code(code: str) -> str:
    """Canonical casing of a BCP-47 tag: ``EN-us`` → ``en-US``, ``zh-hant`` → ``zh-Hant``."""
    if not isinstance(code, str):
        return code  # the validator reports the wrong type with the field's name
    parts = code.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


class TextDirection(enum.StrEnum):
    """How a language's script runs."""

    LTR = "ltr"
    RTL = "rtl"


def _direction(value: TextDirection | str) -> TextDirection:
    return to_enum(TextDirection, value)


language_code_validator = matches(BCP47_PATTERN, "a BCP-47 language tag such as 'es' or 'pt-BR'")


@attrs.frozen
class Language:
    """A language a course teaches or is taught from."""

    code: str = attrs.field(converter=normalise_language_code, validator=language_code_validator)
    name: str = attrs.field(validator=[non_blank, max_length(100)])
    native_name: str = attrs.field(default="", validator=max_length(100))
    flag: str = attrs.field(default="", validator=max_length(16))
    direction: TextDirection = attrs.field(
        default=TextDirection.LTR,
        converter=_direction,
        validator=member_of(TextDirection),
    )
