"""The accepted-answer authoring syntax: choices, optional words, escapes and the expansion cap."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learncore.errors import InvalidAnswerPattern, InvalidContent
from learncore.grading import Outcome, expand_answers, grade_text


def test_choices_and_optional_words_expand_in_order():
    assert expand_answers(["I [am|'m] (very) happy"]) == (
        "I am very happy",
        "I am happy",
        "I'm very happy",
        "I'm happy",
    )


def test_a_top_level_bar_separates_whole_answers():
    assert expand_answers(["Good morning|Morning"]) == ("Good morning", "Morning")


def test_groups_nest():
    assert expand_answers(["[I am|I'm] ([very|really (really)]) tired"]) == (
        "I am very tired",
        "I am really really tired",
        "I am really tired",
        "I am tired",
        "I'm very tired",
        "I'm really really tired",
        "I'm really tired",
        "I'm tired",
    )


def test_an_empty_choice_is_like_an_optional_word():
    assert expand_answers(["the [big|] dog"]) == ("the big dog", "the dog")


def test_escaped_syntax_characters_stand_for_themselves():
    assert expand_answers([r"a \[note\] \(aside\) x\|y back\\slash"]) == (r"a [note] (aside) x|y back\slash",)


def test_whitespace_collapses_and_duplicates_go():
    assert expand_answers(["  hola   amigo ", "hola (amigo)", "hola amigo"]) == ("hola amigo", "hola")


def test_a_pattern_without_syntax_stands_for_itself():
    assert expand_answers(["It's 5 o'clock"]) == ("It's 5 o'clock",)


def test_blank_answers_are_dropped():
    assert expand_answers(["", "  ", "yes"]) == ("yes",)


def test_an_apostrophe_only_attaches_when_it_starts_a_choice():
    assert expand_answers(["rock 'n' roll", "you[ are|'re] here"]) == (
        "rock 'n' roll",
        "you are here",
        "you're here",
    )


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("I [am happy", "'[' at column 3 is never closed"),
        ("I (am happy", "'(' at column 3 is never closed"),
        ("I am] happy", "unexpected ']' at column 5"),
        ("I [am) happy", "unexpected ')' at column 6"),
        ("trailing \\", "cannot end with a single backslash"),
        ("()", "expands only to empty answers"),
        ("[|]", "expands only to empty answers"),
        ("[" * 20 + "x" + "]" * 20, "nest deeper than 16 levels"),
    ],
)
def test_a_malformed_pattern_is_a_typed_error_naming_where(pattern, reason):
    with pytest.raises(InvalidAnswerPattern, match=re.escape(reason)) as raised:
        expand_answers(["ok", pattern])
    assert raised.value.location == "accepted_answers[1]"
    assert isinstance(raised.value, InvalidContent)


def test_a_pathological_pattern_fails_fast_instead_of_expanding():
    pattern = " ".join(f"(word{i})" for i in range(40))  # 2**40 answers
    started = time.perf_counter()
    with pytest.raises(InvalidAnswerPattern, match="expands to more than 1000 answers"):
        expand_answers([pattern])
    assert time.perf_counter() - started < 1.0  # counted, never built


def test_the_cap_counts_every_pattern_of_the_exercise():
    nine = " ".join(f"(w{i})" for i in range(9))  # 512 answers each
    expand_answers([nine])
    with pytest.raises(InvalidAnswerPattern, match="accepted_answers\\[1\\]"):
        expand_answers([nine, nine.replace("w", "v")])


def test_the_cap_can_be_lowered():
    with pytest.raises(InvalidAnswerPattern, match="more than 2 answers"):
        expand_answers(["[a|b|c]"], limit=2)


def test_an_overlong_pattern_is_rejected():
    with pytest.raises(InvalidAnswerPattern, match="the limit is 2000"):
        expand_answers(["a" * 2001])


def test_a_pattern_that_is_not_text_is_rejected():
    with pytest.raises(InvalidAnswerPattern, match="must be text, got int"):
        expand_answers([3])  # type: ignore[list-item]


def test_grading_reports_a_bad_pattern_as_invalid_content():
    with pytest.raises(InvalidAnswerPattern, match="never closed"):
        grade_text("hola", ["[hola"], language="es")
    with pytest.raises(InvalidContent, match="at least one accepted answer"):
        grade_text("hola", [], language="es")


def test_grading_accepts_every_expansion():
    for answer in ("I am very happy", "I'm happy", "I am happy", "im very happy"):
        assert grade_text(answer, ["I [am|'m] (very) happy"], language="en").outcome is Outcome.CORRECT


pattern_text = st.text(st.sampled_from(list("ab |[]()\\'")), max_size=30)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(pattern=pattern_text)
def test_any_pattern_expands_or_fails_with_a_typed_error(pattern):
    try:
        answers = expand_answers([pattern])
    except InvalidAnswerPattern:
        return
    assert len(answers) <= 1000  # none at all when the pattern is blank
    assert all(answer == " ".join(answer.split()) and answer for answer in answers)
