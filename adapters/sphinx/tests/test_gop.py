"""GOP arithmetic on hand-made alignments: phones, words, gaps and silence."""

import math
import struct

import pytest
from learncore_sphinx.decoding import AlignedPhone, AlignedWord, FrameAlignment, PhoneSpan
from learncore_sphinx.durations import PhoneDurations
from learncore_sphinx.gop import loop_frame_scores, measure, quiet_frames, with_durations


def word(entry: str, start: int, phones: list[tuple[str, int]]) -> AlignedWord:
    aligned = []
    at = start
    for name, frames in phones:
        aligned.append(AlignedPhone(name, at, frames, 0))
        at += frames
    return AlignedWord(entry, start, at - start, tuple(aligned))


# "<sil> hi there <sil> you <sil>" over 40 frames
WORDS = (
    word("<sil>", 0, [("SIL", 5)]),
    word("hi", 5, [("HH", 3), ("AY", 7)]),
    word("there(2)", 15, [("DH", 3), ("EH", 4), ("R", 3)]),
    word("<sil>", 25, [("SIL", 5)]),
    word("you", 30, [("Y", 3), ("UW", 4)]),
    word("<sil>", 37, [("SIL", 3)]),
)


def alignment(frame_scores: list[float]) -> FrameAlignment:
    return FrameAlignment(WORDS, tuple(frame_scores))


def test_gop_is_the_mean_frame_difference_between_forced_and_free_scores() -> None:
    forced = [-10.0] * 40
    free = [-10.0] * 40
    for t in range(18, 22):  # the EH of "there" fits badly
        forced[t] = -90.0
    evidence = measure(alignment(forced), free, (), [1, 1, 1], [False] * 40)
    hi, there, you = evidence.words
    assert hi.gop == 0.0
    assert [p.gop for p in there.phones] == [0.0, -80.0, 0.0]
    assert there.gop == pytest.approx(-80.0 * 4 / 10)
    assert there.worst_phone_gop == -80.0
    assert (there.start, there.frames) == (15, 10)
    assert you.gop == 0.0


def test_a_reference_word_said_as_several_entries_is_one_word() -> None:
    evidence = measure(alignment([0.0] * 40), [0.0] * 40, (), [2, 1], [False] * 40)
    assert len(evidence.words) == 2
    assert (evidence.words[0].start, evidence.words[0].frames) == (5, 20)
    assert [p.phone for p in evidence.words[0].phones] == ["HH", "AY", "DH", "EH", "R"]


def test_a_word_count_that_disagrees_with_the_alignment_is_a_bug_not_a_score() -> None:
    with pytest.raises(ValueError, match="3 words but the reference has 4"):
        measure(alignment([0.0] * 40), [0.0] * 40, (), [2, 2], [False] * 40)


def test_words_and_phones_carry_their_duration_evidence() -> None:
    # Every phone usually lasts 3 frames; the AY of "hi" (7) and the EH of "there" (4) are long.
    usual = PhoneDurations({p: (math.log(3), 0.5) for p in ("HH", "AY", "DH", "EH", "R", "Y", "UW")})
    evidence = measure(alignment([0.0] * 40), [0.0] * 40, (), [1, 1, 1], [False] * 40, durations=usual)
    hi, there, you = evidence.words
    long_ay, long_eh = math.log(7 / 3) / 0.5, math.log(4 / 3) / 0.5  # the median phone is usual
    assert [p.duration_z for p in hi.phones] == pytest.approx([0.0, long_ay])
    assert [p.duration_z for p in there.phones] == pytest.approx([0.0, long_eh, 0.0])
    assert hi.duration_deviation == pytest.approx(long_ay / math.sqrt(2))
    assert there.duration_deviation == pytest.approx(long_eh / math.sqrt(3))
    assert you.duration_deviation == pytest.approx(long_eh / math.sqrt(2))
    # judged again with other durations, only the duration evidence changes
    rejudged = with_durations(evidence, PhoneDurations({}))
    assert [w.duration_deviation for w in rejudged.words] == [0.0, 0.0, 0.0]
    assert [w.gop for w in rejudged.words] == [w.gop for w in evidence.words]


def test_quiet_share_counts_silent_frames_of_each_word() -> None:
    quiet = [t < 10 for t in range(40)]  # silence until frame 10: half of "hi"
    evidence = measure(alignment([0.0] * 40), [0.0] * 40, (), [1, 1, 1], quiet)
    assert evidence.words[0].quiet_share == 0.5
    assert evidence.words[1].quiet_share == 0.0


def test_gaps_are_judged_on_their_loud_frames_only() -> None:
    forced = [0.0] * 40
    free = [0.0] * 40
    for t in range(27, 30):
        forced[t] = -60.0  # speech in the pause, fitting silence badly
    quiet = [not 27 <= t < 30 for t in range(40)]
    loop = (PhoneSpan("SIL", 0, 27, 0), PhoneSpan("K", 27, 3, -30), PhoneSpan("SIL", 30, 10, 0))
    evidence = measure(alignment(forced), free, loop, [1, 1, 1], quiet)
    leading, middle, trailing = evidence.gaps
    assert not leading.between_words
    assert middle.between_words
    assert (middle.start, middle.frames, middle.speech_frames) == (25, 5, 3)
    assert middle.gop == -60.0
    assert middle.heard == ("K",)
    assert middle.heard_frames == 3
    assert not trailing.between_words
    assert evidence.pauses == (5,)


def test_adjacent_fillers_make_one_gap() -> None:
    words = (
        word("hi", 0, [("HH", 3), ("AY", 3)]),
        word("<sil>", 6, [("SIL", 4)]),
        word("[NOISE]", 10, [("+NSN+", 3)]),
        word("you", 13, [("Y", 3), ("UW", 3)]),
    )
    evidence = measure(FrameAlignment(words, (0.0,) * 19), [0.0] * 19, (), [1, 1], [True] * 19)
    assert [(g.start, g.frames) for g in evidence.gaps] == [(6, 7)]


def test_loop_scores_are_spread_evenly_over_each_phone() -> None:
    spans = (PhoneSpan("SIL", 0, 2, -10), PhoneSpan("AA", 2, 4, -40))
    assert loop_frame_scores(spans, 7) == (-5.0, -5.0, -10.0, -10.0, -10.0, -10.0, 0.0)


def test_quiet_frames_are_relative_to_the_loud_ones() -> None:
    loud = struct.pack("<160h", *(round(8000 * math.sin(n / 3)) for n in range(160)))
    faint = struct.pack("<160h", *(round(80 * math.sin(n / 3)) for n in range(160)))
    pcm = loud * 10 + faint * 5 + bytes(320) * 5
    flags = quiet_frames(pcm, 20)
    assert flags == (False,) * 10 + (True,) * 10
    # the same shape 20 dB quieter overall: still speech, not silence
    assert quiet_frames(faint * 10 + bytes(320) * 10, 20) == (False,) * 10 + (True,) * 10
