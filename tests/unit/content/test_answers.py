"""The accepted-answer checks agree with the grading engine's normalisation and syntax."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from learncore.content.answers import answer_problem, plainly_fine
from learncore.domain.grading.normalise import normalise_text
from learncore.domain.grading.policy import GradingPolicy

POLICIES = st.sampled_from(
    [GradingPolicy(), GradingPolicy(case_sensitive=True, ignore_punctuation=False, diacritics="strict")]
)


@given(text=st.text(max_size=30), policy=POLICIES, language=st.sampled_from(["en", "es", "de", "ja", "ru"]))
@example(text="\u0640", policy=GradingPolicy(), language="es")
@example(text="a\u02bc", policy=GradingPolicy(), language="en")
def test_the_fast_path_never_passes_an_answer_that_normalises_to_nothing(text, policy, language):
    # The validator skips normalisation for answers with a letter or digit and no syntax;
    # that is only sound if normalisation never deletes letters or digits.
    if plainly_fine(text):
        assert normalise_text(text, language=language, policy=policy)


@given(text=st.text(alphabet=st.characters(exclude_characters="[]()|\\"), max_size=20))
@example(text="\u0640")  # the Arabic tatweel: a letter to Unicode, nothing to the grader
@example(text="\u02bc")  # a modifier-letter apostrophe
def test_an_answer_is_refused_exactly_when_it_normalises_to_nothing(text):
    problem = answer_problem(text, language="es", policy=GradingPolicy())
    assert (problem is None) == bool(normalise_text(text, language="es", policy=GradingPolicy()))


def test_punctuation_only_answers_are_refused_but_kept_when_punctuation_counts():
    assert answer_problem("¿?", language="es", policy=GradingPolicy()) is not None
    assert answer_problem("¿?", language="es", policy=GradingPolicy(ignore_punctuation=False)) is None


def test_the_authoring_syntax_is_checked():
    assert answer_problem("I [am|'m] (very) happy", language="en", policy=GradingPolicy()) is None
    assert answer_problem("I [am|'m happy", language="en", policy=GradingPolicy()) is not None
    assert answer_problem("a) b", language="en", policy=GradingPolicy()) is not None
