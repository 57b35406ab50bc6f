"""Invalid content cannot be constructed, and the error names the field."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from learncore.domain import (
    AudioAsset,
    AudioVariant,
    Course,
    Exercise,
    ExerciseOption,
    ExerciseType,
    GradingPolicy,
    Hint,
    Language,
    Lesson,
    LessonAsset,
    MatchPair,
    Section,
    Tag,
    Unit,
    new_id,
    stable_id,
)
from learncore.errors import InvalidContent, LearncoreError, UnknownExerciseType
from learncore.testing import sample_course


def translate(**changes: object) -> Exercise:
    fields: dict[str, object] = {
        "id": new_id(),
        "type": "translate",
        "prompt": "I am happy",
        "accepted_answers": ["Estoy feliz"],
    }
    fields.update(changes)
    return Exercise(**fields)  # type: ignore[arg-type]


def options(*correct: bool) -> list[ExerciseOption]:
    return [ExerciseOption(id=new_id(), text=f"option {i}", is_correct=c) for i, c in enumerate(correct)]


@pytest.mark.parametrize(
    ("build", "location"),
    [
        (lambda: Lesson(id=new_id(), title=""), "Lesson.title"),
        (lambda: Lesson(id=new_id(), title="   "), "Lesson.title"),
        (lambda: Unit(id=new_id(), title="U", color="green"), "Unit.color"),
        (lambda: Section(id=new_id(), title="S", cefr_level="A7"), "Section.cefr_level"),
        (lambda: Lesson(id=new_id(), title="L", xp_reward=-1), "Lesson.xp_reward"),
        (lambda: Lesson(id=new_id(), title="L", estimated_minutes=0), "Lesson.estimated_minutes"),
        (lambda: translate(difficulty=0), "Exercise.difficulty"),
        (lambda: translate(difficulty=6), "Exercise.difficulty"),
        (lambda: translate(difficulty=True), "Exercise.difficulty"),
        (lambda: translate(accepted_answers=[]), "Exercise.accepted_answers"),
        (lambda: translate(accepted_answers=["ok", " "]), "Exercise.accepted_answers[1]"),
        (lambda: translate(prompt=""), "Exercise.prompt"),
        (lambda: translate(id="not-a-uuid"), "Exercise.id"),
        (lambda: Language("english", "English"), "Language.code"),
        (lambda: Language("en", "English", direction="up"), "Language.direction"),
        (lambda: Course(id=new_id(), slug="Has Spaces", title="T", from_language="en",
                        to_language="es"), "Course.slug"),
        (lambda: Course(id=new_id(), slug="ok", title="T", from_language="en",
                        to_language="es", unlock_rule="whenever"), "Course.unlock_rule"),
        (lambda: GradingPolicy(diacritics="sometimes"), "GradingPolicy.diacritics"),
        (lambda: GradingPolicy(typo_tolerance=((4, 2), (8, 1))), "GradingPolicy.typo_tolerance"),
        (lambda: GradingPolicy(spelling_variants=["klingon"]), "GradingPolicy.spelling_variants"),
        (lambda: GradingPolicy(speech_pass_score=101), "GradingPolicy.speech_pass_score"),
        (lambda: AudioAsset(id=new_id(), variants=[]), "AudioAsset.variants"),
        (lambda: AudioVariant("ultra", "https://x/a.mp3"), "AudioVariant.quality"),
        (lambda: AudioVariant("low", "https://x/a.mp3", duration_ms=-5), "AudioVariant.duration_ms"),
        (lambda: LessonAsset(id=new_id(), kind="podcast"), "LessonAsset.kind"),
        (lambda: LessonAsset(id=new_id(), kind="quiz", content={"bad": {1, 2}}), "LessonAsset.content"),
        (lambda: Tag(""), "Tag.name"),
        (lambda: Hint(""), "Hint.text"),
    ],
)
def test_invalid_fields_raise_invalid_content_naming_the_field(build, location):
    with pytest.raises(InvalidContent) as caught:
        build()
    assert caught.value.location == location
    assert location in str(caught.value)


def test_invalid_content_is_also_a_value_error():
    with pytest.raises(ValueError, match="Lesson.title"):
        Lesson(id=new_id(), title="")


def test_an_unknown_exercise_type_suggests_the_closest_built_in():
    with pytest.raises(UnknownExerciseType, match="did you mean 'translate'"):
        translate(type="transalte")


def test_plugin_exercise_types_must_be_namespaced():
    assert translate(type="acme:drag_drop").type == "acme:drag_drop"
    with pytest.raises(UnknownExerciseType, match="namespaced"):
        translate(type="drag_drop")


def test_multiple_choice_needs_a_correct_option():
    with pytest.raises(InvalidContent, match="at least one option marked correct"):
        Exercise(id=new_id(), type=ExerciseType.MULTIPLE_CHOICE, prompt="?", options=options(False, False))


def test_single_answer_multiple_choice_rejects_two_correct_options():
    with pytest.raises(InvalidContent, match="multiple_answers=True"):
        Exercise(id=new_id(), type="multiple_choice", prompt="?", options=options(True, True))
    multi = Exercise(id=new_id(), type="multiple_choice", prompt="?",
                     options=options(True, True, False), multiple_answers=True)
    assert len(multi.correct_options) == 2


def test_match_pairs_rejects_a_repeated_side():
    with pytest.raises(InvalidContent, match="appears twice on the left"):
        Exercise(id=new_id(), type="match_pairs", prompt="Match",
                 pairs=[MatchPair("uno", "one"), MatchPair("uno", "two")])


def test_fill_blank_needs_a_blank_in_the_prompt():
    with pytest.raises(InvalidContent, match="'___'"):
        Exercise(id=new_id(), type="fill_blank", prompt="Yo soy", accepted_answers=["soy"])


def test_word_bank_needs_tiles():
    with pytest.raises(InvalidContent, match="tiles"):
        Exercise(id=new_id(), type="word_bank", prompt="x", accepted_answers=["el gato"])


def test_a_lone_string_is_one_accepted_answer_not_its_letters():
    assert translate(accepted_answers="Estoy feliz").accepted_answers == ("Estoy feliz",)


def test_siblings_cannot_share_a_position():
    with pytest.raises(InvalidContent, match="duplicate position 3"):
        Unit(id=new_id(), title="U", lessons=[Lesson(id=new_id(), title="a", position=3),
                                              Lesson(id=new_id(), title="b", position=3)])


def test_children_are_kept_in_position_order():
    unit = Unit(id=new_id(), title="U", lessons=[Lesson(id=new_id(), title="b", position=2),
                                                 Lesson(id=new_id(), title="a", position=1)])
    assert [lesson.title for lesson in unit.lessons] == ["a", "b"]


def test_a_child_of_the_wrong_type_is_named_by_index():
    with pytest.raises(InvalidContent, match=r"Unit.lessons\[0\]: must be a Lesson, got dict"):
        Unit(id=new_id(), title="U", lessons=[{"title": "not a lesson"}])  # type: ignore[list-item]


def test_ids_must_be_unique_across_the_course():
    course = sample_course()
    first_unit, second_unit = course.sections[0].units
    clash = Lesson(id=first_unit.lessons[0].id, title="Clone", position=99)
    second_unit = attrs.evolve(second_unit, lessons=[*second_unit.lessons, clash])
    with pytest.raises(InvalidContent, match="is used by both lesson 'Lesson 1.1' and lesson 'Clone'"):
        attrs.evolve(course, sections=[attrs.evolve(course.sections[0], units=[first_unit, second_unit])])


def test_prerequisites_must_name_lessons_of_the_course():
    with pytest.raises(InvalidContent, match="not part of this course"):
        attrs.evolve(sample_course(), prerequisites=[(new_id(), new_id())])


def test_language_codes_are_normalised():
    assert Language("PT-br", "Portuguese").code == "pt-BR"
    assert Language("zh-hant-tw", "Chinese").code == "zh-Hant-TW"


def test_audio_asset_picks_the_nearest_quality():
    audio = AudioAsset(id=new_id(), variants=[AudioVariant("low", "l.ogg"), AudioVariant("high", "h.mp3")])
    assert audio.variant("high").uri == "h.mp3"
    assert audio.variant("standard").uri == "l.ogg"  # equally near: the smaller file wins


def test_stable_ids_are_deterministic_and_distinct():
    assert stable_id("course", "lesson-1") == stable_id("course", "lesson-1")
    assert stable_id("course", "lesson-1") != stable_id("course", "lesson-2")
    assert stable_id("a", "bc") != stable_id("ab", "c")
    with pytest.raises(ValueError, match="non-empty"):
        stable_id()


# --- property tests: the validators accept exactly what they promise ---------


@given(st.integers())
def test_difficulty_is_accepted_exactly_from_one_to_five(value):
    if 1 <= value <= 5:
        assert translate(difficulty=value).difficulty == value
    else:
        with pytest.raises(InvalidContent):
            translate(difficulty=value)


@given(st.text(max_size=300))
def test_titles_are_accepted_exactly_when_they_have_visible_text(title):
    if title.strip() and len(title) <= 200:
        assert Lesson(id=new_id(), title=title).title == title
    else:
        with pytest.raises(InvalidContent):
            Lesson(id=new_id(), title=title)


@given(st.one_of(st.text(max_size=20), st.integers(), st.none(), st.binary(max_size=5)))
def test_any_exercise_type_value_is_accepted_or_rejected_with_a_typed_error(value):
    try:
        exercise = translate(type=value)
    except LearncoreError:
        return
    assert exercise.type in set(ExerciseType) or ":" in exercise.type


@given(st.text(max_size=40))
def test_any_language_code_is_normalised_or_rejected_with_a_typed_error(code):
    try:
        language = Language(code, "Name")
    except InvalidContent as exc:
        assert exc.location == "Language.code"
    else:
        assert Language(language.code, "Name").code == language.code  # normalising is idempotent


@given(st.lists(st.tuples(st.integers(1, 30), st.integers(0, 5)), max_size=5))
def test_typo_staircases_are_accepted_only_when_monotonic(steps):
    ordered = sorted(steps)
    allowed = [edits for _, edits in ordered]
    if allowed == sorted(allowed):
        policy = GradingPolicy(typo_tolerance=steps)
        for length in range(1, 40):
            assert policy.allowed_typos(length) <= policy.allowed_typos(length + 1)
    else:
        with pytest.raises(InvalidContent):
            GradingPolicy(typo_tolerance=steps)
