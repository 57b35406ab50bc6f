"""Grading a spoken answer: a pronunciation assessment held against the policy's thresholds."""

# Every grader has the signature (exercise, answer, *, language, policy) so that
# dispatch and plugins are uniform; this one does not need all of them.
# ruff: noqa: ARG001

from __future__ import annotations

from typing import Any

from learncore.domain.exercises import Exercise, answer_to
from learncore.domain.grading.answer_syntax import expand_answers
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken
from learncore.domain.pronunciation import PronunciationAssessment, WordAssessment, WordError
from learncore.errors import InvalidInput

__all__ = ["grade_speech"]


def _token(word: WordAssessment, policy: GradingPolicy) -> VerdictToken:
    if word.error is WordError.OMISSION:
        return VerdictToken("", TokenLabel.MISSING_WORD, word.word)
    if word.error is WordError.INSERTION:
        return VerdictToken(word.word, TokenLabel.EXTRA_WORD)
    weak = word.scored and word.accuracy < policy.speech_word_pass_score
    if word.error is WordError.MISPRONUNCIATION or weak:
        return VerdictToken(word.word, TokenLabel.WRONG_WORD, word.word)
    return VerdictToken(word.word, TokenLabel.OK)


def grade_speech(exercise: Exercise, answer: Any, *, language: str, policy: GradingPolicy) -> Verdict:
    """Grade a :class:`~learncore.domain.pronunciation.PronunciationAssessment` of a speak exercise.

    The answer passes (``correct``) when its overall pronunciation score reaches
    ``policy.speech_pass_score``; otherwise it is ``incorrect``. The tokens are the
    assessed words: omitted words are ``missing_word``, inserted ones
    ``extra_word``, and mispronounced words or words scoring below
    ``policy.speech_word_pass_score`` are ``wrong_word`` (a passing answer may
    still show a weak word). Spoken tokens have no ``start``: there is no typed text.
    """
    if not isinstance(answer, PronunciationAssessment):
        raise InvalidInput(
            answer_to(exercise),
            f"a speak exercise takes a PronunciationAssessment, got {type(answer).__name__}",
        )
    passed = answer.pronunciation >= policy.speech_pass_score
    reference = expand_answers(exercise.accepted_answers)[0] if exercise.accepted_answers else exercise.prompt
    return Verdict(
        Outcome.CORRECT if passed else Outcome.INCORRECT,
        reference,
        [_token(word, policy) for word in answer.words],
    )
