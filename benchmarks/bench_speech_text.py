"""speech.text_diff: text-diff pronunciation scorings per second, 10-word sentences.

Each scoring aligns a transcript (with word confidences and timings, as Google
returns them) against its reference and builds the full PronunciationAssessment.
Sentences are drawn from a 600-word vocabulary with the errors learners make
(a wrong word, a skipped word, an extra word). The baseline is the straightforward
version of the same scorer: difflib's SequenceMatcher for the alignment,
normalise_text on every word, validated result objects; same inputs, same run.

Timed in thread CPU time, medians of interleaved repetitions.
Run: ``python benchmarks/run.py -k speech_text [--quick]``.
"""

from __future__ import annotations

import difflib
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from learncore.domain.grading.normalise import normalise_text
from learncore.domain.pronunciation import (
    PronunciationAssessment,
    TranscribedWord,
    Transcript,
    WordAssessment,
    WordError,
)
from learncore.domain.text_diff import score_transcript

Case = tuple[str, Transcript]


def _cases(count: int, seed: int = 6) -> list[Case]:
    rng = random.Random(seed)
    letters = "abcdefghiklmnoprstuvwy"
    vocabulary = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(600)})
    cases = []
    for index in range(count):
        reference = [rng.choice(vocabulary) for _ in range(10)]
        heard = list(reference)
        if index % 3 == 0:  # a wrong or mispronounced word
            heard[rng.randrange(10)] = rng.choice(vocabulary)
        if index % 5 == 0:  # a skipped word
            del heard[rng.randrange(len(heard))]
        if index % 7 == 0:  # a hesitation
            heard.insert(rng.randrange(len(heard)), "um")
        words = [
            TranscribedWord(w, confidence=rng.uniform(0.6, 1.0), offset_ms=320 * k, duration_ms=300)
            for k, w in enumerate(heard)
        ]
        text = " ".join(reference).capitalize() + "."
        cases.append((text, Transcript(text=" ".join(heard), provider="bench", words=words)))
    return cases


def _difflib_score(reference_text: str, transcript: Transcript) -> PronunciationAssessment:
    ref = [w for w in reference_text.split() if normalise_text(w)]
    ref_keys = [normalise_text(w) for w in ref]
    heard = [w for w in transcript.words if normalise_text(w.word)]
    heard_keys = [normalise_text(w.word) for w in heard]
    words: list[WordAssessment] = []
    said = 0
    total = 0.0
    matcher = difflib.SequenceMatcher(None, ref_keys, heard_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                score = 100.0 * (heard[j].confidence or 1.0)
                said += 1
                total += score
                words.append(WordAssessment(word=ref[i], accuracy=round(score, 1)))
            continue
        words.extend(
            WordAssessment(word=ref[i], accuracy=0.0, error=WordError.OMISSION) for i in range(i1, i2)
        )
        words.extend(
            WordAssessment(word=heard[j].word, accuracy=0.0, error=WordError.INSERTION) for j in range(j1, j2)
        )
    completeness = 100.0 * said / len(ref)
    accuracy = total / said if said else 0.0
    return PronunciationAssessment(
        pronunciation=round(accuracy * completeness / 100, 1),
        accuracy=round(accuracy, 1),
        fluency=100.0,
        completeness=round(completeness, 1),
        provider="difflib",
        words=tuple(words),
    )


def _ours(reference_text: str, transcript: Transcript) -> PronunciationAssessment:
    return score_transcript(reference_text, transcript)


def _rate(score: Callable[[str, Transcript], object], cases: Sequence[Case], repeats: int) -> float:
    # CPU time of this thread: the machine is shared, and time spent descheduled while
    # other processes run is not the scorer's. Both contenders are timed the same way.
    rates = []
    for _ in range(repeats):
        started = time.thread_time()
        for reference, transcript in cases:
            score(reference, transcript)
        rates.append(len(cases) / (time.thread_time() - started))
    return statistics.median(rates)


def run(quick: bool) -> list[dict[str, object]]:
    """Median scorings per second of the text-diff scorer and of the difflib baseline."""
    cases = _cases(1_000 if quick else 5_000)
    repeats = 5 if quick else 9
    _rate(_ours, cases[:200], 1)  # warm-up: imports and the word memo
    _rate(_difflib_score, cases[:200], 1)
    ours, baseline = [], []
    for _ in range(repeats):  # interleaved, so load on a shared machine hits both alike
        ours.append(_rate(_ours, cases, 1))
        baseline.append(_rate(_difflib_score, cases, 1))
    value = statistics.median(ours)
    base = statistics.median(baseline)
    return [
        {
            "bench": "speech.text_diff",
            "value": round(value, 1),
            "unit": "scorings/s",
            "goal": ">=20000",
            "baseline": "difflib",
            "ratio": round(value / base, 2),
            "baseline_value": round(base, 1),
            "words_per_sentence": 10,
        }
    ]


if __name__ == "__main__":
    for line in run(quick="--quick" in sys.argv):
        print(json.dumps(line))
