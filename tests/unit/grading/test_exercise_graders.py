"""Graders for every exercise type, dispatch, and exercise types added by plugins."""

from __future__ import annotations

from uuid import UUID

import pytest

from learncore.domain import (
    Exercise,
    ExerciseOption,
    ExerciseType,
    MatchPair,
    PronunciationAssessment,
    WordAssessment,
    WordError,
    stable_id,
)
from learncore.errors import InvalidInput, UnknownExerciseType
from learncore.grading import (
    BUILTIN_GRADERS,
    GradingPolicy,
    Outcome,
    TokenLabel,
    Verdict,
    VerdictToken,
    grade_exercise,
)
from learncore.plugins import PluginRegistry, hookimpl

POLICY = GradingPolicy()


def oid(name: str) -> UUID:
    return stable_id("grading-test", name)


def grade(exercise: Exercise, answer: object, **kwargs: object) -> Verdict:
    return grade_exercise(exercise, answer, language="es", policy=POLICY, **kwargs)  # type: ignore[arg-type]


def labels(verdict: Verdict) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.label.value, t.expected) for t in verdict.tokens]


# --- typed answers -------------------------------------------------------------

TRANSLATE = Exercise(
    id=oid("translate"),
    type=ExerciseType.TRANSLATE,
    prompt="Where is the station?",
    accepted_answers=["¿Dónde está la estación?", "¿Dónde queda la estación?"],
)


@pytest.mark.parametrize("kind", [ExerciseType.TRANSLATE, ExerciseType.LISTEN_TYPE])
def test_typed_exercises_grade_the_text(kind):
    exercise = Exercise(id=oid(kind), type=kind, prompt="x", accepted_answers=TRANSLATE.accepted_answers)
    verdict = grade(exercise, "donde queda la estacion")
    assert verdict.outcome is Outcome.ACCENT
    assert verdict.matched == "¿Dónde queda la estación?"


def test_fill_blank_grades_what_went_in_the_blank():
    exercise = Exercise(
        id=oid("blank"), type=ExerciseType.FILL_BLANK, prompt="Yo ___ estudiante", accepted_answers=["soy"]
    )
    assert grade(exercise, "soy").outcome is Outcome.CORRECT
    assert grade(exercise, "estoy").outcome is Outcome.INCORRECT


def test_extra_vocabulary_turns_a_near_miss_into_a_wrong_word():
    exercise = Exercise(id=oid("voc"), type=ExerciseType.TRANSLATE, prompt="x", accepted_answers=["la casa"])
    assert grade(exercise, "la cosa").outcome is Outcome.TYPO
    assert grade(exercise, "la cosa", vocabulary=frozenset({"cosa"})).outcome is Outcome.INCORRECT


def test_a_typed_exercise_rejects_an_answer_that_is_not_text():
    with pytest.raises(InvalidInput, match="a translate exercise takes text, got list"):
        grade(TRANSLATE, ["¿Dónde", "está?"])


# --- multiple choice -----------------------------------------------------------

SINGLE = Exercise(
    id=oid("single"),
    type=ExerciseType.MULTIPLE_CHOICE,
    prompt="Which one means 'water'?",
    options=[
        ExerciseOption(oid("agua"), "agua", is_correct=True),
        ExerciseOption(oid("pan"), "pan"),
        ExerciseOption(oid("leche"), "leche"),
    ],
)
MULTI = Exercise(
    id=oid("multi"),
    type=ExerciseType.MULTIPLE_CHOICE,
    prompt="Which are fruits?",
    multiple_answers=True,
    options=[
        ExerciseOption(oid("manzana"), "manzana", is_correct=True),
        ExerciseOption(oid("pera"), "pera", is_correct=True),
        ExerciseOption(oid("pan2"), "pan"),
    ],
)


def test_single_choice():
    right = grade(SINGLE, oid("agua"))
    assert right.outcome is Outcome.CORRECT
    assert right.matched == "agua"
    wrong = grade(SINGLE, oid("pan"))
    assert wrong.outcome is Outcome.INCORRECT
    assert labels(wrong) == [("", "missing_word", "agua"), ("pan", "wrong_word", None)]


def test_multi_select_needs_exactly_the_correct_options():
    assert grade(MULTI, [oid("manzana"), oid("pera")]).outcome is Outcome.CORRECT
    assert grade(MULTI, {oid("pera"), oid("manzana")}).outcome is Outcome.CORRECT
    partial = grade(MULTI, [oid("manzana")])
    assert partial.outcome is Outcome.INCORRECT  # a partial selection is wrong
    assert labels(partial) == [("manzana", "ok", None), ("", "missing_word", "pera")]
    too_many = grade(MULTI, [oid("manzana"), oid("pera"), oid("pan2")])
    assert too_many.outcome is Outcome.INCORRECT
    assert labels(too_many)[-1] == ("pan", "wrong_word", None)


@pytest.mark.parametrize(
    ("exercise", "answer", "message"),
    [
        (SINGLE, "agua", "an option id or a collection of them, got str"),
        (SINGLE, [1, 2], "option ids must be UUIDs, got int"),
        (SINGLE, [oid("agua"), oid("pan")], "this question takes one option, got 2"),
        (SINGLE, oid("nope"), "is not an option of this exercise"),
    ],
)
def test_bad_choices_are_rejected(exercise, answer, message):
    with pytest.raises(InvalidInput, match=message):
        grade(exercise, answer)


# --- word bank -----------------------------------------------------------------

BANK = Exercise(
    id=oid("bank"),
    type=ExerciseType.WORD_BANK,
    prompt="The girl eats an apple",
    accepted_answers=["La niña come una manzana", "La niña se come una manzana"],
    options=[
        ExerciseOption(oid(word), word)
        for word in ["come", "niña", "La", "manzana", "una", "se", "nina", "esta", "está"]
    ],
)


def test_word_bank_grades_the_order_of_tiles():
    verdict = grade(BANK, ["La", "niña", "come", "una", "manzana"])
    assert verdict.outcome is Outcome.CORRECT
    assert grade(BANK, [oid("La"), oid("niña"), oid("se"), oid("come"), oid("una"), oid("manzana")]).accepted
    shuffled = grade(BANK, ["La", "niña", "una", "come", "manzana"])
    assert shuffled.outcome is Outcome.INCORRECT


def test_a_look_alike_tile_is_wrong_not_a_typo():
    verdict = grade(BANK, ["La", "nina", "come", "una", "manzana"])
    assert verdict.outcome is Outcome.INCORRECT


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("La niña come", "takes the placed tiles in order, got str"),
        (["La", "chica"], r"answer to exercise .*\[1\]: 'chica' is not a tile"),
        (["La", "La"], "placed more often than the bank holds it"),
        ([oid("La"), oid("unknown")], "is not a tile of this exercise"),
        (["La", 3], "a tile is an option id or its text, got int"),
    ],
)
def test_bad_tiles_are_rejected(answer, message):
    with pytest.raises(InvalidInput, match=message):
        grade(BANK, answer)


# --- match pairs ---------------------------------------------------------------

PAIRS = Exercise(
    id=oid("pairs"),
    type=ExerciseType.MATCH_PAIRS,
    prompt="Match the pairs",
    pairs=[MatchPair("perro", "dog"), MatchPair("gato", "cat"), MatchPair("pájaro", "bird")],
)


def test_all_pairs_must_be_matched_right():
    correct = {"perro": "dog", "gato": "cat", "pájaro": "bird"}
    assert grade(PAIRS, correct).outcome is Outcome.CORRECT
    assert grade(PAIRS, list(correct.items())).outcome is Outcome.CORRECT
    swapped = grade(PAIRS, {"perro": "cat", "gato": "dog", "pájaro": "bird"})
    assert swapped.outcome is Outcome.INCORRECT
    assert labels(swapped)[0] == ("perro = cat", "wrong_word", "perro = dog")
    incomplete = grade(PAIRS, {"perro": "dog", "gato": "cat"})
    assert incomplete.outcome is Outcome.INCORRECT
    assert labels(incomplete)[-1] == ("", "missing_word", "pájaro = bird")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("perro=dog", "takes {left: right} or"),
        ([("perro",)], "each pair is two texts"),
        ({"lobo": "wolf"}, "'lobo' is not a left-hand item"),
        ({"perro": "wolf"}, "'wolf' is not a right-hand item"),
        ([("perro", "dog"), ("perro", "cat")], "'perro' is matched twice"),
        ([("perro", "dog"), ("gato", "dog")], "'dog' is matched twice"),
    ],
)
def test_bad_pairs_are_rejected(answer, message):
    with pytest.raises(InvalidInput, match=message):
        grade(PAIRS, answer)


# --- speak ---------------------------------------------------------------------

SPEAK = Exercise(
    id=oid("speak"), type=ExerciseType.SPEAK, prompt="Say it", accepted_answers=["Buenos (días|dias)"]
)


def assessment(score: float, words: list[WordAssessment]) -> PronunciationAssessment:
    return PronunciationAssessment(
        pronunciation=score, accuracy=score, fluency=score, completeness=100, provider="test", words=words
    )


def test_speech_passes_on_the_policy_threshold_and_labels_words():
    words = [
        WordAssessment("buenos", 95),
        WordAssessment("días", 40),
        WordAssessment("señor", 0, error=WordError.INSERTION),
    ]
    verdict = grade(SPEAK, assessment(70, words))
    assert verdict.outcome is Outcome.CORRECT
    assert labels(verdict) == [
        ("buenos", "ok", None),
        ("días", "wrong_word", "días"),
        ("señor", "extra_word", None),
    ]
    strict = GradingPolicy(speech_pass_score=80, speech_word_pass_score=30)
    verdict = grade_exercise(SPEAK, assessment(70, words), language="es", policy=strict)
    assert verdict.outcome is Outcome.INCORRECT
    assert labels(verdict)[1] == ("días", "ok", None)


def test_speech_marks_omitted_and_mispronounced_words():
    words = [
        WordAssessment("buenos", 0, error=WordError.OMISSION),
        WordAssessment("días", 20, error=WordError.MISPRONUNCIATION),
    ]
    verdict = grade(SPEAK, assessment(30, words))
    assert verdict.outcome is Outcome.INCORRECT
    assert labels(verdict) == [("", "missing_word", "buenos"), ("días", "wrong_word", "días")]


def test_speech_takes_an_assessment():
    with pytest.raises(InvalidInput, match="takes a PronunciationAssessment, got str"):
        grade(SPEAK, "buenos días")


# --- dispatch and plugins ------------------------------------------------------


def test_every_built_in_type_has_a_grader():
    assert set(BUILTIN_GRADERS) == set(ExerciseType)


def test_the_built_in_plugin_registers_every_built_in_type():
    registry = PluginRegistry(load_entry_points=False)
    for kind in ExerciseType:
        assert registry.exercise_grader(kind.value) is not None
    grader = registry.exercise_grader("translate")
    assert grader is not None
    assert grader(TRANSLATE, "Donde esta la estacion", language="es", policy=POLICY).outcome is Outcome.ACCENT


def grade_drag_drop(exercise: Exercise, answer: object, *, language: str, policy: GradingPolicy) -> Verdict:
    """A plugin grader: the answer is a mapping of targets to the dropped items."""
    if not isinstance(answer, dict):
        raise InvalidInput(f"answer to exercise {exercise.id}", "a drag_drop answer is a mapping")
    targets = exercise.extra["targets"]
    tokens = [
        VerdictToken(
            f"{target}: {answer.get(target)}",
            TokenLabel.OK if answer.get(target) == item else TokenLabel.WRONG_WORD,
        )
        for target, item in targets.items()
    ]
    right = all(token.label is TokenLabel.OK for token in tokens)
    return Verdict(Outcome.CORRECT if right else Outcome.INCORRECT, None, tokens)


class AcmePlugin:
    @hookimpl
    def register_exercise_types(self, register):
        register("acme:drag_drop", grade_drag_drop)


def test_a_plugin_registers_a_namespaced_type_and_grades_through_it():
    registry = PluginRegistry(load_entry_points=False, plugins=[AcmePlugin()])
    exercise = Exercise(
        id=oid("drag"),
        type="acme:drag_drop",
        prompt="Drag the words",
        extra={"targets": {"a": "uno", "b": "dos"}},
    )
    grader = registry.exercise_grader("acme:drag_drop")
    assert grader is grade_drag_drop
    verdict = grader(exercise, {"a": "uno", "b": "dos"}, language="es", policy=POLICY)
    assert verdict.outcome is Outcome.CORRECT
    graders = {r.name: r.value for r in registry.registrations("exercise_type")}
    wrong = grade_exercise(exercise, {"a": "dos", "b": "uno"}, language="es", policy=POLICY, graders=graders)
    assert wrong.outcome is Outcome.INCORRECT
    assert [t.label for t in wrong.tokens] == [TokenLabel.WRONG_WORD, TokenLabel.WRONG_WORD]


def test_a_plugin_type_without_its_grader_is_a_typed_error():
    exercise = Exercise(id=oid("drag2"), type="acme:drag_drop", prompt="Drag")
    with pytest.raises(UnknownExerciseType, match="no grader for type 'acme:drag_drop'"):
        grade(exercise, {})


def test_import_learncore_loads_no_grading_engine():
    import json
    import subprocess
    import sys

    code = (
        "import sys, json, learncore; "
        "print(json.dumps([m for m in ('rapidfuzz', 'learncore.domain.grading.text') if m in sys.modules]))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(output.stdout) == []
