"""Reading LibreLingo courses (``course.yaml``, ``<module>/module.yaml``, ``skills/*.yaml``, ``*.md``).

LibreLingo describes *vocabulary* (new words, phrases, a mini-dictionary) and lets its
app generate the challenges; learncore stores *exercises*. The mapping:

- a module becomes a :class:`~learncore.domain.courses.Section`, a skill a
  :class:`~learncore.domain.courses.Unit` (its Markdown introduction a script asset of
  its first lesson, and the first paragraph its description);
- lessons are built from the skill's new words, then its phrases, a few per lesson;
- each new word gives the challenges LibreLingo would: *cards* (a multiple choice of
  pictures), *options* (a multiple choice of words), *short input* (a translation
  typed in the taught language) and *listening* (type what you hear), plus a
  translation back into the learners' language;
- each phrase gives *chips* (a word bank), a translation back, and *listening*;
- "Synonyms" and "Alternative versions" are accepted answers in the taught language,
  "Also accepted" and "Alternative translations" in the learners' language;
- the mini-dictionary becomes hints on the exercises whose prompt uses the word;
- the license and repository become the course's license and attribution.

LibreLingo sources ship no audio (its app synthesises it) and name pictures without
shipping them, so listening exercises point at ``tts:<language>?text=...`` URIs and
pictures at ``librelingo:images/<name>.jpg``, for the host app to resolve or replace.

Anything that cannot be carried over, or is malformed, is *reported* with its file,
line and column (``ImportReport.unsupported``), never dropped silently: unknown keys,
skills a module does not list, modules without ``module.yaml``, files that are not
YAML, broken YAML, entries without a word or translation.

The generated course goes through the same checks and conversion as a learncore file,
so what it produces can be exported and re-imported like any other course.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs

from learncore.content.checks import check_course
from learncore.content.convert import Converted, to_domain
from learncore.content.document import Findings
from learncore.content.model import FORMAT_VERSION, CourseSpec
from learncore.content.report import Problem, Severity, ValidationReport, sort_problems
from learncore.content.source import DEFAULT_LIMITS, LoadLimits, SourceFile, load_file
from learncore.errors import InvalidCourseFile

__all__ = ["read_librelingo", "validate_librelingo"]

WORDS_PER_LESSON = 5
PHRASES_PER_LESSON = 5

_COURSE_KEYS = {"Course", "Modules", "Settings"}
_COURSE_META_KEYS = {"Language", "For speakers of", "License", "Repository", "Special characters"}
_MODULE_KEYS = {"Module", "Skills"}
_SKILL_KEYS = {"Skill", "New words", "Phrases", "Mini-dictionary"}
_SKILL_META_KEYS = {"Name", "Id", "Thumbnails"}
_WORD_KEYS = {"Word", "Translation", "Also accepted", "Synonyms", "Images"}
_PHRASE_KEYS = {"Phrase", "Translation", "Alternative versions", "Alternative translations", "Also accepted"}
_KNOWN_MISSPELLINGS = {"Pictures": "Images", "Alternative": "Alternative versions"}
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_KEY_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")
_EDGE_PUNCTUATION = "¡!¿?.,;:\"'«»“”‘’()[]{}…—–-、。，！？「」『』"


def _slug(text: str) -> str:
    slug = _SLUG_CHARS.sub("-", text.lower()).strip("-")
    return slug[:100].strip("-") or "course"


def _key(text: str) -> str:
    key = _KEY_CHARS.sub("-", text).strip("-._")
    return key[:90].strip("-._") or "item"


def _text(value: Any) -> str | None:
    """A scalar as text (YAML may read a word such as ``1`` as a number), or None."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [text for item in items if (text := _text(item))]


def _is_cjk(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA", "CJK COMPATIBILITY"))


def tokens(text: str) -> list[str]:
    """The words of ``text`` as word-bank tiles: split on spaces (CJK text per character)."""
    out: list[str] = []
    for part in text.split():
        part = part.strip(_EDGE_PUNCTUATION)  # noqa: PLW2901 - trimming each part is the point
        if not part:
            continue
        if any(_is_cjk(char) for char in part):
            out.extend(char for char in part if _is_cjk(char) or char.isalnum())
        else:
            out.append(part)
    return out


@attrs.define
class _Reader:
    """Reads one LibreLingo course directory, collecting what it cannot carry over."""

    root: Path
    limits: LoadLimits
    problems: list[Problem] = attrs.Factory(list)
    files: dict[Path, SourceFile] = attrs.Factory(dict)
    used: set[Path] = attrs.Factory(set)
    taught_name: str = ""
    learner_name: str = ""
    to_code: str = ""
    # (section, unit, lesson, exercise) index -> the word or phrase entry it was made from
    origins: dict[tuple[int, int, int, int], tuple[Path, tuple[Any, ...]]] = attrs.Factory(dict)

    # --- reporting ---------------------------------------------------------------------

    def display(self, file: Path) -> str:
        try:
            return str(Path(self.root.name) / file.relative_to(self.root))
        except ValueError:
            return str(file)

    def report(
        self,
        file: Path,
        path: tuple[Any, ...],
        message: str,
        hint: str = "",
        *,
        at_key: bool = False,
        severity: Severity = Severity.WARNING,
    ) -> None:
        source = self.files.get(file)
        line, column = 1, 1
        if source is not None and source.positions is not None:
            line, column = source.positions.locate(source.data, path, key=at_key)
        self.problems.append(Problem(self.display(file), line, column, message, hint, severity))

    def unknown_keys(
        self, file: Path, path: tuple[Any, ...], mapping: Mapping[str, Any], known: set[str]
    ) -> None:
        for key in mapping:
            if key in known:
                continue
            better = _KNOWN_MISSPELLINGS.get(key)
            hint = (
                f"LibreLingo calls it {better!r}" if better else "learncore does not know this LibreLingo key"
            )
            self.report(file, (*path, key), f"unsupported key {key!r}; it is not imported", hint, at_key=True)

    def load(self, file: Path) -> Any:
        self.used.add(file)
        try:
            source = load_file(file, limits=self.limits, positions=True)
        except InvalidCourseFile as exc:
            for problem in exc.problems:
                self.problems.append(
                    attrs.evolve(problem, file=self.display(file), severity=Severity.WARNING)
                )
            return None
        self.files[file] = source
        return source.data

    # --- course ------------------------------------------------------------------------

    def course(self) -> dict[str, Any]:  # noqa: PLR0912, PLR0915 - one pass over course.yaml
        course_file = self.root / "course.yaml"
        if not course_file.is_file():
            message = "no course.yaml: this is not a LibreLingo course directory"
            problem = Problem(str(self.root), 1, 1, message, "pass the folder that holds course.yaml")
            raise InvalidCourseFile(str(self.root), message, [problem])
        data = self.load(course_file)
        fatal = [p for p in self.problems if p.file == self.display(course_file)]
        if not isinstance(data, dict) or not isinstance(data.get("Course"), dict):
            message = "course.yaml needs a 'Course' mapping"
            problems = fatal or [
                Problem(self.display(course_file), 1, 1, message, "see the LibreLingo course format")
            ]
            raise InvalidCourseFile(
                str(course_file), message, [attrs.evolve(p, severity=Severity.ERROR) for p in problems]
            )
        self.unknown_keys(course_file, (), data, _COURSE_KEYS)
        meta = data["Course"]
        self.unknown_keys(course_file, ("Course",), meta, _COURSE_META_KEYS)
        taught = _mapping(meta.get("Language"))
        learners = _mapping(meta.get("For speakers of"))
        to_code = _text(taught.get("IETF BCP 47"))
        from_code = _text(learners.get("IETF BCP 47"))
        if to_code is None or from_code is None:
            missing = "Course.Language" if to_code is None else "Course.For speakers of"
            message = f"{missing} needs an 'IETF BCP 47' language tag"
            path = ("Course", "Language" if to_code is None else "For speakers of")
            self.report(course_file, path, message, "add e.g. 'IETF BCP 47: es'", severity=Severity.ERROR)
            raise InvalidCourseFile(str(course_file), message, sort_problems(self.problems))
        self.taught_name = _text(taught.get("Name")) or to_code
        self.learner_name = _text(learners.get("Name")) or from_code
        self.to_code = to_code
        license_info = _mapping(meta.get("License"))
        license_name = _text(license_info.get("Short name")) or _text(license_info.get("Name"))
        credit = ["From the LibreLingo project (contributors of the course)"]
        if repository := _text(meta.get("Repository")):
            credit.append(f"source: {repository}")
        if license_info:
            long_name = _text(license_info.get("Name")) or license_name
            link = _text(license_info.get("Link"))
            credit.append(f"license: {long_name}" + (f" ({link})" if link else ""))
        if "Special characters" in meta:
            self.report(
                course_file,
                ("Course", "Special characters"),
                "the special-character keyboard is not imported",
                "learncore grades accents by the course's grading policy instead",
            )
        settings = data.get("Settings")
        if isinstance(settings, dict) and "Audio" in settings:
            self.report(
                course_file,
                ("Settings", "Audio"),
                "text-to-speech settings are not imported; listening exercises use tts: URIs",
                "synthesise or replace the audio in the app",
            )
        spec: dict[str, Any] = {
            "format_version": FORMAT_VERSION,
            "slug": _slug(self.root.name),
            "title": f"{self.taught_name} for {self.learner_name} speakers",
            "from_language": from_code,
            "to_language": to_code,
            "languages": [
                {"code": to_code, "name": self.taught_name},
                {"code": from_code, "name": self.learner_name},
            ],
            "attribution": "; ".join(credit),
            "grading": {"diacritics": "warn"},
        }
        if license_name:
            spec["license"] = license_name
        if spec["languages"][0]["code"] == spec["languages"][1]["code"]:
            spec["languages"] = spec["languages"][:1]
        sections: list[dict[str, Any]] = []
        modules = data.get("Modules")
        if not isinstance(modules, list):
            self.report(
                course_file, ("Modules",), "course.yaml lists no modules", "add Modules: [folder/, ...]"
            )
            modules = []
        for index, module in enumerate(modules):
            name = _text(module)
            if name is None:
                self.report(course_file, ("Modules", index), "a module entry must be a folder name")
                continue
            section = self.module(name.strip("/"), course_file, index, len(sections))
            if section is not None:
                sections.append(section)
        spec["sections"] = sections
        self.strays()
        return spec

    def module(self, name: str, course_file: Path, index: int, position: int) -> dict[str, Any] | None:
        folder = self.root / name
        module_file = folder / "module.yaml"
        if ".." in Path(name).parts or not folder.is_dir():
            self.report(
                course_file, ("Modules", index), f"the module folder {name!r} does not exist", "fix the path"
            )
            return None
        if not module_file.is_file():
            self.report(
                course_file,
                ("Modules", index),
                f"the module {name!r} has no module.yaml; it is skipped",
                "add module.yaml with Module.Name and Skills",
            )
            return None
        data = self.load(module_file)
        if not isinstance(data, dict):
            if data is not None:
                self.report(module_file, (), "module.yaml must be a mapping; the module is skipped")
            return None
        self.unknown_keys(module_file, (), data, _MODULE_KEYS)
        meta = _mapping(data.get("Module"))
        title = _text(meta.get("Name")) or name
        section_key = _key(name)
        units: list[dict[str, Any]] = []
        skills = data.get("Skills")
        if not isinstance(skills, list):
            skills = []
        for s_index, skill in enumerate(skills):
            skill_name = _text(skill)
            if skill_name is None:
                self.report(module_file, ("Skills", s_index), "a skill entry must be a file name")
                continue
            built = self.skill(folder / "skills" / skill_name, module_file, s_index, section_key)
            if built is not None:
                unit, sources = built
                for (lesson, exercise), origin in sources.items():
                    self.origins[(position, len(units), lesson, exercise)] = origin
                units.append(unit)
        if not units:
            self.report(module_file, (), f"the module {title!r} has no usable skills; it is skipped")
            return None
        return {"id": section_key, "title": title, "units": units}

    # --- skills ------------------------------------------------------------------------

    def skill(
        self, file: Path, module_file: Path, index: int, section_key: str
    ) -> tuple[dict[str, Any], dict[tuple[int, int], tuple[Path, tuple[Any, ...]]]] | None:
        if not file.is_file():
            self.report(
                module_file, ("Skills", index), f"the skill file {file.name!r} does not exist", "fix the name"
            )
            return None
        data = self.load(file)
        if not isinstance(data, dict):
            if data is not None:
                self.report(file, (), "a skill file must be a mapping; the skill is skipped")
            return None
        self.unknown_keys(file, (), data, _SKILL_KEYS)
        meta = _mapping(data.get("Skill"))
        self.unknown_keys(file, ("Skill",), meta, _SKILL_META_KEYS)
        title = _text(meta.get("Name")) or file.stem
        unit_key = f"{section_key}.{_key(file.stem)}"
        dictionary = self.dictionary(file, data.get("Mini-dictionary"))
        words = self.entries(file, data.get("New words"), "New words", "Word", _WORD_KEYS)
        phrases = self.entries(file, data.get("Phrases"), "Phrases", "Phrase", _PHRASE_KEYS)
        builder = _SkillBuilder(
            unit_key, self.taught_name, self.learner_name, self.to_code, dictionary, words, phrases
        )
        lessons, sources = builder.lessons()
        if not lessons:
            self.report(file, (), f"the skill {title!r} has no new words or phrases; it is skipped")
            return None
        unit: dict[str, Any] = {"id": unit_key, "title": title, "lessons": lessons}
        thumbnails = _texts(meta.get("Thumbnails"))
        if thumbnails:
            unit["icon"] = f"librelingo:images/{thumbnails[0]}.jpg"
        introduction = file.with_suffix(".md")
        if introduction.is_file():
            self.used.add(introduction)
            try:
                markdown = introduction.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self.report(introduction, (), "the introduction is not readable UTF-8 text; it is skipped")
            else:
                paragraph = _first_paragraph(markdown)
                if paragraph:
                    unit["description"] = paragraph[:2000]
                lessons[0]["assets"] = [
                    {"kind": "script", "title": f"{title}: introduction", "content": {"markdown": markdown}}
                ]
        return unit, {place: (file, path) for place, path in sources.items()}

    def entries(
        self, file: Path, value: Any, section: str, main: str, known: set[str]
    ) -> list[tuple[Mapping[str, Any], tuple[Any, ...]]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(file, (section,), f"{section} must be a list; it is skipped")
            return []
        out: list[tuple[Mapping[str, Any], tuple[Any, ...]]] = []
        for index, entry in enumerate(value):
            path = (section, index)
            if not isinstance(entry, dict):
                self.report(file, path, f"an entry of {section} must be a mapping; it is skipped")
                continue
            self.unknown_keys(file, path, entry, known)
            if _text(entry.get(main)) is None or _text(entry.get("Translation")) is None:
                missing = main if _text(entry.get(main)) is None else "Translation"
                self.report(file, path, f"this entry has no {missing}; it is skipped", f"add {missing}: ...")
                continue
            out.append((entry, path))
        return out

    def dictionary(self, file: Path, value: Any) -> dict[str, dict[str, str]]:
        """``{language name: {word: meanings}}``, lower-cased words."""
        out: dict[str, dict[str, str]] = {}
        if value is None:
            return out
        if not isinstance(value, dict):
            self.report(file, ("Mini-dictionary",), "the mini-dictionary must be a mapping; it is skipped")
            return out
        for language, entries in value.items():
            table = out.setdefault(language, {})
            if not isinstance(entries, list):
                self.report(file, ("Mini-dictionary", language), "dictionary entries must be a list")
                continue
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict) or len(entry) != 1:
                    self.report(
                        file, ("Mini-dictionary", language, index), "a dictionary entry is 'word: meaning(s)'"
                    )
                    continue
                ((word, meanings),) = entry.items()
                texts = _texts(meanings)
                if texts and word.strip():
                    table[word.strip().lower()] = ", ".join(texts)[:500]
        return out

    def strays(self) -> None:
        for candidate in sorted(self.root.rglob("*")):
            relative = candidate.relative_to(self.root)
            if not candidate.is_file() or candidate in self.used:
                continue
            if any(part.startswith(".") for part in relative.parts):
                message = "a hidden file; it is ignored"
            elif candidate.suffix in (".yaml", ".yml") and candidate.parent.name == "skills":
                message = "this skill is not listed in its module.yaml (commented out?); it is not imported"
            elif candidate.suffix == ".md" and candidate.parent.name == "skills":
                message = "this introduction has no skill file beside it; it is not imported"
            else:
                message = "a file LibreLingo courses do not use; it is ignored"
            self.problems.append(Problem(self.display(candidate), 1, 1, message, "", Severity.WARNING))


def _first_paragraph(markdown: str) -> str:
    for block in re.split(r"\n\s*\n", markdown):
        lines = [line.strip() for line in block.strip().splitlines() if not line.lstrip().startswith("#")]
        text = " ".join(line for line in lines if line)
        if text:
            return text
    return ""


@attrs.define
class _SkillBuilder:
    """Turns one skill's words and phrases into lessons of exercises (as format data)."""

    unit_key: str
    taught: str
    learner_language: str
    language: str
    dictionary: dict[str, dict[str, str]]
    words: list[tuple[Mapping[str, Any], tuple[Any, ...]]]
    phrases: list[tuple[Mapping[str, Any], tuple[Any, ...]]]

    def hints(self, text: str, language_name: str) -> list[dict[str, str]]:
        table = self.dictionary.get(language_name, {})
        out: list[dict[str, str]] = []
        seen: set[str] = set()
        for token in tokens(text):
            word = token.lower()
            if word in table and word not in seen:
                seen.add(word)
                out.append({"text": table[word], "word": token})
        return out

    def tts(self, text: str) -> str:
        return f"tts:{self.language}?text={quote(text)}"

    def lessons(self) -> tuple[list[dict[str, Any]], dict[tuple[int, int], tuple[Any, ...]]]:
        """The lessons, and the entry each exercise was made from by (lesson, exercise) index."""
        lessons: list[dict[str, Any]] = []
        sources: dict[tuple[int, int], tuple[Any, ...]] = {}
        plan = [
            ("words", "New words", WORDS_PER_LESSON, self.words, self.word_exercises),
            ("phrases", "Phrases", PHRASES_PER_LESSON, self.phrases, self.phrase_exercises),
        ]
        for key, title, size, entries, make in plan:
            for number, chunk in enumerate(_chunks(entries, size), start=1):
                exercises: list[dict[str, Any]] = []
                for entry, path in chunk:
                    for exercise in make(entry):
                        sources[(len(lessons), len(exercises))] = path
                        exercises.append(exercise)
                lessons.append(
                    {
                        "id": f"{self.unit_key}.{key}-{number}",
                        "title": f"{title} {number}",
                        "exercises": exercises,
                    }
                )
        return lessons, sources

    def others(
        self, entries: Sequence[tuple[Mapping[str, Any], tuple[Any, ...]]], main: str, word: str
    ) -> list[Mapping[str, Any]]:
        seen = {word}
        out = []
        for entry, _ in entries:
            text = _text(entry[main])
            if text and text not in seen:
                seen.add(text)
                out.append(entry)
        return out

    def word_exercises(self, entry: Mapping[str, Any]) -> list[dict[str, Any]]:
        word = _text(entry["Word"]) or ""
        meaning = _text(entry["Translation"]) or ""
        synonyms = _texts(entry.get("Synonyms"))
        also = _texts(entry.get("Also accepted"))
        images = _texts(entry.get("Images"))
        others = self.others(self.words, "Word", word)[:2]
        exercises: list[dict[str, Any]] = []
        if images:
            # cards: pick the picture (labelled in the learners' language) that shows the word
            picture = f"librelingo:images/{images[0]}.jpg"
            cards: list[dict[str, Any]] = [{"text": meaning, "correct": True, "image": picture}]
            for other in others:
                other_images = _texts(other.get("Images"))
                card: dict[str, Any] = {"text": _text(other["Translation"]) or ""}
                if other_images:
                    card["image"] = f"librelingo:images/{other_images[0]}.jpg"
                cards.append(card)
            if len(cards) >= 2 and len({c["text"] for c in cards}) == len(cards):
                exercises.append(
                    {
                        "type": "multiple_choice",
                        "prompt": f"Which of these is “{word}”?",
                        "options": _rotate(cards, sum(map(ord, word))),
                        "hints": self.hints(word, self.taught),
                        "tags": ["librelingo:cards"],
                    }
                )
        # options: pick the word that means the translation
        choices = [{"text": word, "correct": True}] + [{"text": _text(o["Word"]) or ""} for o in others]
        if len(choices) >= 2:
            exercises.append(
                {
                    "type": "multiple_choice",
                    "prompt": f"Which of these means “{meaning}”?",
                    "options": _rotate(choices, sum(map(ord, meaning))),
                    "tags": ["librelingo:options"],
                }
            )
        exercises.append(
            {
                "type": "translate",
                "prompt": f"Type “{meaning}” in {self.taught}",
                "answers": [word, *synonyms],
                "tags": ["librelingo:short-input"],
            }
        )
        exercises.append(
            {
                "type": "translate",
                "prompt": word,
                "answers": [meaning, *also],
                "hints": self.hints(word, self.taught),
                "tags": ["librelingo:reverse"],
            }
        )
        exercises.append(
            {
                "type": "listen_type",
                "prompt": "Type what you hear",
                "answers": [word, *synonyms],
                "audio": {"transcript": word, "variants": [{"uri": self.tts(word), "format": "tts"}]},
                "tags": ["librelingo:listening"],
            }
        )
        return exercises

    def phrase_exercises(self, entry: Mapping[str, Any]) -> list[dict[str, Any]]:
        phrase = _text(entry["Phrase"]) or ""
        meaning = _text(entry["Translation"]) or ""
        versions = _texts(entry.get("Alternative versions"))
        translations = _texts(entry.get("Alternative translations")) + _texts(entry.get("Also accepted"))
        tiles = tokens(phrase)
        used = set(tiles)
        for other in self.others(self.phrases, "Phrase", phrase):
            for token in tokens(_text(other["Phrase"]) or ""):
                if token not in used and len(tiles) < len(tokens(phrase)) + 3:
                    used.add(token)
                    tiles.append(token)
        exercises: list[dict[str, Any]] = []
        if tiles:
            exercises.append(
                {
                    "type": "word_bank",
                    "prompt": meaning,
                    "answers": [phrase, *versions],
                    "options": sorted(tiles, key=str.casefold),
                    "hints": self.hints(meaning, self.learner_language),
                    "tags": ["librelingo:chips"],
                }
            )
        exercises.append(
            {
                "type": "translate",
                "prompt": phrase,
                "answers": [meaning, *translations],
                "hints": self.hints(phrase, self.taught),
                "tags": ["librelingo:reverse"],
            }
        )
        exercises.append(
            {
                "type": "listen_type",
                "prompt": "Type what you hear",
                "answers": [phrase, *versions],
                "audio": {"transcript": phrase, "variants": [{"uri": self.tts(phrase), "format": "tts"}]},
                "tags": ["librelingo:listening"],
            }
        )
        return exercises


def _rotate(items: list[dict[str, Any]], by: int) -> list[dict[str, Any]]:
    """The choices rotated by ``by``, so the correct one is not always first (but always the same)."""
    shift = by % len(items) if items else 0
    return items[shift:] + items[:shift]


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _read(path: str | os.PathLike[str], limits: LoadLimits) -> tuple[Converted | None, list[Problem]]:
    root = Path(path)
    if not root.is_dir():
        message = "a LibreLingo course is a directory holding course.yaml"
        raise InvalidCourseFile(
            str(root), message, [Problem(str(root), 1, 1, message, "pass the course folder")]
        )
    reader = _Reader(root=root, limits=limits)
    spec_data = reader.course()
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic loads on first use

    from learncore.content.model import course_adapter  # noqa: PLC0415

    try:
        spec: CourseSpec = course_adapter().validate_python(spec_data)
    except ValidationError as exc:  # pragma: no cover - the reader only builds valid data
        raise InvalidCourseFile(str(root), f"internal error building the course: {exc}") from None
    findings = Findings()
    check_course(spec, findings, root=root)
    # The generated course is checked like a file; its problems are entries of the
    # LibreLingo files (an answer that is only punctuation, say), reported and dropped.
    problems = list(reader.problems)
    errors = [f for f in findings.items if f.severity is Severity.ERROR]
    if errors:
        _drop(spec, [f.path for f in errors])
        for finding in errors:
            place = _exercise_place(finding.path)
            origin = reader.origins.get(place) if place else None
            file, where = origin if origin else (root / "course.yaml", ())
            reader.report(
                file, where, f"{finding.message}; the exercise made from it is not imported", finding.hint
            )
        problems = list(reader.problems)
        findings = Findings()
    converted = to_domain(spec, findings)
    if converted is None:  # pragma: no cover - the checks above catch what conversion would
        problems.extend(
            Problem(reader.display(root / "course.yaml"), 1, 1, f.message, f.hint, Severity.ERROR)
            for f in findings.items
        )
    return converted, problems


def _exercise_place(path: tuple[Any, ...]) -> tuple[int, int, int, int] | None:
    """(section, unit, lesson, exercise) indices of a path inside a generated exercise."""
    if len(path) >= 8 and path[6] == "exercises":
        return (path[1], path[3], path[5], path[7])
    return None


def _drop(spec: CourseSpec, paths: list[tuple[Any, ...]]) -> None:
    """Remove the generated exercises at ``paths`` (those with problems), in place."""
    places = {place for path in paths if (place := _exercise_place(path)) is not None}
    for section, unit, lesson, exercise in sorted(places, reverse=True):
        del spec["sections"][section]["units"][unit]["lessons"][lesson]["exercises"][exercise]


def read_librelingo(
    path: str | os.PathLike[str], *, limits: LoadLimits = DEFAULT_LIMITS
) -> tuple[Converted, tuple[Problem, ...], tuple[Problem, ...]]:
    """A LibreLingo course directory as domain objects, with what could not be carried over.

    Raises :class:`~learncore.errors.InvalidCourseFile` when no course can be built
    (no ``course.yaml``, no language tags).
    """
    converted, problems = _read(path, limits)
    ordered = sort_problems(problems)
    if converted is None:
        raise InvalidCourseFile(str(path), "the LibreLingo course cannot be imported", ordered)
    return converted, ordered, ()


def validate_librelingo(
    path: str | os.PathLike[str], *, limits: LoadLimits = DEFAULT_LIMITS
) -> ValidationReport:
    """Check a LibreLingo course directory; unsupported parts are warnings, unusable courses errors."""
    try:
        _, problems = _read(path, limits)
    except InvalidCourseFile as exc:
        return ValidationReport(str(path), "librelingo", sort_problems(exc.problems))
    return ValidationReport(str(path), "librelingo", sort_problems(problems))
