"""The validator's exercise rules and the domain's agree: a file passes exactly when it builds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from learncore.content.checks import check_course
from learncore.content.convert import to_domain
from learncore.content.document import Findings
from learncore.content.model import course_adapter

TEXT = st.sampled_from(["hola", "adiós", " ", "", "el ___ come", "¿?", "x" * 600])
OPTION = st.fixed_dictionaries({"text": TEXT}, optional={"correct": st.booleans()})
EXERCISE = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            [
                "translate",
                "multiple_choice",
                "listen_type",
                "speak",
                "word_bank",
                "match_pairs",
                "fill_blank",
                "acme:drag",
                "nope",
            ]
        ),
        "prompt": TEXT,
    },
    optional={
        "answers": st.lists(TEXT, max_size=2),
        "options": st.lists(OPTION, max_size=3),
        "multiple_answers": st.booleans(),
        "pairs": st.lists(
            st.tuples(st.sampled_from(["a", "b", " "]), st.sampled_from(["c", "d"])), max_size=3
        ),
        "hints": st.lists(TEXT, max_size=1),
        "tags": st.lists(st.sampled_from(["food", "topic:food", " "]), max_size=2),
        "difficulty": st.integers(1, 5),
    },
)


def course(exercise):
    return {
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
                    {"id": "u", "title": "U", "lessons": [{"id": "l", "title": "L", "exercises": [exercise]}]}
                ],
            }
        ],
    }


@settings(max_examples=150, deadline=None)
@given(exercise=EXERCISE)
def test_checks_pass_exactly_when_the_domain_accepts_the_exercise(exercise):
    spec = course_adapter().validate_python(
        course({**exercise, "pairs": [list(p) for p in exercise.get("pairs", [])]})
    )
    findings = Findings()
    check_course(spec, findings, root=Path())
    checks_ok = not findings.has_errors()
    built = to_domain(spec, Findings())
    # The checks also refuse answers that normalise to nothing, which the domain allows.
    empty_answer = any(a.strip() and not any(c.isalnum() for c in a) for a in exercise.get("answers", []))
    if empty_answer:
        assert not checks_ok
    else:
        assert checks_ok == (built is not None), [f.message for f in findings.items]
