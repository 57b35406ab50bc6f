"""Fit the sphinx provider's Calibration on synthetic speech; prints the constants.

    python adapters/sphinx/tools/calibrate.py [--cache DIR]

Uses CALIBRATION_SENTENCES only (the benchmark's sentences stay unseen). Words of
correct reads are "said as written"; the replaced words of swapped reads are not.
Class-balanced logistic regressions give the 50 % points and slopes.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections.abc import Sequence

from learncore_sphinx import SphinxSpeechProvider
from learncore_sphinx.calibration import Calibration
from learncore_sphinx.gop import WordEvidence
from learncore_sphinx.synthetic import CALIBRATION_SENTENCES, clip_set


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=None, help="folder for the synthesised clips")
    args = parser.parse_args()
    provider = SphinxSpeechProvider(pool_size=1)
    good: list[WordEvidence] = []
    bad: list[WordEvidence] = []
    failed = 0
    for clip in clip_set(CALIBRATION_SENTENCES, seed=1):
        if clip.kind == "different":
            continue
        analysis = provider.analyse(clip.audio(args.cache), clip.reference)
        if analysis.evidence is None:
            failed += 1
            continue
        for index, (found, pron) in enumerate(
            zip(analysis.evidence.words, analysis.pronunciations, strict=True)
        ):
            if clip.kind == "correct" and pron.scored:
                good.append(found)
            elif index in clip.swapped_words:
                bad.append(found)
    print(f"{len(good)} correct words, {len(bad)} swapped words, {failed} clips not aligned")
    best_weight, best_auc = 0.0, -1.0
    for weight in (0.0, 0.25, 0.5, 0.75, 1.0):
        cal = Calibration(worst_phone_weight=weight)
        score = auc([cal.word_evidence(w) for w in good], [cal.word_evidence(w) for w in bad])
        print(f"worst_phone_weight={weight}: word AUC {score:.3f}")
        if score > best_auc:
            best_weight, best_auc = weight, score
    cal = Calibration(worst_phone_weight=best_weight)
    xs = [cal.word_evidence(w) for w in good + bad]
    word_center, word_scale = fit_logistic(xs, [1] * len(good) + [0] * len(bad))
    good_phones = [p.gop for w in good for p in w.phones]
    bad_phones = [p.gop for w in bad for p in w.phones]
    phone_center, phone_scale = fit_logistic(
        good_phones + bad_phones, [1] * len(good_phones) + [0] * len(bad_phones)
    )
    print(
        f"Calibration(word_center={word_center:.1f}, word_scale={word_scale:.1f}, "
        f"worst_phone_weight={best_weight}, phone_center={phone_center:.1f}, "
        f"phone_scale={phone_scale:.1f})"
    )


if __name__ == "__main__":
    main()
