"""The text-diff scorer: pronunciation scores from a transcript aligned against the reference.

Providers that only transcribe (Google, OpenAI, any plugin with a ``transcribe``) get
their :class:`~learncore.domain.pronunciation.PronunciationAssessment` from here.
Words are compared after :func:`~learncore.domain.grading.normalise.normalise_text`,
so case, punctuation and whatever else the grading policy ignores do not count.

The alignment is a Levenshtein alignment over words (rapidfuzz opcodes on word
lists). Where the cheapest edit script would miss a word that was in fact said (edit
distance ties, e.g. "the mat" heard as "mat today"), the unmatched stretch is re-aligned
to keep the most words matched. Then:

- an *equal* word is correct; its accuracy is ``100 × confidence`` when the provider
  gave a confidence (a word the recogniser barely heard was probably not said well),
  else 100;
- a *replaced* word is a mispronunciation when the heard word is spelt like the
  expected one (character similarity ≥ 0.5, e.g. "sheep" for "ship"), scored
  ``50 × similarity``; an unrelated word is treated as Azure's miscue detection does,
  as an omission of the expected word plus an insertion of the heard one;
- a *deleted* word is an omission (accuracy 0), an *inserted* word an insertion;
- any word scoring below 60 is marked a mispronunciation, Azure's convention.

Utterance scores (0–100):

- completeness: reference words said (correct or mispronounced) / reference words;
- accuracy: the mean accuracy of the reference words said;
- fluency: words said / (words said + disfluencies), where inserted words and pauses
  longer than 0.5 s between words (when timings are known) are disfluencies;
- pronunciation: ``(0.7 × accuracy + 0.3 × fluency) × completeness / 100``, so a
  perfect read of half the sentence scores 50, and a different sentence 0.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs

from learncore.domain.grading.normalise import normalise_text
from learncore.domain.grading.policy import GradingPolicy
from learncore.domain.pronunciation import (
    PronunciationAssessment,
    TranscribedWord,
    Transcript,
    WordAssessment,
    WordError,
)
from learncore.errors import InvalidInput

__all__ = [
    "MISPRONOUNCED_BELOW",
    "PAUSE_MS",
    "SIMILAR_WORD",
    "score_transcript",
]

MISPRONOUNCED_BELOW = 60.0  # Azure's HundredMark convention for a mispronounced word
SIMILAR_WORD = 0.5  # character similarity from which a wrong word counts as mispronounced
PAUSE_MS = 500  # a silence between two words longer than this is a disfluency
_MISPRONOUNCED_CEILING = 50.0  # a mispronounced word scores at most this
_MAX_WORD = 200  # WordAssessment.word's length limit
_MEMO_LIMIT = 50_000  # distinct words (or references) remembered per language and policy

_DEFAULT_POLICY = GradingPolicy()
_NONE = WordError.NONE
_OMISSION = WordError.OMISSION
_INSERTION = WordError.INSERTION
_MISPRONUNCIATION = WordError.MISPRONUNCIATION

# An aligned position: (reference index or None, heard index or None, similarity).
_Pair = tuple[int | None, int | None, float]
# A reference sentence split for scoring: display words and their comparison keys.
_Reference = tuple[tuple[str, ...], list[str]]
_Memos = tuple[dict[str, str], dict[str, _Reference]]


@functools.lru_cache(maxsize=32)
def _memos(language: str, policy: GradingPolicy) -> _Memos:  # noqa: ARG001 - the cache key
    # Speech vocabularies and reference sentences are small and repetitive, so each
    # distinct word and reference is normalised once per (language, policy). Hashing the
    # policy once per scoring, not once per word, matters at 20,000 scorings a second.
    return {}, {}


def _remember(memo: dict[str, Any], key: str, value: Any) -> None:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()  # crude but bounded; a busy app refills its common words at once
    memo[key] = value


def _normalised(word: str, language: str, policy: GradingPolicy, memo: dict[str, str]) -> str:
    key = memo.get(word)
    if key is None:
        key = normalise_text(word, language=language, policy=policy)
        _remember(memo, word, key)
    return key


def _reference(reference_text: str, language: str, policy: GradingPolicy, memo: dict[str, str]) -> _Reference:
    display: list[str] = []
    keys: list[str] = []
    for token in reference_text.split():
        key = _normalised(token, language, policy, memo)
        if not key:
            continue  # a lone dash or "!" is not a word to say
        if len(token) > _MAX_WORD:
            raise InvalidInput(
                "reference_text", f"the word {token[:20]!r}... is over {_MAX_WORD} characters long"
            )
        display.append(_display(token))
        keys.append(key)
    return tuple(display), keys


def _display(word: str) -> str:
    # Reference words are shown without the punctuation around them ("Hello," -> "Hello").
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(word[end - 1]).startswith("P"):
        end -= 1
    return word[start:end] or word


_GIVEN = ("word", "accuracy", "error", "offset_ms", "duration_ms")
_WORD_DEFAULTS = tuple(
    (field.name, field.default) for field in attrs.fields(WordAssessment) if field.name not in _GIVEN
)
_FAST_WORDS = all(
    default is not attrs.NOTHING and not isinstance(default, type(attrs.Factory(tuple)))
    for _, default in _WORD_DEFAULTS
)
# The slot setters of the slotted, frozen class: they bypass the frozen __setattr__.
_SET = {name: getattr(WordAssessment, name).__set__ for name in (*_GIVEN, *dict(_WORD_DEFAULTS))}
_SET_WORD, _SET_ACCURACY, _SET_ERROR, _SET_OFFSET, _SET_DURATION = (_SET[n] for n in _GIVEN)
_SET_DEFAULTS = tuple((_SET[name], default) for name, default in _WORD_DEFAULTS)


def _word(
    word: str, accuracy: float, error: WordError, offset_ms: int | None, duration_ms: int | None
) -> WordAssessment:
    """A WordAssessment from values this module has already checked.

    Every argument is valid by construction here (words are cut to the length limit,
    scores come from validated confidences, timings from validated transcript words),
    and running the attrs validators for each word would cost more than the alignment
    itself. A test rebuilds these through the validating constructor and compares.
    """
    if not _FAST_WORDS:  # pragma: no cover - a field without a plain default was added
        return WordAssessment(
            word=word, accuracy=accuracy, error=error, offset_ms=offset_ms, duration_ms=duration_ms
        )
    result = object.__new__(WordAssessment)
    _SET_WORD(result, word)
    _SET_ACCURACY(result, accuracy)
    _SET_ERROR(result, error)
    _SET_OFFSET(result, offset_ms)
    _SET_DURATION(result, duration_ms)
    for setter, default in _SET_DEFAULTS:
        setter(result, default)
    return result


def _heard_words(
    transcript: Transcript | str | Sequence[TranscribedWord],
) -> tuple[str, tuple[TranscribedWord, ...], float | None, str]:
    if isinstance(transcript, str):
        return transcript, tuple(TranscribedWord(word=w) for w in transcript.split()), None, "text"
    if isinstance(transcript, Transcript):
        words = transcript.words or tuple(TranscribedWord(word=w) for w in transcript.text.split())
        return transcript.text, words, transcript.confidence, transcript.provider
    words = tuple(transcript)
    return " ".join(w.word for w in words), words, None, "text"


@functools.cache
def _rapidfuzz() -> Any:
    # Imported on first use, so importing the domain stays light.
    from rapidfuzz import distance  # noqa: PLC0415

    return distance


def _align(ref: list[str], heard: list[str]) -> list[_Pair]:
    pairs: list[_Pair] = []
    gap_ref: list[int] = []
    gap_heard: list[int] = []
    for op in _rapidfuzz().Levenshtein.opcodes(ref, heard):
        if op.tag != "equal":
            gap_ref.extend(range(op.src_start, op.src_end))
            gap_heard.extend(range(op.dest_start, op.dest_end))
            continue
        pairs.extend(_resolve_gap(ref, heard, gap_ref, gap_heard))
        gap_ref, gap_heard = [], []
        offset = op.dest_start - op.src_start
        pairs.extend((i, i + offset, 1.0) for i in range(op.src_start, op.src_end))
    pairs.extend(_resolve_gap(ref, heard, gap_ref, gap_heard))
    return pairs


def _resolve_gap(ref: list[str], heard: list[str], gap_ref: list[int], gap_heard: list[int]) -> list[_Pair]:
    if not gap_ref or not gap_heard:
        return _pair_gap(ref, heard, gap_ref, gap_heard)
    sub_ref = [ref[r] for r in gap_ref]
    sub_heard = [heard[h] for h in gap_heard]
    if not set(sub_ref) & set(sub_heard):
        return _pair_gap(ref, heard, gap_ref, gap_heard)
    # The edit script skipped a word that was said (a distance tie): re-align this
    # stretch by longest common subsequence, which keeps the most words matched.
    pairs: list[_Pair] = []
    rest_ref: list[int] = []
    rest_heard: list[int] = []
    for op in _rapidfuzz().Indel.opcodes(sub_ref, sub_heard):
        if op.tag != "equal":
            rest_ref.extend(gap_ref[op.src_start : op.src_end])
            rest_heard.extend(gap_heard[op.dest_start : op.dest_end])
            continue
        pairs.extend(_pair_gap(ref, heard, rest_ref, rest_heard))
        rest_ref, rest_heard = [], []
        pairs.extend(
            (gap_ref[op.src_start + k], gap_heard[op.dest_start + k], 1.0)
            for k in range(op.src_end - op.src_start)
        )
    pairs.extend(_pair_gap(ref, heard, rest_ref, rest_heard))
    return pairs


def _pair_gap(ref: list[str], heard: list[str], gap_ref: list[int], gap_heard: list[int]) -> list[_Pair]:
    """Pair unmatched reference and heard words, in order, by spelling similarity."""
    if not gap_heard:
        return [(r, None, 0.0) for r in gap_ref]
    if not gap_ref:
        return [(None, h, 0.0) for h in gap_heard]
    similarity = _rapidfuzz().Levenshtein.normalized_similarity
    out: list[_Pair] = []
    unpaired: list[_Pair] = []  # heard words like nothing expected, shown after the omissions
    next_ref = 0
    for h in gap_heard:
        best, best_score = -1, SIMILAR_WORD
        for position in range(next_ref, len(gap_ref)):
            score = similarity(ref[gap_ref[position]], heard[h])
            if score > best_score or (best < 0 and score == best_score):
                best, best_score = position, score
        if best < 0:
            unpaired.append((None, h, 0.0))
            continue
        out.extend((gap_ref[k], None, 0.0) for k in range(next_ref, best))
        out.extend(unpaired)
        unpaired.clear()
        # Equal keys were matched by the alignment, so a pair here is never a perfect 1.0.
        out.append((gap_ref[best], h, min(best_score, 0.99)))
        next_ref = best + 1
    out.extend((gap_ref[k], None, 0.0) for k in range(next_ref, len(gap_ref)))
    out.extend(unpaired)
    return out


def _read_heard(
    heard_words: Sequence[TranscribedWord],
    language: str,
    policy: GradingPolicy,
    words_memo: dict[str, str],
    confidence: float | None,
) -> tuple[list[TranscribedWord], list[str], float | None, int]:
    """One pass over what was heard: comparison keys, mean confidence and long pauses."""
    heard: list[TranscribedWord] = []
    heard_keys: list[str] = []
    confidence_sum = 0.0
    confidences = 0
    pauses = 0
    previous_end: int | None = None
    for word in heard_words:
        key = words_memo.get(word.word)
        if key is None:
            key = _normalised(word.word, language, policy, words_memo)
        if not key:
            continue
        heard.append(word)
        heard_keys.append(key)
        if word.confidence is not None:
            confidence_sum += word.confidence
            confidences += 1
        offset = word.offset_ms
        if offset is None:
            previous_end = None
            continue
        if previous_end is not None and offset - previous_end > PAUSE_MS:
            pauses += 1
        previous_end = offset + (word.duration_ms or 0)
    if confidences:  # word confidences, when given, say more than an utterance-wide one
        confidence = confidence_sum / confidences
    return heard, heard_keys, confidence, pauses


def score_transcript(
    reference_text: str,
    transcript: Transcript | str | Sequence[TranscribedWord],
    *,
    language: str = "en",
    policy: GradingPolicy | None = None,
    provider: str | None = None,
) -> PronunciationAssessment:
    """Score what was heard against ``reference_text`` (see the module docs for the rules).

    ``transcript`` is a :class:`Transcript` (its words carry confidences and timings
    when the provider gave them), plain text, or a sequence of
    :class:`TranscribedWord`. ``provider`` names who heard it; by default the
    transcript's provider, else ``"text"``. Raises
    :class:`~learncore.errors.InvalidInput` when the reference has no words.

    >>> result = score_transcript("The cat sat.", "the cat sad")
    >>> result.completeness, [(w.word, w.error.value) for w in result.words]
    (100.0, [('The', 'none'), ('cat', 'none'), ('sat', 'mispronunciation')])
    """
    policy = policy or _DEFAULT_POLICY
    recognized, heard_words, confidence, heard_by = _heard_words(transcript)

    words_memo, references_memo = _memos(language, policy)
    reference = references_memo.get(reference_text)
    if reference is None:
        reference = _reference(reference_text, language, policy, words_memo)
        _remember(references_memo, reference_text, reference)
    ref_display, ref_keys = reference
    if not ref_keys:
        raise InvalidInput("reference_text", "has no words to assess; pass the sentence to read")

    heard, heard_keys, confidence, pauses = _read_heard(heard_words, language, policy, words_memo, confidence)
    pairs = (
        [(i, i, 1.0) for i in range(len(ref_keys))]  # a perfect read: nothing to align
        if ref_keys == heard_keys
        else _align(ref_keys, heard_keys)
    )
    assessed: list[WordAssessment] = []
    append = assessed.append
    build = _word
    said = 0
    accuracy_sum = 0.0
    insertions = 0
    for r, h, similarity in pairs:
        if r is None:
            insertions += 1
            spoken = heard[h or 0]  # an insertion always has a heard word
            word_text = spoken.word[:_MAX_WORD]
            append(build(word_text, 0.0, _INSERTION, spoken.offset_ms, spoken.duration_ms))
        elif h is None:
            append(build(ref_display[r], 0.0, _OMISSION, None, None))
        else:
            spoken = heard[h]
            if similarity == 1.0:
                known = spoken.confidence
                score = 100.0 if known is None else round(100.0 * known, 1)
            else:
                score = round(_MISPRONOUNCED_CEILING * similarity, 1)
            said += 1
            accuracy_sum += score
            error = _NONE if score >= MISPRONOUNCED_BELOW else _MISPRONUNCIATION
            append(build(ref_display[r], score, error, spoken.offset_ms, spoken.duration_ms))

    completeness = 100.0 * said / len(ref_keys)
    accuracy = accuracy_sum / said if said else 0.0
    fluency = 100.0 * said / (said + insertions + pauses) if said else 0.0
    pronunciation = (0.7 * accuracy + 0.3 * fluency) * completeness / 100.0
    return PronunciationAssessment(
        pronunciation=round(pronunciation, 1),
        accuracy=round(accuracy, 1),
        fluency=round(fluency, 1),
        completeness=round(completeness, 1),
        provider=provider or heard_by,
        reference_text=reference_text,
        recognized_text=recognized,
        words=assessed,
        confidence=confidence,
    )
