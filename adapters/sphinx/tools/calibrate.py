"""Fit the sphinx provider's Calibration on synthetic speech; prints the constants.

    python adapters/sphinx/tools/calibrate.py [--cache DIR]

Uses CALIBRATION_SENTENCES only, read twelve times over (``clip_set`` seeds 1-12:
other speeds, other swapped words, other "different" sentences; from seed 4 on, the
sentence list is rotated so each sentence is also read by other voices), 1,152 clips;
the benchmark's sentences stay unseen. Words of correct reads are "said as written";
the replaced words of swapped reads are not. The typical phone durations are learned
from the words of correct reads. For each worst-phone weight, a class-balanced
logistic regression on the word's GOP evidence and its duration deviation gives the
duration weight (GOP units per unit of deviation), and another on the combined
evidence the 50 % point and slope; the worst-phone weight is the one with the best
word AUC. It also prints how well the pronunciation score separates correct reads
from the others on the same development clips, with and without the duration
evidence, for each accent allowance, and with the harmonic and the geometric mean of
the words, which is how those were chosen.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections.abc import Sequence

import attrs
from learncore_sphinx import SphinxSpeechProvider
from learncore_sphinx.calibration import Calibration
from learncore_sphinx.durations import PhoneDurations
from learncore_sphinx.gop import WordEvidence, with_durations
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


def fit_logistic_weights(rows: Sequence[Sequence[float]], labels: Sequence[int]) -> list[float]:
    """Weights (one per feature, then the intercept) of a class-balanced logistic regression
    P(label=1) = sigmoid(w . x + b), by Newton's method on standardised features."""
    positives = sum(labels)
    weights = [0.5 / positives if y else 0.5 / (len(labels) - positives) for y in labels]
    columns = list(zip(*rows, strict=True))
    means = [statistics.fmean(c) for c in columns]
    spreads = [statistics.pstdev(c) or 1.0 for c in columns]
    zs = [[(x - m) / s for x, m, s in zip(row, means, spreads, strict=True)] + [1.0] for row in rows]
    size = len(zs[0])
    beta = [0.0] * size
    for _ in range(50):
        gradient = [0.0] * size
        hessian = [[1e-9 * (i == j) for j in range(size)] for i in range(size)]
        for z, y, w in zip(zs, labels, weights, strict=True):
            score = sum(b * x for b, x in zip(beta, z, strict=True))
            p = 1 / (1 + math.exp(-max(-60.0, min(60.0, score))))
            for i in range(size):
                gradient[i] += w * (y - p) * z[i]
                for j in range(size):
                    hessian[i][j] += w * p * (1 - p) * z[i] * z[j]
        beta = [b + step for b, step in zip(beta, _solve(hessian, gradient), strict=True)]
    scaled = [b / s for b, s in zip(beta, spreads, strict=False)]
    return [*scaled, beta[-1] - sum(b * m for b, m in zip(scaled, means, strict=False))]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix . x = vector (Gaussian elimination with partial pivoting)."""
    size = len(vector)
    rows = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, size):
            factor = rows[r][col] / rows[col][col]
            rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    solution = [0.0] * size
    for r in reversed(range(size)):
        known = sum(rows[r][c] * solution[c] for c in range(r + 1, size))
        solution[r] = (rows[r][size] - known) / rows[r][r]
    return solution


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
    good: Sequence[LabelledWord],
    bad: Sequence[LabelledWord],
    weight: float,
    allowance: float,
    *,
    durations: bool = True,
) -> tuple[Calibration, float]:
    """The calibration fitted to the words for this weight and allowance, and its word AUC.

    With ``durations``, the duration terms come first: the usual deviation is the
    median over the correct words, and a logistic regression on the word's GOP
    evidence (against its read's) and its deviation beyond the usual one says how many
    GOP units one unit of excess deviation is worth. Without, durations are ignored."""
    cal = Calibration(worst_phone_weight=weight, accent_allowance=allowance, duration_weight=0.0)
    words = [*good, *bad]
    labels = [1] * len(good) + [0] * len(bad)
    if durations:
        usual = round(statistics.median(w.word.duration_deviation for w in good), 2)
        cal = attrs.evolve(cal, usual_duration_deviation=usual)
        gop_weight, deviation_weight, _ = fit_logistic_weights(
            [(_evidence(cal, w), cal.excess_duration_deviation(w.word)) for w in words], labels
        )
        cal = attrs.evolve(cal, duration_weight=round(-deviation_weight / gop_weight, 1))
    xs = [_evidence(cal, w) for w in words]
    center, scale = fit_logistic(xs, labels)
    word_auc = auc(xs[: len(good)], xs[len(good) :])
    return attrs.evolve(cal, word_center=round(center, 1), word_scale=round(scale, 1)), word_auc


def _report(
    name: str, fitted: Calibration, word_auc: float, analysed: Sequence[tuple[Clip, Analysis]]
) -> None:
    harmonic = utterance_aucs(analysed, fitted)
    geometric = utterance_aucs(analysed, GeometricMeanCalibration(**attrs.asdict(fitted)))
    print(
        f"{name} (duration_weight={fitted.duration_weight}, "
        f"usual_duration_deviation={fitted.usual_duration_deviation}): word AUC {word_auc:.3f}; "
        "utterance AUC (all, swapped) "
        f"harmonic mean {harmonic[0]:.3f} {harmonic[1]:.3f}, "
        f"geometric mean {geometric[0]:.3f} {geometric[1]:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=None, help="folder for the synthesised clips")
    args = parser.parse_args()
    provider = SphinxSpeechProvider(pool_size=1)
    clips = development_clips()
    analysed = [(clip, provider.analyse(clip.audio(args.cache), clip.reference)) for clip in clips]
    shipped = utterance_aucs(analysed, Calibration())
    print(f"shipped Calibration(): utterance AUC (all, swapped) {shipped[0]:.3f} {shipped[1]:.3f}")
    # Typical durations from the correct reads' words, then every read judged by them.
    durations = PhoneDurations.fit(
        (phone.phone, phone.frames)
        for clip, analysis in analysed
        if clip.kind == "correct" and analysis.evidence is not None
        for found, pron in zip(analysis.evidence.words, analysis.pronunciations, strict=True)
        if pron.scored
        for phone in found.phones
    )
    analysed = [
        (clip, attrs.evolve(analysis, evidence=with_durations(analysis.evidence, durations)))
        if analysis.evidence is not None
        else (clip, analysis)
        for clip, analysis in analysed
    ]
    good, bad, failed = labelled_words(analysed)
    print(f"{len(analysed)} clips: {len(good)} correct words, {len(bad)} swapped words, {failed} not aligned")
    # The worst-phone weight is the one that best separates the words; the accent
    # allowance and the utterance rule (harmonic rather than geometric mean) are the
    # ones whose pronunciation score best separates the reads. All on these clips only.
    default = Calibration()
    fitted, word_auc = fit_word(
        good, bad, default.worst_phone_weight, default.accent_allowance, durations=False
    )
    _report(f"without durations, worst_phone_weight={default.worst_phone_weight}", fitted, word_auc, analysed)
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
        f"duration_weight={chosen.duration_weight}, "
        f"usual_duration_deviation={chosen.usual_duration_deviation}, "
        f"accent_allowance={chosen.accent_allowance}, phone_center={phone_center:.1f}, "
        f"phone_scale={phone_scale:.1f})"
    )
    print("TYPICAL_DURATIONS = PhoneDurations(")
    print("    {")
    for phone, (mean, spread) in durations.typical.items():
        print(f'        "{phone}": ({mean}, {spread}),')
    print("    }")
    print(")")


def labelled_words(
    analysed: Sequence[tuple[Clip, Analysis]],
) -> tuple[list[LabelledWord], list[LabelledWord], int]:
    """The scored words of correct reads, the replaced words of swapped reads, and how
    many of those reads could not be aligned."""
    good: list[LabelledWord] = []
    bad: list[LabelledWord] = []
    failed = 0
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
    return good, bad, failed


if __name__ == "__main__":
    main()
