"""From GOP to 0-100 scores, and the fluency and completeness rules.

The constants were fitted on synthetic speech (espeak-ng voices read by pocketsphinx's
en-us model) with ``adapters/sphinx/tools/calibrate.py``: a logistic regression of "the
word was said as written" on the word's GOP and duration evidence. They are a starting point,
not a human-rated calibration; see docs/speech/sphinx.md.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

import attrs

from learncore_sphinx.gop import GapEvidence, WordEvidence

__all__ = ["Calibration"]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


@attrs.frozen
class Calibration:
    """Constants that turn decoder evidence into scores; pass your own to recalibrate.

    - word accuracy = 100 * sigmoid((evidence - baseline - word_center) / word_scale),
      where the evidence mixes the word's mean GOP and its worst phone's GOP
      (``worst_phone_weight``) and takes off ``duration_weight`` per unit of the word's
      duration deviation (how far its phones' durations stray from a correct read's)
      beyond ``usual_duration_deviation``, and the baseline is the read's median word
      evidence, between -``accent_allowance`` and 0 (:meth:`read_baseline`);
    - phone accuracy = 100 * sigmoid((gop - phone_center) / phone_scale);
    - a word was not said when more than ``omission_quiet`` of its frames are silence
      and its accuracy is below ``mispronounced_below`` (the aligner had to squeeze it
      into a pause);
    - a gap the aligner filled with silence holds an inserted word when at least
      ``insertion_frames`` of it are not quiet, and either their GOP is below
      ``insertion_gop`` or the phone loop hears ``insertion_heard_frames`` of phones there
      (``edge_insertion_heard_frames`` before the first or after the last word);
    - fluency loses points for pauses longer than ``pause_allowance_s`` between words
      and for speech slower than ``slow_phones_per_s``;
    - the overall pronunciation score weighs accuracy, fluency and completeness.
    """

    word_center: float = -44.1
    word_scale: float = 10.7
    worst_phone_weight: float = 0.5
    duration_weight: float = 26.6
    usual_duration_deviation: float = 0.77
    accent_allowance: float = 10.0
    phone_center: float = -23.6
    phone_scale: float = 20.2
    omission_quiet: float = 0.8
    insertion_frames: int = 10
    insertion_gop: float = -30.0
    insertion_heard_frames: int = 20
    edge_insertion_heard_frames: int = 50
    mispronounced_below: float = 50.0
    pause_allowance_s: float = 0.3
    slow_phones_per_s: float = 6.0
    weights: tuple[float, float, float] = (0.6, 0.2, 0.2)  # accuracy, fluency, completeness

    def word_evidence(self, word: WordEvidence | GapEvidence) -> float:
        """The single number word accuracy is computed from, in GOP units.

        A wrong word may fit the reference's phones tolerably frame by frame and still
        betray itself by their durations: the aligner had to stretch and squash them
        over other sounds. Durations within what correct reads show cost nothing (so
        regular durations never make up for wrong sounds); beyond that, each unit of
        deviation costs ``duration_weight``, as the development set's logistic
        regression weighed it against the GOP.
        """
        w = self.worst_phone_weight
        gop = (1 - w) * word.gop + w * word.worst_phone_gop
        if isinstance(word, GapEvidence):
            return gop  # a gap has no phones, so no durations to judge
        return gop - self.duration_weight * self.excess_duration_deviation(word)

    def excess_duration_deviation(self, word: WordEvidence) -> float:
        """How far the word's durations stray beyond a correct read's usual deviation (>= 0)."""
        return max(0.0, word.duration_deviation - self.usual_duration_deviation)

    def read_baseline(self, words: Sequence[WordEvidence]) -> float:
        """How well the acoustic model fits this speaker: the median word's evidence,
        between -``accent_allowance`` and 0.

        An accent the US model knows less well lowers every word a little; a replaced
        word falls far below the speaker's other words. Judging each word against the
        read's typical word forgives the first and keeps the second. The allowance is
        small, so a read of another sentence (every word bad) gains next to nothing.
        """
        if not words:
            return 0.0
        typical = statistics.median(self.word_evidence(w) for w in words)
        return max(-self.accent_allowance, min(0.0, typical))

    def word_accuracy(self, word: WordEvidence | GapEvidence, baseline: float = 0.0) -> float:
        """0-100: how likely the word was said as written (``baseline``: see :meth:`read_baseline`)."""
        evidence = self.word_evidence(word) - baseline
        return 100.0 * _sigmoid((evidence - self.word_center) / self.word_scale)

    def is_insertion(self, gap: GapEvidence) -> bool:
        """Whether a gap holds speech that is no reference word: long, loud, badly fitting."""
        if gap.speech_frames < self.insertion_frames:
            return False
        # Before the first and after the last word, the phone loop often hears the onset
        # or release of the edge word: only a longer stretch is extra speech there.
        heard = self.insertion_heard_frames if gap.between_words else self.edge_insertion_heard_frames
        return gap.gop < self.insertion_gop or gap.heard_frames >= heard

    def is_omitted(self, word: WordEvidence, accuracy: float) -> bool:
        """Whether the word was left out rather than said (badly)."""
        return word.quiet_share > self.omission_quiet and accuracy < self.mispronounced_below

    @staticmethod
    def utterance_accuracy(word_accuracies: Sequence[float]) -> float:
        """The harmonic mean of the word accuracies (each at least 1).

        A harmonic mean follows the worst words: one clearly wrong word among ten (1
        against 95) pulls the score to about 9, a doubtful one (30) to about 78, where a
        plain mean would barely move. Reads with a word replaced are told apart from
        correct reads in an unfamiliar accent mostly by how low that one word goes, and
        the harmonic mean kept that better than the geometric mean on the development
        set (see ``tools/calibrate.py``).
        """
        if not word_accuracies:
            return 0.0
        return statistics.harmonic_mean([max(a, 1.0) for a in word_accuracies])

    def phone_accuracy(self, gop: float) -> float:
        """0-100 for one phone."""
        return 100.0 * _sigmoid((gop - self.phone_center) / self.phone_scale)

    def fluency(self, pauses_s: Sequence[float], speech_s: float, phones: int) -> float:
        """100 for even, connected speech; long pauses and very slow speech lower it."""
        if speech_s <= 0:
            return 0.0
        excess = sum(max(0.0, p - self.pause_allowance_s) for p in pauses_s)
        pause_factor = max(0.0, 1.0 - excess / speech_s)
        rate = phones / speech_s
        rate_factor = min(1.0, rate / self.slow_phones_per_s)
        return 100.0 * pause_factor * rate_factor

    def overall(self, accuracy: float, fluency: float, completeness: float) -> float:
        """The pronunciation score: a weighted mean of the three."""
        a, f, c = self.weights
        return (a * accuracy + f * fluency + c * completeness) / (a + f + c)
