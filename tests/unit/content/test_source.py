"""The YAML/JSON loader: YAML 1.2 scalars, positions, duplicate keys, alias bombs and size caps."""

from __future__ import annotations

from pathlib import Path

import pytest

from learncore.content.source import LoadLimits, load_file, load_text
from learncore.errors import CourseFileTooLarge, InvalidCourseFile, UnsafeYaml

F = Path("course.yaml")


def test_plain_scalars_follow_the_yaml_1_2_core_schema():
    data = load_text(
        "a: [1, -2, 0x1f, 0o17, 2.5, .inf, null, ~, true, False, '']\n"
        "text: [no, yes, on, off, 2024-05-01, '1:30', 1_000, 0.5.1, \"12\"]\n",
        F,
    ).data
    assert data["a"][:6] == [1, -2, 31, 15, 2.5, float("inf")]
    assert data["a"][6:] == [None, None, True, False, ""]
    assert data["text"] == ["no", "yes", "on", "off", "2024-05-01", "1:30", "1_000", "0.5.1", "12"]


def test_mapping_keys_are_text_as_written():
    assert load_text("1: a\ntrue: b\nnull: c\n", F).data == {"1": "a", "true": "b", "null": "c"}


def test_anchors_aliases_and_merge_keys_work_within_limits():
    text = "base: &b {x: 1, y: 2}\ncopy: *b\nmerged:\n  <<: *b\n  y: 3\n"
    data = load_text(text, F).data
    assert data["copy"] == {"x": 1, "y": 2}
    assert data["merged"] == {"x": 1, "y": 3}


def test_a_billion_laughs_document_is_refused_with_a_typed_error():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines.extend(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]" for level in range(1, 10))
    with pytest.raises(UnsafeYaml, match="YAML bomb") as caught:
        load_text("\n".join(lines) + "\n", F)
    (problem,) = caught.value.problems
    assert problem.line > 1
    assert problem.hint


def test_a_recursive_alias_is_refused():
    with pytest.raises(UnsafeYaml, match="refers to itself"):
        load_text("a: &a [1, *a]\n", F)


def test_python_tags_are_refused():
    with pytest.raises(InvalidCourseFile, match="not supported") as caught:
        load_text("x: !!python/object:os.system {}\n", F)
    assert caught.value.problems[0].line == 1


def test_a_duplicate_key_is_an_error_at_the_second_key():
    with pytest.raises(InvalidCourseFile, match="appears twice") as caught:
        load_text("title: A\nslug: a\ntitle: B\n", F)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (3, 1)


def test_a_syntax_error_names_its_line_and_column():
    with pytest.raises(InvalidCourseFile, match="YAML syntax error") as caught:
        load_text("a: [1, 2\nb: c\n", F)
    assert caught.value.problems[0].line == 2


def test_a_second_document_is_refused():
    with pytest.raises(InvalidCourseFile, match="one YAML document"):
        load_text("a: 1\n---\nb: 2\n", F)


def test_an_empty_file_is_refused():
    with pytest.raises(InvalidCourseFile, match="empty"):
        load_text("# only a comment\n", F)


def test_files_over_the_size_cap_are_refused_before_reading(tmp_path):
    big = tmp_path / "course.yaml"
    big.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(CourseFileTooLarge, match="limit is 1,000"):
        load_file(big, limits=LoadLimits(max_file_bytes=1000))


def test_deep_nesting_is_refused():
    with pytest.raises(InvalidCourseFile, match="nest deeper"):
        load_text("a: " + "[" * 100 + "]" * 100 + "\n", F)


def test_invalid_utf8_is_located(tmp_path):
    path = tmp_path / "course.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InvalidCourseFile, match="UTF-8") as caught:
        load_file(path)
    assert caught.value.problems[0].line == 2


def test_positions_point_at_keys_and_values():
    source = load_text("a:\n  b: [x, y]\n  c: 3\n", F, positions=True)
    assert source.positions is not None
    assert source.positions.locate(source.data, ("a", "b", 1)) == (2, 10)
    assert source.positions.locate(source.data, ("a", "c"), key=True) == (3, 3)
    assert source.positions.locate(source.data, ("a", "missing")) == (2, 3)


def test_json_is_read_with_duplicate_detection_and_positions():
    source = load_text('{\n  "a": [1, 2],\n  "b": "x"\n}\n', Path("c.json"), positions=True)
    assert source.data == {"a": [1, 2], "b": "x"}
    assert source.positions is not None
    assert source.positions.locate(source.data, ("b",)) == (3, 8)
    with pytest.raises(InvalidCourseFile, match="appears twice"):
        load_text('{"a": 1, "a": 2}', Path("c.json"))
    with pytest.raises(InvalidCourseFile, match="JSON syntax error") as caught:
        load_text('{\n  "a": 1,\n}', Path("c.json"))
    assert caught.value.problems[0].line == 3
