"""The grading names apps use are reachable from ``learncore`` and ``learncore.grading``."""

from __future__ import annotations

import learncore
import learncore.grading
from learncore.domain.grading.verdict import Outcome, Verdict


def test_grade_text_verdict_and_outcome_are_re_exported_from_learncore():
    assert learncore.grade_text is learncore.grading.grade_text
    assert learncore.Verdict is Verdict
    assert learncore.Outcome is Outcome
    assert {"grade_text", "Verdict", "Outcome"} <= set(dir(learncore))


def test_outcomes_are_strings():
    verdict = learncore.grade_text("Hola", ["hola"], language="es")
    assert verdict.outcome == "correct"
    assert [outcome.value for outcome in Outcome] == ["correct", "typo", "accent", "incorrect"]


def test_the_grading_module_lists_its_public_names():
    for name in learncore.grading.__all__:
        assert getattr(learncore.grading, name) is not None
