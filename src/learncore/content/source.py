"""Reading course files (YAML or JSON) into plain data, safely, with positions on demand.

YAML is read from libyaml's event stream (PyYAML's C parser) into dicts, lists and
scalars by a small builder of our own, for three reasons:

- **Safety.** Only the plain YAML types are built (no Python objects, no unknown
  tags), and aliases are counted as they are met: a document whose aliases would
  expand to more than :attr:`LoadLimits.max_alias_nodes` nodes (the "billion laughs"
  bomb) or that refers to itself is refused with :class:`~learncore.errors.UnsafeYaml`
  before anything large is built. Files larger than :attr:`LoadLimits.max_file_bytes`
  are refused before they are read.
- **Predictable scalars.** Plain scalars follow the YAML 1.2 core schema: ``true``,
  ``false``, ``null``, numbers, and everything else is text. So ``no``, ``on``,
  ``2024-05-01`` or ``1:30`` stay the text the author wrote (the "Norway problem").
- **Speed and positions.** Building from events is several times faster than PyYAML's
  own constructor. Positions are not recorded on the fast path; when validation finds
  a problem the file is read again with ``positions=True`` to point at its line and
  column.

Mapping keys are always text, as written. Merge keys (``<<: *defaults``) work as in
YAML 1.1: explicit keys win over merged ones.
"""

from __future__ import annotations

import gc
import json
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from learncore.errors import CourseFileTooLarge, InvalidCourseFile, UnsafeYaml

__all__ = [
    "LoadLimits",
    "Located",
    "Positions",
    "SourceFile",
    "load_file",
    "load_text",
    "paused_gc",
]

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)


@attrs.frozen
class LoadLimits:
    """Caps that keep a hostile or broken course file from exhausting the machine."""

    # One file (a course file, or one included unit or section file).
    max_file_bytes: int = 64 * 1024 * 1024
    # All the files of one course directory together.
    max_total_bytes: int = 256 * 1024 * 1024
    # How many files one course directory may include.
    max_files: int = 10_000
    # Nodes that aliases may add on top of the nodes written out in the file.
    max_alias_nodes: int = 100_000
    # How deeply collections may nest.
    max_depth: int = 64


DEFAULT_LIMITS = LoadLimits()

# (line, column), both 1-based.
Located = tuple[int, int]


@attrs.define
class Positions:
    """Where every key and value of one file was written, by the identity of its container.

    For a mapping, ``key → (key position, value position)``; for a sequence, the
    position of each item.
    """

    by_container: dict[int, dict[str, tuple[Located, Located]] | list[Located]] = attrs.Factory(dict)
    root: Located = (1, 1)

    def locate(self, data: Any, path: tuple[Any, ...], *, key: bool = False) -> Located:
        """The position of ``path`` inside ``data``: its value, or its key with ``key=True``.

        When the path leaves the file (an entry pydantic invented, say), the position
        of the deepest part that exists is returned.
        """
        found = self.root
        node = data
        for step in path:
            marks = self.by_container.get(id(node))
            if isinstance(node, dict) and isinstance(marks, dict) and step in marks:
                key_at, value_at = marks[step]
                found = key_at if key and step == path[-1] else value_at
                node = node[step]
            elif (
                isinstance(node, list)
                and isinstance(marks, list)
                and isinstance(step, int)
                and 0 <= step < len(marks)
            ):
                found = marks[step]
                node = node[step]
            else:
                break
        return found


@attrs.frozen
class SourceFile:
    """One parsed file: its data, and its positions when they were asked for."""

    path: Path
    data: Any
    positions: Positions | None = None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector around a bulk load.

    Reading a large course allocates millions of dicts, lists and objects and no
    reference cycles; the collector would rescan the growing heap again and again,
    which made loading a 75,000-exercise course about twice as slow.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- YAML ---------------------------------------------------------------------------------

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# Plain scalars that are not text: the YAML 1.2 core schema's null and booleans...
_WORDS: dict[str, Any] = {
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_WORD_START = frozenset("~nNtTfF")
# ...and numbers, which start with one of these.
_NUMBER_START = frozenset("0123456789+-.")

_TAG = "tag:yaml.org,2002:"


def _number(value: str) -> Any:  # noqa: PLR0911 - one return per kind of number
    """A plain scalar starting like a number: an int or float when it is one, else the text."""
    if _INT.fullmatch(value):
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _INF.fullmatch(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.fullmatch(value):
        return math.nan
    return value


def _plain(value: str) -> Any:
    """A plain (unquoted, untagged) scalar under the YAML 1.2 core schema."""
    if not value:
        return None
    first = value[0]
    if first in _WORD_START:
        return _WORDS.get(value, value)
    if first in _NUMBER_START:
        return _number(value)
    return value


def _tagged(tag: str, value: str, where: Located, path: Path) -> Any:
    """A scalar with an explicit standard tag (``!!str 10``); other tags are refused."""
    if tag in ("!", f"{_TAG}str"):
        return value
    if tag == f"{_TAG}null":
        return None
    converted: Any = _plain(value)
    kinds: dict[str, type | tuple[type, ...]] = {
        f"{_TAG}int": int,
        f"{_TAG}float": (int, float),
        f"{_TAG}bool": bool,
    }
    wanted = kinds.get(tag)
    if wanted is None:
        raise _error(path, where, f"the tag {tag!r} is not supported", "remove the tag")
    if (isinstance(converted, bool) and wanted is not bool) or not isinstance(converted, wanted):
        raise _error(path, where, f"{value!r} is not a valid {tag.removeprefix(_TAG)}", "fix the value")
    if tag.endswith("float"):
        return float(str(converted))  # an int or a float here; str() keeps mypy out of it
    return converted


def _error(path: Path, where: Located, message: str, hint: str) -> InvalidCourseFile:
    from learncore.content.report import Problem  # noqa: PLC0415 - avoid an import cycle

    problem = Problem(file=str(path), line=where[0], column=where[1], message=message, hint=hint)
    return InvalidCourseFile(f"{path}:{where[0]}:{where[1]}", message, [problem])


def _unsafe(path: Path, where: Located, message: str) -> UnsafeYaml:
    from learncore.content.report import Problem  # noqa: PLC0415 - avoid an import cycle

    hint = "write the repeated content out, or use fewer and smaller anchors"
    problem = Problem(file=str(path), line=where[0], column=where[1], message=message, hint=hint)
    return UnsafeYaml(f"{path}:{where[0]}:{where[1]}", message, [problem])


class _Frame:
    """A collection being built."""

    __slots__ = ("anchor", "container", "key", "key_event", "marks", "merges", "nodes")

    def __init__(self, container: Any, anchor: str | None, marks: Any) -> None:
        self.container = container
        self.anchor = anchor
        self.key: Any = _NO_KEY
        # The event of the pending key: its position is worked out only when needed.
        self.key_event: Any = None
        self.marks = marks
        self.merges: list[Any] | None = None
        # Nodes inside this collection, aliases expanded (for the bomb check).
        self.nodes = 1


_NO_KEY: Any = object()


def _mark(event: Any) -> Located:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _build_yaml(  # noqa: PLR0912, PLR0915 - one loop over the event stream, kept in one place for speed
    text: str, path: Path, limits: LoadLimits, *, positions: bool
) -> tuple[Any, Positions | None]:
    import yaml  # noqa: PLC0415 - imported lazily so `import learncore` stays light

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    alias_event = yaml.AliasEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    document_start = yaml.DocumentStartEvent
    stream_end = yaml.StreamEndEvent

    index = Positions() if positions else None
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    building: set[int] = set()  # ids of anchored collections not yet finished
    documents = 0
    root: Any = None
    have_root = False
    alias_nodes = 0
    written_nodes = 0

    def place(value: Any, where: Located, nodes: int) -> None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            if index is not None:
                index.root = where
            return
        frame = stack[-1]
        frame.nodes += nodes
        container = frame.container
        if type(container) is list:
            container.append(value)
            if frame.marks is not None:
                frame.marks.append(where)
            return
        if frame.key is _NO_KEY:
            if isinstance(value, dict | list):
                raise _error(path, where, "a mapping key must be plain text", "write the key as text")
            key = "" if value is None else value if isinstance(value, str) else _key_text(value)
            frame.key = key
            return
        key, frame.key = frame.key, _NO_KEY
        if key == "<<" and type(key) is str and frame.merges is not None:
            frame.merges.append(value)
            return
        if key in container:
            raise _error(
                path,
                _mark(frame.key_event),
                f"the key {key!r} appears twice in the same mapping",
                "remove or rename one of them",
            )
        key = str(key)
        container[key] = value
        if frame.marks is not None:
            frame.marks[key] = (_mark(frame.key_event), where)

    try:
        parser = loader(text)
        next_event = parser.get_event
        while True:
            event = next_event()
            cls = event.__class__
            if cls is scalar_event:
                written_nodes += 1
                if event.tag is not None:
                    value = _tagged(event.tag, event.value, _mark(event), path)
                elif not event.style:  # plain: None from the Python parser, "" from libyaml
                    value = event.value
                    if not value:
                        value = None
                    elif value[0] in _WORD_START:
                        value = _WORDS.get(value, value)
                    elif value[0] in _NUMBER_START:
                        value = _number(value)
                else:
                    value = event.value
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                    if stack and stack[-1].key is _NO_KEY and type(stack[-1].container) is dict:
                        stack[-1].key_event = event
                    place(value, _mark(event), 1)
                    continue
                # The common cases (a key, a value, a list item) are inline, for speed;
                # place() handles positions and the rare cases.
                if stack and index is None:
                    frame = stack[-1]
                    parent = frame.container
                    if type(parent) is list:
                        parent.append(value)
                        frame.nodes += 1
                        continue
                    key = frame.key
                    if key is _NO_KEY:
                        frame.key = _key_of(event)
                        frame.key_event = event
                        continue
                    if key != "<<" and key not in parent:
                        parent[key] = value
                        frame.key = _NO_KEY
                        frame.nodes += 1
                        continue
                if stack and stack[-1].key is _NO_KEY and type(stack[-1].container) is dict:
                    value = _key_of(event)
                    stack[-1].key_event = event
                place(value, _mark(event) if index is not None else (0, 0), 1)
            elif cls is mapping_start or cls is sequence_start:
                written_nodes += 1
                where = _mark(event)
                tag = event.tag
                is_map = cls is mapping_start
                if tag is not None and tag not in ("!", f"{_TAG}map" if is_map else f"{_TAG}seq"):
                    raise _error(path, where, f"the tag {tag!r} is not supported", "remove the tag")
                if len(stack) >= limits.max_depth:
                    raise _error(
                        path, where, f"collections nest deeper than {limits.max_depth} levels", "flatten it"
                    )
                container: Any = {} if is_map else []
                marks: Any = None
                if index is not None:
                    marks = {} if is_map else []
                    index.by_container[id(container)] = marks
                # Place the (still empty) container now so the parent records its position.
                frame = _Frame(container, event.anchor, marks)
                if is_map:
                    frame.merges = []
                place(container, where, 0)
                if event.anchor is not None:
                    anchors[event.anchor] = (container, 0)  # refined when the collection ends
                    building.add(id(container))
                stack.append(frame)
            elif cls in collection_end:
                frame = stack.pop()
                if frame.merges:
                    _merge(frame.container, frame.merges, path, _mark(event))
                if stack:
                    stack[-1].nodes += frame.nodes
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.container, frame.nodes)
                    building.discard(id(frame.container))
            elif cls is alias_event:
                where = _mark(event)
                found = anchors.get(event.anchor)
                if found is None:
                    raise _error(
                        path, where, f"the alias *{event.anchor} has no anchor", "define &anchor first"
                    )
                value, nodes = found
                if id(value) in building:
                    raise _unsafe(path, where, f"the alias *{event.anchor} refers to itself")
                alias_nodes += nodes
                if alias_nodes > limits.max_alias_nodes and alias_nodes > written_nodes:
                    raise _unsafe(
                        path,
                        where,
                        f"aliases expand to more than {limits.max_alias_nodes:,} nodes "
                        "(a YAML bomb?); the file is refused",
                    )
                place(value, where, nodes)
            elif cls is document_start:
                documents += 1
                if documents > 1:
                    raise _error(
                        path,
                        _mark(event),
                        "a course file holds one YAML document; found a second '---'",
                        "split it into separate files",
                    )
            elif cls is stream_end:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise _error(path, where, f"YAML syntax error: {reason}", "fix the YAML syntax here") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "position", None)
        raise _error(path, (1, 1), f"unreadable YAML: {exc}", "save the file as UTF-8 text") from None
    except RecursionError:
        raise _error(path, (1, 1), "the YAML nests too deeply", "flatten it") from None
    if not have_root:
        raise _error(path, (1, 1), "the file is empty", "write the course here")
    return root, index


class _QuotedMergeKey(str):
    """A quoted ``"<<"`` key: the text itself, not a merge."""

    __slots__ = ()


def _key_of(event: Any) -> str:
    """A mapping key is its text as written (``1:`` is the key "1"); only a plain ``<<`` merges."""
    text: str = event.value
    if text == "<<" and event.style:
        return _QuotedMergeKey(text)
    return text


def _key_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _merge(container: dict[str, Any], merges: list[Any], path: Path, where: Located) -> None:
    sources: list[Any] = []
    for merge in merges:
        sources.extend(merge if isinstance(merge, list) else [merge])
    for source in sources:
        if not isinstance(source, dict):
            raise _error(path, where, "a merge key (<<) needs a mapping or a list of mappings", "fix the <<")
        for key, value in source.items():
            container.setdefault(key, value)


# --- JSON ---------------------------------------------------------------------------------


def _no_duplicates(path: Path) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _error(
                    path, (1, 1), f"the key {key!r} appears twice in the same object", "remove one of them"
                )
            out[key] = value
        return out

    return hook


def _build_json(text: str, path: Path, *, positions: bool) -> tuple[Any, Positions | None]:
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates(path),
            parse_constant=lambda name: _raise_constant(path, name),
        )
    except json.JSONDecodeError as exc:
        raise _error(
            path, (exc.lineno, exc.colno), f"JSON syntax error: {exc.msg}", "fix the JSON syntax here"
        ) from None
    except RecursionError:
        raise _error(path, (1, 1), "the JSON nests too deeply", "flatten it") from None
    index = None
    if positions:
        # JSON is YAML's flow style, so the YAML reader can point into it. Its result is
        # used only when it reads the same data; otherwise positions fall back to (1, 1).
        try:
            same, index = _build_yaml(text, path, DEFAULT_LIMITS, positions=True)
        except InvalidCourseFile:
            return data, Positions()
        if same != data:
            return data, Positions()
        return same, index
    return data, index


def _raise_constant(path: Path, name: str) -> Any:
    raise _error(path, (1, 1), f"{name} is not valid JSON", "write a finite number")


# --- entry points -------------------------------------------------------------------------


def load_text(
    text: str,
    path: Path,
    *,
    limits: LoadLimits = DEFAULT_LIMITS,
    positions: bool = False,
    kind: str | None = None,
) -> SourceFile:
    """Parse ``text`` as the file ``path`` (YAML unless it ends in ``.json`` or ``kind="json"``).

    Raises :class:`~learncore.errors.InvalidCourseFile` (syntax, empty file, duplicate
    keys, unsupported tags) or :class:`~learncore.errors.UnsafeYaml` (alias bombs,
    recursive aliases), each carrying one :class:`~learncore.content.Problem`.
    """
    if len(text) > limits.max_file_bytes:
        raise _too_large(path, len(text), limits.max_file_bytes)
    if text.startswith("\ufeff"):
        text = text[1:]
    is_json = kind == "json" or (kind is None and path.suffix.lower() in JSON_SUFFIXES)
    if is_json:
        data, index = _build_json(text, path, positions=positions)
    else:
        data, index = _build_yaml(text, path, limits, positions=positions)
    return SourceFile(path=path, data=data, positions=index)


def _too_large(path: Path, size: int, cap: int) -> CourseFileTooLarge:
    from learncore.content.report import Problem  # noqa: PLC0415 - avoid an import cycle

    message = f"the file is {size:,} bytes; the limit is {cap:,}"
    hint = "split the course into unit files, or raise LoadLimits.max_file_bytes"
    return CourseFileTooLarge(str(path), message, [Problem(str(path), 1, 1, message, hint)])


def read_text(path: Path, limits: LoadLimits = DEFAULT_LIMITS) -> str:
    """The UTF-8 text of ``path``, refusing files over the size cap before reading them."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise _too_large(path, size, limits.max_file_bytes)
        raw = path.read_bytes()
    except OSError as exc:
        raise _error(path, (1, 1), f"cannot read the file: {exc.strerror or exc}", "check the path") from None
    if len(raw) > limits.max_file_bytes:  # the file grew between stat and read
        raise _too_large(path, len(raw), limits.max_file_bytes)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(
            path, (line, column), "the file is not valid UTF-8 text", "save the file as UTF-8"
        ) from None


def load_file(path: Path, *, limits: LoadLimits = DEFAULT_LIMITS, positions: bool = False) -> SourceFile:
    """Read and parse one course file; see :func:`load_text` for the errors."""
    return load_text(read_text(path, limits), path, limits=limits, positions=positions)
