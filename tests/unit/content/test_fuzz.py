"""Bad input: random and mutated course files only ever give typed learncore errors, and write nothing."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import learncore
from learncore.content import import_course, validate
from learncore.content.exporting import dump_yaml
from learncore.content.source import load_text
from learncore.errors import InvalidCourseFile, LearncoreError, UnsafeYaml

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = (ROOT / "examples" / "content" / "spanish-basics" / "units" / "greetings.yaml").read_text(
    encoding="utf-8"
)
VALID = """\
format_version: 1
slug: fuzz
title: Fuzz
from_language: en
to_language: es
sections:
  - id: s
    title: S
    units:
      - id: u
        title: U
        lessons:
          - id: l
            title: L
            exercises:
              - {type: translate, prompt: Hello, answers: [Hola]}
              - type: multiple_choice
                prompt: Pick
                options: [{text: a, correct: true}, b]
"""
YAML_BITS = [
    "&a ",
    "*a",
    "<<: ",
    "!!python/object ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\n",
    "  ",
    "'",
    '"',
    "#",
    "---\n",
    "\t",
    "\x00",
    "\ufeff",
    "é",
    "🙂",
    "?",
    "|",
    ">",
    "%YAML 1.1\n",
    "!!binary ",
    "@",
    "`",
]


def billion_laughs(width: int, depth: int) -> str:
    lines = ["a0: &a0 [" + ",".join(['"lol"'] * width) + "]"]
    lines.extend(
        f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * width) + "]" for level in range(1, depth)
    )
    return "\n".join(lines) + "\n"


@st.composite
def mutated(draw, base: str = VALID) -> str:
    text = base
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "swap"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(YAML_BITS) | st.text(max_size=5)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 10)) :]
        elif action == "duplicate":
            text = text[:at] + text[at : at + 40] + text[at:]
        else:
            lines = text.splitlines(keepends=True)
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return text


INPUTS = st.one_of(
    st.text(max_size=200),
    mutated(),
    mutated(SAMPLE),
    st.builds(billion_laughs, st.integers(2, 12), st.integers(2, 12)),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=INPUTS)
def test_the_loader_raises_only_typed_errors(text):
    # Anything but a LearncoreError escapes and fails the test.
    with contextlib.suppress(LearncoreError):
        load_text(text, Path("course.yaml"))


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=INPUTS)
def test_validate_reports_and_import_writes_all_or_nothing(tmp_path, text):
    path = tmp_path / "course.yaml"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    report = validate(path)
    app = learncore.bootstrap(load_entry_points=False)
    try:
        result = import_course(path, app)
    except InvalidCourseFile as error:
        assert not report.ok
        assert error.problems
        assert app.courses() == []
        assert app.audit_log() == []
    else:
        assert report.ok
        assert [c.slug for c in app.courses()] == [result.slug]


def test_a_billion_laughs_course_file_is_refused_by_validate_and_import(tmp_path):
    path = tmp_path / "course.yaml"
    path.write_text(billion_laughs(10, 10))
    report = validate(path)
    assert not report.ok
    assert "YAML bomb" in report.problems[0].message
    app = learncore.bootstrap(load_entry_points=False)
    with pytest.raises(UnsafeYaml):
        import_course(path, app)
    assert app.courses() == []


@settings(max_examples=200, deadline=None)
@given(
    value=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.text(max_size=20)
        | st.sampled_from(
            [
                "no",
                "yes",
                "on",
                "0o17",
                "0x1F",
                "1e3",
                ".inf",
                "~",
                "",
                " x",
                "x ",
                "- a",
                "a: b",
                "#c",
                "'q'",
                "1_000",
                "2024-01-01",
                "\n",
                "a\nb",
                "¿?",
                "null",
                "True",
            ]
        ),
        lambda children: (
            st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
        ),
        max_leaves=10,
    )
)
def test_exported_yaml_reads_back_exactly(value):
    assert load_text(dump_yaml({"v": value}), Path("x.yaml")).data == {"v": value}
