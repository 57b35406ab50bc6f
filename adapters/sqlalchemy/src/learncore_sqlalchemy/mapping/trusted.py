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

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import attrs

__all__ = [
    "Factory",
    "gc_paused",
    "init_field_names",
    "trusted_factory",
    "validating_factory",
]

T = TypeVar("T")
Factory = Callable[..., T]


def init_field_names(cls: type) -> tuple[str, ...]:
    """The fields the class's ``__init__`` takes (what a factory must be given)."""
    return tuple(field.name for field in attrs.fields(cls) if field.init)


def trusted_factory(cls: type[T], *, post_init: bool = False) -> Factory[T]:
    """A keyword-only constructor for ``cls`` that sets the fields without validation.

    Every init field must be passed (a missing one is a ``TypeError``, so a new
    domain field cannot be forgotten silently). ``post_init`` runs the class's
    ``__attrs_post_init__``, for classes that build derived state there (Course).
    The function is generated with one assignment per field, as attrs generates
    ``__init__``: a loop over the fields would double the cost of a large load.
    """
    names = init_field_names(cls)
    for name in names:
        if not name.isidentifier():  # pragma: no cover - attrs field names always are
            raise ValueError(f"{cls.__name__}.{name} is not an identifier")
    body = [f"    _set(instance, {name!r}, {name})" for name in names]
    if post_init:
        body.append("    instance.__attrs_post_init__()")
    source = "\n".join(
        [
            f"def build(*, {', '.join(names)}):",
            "    instance = _new(_cls)",
            *body,
            "    return instance",
        ]
    )
    # Frozen attrs classes refuse the normal setattr; object's own one is what attrs uses.
    namespace: dict[str, Any] = {"_new": object.__new__, "_set": object.__setattr__, "_cls": cls}
    exec(compile(source, f"<trusted {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 - generated from field names
    build: Factory[T] = namespace["build"]
    build.__doc__ = f"Build a {cls.__name__} from trusted values (no validation)."
    return build


def validating_factory(cls: type[T]) -> Factory[T]:
    """The class itself: converters and validators run as usual."""
    return cls


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree is built.

    Building tens of thousands of objects triggers many collections that find
    nothing to free (a tree has no cycles) and cost about a third of the load time.
    The collector is resumed afterwards, unless someone else had paused it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
