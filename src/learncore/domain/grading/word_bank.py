"""Grading a word bank: the tiles the learner placed, in order, against the accepted answers.

Tiles are spelled by the author, so nothing is forgiven as a typo or an accent: a
distractor tile that looks like the right word ("esta" for "está") is wrong. The
order is what is graded, against every accepted alternative.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from learncore.domain.exercises import Exercise, answer_to
from learncore.domain.grading.policy import DiacriticsMode, GradingPolicy
from learncore.domain.grading.text import grade_text
from learncore.domain.grading.verdict import Verdict
from learncore.errors import InvalidInput

__all__ = ["grade_word_bank", "tile_sentence"]


def tile_sentence(exercise: Exercise, answer: Any) -> str:
    """The placed tiles (option ids or tile texts) as one sentence, tiles joined by spaces.

    Raises :class:`~learncore.errors.InvalidInput` for a tile that is not one of the
    exercise's, or a tile placed more often than the bank holds it.
    """
    if isinstance(answer, str | bytes) or not isinstance(answer, Sequence):
        raise InvalidInput(
            answer_to(exercise), f"a word bank takes the placed tiles in order, got {type(answer).__name__}"
        )
    by_id = {option.id: option.text for option in exercise.options}
    available = Counter(option.text for option in exercise.options)
    texts: list[str] = []
    for position, tile in enumerate(answer):
        if isinstance(tile, UUID):
            if tile not in by_id:
                raise InvalidInput(
                    f"{answer_to(exercise)}[{position}]", f"{tile} is not a tile of this exercise"
                )
            text = by_id[tile]
        elif isinstance(tile, str):
            text = tile
            if text not in available:
                raise InvalidInput(
                    f"{answer_to(exercise)}[{position}]", f"{text!r} is not a tile of this exercise"
                )
        else:
            raise InvalidInput(
                f"{answer_to(exercise)}[{position}]",
                f"a tile is an option id or its text, got {type(tile).__name__}",
            )
        available[text] -= 1
        if available[text] < 0:
            raise InvalidInput(
                f"{answer_to(exercise)}[{position}]",
                f"tile {text!r} is placed more often than the bank holds it",
            )
        texts.append(text)
    return " ".join(texts)


@functools.lru_cache(maxsize=64)
def _exact(policy: GradingPolicy) -> GradingPolicy:
    # One policy object per course policy: answer keys are cached by policy, and a
    # new (equal) object on every answer would be hashed and compared each time.
    return policy.merged(typo_tolerance=(), diacritics=DiacriticsMode.STRICT)


def grade_word_bank(exercise: Exercise, answer: Any, *, language: str, policy: GradingPolicy) -> Verdict:
    """Grade the placed tiles against the exercise's accepted answers.

    Token offsets refer to the tiles joined by single spaces (:func:`tile_sentence`).
    """
    exact = _exact(policy)
    sentence = tile_sentence(exercise, answer)
    return grade_text(sentence, exercise.accepted_answers, language=language, policy=exact)
