"""Building domain objects from values that were already checked, without checking them again.

Domain classes validate every field at construction, so nothing invalid can be built
from outside data. The learning loop, though, copies the same few objects on every
answer (a run with one more answer, hearts one fewer, a ledger row with more XP), and
each copy would re-run every converter and validator on fields that were checked when
the original was built: on the hot path that costs more than the rules themselves.

:func:`replace` and :func:`build` are for those internal copies only: every value must
come from a validated object or be computed by the domain from such values, and be in
its converted form already (a tuple, not a list; an enum member, not its text). Values
that did come from outside are checked with :func:`check`. Public constructors and
``attrs.evolve`` keep validating everything, so data from outside (answers, course
files, API requests) is still checked where it enters.

Like attrs itself, this compiles one small function per class (on first use) that
fills the slots in a straight line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["build", "builder", "check", "replace", "replacer"]

T = TypeVar("T")

_KEEP: Any = object()  # "not changed" in a compiled replace
_UNSET: Any = object()  # "use the factory" in a compiled build


def _fields(cls: type) -> tuple[Any, ...]:
    if "__slots__" not in cls.__dict__ or hasattr(cls, "__attrs_post_init__"):
        # Only slotted classes without post-init hooks: filling their slots is all
        # their generated __init__ does besides converting and validating.
        raise TypeError(f"{cls.__name__} cannot be built unchecked")
    fields = attrs.fields(cls)
    for field in fields:
        if isinstance(field.default, attrs.Factory) and field.default.takes_self:  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{field.name} has a default that needs the instance")
    return tuple(fields)


def _compile(cls: type, name: str, parameters: list[str], lines: list[str], scope: dict[str, Any]) -> Any:
    scope.update(_new=object.__new__, _cls=cls, _KEEP=_KEEP, _UNSET=_UNSET)
    source = f"def {name}({', '.join(parameters)}):\n    _o = _new(_cls)\n"
    source += "".join(f"    {line}\n" for line in lines) + "    return _o\n"
    exec(compile(source, f"<unchecked {name} of {cls.__qualname__}>", "exec"), scope)  # noqa: S102 - our own template, field names only
    return scope[name]


def _compile_replacer(cls: type) -> Callable[..., Any]:
    parameters, lines, scope = ["_instance", "*"], [], {}
    for i, field in enumerate(_fields(cls)):
        name = field.name
        scope[f"_set{i}"] = getattr(cls, name).__set__  # the slot's own setter
        parameters.append(f"{name}=_KEEP")
        lines.append(f"_set{i}(_o, _instance.{name} if {name} is _KEEP else {name})")
    _REPLACERS[cls] = compiled = _compile(cls, "replace", parameters, lines, scope)
    return compiled  # type: ignore[no-any-return]


def _compile_builder(cls: type) -> Callable[..., Any]:
    parameters, lines, scope = ["*"], [], {}
    for i, field in enumerate(_fields(cls)):
        name, default = field.name, field.default
        scope[f"_set{i}"] = getattr(cls, name).__set__
        if default is attrs.NOTHING:
            parameters.append(name)
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            scope[f"_factory{i}"] = default.factory
            parameters.append(f"{name}=_UNSET")
            lines.append(f"if {name} is _UNSET: {name} = _factory{i}()")
        else:
            scope[f"_default{i}"] = default
            parameters.append(f"{name}=_default{i}")
        lines.append(f"_set{i}(_o, {name})")
    _BUILDERS[cls] = compiled = _compile(cls, "build", parameters, lines, scope)
    return compiled  # type: ignore[no-any-return]


# Compiled once per class, on first use (plain dicts: the lookup is on every call).
_REPLACERS: dict[type, Callable[..., Any]] = {}
_BUILDERS: dict[type, Callable[..., Any]] = {}
_VALIDATORS: dict[type, dict[str, tuple[Any, Any]]] = {}


def replace(instance: T, /, **changes: Any) -> T:
    """A copy of ``instance`` with ``changes``, like ``attrs.evolve`` but without validation."""
    cls = type(instance)
    compiled = _REPLACERS.get(cls) or _compile_replacer(cls)
    return compiled(instance, **changes)  # type: ignore[no-any-return]


def build(cls: type[T], /, **values: Any) -> T:
    """A new ``cls`` from ``values`` (defaults for the rest), without converters or validators."""
    compiled = _BUILDERS.get(cls) or _compile_builder(cls)
    return compiled(**values)  # type: ignore[no-any-return]


def replacer(cls: type[T]) -> Callable[..., T]:
    """:func:`replace` for ``cls`` as a function ``(instance, **changes)``, for the hottest paths.

    Calling it directly skips packing the keywords into a dict and out again.
    """
    return _REPLACERS.get(cls) or _compile_replacer(cls)


def builder(cls: type[T]) -> Callable[..., T]:
    """:func:`build` for ``cls`` as a function ``(**values)``, for the hottest paths."""
    return _BUILDERS.get(cls) or _compile_builder(cls)


def _validators(cls: type) -> dict[str, tuple[Any, Any]]:
    found = _VALIDATORS.get(cls)
    if found is None:
        found = _VALIDATORS[cls] = {field.name: (field, field.validator) for field in attrs.fields(cls)}
    return found


def check(instance: object, /, *names: str) -> None:
    """Run the validators of the fields ``names`` of ``instance``.

    For the few values of an unchecked object that came from outside the domain (a
    client's attempt id, a score a caller passed): the same error as the constructor's.
    """
    validators = _validators(type(instance))
    for name in names:
        field, validator = validators[name]
        if validator is not None:
            validator(instance, field, getattr(instance, name))
