"""``learncore course``: validate, import (with its report), export and list."""

from __future__ import annotations

import json

from cli_test_plugins import LIBRELINGO_COURSE, SAMPLE_COURSE


def test_validate_accepts_the_sample_course(cli):
    result = cli("course", "validate", str(SAMPLE_COURSE))
    assert result.exit_code == 0, result
    assert "valid" in result.stdout


def test_validate_lists_each_problem_with_file_line_and_column_and_exits_1(cli, course_copy):
    greetings = course_copy / "units" / "greetings.yaml"
    text = greetings.read_text().replace("type: translate", "type: transalte", 1)
    greetings.write_text(
        text.replace("        answers: [Buenos días]", "        answers: [Buenos días]\n        colour: red")
    )
    result = cli("course", "validate", str(course_copy))
    assert result.exit_code == 1, result
    assert "greetings.yaml:18:" in result.stdout  # the misspelt type
    assert "transalte" in result.stdout
    assert "colour" in result.stdout
    assert "2 error(s)" in result.stdout


def test_validate_json_has_every_problem(cli, course_copy):
    (course_copy / "course.yaml").write_text("format_version: 1\nslug: x\n")
    result = cli("course", "validate", str(course_copy), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["problems"]
    assert {"file", "line", "column", "message"} <= set(data["problems"][0])


def test_validate_a_missing_path_is_a_usage_error_naming_it(cli, tmp_path):
    result = cli("course", "validate", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "nope" in result.stderr
    assert "PATH" in result.stderr


def test_an_unknown_format_is_a_usage_error(cli):
    result = cli("course", "validate", str(SAMPLE_COURSE), "--from", "duolingo")
    assert result.exit_code == 2
    assert "--from" in result.stderr


def test_import_reports_what_was_added_then_nothing_on_a_second_import(cli, shared):
    first = cli(*shared, "course", "import", str(SAMPLE_COURSE))
    assert first.exit_code == 0, first
    assert "spanish-basics: created, version 1" in first.stdout
    assert "│ lessons   │ 20    │ 0       │ 0       │ 0" in first.stdout
    again = cli(*shared, "course", "import", str(SAMPLE_COURSE), "--json")
    assert again.exit_code == 0, again
    report = json.loads(again.stdout)
    assert report["unchanged"] is True
    assert report["lessons"] == {"added": 0, "changed": 0, "removed": 0, "unchanged": 20}


def test_reimporting_an_edited_course_reports_changed_and_removed(cli, shared, course_copy):
    assert cli(*shared, "course", "import", str(course_copy)).exit_code == 0
    greetings = course_copy / "units" / "greetings.yaml"
    greetings.write_text(greetings.read_text().replace("prompt: See you later", "prompt: See you soon"))
    course = course_copy / "course.yaml"
    course.write_text(course.read_text().replace("      - include: units/home.yaml\n", ""))
    result = cli(*shared, "--json", "course", "import", str(course_copy))
    assert result.exit_code == 0, result
    report = json.loads(result.stdout)
    assert report["version"] == 2
    assert report["exercises"]["changed"] == 1
    assert report["units"]["removed"] == 1
    assert report["lessons"]["removed"] >= 1
    table = cli(*shared, "course", "import", str(course_copy))
    assert "unchanged" in table.stdout


def test_a_bad_course_imports_nothing_and_names_the_file_and_line(cli, shared, course_copy):
    greetings = course_copy / "units" / "greetings.yaml"
    greetings.write_text(greetings.read_text().replace("answers: [Hola]", "answers: []"))
    result = cli(*shared, "course", "import", str(course_copy))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "greetings.yaml:" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error:")
    assert json.loads(cli(*shared, "--json", "course", "list").stdout) == []


def test_import_from_librelingo(cli, shared):
    result = cli(*shared, "course", "import", str(LIBRELINGO_COURSE), "--from", "librelingo", "--json")
    assert result.exit_code == 0, result
    report = json.loads(result.stdout)
    assert report["created"] is True
    assert report["exercises"]["added"] > 0


def test_list_shows_imported_courses(cli, shared):
    empty = cli(*shared, "course", "list")
    assert "No courses yet" in empty.stdout
    cli(*shared, "course", "import", str(SAMPLE_COURSE))
    table = cli(*shared, "course", "list")
    assert "spanish-basics" in table.stdout
    assert "en → es" in table.stdout
    rows = json.loads(cli(*shared, "course", "list", "--json").stdout)
    assert [row["slug"] for row in rows] == ["spanish-basics"]


def test_export_writes_a_course_that_reimports_unchanged(cli, shared, tmp_path):
    cli(*shared, "course", "import", str(SAMPLE_COURSE))
    target = tmp_path / "exported"
    result = cli(
        *shared, "course", "export", "spanish-basics", str(target), "--media-from", str(SAMPLE_COURSE)
    )
    assert result.exit_code == 0, result
    assert (target / "course.yaml").is_file()
    assert (target / "audio" / "tres.ogg").is_file()
    again = cli(*shared, "--json", "course", "import", str(target))
    assert json.loads(again.stdout)["unchanged"] is True


def test_exporting_an_unknown_course_is_a_data_error(cli, shared, tmp_path):
    result = cli(*shared, "course", "export", "klingon", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert "klingon" in result.stderr
