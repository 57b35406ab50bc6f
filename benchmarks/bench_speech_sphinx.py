"""speech.sphinx_*: speed and discrimination of the offline pocketsphinx provider.

- ``speech.sphinx_rtf``: CPU seconds per second of audio for one assessment on one
  thread, after warm-up (median over the clips).
- ``speech.sphinx_auc``: how well the overall ``pronunciation`` score ranks correct
  reads above reads with 1-2 words swapped and reads of a different sentence
  (ROC AUC), on synthetic clips from espeak-ng (7 voices, 3 speeds, pink noise on a
  third of the sentences via sox). Also against swapped reads and different sentences
  alone, and, per word, the recall of swapped words when at most 10 % of correctly
  read words are flagged.

The sentences are BENCHMARK_SENTENCES, which the calibration never saw. Needs
espeak-ng and sox on PATH.

Run: ``python benchmarks/run.py`` (or ``python benchmarks/bench_speech_sphinx.py [--quick]``).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from learncore.domain.pronunciation import WordError
from learncore_sphinx import SphinxSpeechProvider
from learncore_sphinx.synthetic import BENCHMARK_SENTENCES, clip_set

CACHE = Path(__file__).resolve().parent / ".cache" / "sphinx-clips"
QUICK_SENTENCES = 6  # 24 clips


def _auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def _recall_at_false_alarms(bad: Sequence[float], good: Sequence[float], rate: float) -> float:
    """Share of ``bad`` words flagged by the strictest-permissive threshold that flags at
    most ``rate`` of the ``good`` words (a word is flagged when its accuracy is below)."""
    best = 0.0
    for threshold in sorted({*bad, *good, 101.0}):
        false_alarms = sum(g < threshold for g in good) / len(good)
        if false_alarms <= rate:
            best = max(best, sum(b < threshold for b in bad) / len(bad))
    return best


def run(quick: bool) -> list[dict[str, object]]:
    """The speed and quality metrics; ``quick`` uses a quarter of the sentences."""
    sentences = BENCHMARK_SENTENCES[:QUICK_SENTENCES] if quick else BENCHMARK_SENTENCES
    clips = clip_set(sentences, seed=7)
    provider = SphinxSpeechProvider(pool_size=1)
    audio = [clip.audio(CACHE) for clip in clips]
    provider.assess(audio[0], clips[0].reference)  # warm-up: model load, first-call costs
    scores: dict[str, list[float]] = {"correct": [], "swapped": [], "different": []}
    good_words: list[float] = []
    swapped_words: list[float] = []
    rtfs: list[float] = []
    failed_correct = 0
    for clip, data in zip(clips, audio, strict=True):
        started = time.process_time()
        result = provider.assess(data, clip.reference)
        elapsed = time.process_time() - started
        rtfs.append(elapsed / ((len(data) - 44) / 32_000))
        scores[clip.kind].append(result.pronunciation)
        if clip.kind == "correct":
            failed_correct += result.recognized_text == ""
            good_words += [w.accuracy for w in result.words if w.scored and w.error is not WordError.INSERTION]
        elif clip.kind == "swapped":
            reference_words = [w for w in result.words if w.error is not WordError.INSERTION]
            swapped_words += [reference_words[i].accuracy for i in clip.swapped_words]
    correct = scores["correct"]
    overall = _auc(correct, scores["swapped"] + scores["different"])
    context = {"clips": len(clips), "voices": len({c.voice for c in clips})}
    return [
        {
            "bench": "speech.sphinx_rtf",
            "value": round(statistics.median(rtfs), 4),
            "unit": "cpu-s/audio-s",
            "goal": "<=0.15",
            "max": round(max(rtfs), 4),
        },
        {"bench": "speech.sphinx_auc", "value": round(overall, 4), "unit": "AUC", "goal": ">=0.97", **context},
        {
            "bench": "speech.sphinx_auc_swapped",
            "value": round(_auc(correct, scores["swapped"]), 4),
            "unit": "AUC",
            "goal": ">=0.95",
            **context,
        },
        {
            "bench": "speech.sphinx_auc_different",
            "value": round(_auc(correct, scores["different"]), 4),
            "unit": "AUC",
            "goal": "report",
            **context,
        },
        {
            "bench": "speech.sphinx_word_recall_at_10pct_fa",
            "value": round(_recall_at_false_alarms(swapped_words, good_words, 0.10), 4),
            "unit": "recall",
            "goal": "report",
            "swapped_words": len(swapped_words),
            "correct_words": len(good_words),
            "correct_reads_not_aligned": failed_correct,
        },
    ]


if __name__ == "__main__":
    for line in run(quick="--quick" in sys.argv[1:]):
        print(json.dumps(line))
