"""Phone durations: how long each phone lasts in a correct read, and how far a read strays.

The forced aligner must fit the reference's phones into the audio whatever was said.
When a word was replaced by another one that shares most of its sounds (*writing*
for *reading*), the frame scores may still look acceptable, but the aligner has to
stretch some phones and squash others to cover the wrong word's sounds. A phone's
duration, compared with how long that phone usually lasts, is a second piece of
evidence that does not depend on how well the acoustic model fits the voice.

Durations are compared as logarithms (a phone twice as long is as unusual as one half
as long), after removing the read's own tempo (the median over its phones of how much
longer than usual they are), in standard deviations of that phone's log duration, so
slow and fast speakers are judged alike.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

__all__ = ["TYPICAL_DURATIONS", "PhoneDurations"]

MIN_SAMPLES = 10  # a phone seen fewer times has no reliable typical duration
# Synthetic voices time a phone more regularly than people do, and a phone seen in few
# words varies little: no phone is judged on a tighter spread than about +-20 %.
MIN_SPREAD = 0.2


@attrs.frozen
class PhoneDurations:
    """Typical durations: for each phone, mean and standard deviation of ln(frames)."""

    typical: Mapping[str, tuple[float, float]]

    @classmethod
    def fit(cls, phones: Iterable[tuple[str, int]]) -> PhoneDurations:
        """Learn the typical durations from (phone, frames) pairs of correctly read words
        (spreads below :data:`MIN_SPREAD` are raised to it)."""
        logs: dict[str, list[float]] = defaultdict(list)
        for phone, frames in phones:
            logs[phone].append(math.log(max(frames, 1)))
        return cls(
            {
                phone: (
                    round(statistics.fmean(values), 3),
                    round(max(MIN_SPREAD, statistics.pstdev(values)), 3),
                )
                for phone, values in sorted(logs.items())
                if len(values) >= MIN_SAMPLES
            }
        )

    def _log_ratio(self, phone: str, frames: int) -> float | None:
        known = self.typical.get(phone)
        return None if known is None else math.log(max(frames, 1)) - known[0]

    def judge(self, words: Sequence[Sequence[tuple[str, int]]]) -> list[tuple[float, tuple[float, ...]]]:
        """For each word of a read (its phones as (phone, frames)): the word's duration
        deviation and each phone's duration z-score, both relative to the read's tempo.

        The tempo is the median over the read's phones of ln(frames / typical frames):
        a speaker at half speed doubles every phone, and that alone is no fault. A
        phone's z-score says how many of its standard deviations longer (positive) or
        shorter than usual at this tempo it is. The word's deviation is the root mean
        square of its phones' z-scores: under 1 for most correctly read words, higher
        when the aligner had to distort it. Phones with no typical duration count as 0
        and are left out of the deviation.
        """
        ratios = [[self._log_ratio(phone, frames) for phone, frames in word] for word in words]
        known = [r for word in ratios for r in word if r is not None]
        tempo = statistics.median(known) if known else 0.0
        judged = []
        for word_ratios, word in zip(ratios, words, strict=True):
            zs = tuple(
                0.0 if r is None else (r - tempo) / self.typical[phone][1]
                for r, (phone, _) in zip(word_ratios, word, strict=True)
            )
            counted = [z for z, r in zip(zs, word_ratios, strict=True) if r is not None]
            deviation = math.sqrt(statistics.fmean(z * z for z in counted)) if counted else 0.0
            judged.append((deviation, zs))
        return judged


# Fitted by tools/calibrate.py on the correct reads of the development set (espeak-ng
# voices aligned by the bundled en-us model); phone: (mean, sd) of ln(10 ms frames).
TYPICAL_DURATIONS = PhoneDurations(
    {
        "AA": (2.532, 0.415),
        "AE": (2.196, 0.282),
        "AH": (1.918, 0.378),
        "AO": (2.425, 0.338),
        "AW": (2.673, 0.411),
        "AY": (2.522, 0.341),
        "B": (1.624, 0.228),
        "CH": (2.39, 0.282),
        "D": (1.776, 0.481),
        "DH": (1.952, 0.294),
        "EH": (2.37, 0.397),
        "ER": (2.299, 0.331),
        "EY": (2.842, 0.574),
        "F": (2.066, 0.2),
        "G": (1.845, 0.229),
        "HH": (1.833, 0.281),
        "IH": (1.989, 0.382),
        "IY": (2.422, 0.448),
        "JH": (2.137, 0.2),
        "K": (2.213, 0.228),
        "L": (2.077, 0.365),
        "M": (1.986, 0.422),
        "N": (1.928, 0.429),
        "NG": (2.161, 0.485),
        "OW": (2.643, 0.403),
        "P": (2.101, 0.407),
        "R": (1.946, 0.408),
        "S": (2.138, 0.302),
        "SH": (2.361, 0.2),
        "T": (2.017, 0.399),
        "TH": (1.946, 0.35),
        "UH": (2.04, 0.46),
        "UW": (2.743, 0.413),
        "V": (1.855, 0.357),
        "W": (2.11, 0.278),
        "Y": (1.492, 0.276),
        "Z": (2.155, 0.354),
    }
)
