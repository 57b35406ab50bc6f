"""The LibreLingo importer on the Spanish course and on edge-case fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import learncore
from learncore.content import Severity, import_course, validate
from learncore.errors import InvalidCourseFile

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "librelingo"
SPANISH = FIXTURES / "spanish-from-english"


@pytest.fixture
def app():
    return learncore.bootstrap(load_entry_points=False)


@pytest.fixture
def spanish(app):
    report = import_course(SPANISH, app, format="librelingo")
    return report, app.course(report.course_id)


def exercises_with(course, tag):
    return [
        e for e in course.exercises() if any(t.category == "librelingo" and t.name == tag for t in e.tags)
    ]


def test_modules_become_sections_and_skills_units(spanish):
    report, course = spanish
    assert [s.title for s in course.sections] == ["Basics", "Introduction", "Activities"]
    assert [u.title for u in course.units()] == ["Animals", "Phrases", "Ser/estar", "Continuous"]
    assert (course.from_language, course.to_language) == ("en", "es")
    assert course.title == "Spanish for English speakers"
    assert report.sections.added == 3
    assert report.units.added == 4


def test_lessons_are_built_from_new_words_then_phrases(spanish):
    _, course = spanish
    animals = next(course.units())
    assert [lesson.title for lesson in animals.lessons] == ["New words 1", "New words 2", "Phrases 1"]
    assert all(lesson.exercises for lesson in course.lessons)


def test_every_challenge_kind_becomes_an_exercise(spanish):
    _, course = spanish
    cards = exercises_with(course, "cards")
    assert cards
    assert all(str(e.type) == "multiple_choice" for e in cards)
    perro = next(e for e in cards if "perro" in e.prompt)
    assert [o.text for o in perro.correct_options] == ["dog"]
    assert perro.correct_options[0].image_uri == "librelingo:images/dog1.jpg"
    assert all(str(e.type) == "multiple_choice" for e in exercises_with(course, "options"))
    assert {str(e.type) for e in exercises_with(course, "short-input")} == {"translate"}
    listening = exercises_with(course, "listening")
    assert listening
    assert all(e.audio is not None and e.audio.variants[0].uri.startswith("tts:es?") for e in listening)
    chips = exercises_with(course, "chips")
    assert chips
    assert all(str(e.type) == "word_bank" and e.options for e in chips)


def test_alternatives_become_accepted_answers(spanish):
    _, course = spanish
    short = next(e for e in exercises_with(course, "short-input") if e.prompt == "Type “dog” in Spanish")
    assert short.accepted_answers == ("perro", "can")  # Synonyms
    reverse = next(e for e in exercises_with(course, "reverse") if e.prompt == "perro")
    assert reverse.accepted_answers == ("dog", "hound")  # Also accepted
    chips = next(e for e in exercises_with(course, "chips") if e.prompt == "Max is a dog")
    assert chips.accepted_answers == ("Max es un perro", "Max es un can")  # Alternative versions
    back = next(e for e in exercises_with(course, "reverse") if e.prompt == "Yo me llamo José")
    assert back.accepted_answers == ("My name is José", "I am called José", "I'm called José")


def test_the_mini_dictionary_becomes_hints(spanish):
    _, course = spanish
    back = next(e for e in exercises_with(course, "reverse") if e.prompt == "¿Qué tal?")
    assert {(h.word, h.text) for h in back.hints} == {("Qué", "what"), ("tal", "such")}
    chips = next(e for e in exercises_with(course, "chips") if e.prompt == "Nice to meet you")
    assert ("meet", "conocer, encontrarse") in {(h.word, h.text) for h in chips.hints}


def test_license_attribution_and_introduction_are_carried(spanish):
    _, course = spanish
    assert course.license == "CC BY-SA 4.0"
    assert "LibreLingo" in course.attribution
    assert "creativecommons.org/licenses/by-sa/4.0" in course.attribution
    animals = next(course.units())
    assert animals.description.startswith("Welcome to LibreLingo")
    (asset,) = animals.lessons[0].assets
    assert "# Welcome to LibreLingo" in asset.content["markdown"]


def test_unsupported_parts_are_reported_with_positions(spanish):
    report, _ = spanish
    messages = {(p.file.split("/", 1)[1], p.line, p.message) for p in report.unsupported}
    assert (
        "activities/skills/continuous.yaml",
        17,
        "unsupported key 'Alternative'; it is not imported",
    ) in messages
    commented_out = {f for f, _, m in messages if "not listed in its module.yaml" in m}
    assert "basics/skills/food.yaml" in commented_out
    assert "introduction/skills/adjectives.yaml" in commented_out
    assert all(p.severity is Severity.WARNING for p in report.unsupported)


def test_importing_the_librelingo_course_twice_is_a_no_op(app, spanish):
    assert import_course(SPANISH, app, format="librelingo").unchanged


def test_non_latin_scripts_strays_and_malformed_files(app):
    folder = FIXTURES / "japanese-strays"
    report = import_course(folder, app, format="librelingo")
    course = app.course(report.course_id)
    text = "\n".join(str(p) for p in report.unsupported)
    for expected in (
        "japanese-strays/.DS_Store:1:1: warning: a hidden file",
        "japanese-strays/NOTES.txt:1:1: warning: a file LibreLingo courses do not use",
        "japanese-strays/course.yaml:14:3: warning: unsupported key 'Difficulty'",
        "the module 'orphan' has no module.yaml",
        "the module folder 'missing' does not exist",
        "the skill file 'not-there.yaml' does not exist",
        "japanese-strays/greetings/skills/broken.yaml:6:16: warning: YAML syntax error",
        "unsupported key 'Pictures'; it is not imported (hint: LibreLingo calls it 'Images')",
        "this entry has no Translation",
        "food/skills/drinks.yaml:1:1: warning: this skill is not listed",
        "is empty once normalised; the exercise made from it is not imported",
    ):
        assert expected in text, expected
    chips = next(e for e in exercises_with(course, "chips") if e.prompt == "I am a student")
    assert {"私", "学", "生"} <= {o.text for o in chips.options}
    assert chips.accepted_answers == ("私は学生です", "わたしはがくせいです")
    assert ("私", "I") in {
        (h.word, h.text)
        for h in next(e for e in exercises_with(course, "reverse") if e.prompt == "私は学生です").hints
    }
    assert not any(e.prompt == "？" for e in course.exercises())


def test_right_to_left_text_is_kept_as_written(app):
    report = import_course(FIXTURES / "arabic-from-english", app, format="librelingo")
    course = app.course(report.course_id)
    assert course.to_language == "ar"
    reverse = next(e for e in exercises_with(course, "reverse") if e.prompt == "هذا كتاب")
    assert reverse.accepted_answers == ("This is a book",)
    assert {h.word for h in reverse.hints} == {"هذا", "كتاب"}


def test_validate_reports_librelingo_problems_as_warnings():
    report = validate(FIXTURES / "japanese-strays", format="librelingo")
    assert report.ok
    assert report.warnings
    assert not report.errors


def test_a_directory_without_course_yaml_is_refused(app, tmp_path):
    (tmp_path / "module.yaml").write_text("Module: {Name: x}\n")
    with pytest.raises(InvalidCourseFile, match="no course.yaml"):
        import_course(tmp_path, app, format="librelingo")
    assert not validate(tmp_path, format="librelingo").ok
    assert app.courses() == []


def test_a_course_without_language_tags_is_refused(app, tmp_path):
    (tmp_path / "course.yaml").write_text("Course:\n  Language: {Name: Spanish}\nModules: []\n")
    with pytest.raises(InvalidCourseFile, match="IETF BCP 47") as caught:
        import_course(tmp_path, app, format="librelingo")
    assert caught.value.problems[0].line == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_librelingo_files_give_reports_or_typed_errors(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("ll") / "course"
    shutil.copytree(FIXTURES / "arabic-from-english", folder)
    target = data.draw(
        st.sampled_from(["course.yaml", "basics/module.yaml", "basics/skills/greetings.yaml"]), label="file"
    )
    path = folder / target
    text = path.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        at = data.draw(st.integers(0, len(text)), label="at")
        bit = data.draw(
            st.sampled_from(["", ":", "- ", "[", "&a ", "*a", "\n  ", "Word", "?", "{"]), label="bit"
        )
        text = text[:at] + bit + text[at + data.draw(st.integers(0, 6), label="cut") :]
    path.write_text(text, encoding="utf-8")
    app = learncore.bootstrap(load_entry_points=False)
    try:
        report = import_course(folder, app, format="librelingo")
    except InvalidCourseFile as error:
        assert error.problems
        assert app.courses() == []
    else:
        assert [c.id for c in app.courses()] == [report.course_id]
