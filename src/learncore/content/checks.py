"""The checks that need the whole course: ids, references, cycles, exercise rules, files, answers.

They run on the validated file data (:mod:`learncore.content.model`), so every
problem is reported at the place the author wrote it, and all of them at once. The
exercise rules are those the domain enforces when an
:class:`~learncore.domain.exercises.Exercise` is built; a property-based test keeps
the two in agreement (``tests/unit/content/test_checks_match_domain.py``).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from learncore.content.answers import answer_problem, plainly_fine
from learncore.content.document import DocPath, Findings
from learncore.content.keys import (
    as_uuid_key,
    default_asset_key,
    default_exercise_key,
    default_option_key,
)
from learncore.content.model import CourseSpec, ExerciseSpec, GradingSpec, LessonSpec
from learncore.domain.exercises import BLANK_MARKER, ExerciseType, is_plugin_exercise_type
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.languages import BCP47_PATTERN, normalise_language_code
from learncore.errors import InvalidContent

__all__ = ["check_course", "grading_policy", "is_url", "local_file"]

_BUILT_IN = {member.value for member in ExerciseType}
_NEEDS_ANSWERS = {"translate", "listen_type", "speak", "word_bank", "fill_blank"}
_LANGUAGE = re.compile(BCP47_PATTERN)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def is_url(uri: str) -> bool:
    """Whether ``uri`` names something outside the course directory (``https:``, ``tts:``...)."""
    return bool(_URL.match(uri)) and not re.match(r"[A-Za-z]:[\\/]", uri)


def local_file(root: Path, uri: str) -> Path | None:
    """The file a relative ``uri`` names inside ``root``, or None if it would leave ``root``."""
    relative = PurePosixPath(uri.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        return None
    target = root / relative
    # A symbolic link (to the file or a folder on its way) may still point outside.
    if not target.resolve().is_relative_to(root.resolve()):
        return None
    return target


def grading_policy(base: GradingPolicy, spec: GradingSpec | None) -> GradingPolicy:
    """``base`` with the fields ``spec`` sets; :class:`~learncore.errors.InvalidContent` if they clash."""
    if not spec:
        return base
    changes: dict[str, Any] = dict(spec)
    if "typo_tolerance" in changes:
        changes["typo_tolerance"] = tuple(tuple(step) for step in changes["typo_tolerance"])
    if "spelling_variants" in changes:
        changes["spelling_variants"] = frozenset(changes["spelling_variants"])
    return attrs.evolve(base, **changes)


def _close(word: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1)
    return f"did you mean {match[0]!r}?" if match else ""


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


@attrs.define
class _Seen:
    """First place each key of one kind was used."""

    kind: str
    first: dict[str, DocPath] = attrs.Factory(dict)

    def claim(
        self, findings: Findings, key: str, path: DocPath, *, note: Callable[[], str] | None = None
    ) -> None:
        if key in self.first:
            findings.error(
                path,
                f"duplicate {self.kind} id {key!r}{note() if note else ''}",
                f"{self.kind} ids must be unique in the course; the first use is at "
                + ".".join(str(p) for p in self.first[key]),
            )
        else:
            self.first[key] = path


class _Checker:
    def __init__(self, spec: CourseSpec, findings: Findings, root: Path) -> None:
        self.spec = spec
        self.findings = findings
        self.root = root
        self.language = spec.get("to_language", "und")
        self.sections = _Seen("section")
        self.units = _Seen("unit")
        self.lessons = _Seen("lesson")
        self.exercises = _Seen("exercise")
        self.assets = _Seen("asset")
        self.uuids: dict[str, DocPath] = {}
        self.lesson_order: list[str] = []
        self.requires: list[tuple[str, str, DocPath]] = []
        self.files: dict[str, bool] = {}
        self.policy = GradingPolicy()
        self.set_aside: frozenset[str] = frozenset()
        self.partial = False
        self.check_files = True

    # --- helpers -----------------------------------------------------------------------

    def text(self, value: str | None, path: DocPath, what: str, limit: int, *, required: bool = True) -> None:
        if value is None:
            return
        if required and not value.strip():
            self.findings.error(path, f"{what} is empty", f"write the {what}")
        elif len(value) > limit:
            self.findings.error(
                path, f"{what} is {len(value)} characters long; the limit is {limit}", "shorten it"
            )

    def positions(self, items: Sequence[Mapping[str, Any]], path: DocPath, what: str) -> None:
        """Siblings may not share a position (explicit, or their place in the list)."""
        used: dict[int, int] = {}
        for index, item in enumerate(items):
            position = item.get("position", index)
            if position in used:
                self.findings.error(
                    (*path, index, "position") if "position" in item else (*path, index),
                    f"position {position} is also used by {what} {used[position] + 1} of this list",
                    "give siblings different positions, or leave position out",
                )
            used[position] = index

    def uuid_key(self, key: str, path: DocPath) -> None:
        if as_uuid_key(key) is None:
            return
        canonical = key.lower()
        if canonical in self.uuids:
            self.findings.error(
                path,
                f"the UUID {key} is already used by " + ".".join(str(p) for p in self.uuids[canonical]),
                "every item needs its own id",
            )
        else:
            self.uuids[canonical] = path

    def file(self, uri: str, path: DocPath, what: str) -> None:
        if is_url(uri) or not self.check_files:
            return
        target = local_file(self.root, uri)
        if target is None:
            self.findings.error(
                path,
                f"the {what} path {uri!r} leaves the course directory",
                "use a path inside it, without '..'",
            )
            return
        exists = self.files.get(uri)
        if exists is None:
            exists = self.files[uri] = target.is_file()
        if not exists:
            self.findings.error(
                path,
                f"the {what} file {uri!r} does not exist",
                f"paths are relative to the course directory ({self.root}); add the file or fix the path",
            )

    def policy_from(self, spec: GradingSpec | None, path: DocPath, base: GradingPolicy) -> GradingPolicy:
        try:
            return grading_policy(base, spec)
        except InvalidContent as exc:
            field = exc.location.rpartition(".")[2]
            self.findings.error(
                (*path, field) if spec and field in spec else path, exc.reason, "fix the grading settings"
            )
            return base

    # --- levels ------------------------------------------------------------------------

    def course(self) -> None:
        spec = self.spec
        self.text(spec["title"], ("title",), "title", 200)
        for field in ("from_language", "to_language"):
            code = spec[field]
            if not _LANGUAGE.fullmatch(normalise_language_code(code)):
                self.findings.error(
                    (field,),
                    f"{code!r} is not a BCP-47 language tag",
                    "use a tag such as 'es', 'en' or 'pt-BR'",
                )
        codes: dict[str, int] = {}
        for index, language in enumerate(spec.get("languages", [])):
            path = ("languages", index)
            code = normalise_language_code(language["code"])
            if not _LANGUAGE.fullmatch(code):
                self.findings.error(
                    (*path, "code"),
                    f"{language['code']!r} is not a BCP-47 language tag",
                    "use a tag such as 'es'",
                )
            elif code in codes:
                self.findings.error(
                    (*path, "code"), f"the language {code!r} is listed twice", "list each language once"
                )
            codes[code] = index
            self.text(language["name"], (*path, "name"), "language name", 100)
        self.policy = self.policy_from(spec.get("grading"), ("grading",), GradingPolicy())
        if "id" in spec:
            self.uuid_key(spec["id"], ("id",))
        sections = spec.get("sections", [])
        self.positions(sections, ("sections",), "section")
        for s_index, section in enumerate(sections):
            path = ("sections", s_index)
            self.sections.claim(self.findings, section["id"], (*path, "id"))
            self.uuid_key(section["id"], (*path, "id"))
            self.text(section["title"], (*path, "title"), "title", 200)
            units = section.get("units", [])
            if not units and not self.partial:
                self.findings.warning(
                    path, f"section {section['id']!r} has no units", "add units or remove it"
                )
            self.positions(units, (*path, "units"), "unit")
            for u_index, unit in enumerate(units):
                self.unit(unit, (*path, "units", u_index))
        self.prerequisites()

    def unit(self, unit: Mapping[str, Any], path: DocPath) -> None:
        self.units.claim(self.findings, unit["id"], (*path, "id"))
        self.uuid_key(unit["id"], (*path, "id"))
        self.text(unit["title"], (*path, "title"), "title", 200)
        color = unit.get("color")
        if color is not None and not _COLOUR.fullmatch(color):
            self.findings.error((*path, "color"), f"{color!r} is not a colour", "write it like '#58CC02'")
        lessons = unit.get("lessons", [])
        if not lessons and not self.partial:
            self.findings.warning(path, f"unit {unit['id']!r} has no lessons", "add lessons or remove it")
        self.positions(lessons, (*path, "lessons"), "lesson")
        for index, lesson in enumerate(lessons):
            self.lesson(lesson, (*path, "lessons", index))

    def lesson(self, lesson: LessonSpec, path: DocPath) -> None:
        key = lesson["id"]
        self.lessons.claim(self.findings, key, (*path, "id"))
        self.uuid_key(key, (*path, "id"))
        self.lesson_order.append(key)
        self.text(lesson["title"], (*path, "title"), "title", 200)
        for index, required in enumerate(lesson.get("requires", [])):
            self.requires.append((key, required, (*path, "requires", index)))
        exercises = lesson.get("exercises", [])
        if not exercises and not self.partial:
            self.findings.warning(path, f"lesson {key!r} has no exercises", "add exercises")
        self.positions(exercises, (*path, "exercises"), "exercise")
        for index, exercise in enumerate(exercises):
            self.exercise(exercise, (*path, "exercises", index), key, index)
        assets = lesson.get("assets", [])
        self.positions(assets, (*path, "assets"), "asset")
        for index, asset in enumerate(assets):
            here = (*path, "assets", index)
            asset_key = asset.get("id", default_asset_key(key, index))
            note = None if "id" in asset else lambda index=index: f" (the default id of asset {index + 1})"
            self.assets.claim(self.findings, asset_key, (*here, "id") if "id" in asset else here, note=note)
            if "id" in asset:
                self.uuid_key(asset["id"], (*here, "id"))
            if not _finite(asset.get("content", {})):
                self.findings.error(
                    (*here, "content"), "content holds a number that is not finite", "use finite numbers"
                )

    def exercise(  # noqa: PLR0912, PLR0915 - the exercise rules, kept together as the domain keeps them
        self, exercise: ExerciseSpec, path: DocPath, lesson_key: str, index: int
    ) -> None:
        # This runs once per exercise (75,000 times in a large course): common cases first.
        explicit = "id" in exercise
        if explicit:
            key = exercise["id"]
            self.exercises.claim(self.findings, key, (*path, "id"))
            self.uuid_key(key, (*path, "id"))
        else:
            key = default_exercise_key(lesson_key, index)
            self.exercises.claim(
                self.findings,
                key,
                path,
                note=lambda: f" (the default id of exercise {index + 1} of lesson {lesson_key!r})",
            )
        kind = exercise["type"]
        if kind not in _BUILT_IN and not is_plugin_exercise_type(kind):
            hint = _close(kind, _BUILT_IN) or "plugin types are namespaced, like 'acme:drag_drop'"
            self.findings.error((*path, "type"), f"unknown exercise type {kind!r}", hint)
        prompt = exercise["prompt"]
        if len(prompt) > 2000 or not prompt.strip():
            self.text(prompt, (*path, "prompt"), "prompt", 2000)
        policy = self.policy
        if "grading" in exercise:
            policy = self.policy_from(exercise["grading"], (*path, "grading"), self.policy)
        answers = exercise.get("answers", ())
        for a_index, answer in enumerate(answers):
            if plainly_fine(answer):
                continue
            problem = answer_problem(answer, language=self.language, policy=policy)
            if problem is not None:
                hint = (
                    "write words a learner can type (punctuation is ignored unless grading says otherwise)"
                    if "normalised" in problem or "empty" in problem
                    else "check the brackets; write \\[ \\] \\( \\) \\| for the characters themselves"
                )
                self.findings.error((*path, "answers", a_index), problem, hint)
        options = exercise.get("options", [])
        self.options(options, path, key)
        if kind in _NEEDS_ANSWERS and not answers:
            self.findings.error(
                path, f"a {kind} exercise needs at least one accepted answer", "add answers: [...]"
            )
        if kind == "multiple_choice":
            correct = sum(1 for option in options if option.get("correct", False))
            if len(options) < 2:
                self.findings.error(
                    (*path, "options") if options else path,
                    "multiple choice needs at least two options",
                    "add options: [...]",
                )
            elif correct == 0:
                self.findings.error(
                    (*path, "options"),
                    "multiple choice has no correct option",
                    "mark the right option with correct: true",
                )
            elif correct > 1 and not exercise.get("multiple_answers", False):
                self.findings.error(
                    (*path, "options"),
                    f"{correct} options are marked correct",
                    "set multiple_answers: true for a multi-select question, or keep one correct option",
                )
        elif kind == "word_bank" and not options:
            self.findings.error(
                path, "a word bank needs its tiles as options", "add options: [tile, tile, ...]"
            )
        elif kind == "fill_blank" and not BLANK_MARKER.search(prompt):
            self.findings.error(
                (*path, "prompt"),
                "a fill_blank prompt must mark the blank",
                "write ___ where the answer goes",
            )
        self.pairs(exercise, path, kind)
        for h_index, help_item in enumerate(exercise.get("hints", [])):
            self.text(help_item["text"], (*path, "hints", h_index, "text"), "hint", 500)
            self.text(
                help_item.get("word"), (*path, "hints", h_index, "word"), "hint word", 200, required=False
            )
        for t_index, tag in enumerate(exercise.get("tags", [])):
            self.text(tag["name"], (*path, "tags", t_index, "name"), "tag name", 64)
            self.text(tag.get("category"), (*path, "tags", t_index, "category"), "tag category", 64)
        audio = exercise.get("audio")
        if audio is not None:
            qualities: set[str] = set()
            for v_index, variant in enumerate(audio["variants"]):
                here = (*path, "audio", "variants", v_index)
                quality = variant.get("quality", "standard")
                if quality in qualities:
                    self.findings.error(
                        (*here, "quality"),
                        f"two variants are {quality!r}",
                        "give each variant its own quality",
                    )
                qualities.add(quality)
                self.text(variant["uri"], (*here, "uri"), "audio path", 2048)
                self.file(variant["uri"], (*here, "uri"), "audio")
        if "extra" in exercise and not _finite(exercise["extra"]):
            self.findings.error(
                (*path, "extra"), "extra holds a number that is not finite", "use finite numbers"
            )

    def options(self, options: Sequence[Mapping[str, Any]], path: DocPath, exercise_key: str) -> None:
        seen: dict[str, int] = {}
        for index, option in enumerate(options):
            here = (*path, "options", index)
            self.text(option["text"], (*here, "text"), "option text", 500)
            key = option.get("id", default_option_key(index))
            if key in seen:
                self.findings.error(
                    (*here, "id") if "id" in option else here,
                    f"duplicate option id {key!r} in exercise {exercise_key!r}",
                    "option ids must be unique within their exercise",
                )
            seen[key] = index
            image = option.get("image")
            if image is not None:
                self.file(image, (*here, "image"), "image")

    def pairs(self, exercise: ExerciseSpec, path: DocPath, kind: str) -> None:
        pairs = exercise.get("pairs", [])
        for index, pair in enumerate(pairs):
            for side in ("left", "right"):
                text = pair["left"] if side == "left" else pair["right"]
                self.text(text, (*path, "pairs", index, side), f"pair {side}", 200)
        if kind != "match_pairs":
            return
        if len(pairs) < 2:
            self.findings.error(
                (*path, "pairs") if pairs else path, "match_pairs needs at least two pairs", "add pairs"
            )
            return
        for side in ("left", "right"):
            seen: set[str] = set()
            for index, pair in enumerate(pairs):
                text = pair["left"] if side == "left" else pair["right"]
                if text in seen:
                    self.findings.error(
                        (*path, "pairs", index, side),
                        f"{text!r} appears twice on the {side}",
                        "make each side unique",
                    )
                seen.add(text)

    # --- prerequisites -----------------------------------------------------------------

    def prerequisites(self) -> None:
        order = {key: index for index, key in enumerate(self.lesson_order)}
        graph: dict[str, list[str]] = {}
        edge_path: dict[tuple[str, str], DocPath] = {}
        sequential = self.spec.get("unlock_rule", "sequential") == "sequential"
        for lesson, required, path in self.requires:
            if required not in order:
                if required in self.set_aside:
                    continue
                hint = _close(required, order) or "requires lists lesson ids of this course"
                self.findings.error(
                    path, f"lesson {lesson!r} requires {required!r}, which is no lesson of this course", hint
                )
                continue
            if required == lesson:
                self.findings.error(
                    path, f"lesson {lesson!r} requires itself", "remove it from its own requires"
                )
                continue
            graph.setdefault(lesson, []).append(required)
            edge_path.setdefault((lesson, required), path)
            if sequential and order[required] > order[lesson]:
                self.findings.error(
                    path,
                    f"lesson {lesson!r} requires {required!r}, which comes later in the course; "
                    "with unlock_rule 'sequential' every lesson already needs the ones before it, "
                    "so this is a cycle",
                    "move the lesson after its prerequisite, or set unlock_rule: prerequisites",
                )
        for cycle in _cycles(graph):
            first = cycle[0]
            following = cycle[1] if len(cycle) > 1 else cycle[0]
            self.findings.error(
                edge_path[(first, following)],
                "prerequisites form a cycle: " + " -> ".join([*cycle, first]),
                "remove one of these requirements",
            )


def _cycles(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of lessons (Tarjan's algorithm, iterative)."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index_of:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, ())
            if child < len(edges):
                work.append((node, child + 1))
                nxt = edges[child]
                if nxt not in index_of:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index_of[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index_of[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return [_cycle_in(graph, set(group)) for group in groups]


def _cycle_in(graph: Mapping[str, Sequence[str]], members: set[str]) -> list[str]:
    """A simple cycle inside one strongly connected group, starting from its first lesson."""
    start = min(members)
    path = [start]
    seen = {start}
    node = start
    while True:
        nxt = next(n for n in graph.get(node, ()) if n in members)
        if nxt in seen:
            return path[path.index(nxt) :]
        path.append(nxt)
        seen.add(nxt)
        node = nxt


def check_course(
    spec: CourseSpec,
    findings: Findings,
    *,
    root: Path,
    unknown_lessons: Collection[str] = (),
    partial: bool = False,
    check_files: bool = True,
) -> None:
    """Record every problem of a schema-valid course in ``findings``.

    ``unknown_lessons`` are ids of lessons set aside for schema errors: requiring
    them is not reported again as a dangling reference; with ``partial`` (some items were
    set aside) lists are not reported as empty either. ``check_files=False`` skips the
    existence checks of audio and image files (for courses generated from other sources).
    """
    checker = _Checker(spec, findings, root)
    checker.set_aside = frozenset(unknown_lessons)
    checker.partial = partial
    checker.check_files = check_files
    checker.course()
