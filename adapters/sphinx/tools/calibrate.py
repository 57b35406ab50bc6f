"""Fit the sphinx provider's Calibration on synthetic speech; prints the constants.

    python adapters/sphinx/tools/calibrate.py [--cache DIR]

Uses CALIBRATION_SENTENCES only, read twelve times over (``clip_set`` seeds 1-12:
other speeds, other swapped words, other "different" sentences; from seed 4 on, the
sentence list is rotated so each sentence is also read by other voices), 1,152 clips;
the benchmark's sentences stay unseen. Words of correct reads are "said as written";
the replaced words of swapped reads are not. The worst-phone weight is the one with
the best word AUC; class-balanced logistic regressions give the 50 % points and
slopes. It also prints how well each way of combining word accuracies into the
utterance score separates correct reads from the others on the same development
clips, which is how the harmonic mean was chosen.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections.abc import Sequence

import attrs
from learncore_sphinx import SphinxSpeechProvider
from learncore_sphinx.calibration import Calibration
from learncore_sphinx.gop import WordEvidence
from learncore_sphinx.provider import Analysis
from learncore_sphinx.scoring import assessment_from_evidence
from learncore_sphinx.synthetic import CALIBRATION_SENTENCES, Clip, clip_set

# (clip_set seed, rotation of the sentence list). Voices go with a sentence's position
# in the list, so rotating it gives each sentence other voices; seeds 1-3 unrotated
# were the whole development set before.
SEEDS = tuple(range(1, 13))
ROTATIONS = (0, 0, 0, 3, 5, 1, 2, 4, 6, 1, 3, 5)
DEVELOPMENT_READS = tuple(zip(SEEDS, ROTATIONS, strict=True))


def development_clips() -> list[Clip]:
    """The development clips: calibration sentences only, in the orders above."""
    clips = []
    for seed, rotation in DEVELOPMENT_READS:
        sentences = CALIBRATION_SENTENCES[rotation:] + CALIBRATION_SENTENCES[:rotation]
        clips += clip_set(sentences, seed=seed)
    return clips


def fit_logistic(xs: Sequence[float], labels: Sequence[int]) -> tuple[float, float]:
    """(center, scale) of P(label=1) = sigmoid((x - center) / scale), classes weighted equally."""
    positives = sum(labels)
    weights = [0.5 / positives if y else 0.5 / (len(labels) - positives) for y in labels]
    mean = statistics.fmean(xs)
    spread = statistics.pstdev(xs) or 1.0
    zs = [(x - mean) / spread for x in xs]
    a, b = 1.0, 0.0
    for _ in range(100):  # Newton's method on the weighted log-likelihood
        ga = gb = haa = hab = hbb = 0.0
        for z, y, w in zip(zs, labels, weights, strict=True):
            p = 1 / (1 + math.exp(-max(-60.0, min(60.0, a * z + b))))
            ga += w * (y - p) * z
            gb += w * (y - p)
            curvature = w * p * (1 - p) + 1e-9
            haa += curvature * z * z
            hab += curvature * z
            hbb += curvature
        det = haa * hbb - hab * hab
        a += (hbb * ga - hab * gb) / det
        b += (haa * gb - hab * ga) / det
    return mean - b * spread / a, spread / a


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a positive scores above a negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def _geometric_mean(accuracies: Sequence[float]) -> float:
    if not accuracies:
        return 0.0
    return 100.0 * math.exp(statistics.fmean(math.log(max(a, 1.0) / 100.0) for a in accuracies))


class GeometricMeanCalibration(Calibration):
    """The previous utterance rule, kept to compare against."""

    utterance_accuracy = staticmethod(_geometric_mean)


def utterance_aucs(
    analysed: Sequence[tuple[Clip, Analysis]], calibration: Calibration
) -> tuple[float, float]:
    """(correct reads against all others, against swapped reads) by the pronunciation score."""
    scores: dict[str, list[float]] = {"correct": [], "swapped": [], "different": []}
    for clip, analysis in analysed:
        if analysis.evidence is None:
            scores[clip.kind].append(0.0)  # what failed_assessment gives
            continue
        result = assessment_from_evidence(
            clip.reference,
            analysis.words,
            analysis.pronunciations,
            analysis.evidence,
            calibration=calibration,
            provider="sphinx",
        )
        scores[clip.kind].append(result.pronunciation)
    correct = scores["correct"]
    return auc(correct, scores["swapped"] + scores["different"]), auc(correct, scores["swapped"])


@attrs.frozen
class LabelledWord:
    """A word of a development read, and the read's scored words (for the read baseline)."""

    word: WordEvidence
    read: tuple[WordEvidence, ...]


def _evidence(cal: Calibration, item: LabelledWord) -> float:
    """What the word accuracy's sigmoid sees: the word against its read's baseline."""
    return cal.word_evidence(item.word) - cal.read_baseline(item.read)


def fit_word(
    good: Sequence[LabelledWord], bad: Sequence[LabelledWord], weight: float, allowance: float
) -> tuple[Calibration, float]:
    """The calibration fitted to the words for this weight and allowance, and its word AUC."""
    cal = Calibration(worst_phone_weight=weight, accent_allowance=allowance)
    xs = [_evidence(cal, w) for w in [*good, *bad]]
    center, scale = fit_logistic(xs, [1] * len(good) + [0] * len(bad))
    word_auc = auc(xs[: len(good)], xs[len(good) :])
    return attrs.evolve(cal, word_center=round(center, 1), word_scale=round(scale, 1)), word_auc


def _report(
    name: str, fitted: Calibration, word_auc: float, analysed: Sequence[tuple[Clip, Analysis]]
) -> None:
    harmonic = utterance_aucs(analysed, fitted)
    geometric = utterance_aucs(analysed, GeometricMeanCalibration(**attrs.asdict(fitted)))
    print(
        f"{name}: word AUC {word_auc:.3f}; utterance AUC (all, swapped) "
        f"harmonic mean {harmonic[0]:.3f} {harmonic[1]:.3f}, "
        f"geometric mean {geometric[0]:.3f} {geometric[1]:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=None, help="folder for the synthesised clips")
    args = parser.parse_args()
    provider = SphinxSpeechProvider(pool_size=1)
    good: list[LabelledWord] = []
    bad: list[LabelledWord] = []
    failed = 0
    clips = development_clips()
    analysed = [(clip, provider.analyse(clip.audio(args.cache), clip.reference)) for clip in clips]
    for clip, analysis in analysed:
        if clip.kind == "different":
            continue
        if analysis.evidence is None:
            failed += 1
            continue
        pairs = list(zip(analysis.evidence.words, analysis.pronunciations, strict=True))
        read = tuple(found for found, pron in pairs if pron.scored)
        for index, (found, pron) in enumerate(pairs):
            if clip.kind == "correct" and pron.scored:
                good.append(LabelledWord(found, read))
            elif index in clip.swapped_words:
                bad.append(LabelledWord(found, read))
    print(f"{len(analysed)} clips: {len(good)} correct words, {len(bad)} swapped words, {failed} not aligned")
    # The worst-phone weight is the one that best separates the words; the accent
    # allowance and the utterance rule (harmonic rather than geometric mean) are the
    # ones whose pronunciation score best separates the reads. All on these clips only.
    default = Calibration()
    best: tuple[float, Calibration] | None = None
    for weight in (0.0, 0.25, 0.5, 0.75, 1.0):
        fitted, word_auc = fit_word(good, bad, weight, default.accent_allowance)
        _report(f"worst_phone_weight={weight}", fitted, word_auc, analysed)
        if best is None or word_auc > best[0]:
            best = (word_auc, fitted)
    assert best is not None
    chosen = best[1]
    for allowance in (0.0, 5.0, 10.0, 20.0):
        fitted, word_auc = fit_word(good, bad, chosen.worst_phone_weight, allowance)
        _report(f"  accent_allowance={allowance}", fitted, word_auc, analysed)
    good_phones = [p.gop for w in good for p in w.word.phones]
    bad_phones = [p.gop for w in bad for p in w.word.phones]
    phone_center, phone_scale = fit_logistic(
        good_phones + bad_phones, [1] * len(good_phones) + [0] * len(bad_phones)
    )
    print(
        f"Calibration(word_center={chosen.word_center}, word_scale={chosen.word_scale}, "
        f"worst_phone_weight={chosen.worst_phone_weight}, "
        f"accent_allowance={chosen.accent_allowance}, phone_center={phone_center:.1f}, "
        f"phone_scale={phone_scale:.1f})"
    )


if __name__ == "__main__":
    main()
