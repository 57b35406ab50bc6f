"""Rebuilding domain objects from rows that learncore itself wrote.

Domain objects validate at construction. Content read back from the database was
validated when it was saved, and a 7,500-exercise course would spend most of its
load time re-running those checks, so loading uses :func:`trusted_factory`: it
fills the attrs fields directly, skipping converters and validators. The mapping
code hands it values of the final types (tuples, enums, frozensets).
``validate_on_load=True`` switches back to the normal constructors for databases
that were edited by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["Factory", "init_field_names", "trusted_factory", "validating_factory"]

T = TypeVar("T")
Factory = Callable[..., T]


def init_field_names(cls: type) -> tuple[str, ...]:
    """The fields the class's ``__init__`` takes (what a factory must be given)."""
    return tuple(field.name for field in attrs.fields(cls) if field.init)


def trusted_factory(cls: type[T], *, post_init: bool = False) -> Factory[T]:
    """A constructor for ``cls`` without validation.

    Every init field must be passed (a missing one is a ``KeyError``, so a new
    domain field cannot be forgotten silently). ``post_init`` runs the class's
    ``__attrs_post_init__``, for classes that build derived state there (Course).
    """
    names = init_field_names(cls)
    set_field = object.__setattr__  # frozen attrs classes refuse the normal setattr
    new = object.__new__

    def build(**values: Any) -> T:
        instance: Any = new(cls)
        for name in names:
            set_field(instance, name, values[name])
        if post_init:
            instance.__attrs_post_init__()
        return instance  # type: ignore[no-any-return]

    return build


def validating_factory(cls: type[T]) -> Factory[T]:
    """The class itself: converters and validators run as usual."""
    return cls
