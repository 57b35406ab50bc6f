"""validate(): every problem at once, each with file, line, column and a hint."""

from __future__ import annotations

import json

import pytest

from learncore.content import Severity, validate

LESSONS = """\
sections:
  - id: s1
    title: Basics
    units:
      - id: u1
        title: Greetings
        lessons:
"""


def problems(report):
    return [(p.line, p.column, p.message) for p in report.problems]


def find(report, text):
    found = [p for p in report.problems if text in p.message]
    assert found, f"no problem mentions {text!r} in:\n{report}"
    return found[0]


def test_a_valid_course_has_no_problems(course_file):
    report = validate(
        course_file(
            LESSONS
            + """\
          - id: hello
            title: Hello
            exercises:
              - {type: translate, prompt: Hello, answers: ["Hola", "I [am|'m] (very) happy"]}
    """
        )
    )
    assert report.ok, str(report)
    assert report.problems == ()


def test_an_unknown_field_is_located_at_its_key_with_a_suggestion(course_file):
    report = validate(
        course_file(
            LESSONS
            + """\
          - id: hello
            title: Hello
            exercises:
              - type: translate
                promt: Hello
                answers: [Hola]
    """
        )
    )
    problem = find(report, "unknown field 'promt'")
    assert (problem.line, problem.column) == (17, 17)
    assert problem.hint == "did you mean 'prompt'?"
    assert problem.file.endswith("course.yaml")
    assert "missing required field 'prompt'" in str(report)


def test_every_problem_is_reported_in_one_run(course_file):
    report = validate(
        course_file(
            LESSONS
            + """\
          - id: hello
            title: Hello
            requires: [helo]
            exercises:
              - type: multiple_choice
                prompt: Pick
                options: [a, b]
              - type: translate
                prompt: Hi
                answers: ["¿?"]
              - type: listen_type
                prompt: Listen
                answers: [hola]
                audio: audio/missing.ogg
              - type: transalte
                prompt: x
                answers: [y]
          - id: hello
            title: Again
            exercises:
              - {type: speak, prompt: Say it, answers: ["[oops"]}
    """
        )
    )
    assert not report.ok
    messages = " | ".join(p.message for p in report.problems)
    for expected in (
        "requires 'helo', which is no lesson",
        "multiple choice has no correct option",
        "'¿?' is empty once normalised",
        "audio file 'audio/missing.ogg' does not exist",
        "unknown exercise type 'transalte'",
        "duplicate lesson id 'hello'",
    ):
        assert expected in messages
    assert find(report, "transalte").hint == "did you mean 'translate'?"
    assert find(report, "helo").hint == "did you mean 'hello'?"
    assert any("[oops" in p.message for p in report.problems)
    assert all(p.line > 5 and p.hint for p in report.problems)
    lines = [p.line for p in report.problems]
    assert lines == sorted(lines)


def test_prerequisite_cycles_are_reported_with_their_lessons(course_file):
    report = validate(
        course_file(
            "unlock_rule: prerequisites\n"
            + LESSONS
            + """\
          - {id: a, title: A, requires: [c], exercises: [{type: translate, prompt: x, answers: [y]}]}
          - {id: b, title: B, requires: [a], exercises: [{type: translate, prompt: x, answers: [y]}]}
          - {id: c, title: C, requires: [b], exercises: [{type: translate, prompt: x, answers: [y]}]}
          - {id: d, title: D, requires: [d], exercises: [{type: translate, prompt: x, answers: [y]}]}
    """
        )
    )
    assert "prerequisites form a cycle: a -> c -> b -> a" in str(report)
    assert "lesson 'd' requires itself" in str(report)


def test_a_forward_requirement_is_a_cycle_in_a_sequential_course(course_file):
    report = validate(
        course_file(
            LESSONS
            + """\
          - {id: a, title: A, requires: [b], exercises: [{type: translate, prompt: x, answers: [y]}]}
          - {id: b, title: B, exercises: [{type: translate, prompt: x, answers: [y]}]}
    """
        )
    )
    problem = find(report, "comes later in the course")
    assert "unlock_rule: prerequisites" in problem.hint


def test_default_exercise_ids_collide_with_explicit_ones(course_file):
    report = validate(
        course_file(
            LESSONS
            + """\
          - id: hello
            title: Hello
            exercises:
              - {type: translate, prompt: x, answers: [y]}
              - {id: hello.1, type: translate, prompt: x, answers: [y]}
    """
        )
    )
    assert "duplicate exercise id 'hello.1'" in str(report)


def test_audio_paths_may_not_leave_the_course_directory(course_file):
    report = validate(
        course_file(
            LESSONS
            + """\
          - id: hello
            title: Hello
            exercises:
              - {type: listen_type, prompt: x, answers: [y], audio: ../../etc/passwd}
              - {type: listen_type, prompt: x, answers: [y], audio: "https://cdn.example.org/a.mp3"}
    """
        )
    )
    assert [p.message for p in report.errors] == [
        "the audio path '../../etc/passwd' leaves the course directory"
    ]


def test_existing_audio_files_pass(course_file, tmp_path):
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "hola.ogg").write_bytes(b"OggS")
    report = validate(
        course_file(
            LESSONS
            + """\
          - id: hello
            title: Hello
            exercises:
              - {type: listen_type, prompt: x, answers: [hola], audio: audio/hola.ogg}
    """
        )
    )
    assert report.ok, str(report)


def test_a_wrong_format_version_and_missing_fields_are_explained(course_file):
    report = validate(course_file("format_version: 2\nslug: Bad Slug\n", header=False))
    text = str(report)
    assert "format_version 2 is not supported" in text
    assert "'Bad Slug' is not a slug" in text
    assert "missing required field 'title'" in text


def test_yaml_reading_bare_booleans_gets_a_quoting_hint(course_file):
    report = validate(
        course_file(
            LESSONS
            + """\
          - id: hello
            title: Hello
            exercises:
              - {type: translate, prompt: Is it?, answers: [true]}
    """
        )
    )
    assert "in quotes" in find(report, "answers").hint


def test_empty_lists_are_warnings_not_errors(course_file):
    report = validate(
        course_file(
            LESSONS
            + """\
          - {id: hello, title: Hello}
    """
        )
    )
    assert report.ok
    assert [p.severity for p in report.problems] == [Severity.WARNING]


def test_a_syntax_error_is_the_only_problem_of_that_file(course_file):
    report = validate(course_file("sections: [\n"))
    assert len(report.problems) == 1
    assert "YAML syntax error" in report.problems[0].message


def test_a_missing_path_is_reported_not_raised(tmp_path):
    report = validate(tmp_path / "nowhere")
    assert not report.ok
    assert "no such file" in report.problems[0].message


def test_json_courses_are_validated_with_positions(tmp_path):
    course = {
        "format_version": 1,
        "slug": "demo",
        "title": "Demo",
        "from_language": "en",
        "to_language": "es",
        "sections": [
            {
                "id": "s",
                "title": "S",
                "units": [
                    {
                        "id": "u",
                        "title": "U",
                        "lessons": [
                            {
                                "id": "l",
                                "title": "L",
                                "exercises": [
                                    {"type": "multiple_choice", "prompt": "p", "options": ["a", "b"]}
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
    }
    path = tmp_path / "course.json"
    path.write_text(json.dumps(course, indent=2))
    report = validate(path)
    problem = find(report, "no correct option")
    assert problem.line > 1


def test_includes_are_resolved_and_problems_point_into_the_included_file(tmp_path):
    (tmp_path / "units").mkdir()
    (tmp_path / "course.yaml").write_text(
        "format_version: 1\nslug: demo\ntitle: Demo\nfrom_language: en\nto_language: es\n"
        "sections:\n  - id: s\n    title: S\n    units:\n      - include: units/u.yaml\n"
        "      - include: units/missing.yaml\n      - include: ../outside.yaml\n"
    )
    (tmp_path / "units" / "u.yaml").write_text(
        "id: u\ntitle: U\nlessons:\n  - id: l\n    title: L\n    exercises:\n"
        "      - {type: translate, prompt: p, answers: ['!!']}\n"
    )
    (tmp_path / "units" / "forgotten.yaml").write_text("id: f\ntitle: F\n")
    report = validate(tmp_path)
    empty = find(report, "is empty once normalised")
    assert empty.file.endswith("units/u.yaml")
    assert empty.line == 7
    assert "does not exist" in find(report, "missing.yaml").message
    assert "leaves the course directory" in find(report, "outside.yaml").message
    stray = find(report, "not included")
    assert stray.severity is Severity.WARNING
    assert stray.file.endswith("forgotten.yaml")


def test_an_unknown_format_is_a_typed_error(tmp_path):
    from learncore.errors import InvalidCourseFile

    with pytest.raises(InvalidCourseFile, match="not a known course format"):
        validate(tmp_path, format="moodle")


def test_symbolic_links_may_not_lead_out_of_the_course_directory(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("id: u\ntitle: U\n")
    (outside / "secret.ogg").write_bytes(b"OggS")
    course = tmp_path / "course"
    course.mkdir()
    (course / "unit.yaml").symlink_to(outside / "secret.yaml")
    (course / "audio.ogg").symlink_to(outside / "secret.ogg")
    (course / "course.yaml").write_text(
        "format_version: 1\nslug: demo\ntitle: Demo\nfrom_language: en\nto_language: es\n"
        "sections:\n  - id: s\n    title: S\n    units:\n      - include: unit.yaml\n"
        "      - id: u2\n        title: U2\n        lessons:\n          - id: l\n            title: L\n"
        "            exercises:\n"
        "              - {type: listen_type, prompt: x, answers: [y], audio: audio.ogg}\n"
    )
    report = validate(course)
    assert "is a link that leaves the course directory" in str(report)
    assert "audio path 'audio.ogg' leaves the course directory" in str(report)
