"""Pronunciations for reference words: the dictionary first, then careful derivations,
then a rule-based guess that is marked as such.
"""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Callable

import attrs

from learncore_sphinx.g2p import guess_phones
from learncore_sphinx.text import ReferenceWord, number_words

__all__ = ["Lexicon", "Lookup", "Pronunciation", "Source"]

Lookup = Callable[[str], "str | None"]
"""Dictionary lookup: a word to its space-separated phones, or None."""

_ACCENTS = str.maketrans("àáâäãåçèéêëìíîïñòóôöõùúûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")
_SAFE_ENTRY = re.compile(r"[^a-z0-9']")
_SIBILANTS = frozenset({"S", "Z", "SH", "ZH", "CH", "JH"})
_VOICELESS = frozenset({"P", "T", "K", "F", "TH"})
_MIN_COMPOUND_PART = 3
_VOWELS = frozenset(
    ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]
)
_MAX_VARIANTS = 12
# English function words with a weak form in connected speech, where the vowel
# reduces ("at" = AH T, "have" = AH V, "he" = IH): not a mistake in any accent.
_WEAK_FORM_WORDS = frozenset(
    "a am an and are as at but can could do does for from had has have he her him his just "  # noqa: SIM905
    "must of shall should some than that the them there to us was were would you your".split()
)
_REDUCED_VOWELS = {"IY": "IH", "UW": "UH"}  # close vowels stay close; the others become schwa


def non_rhotic(phones: str) -> str:
    """The pronunciation without an R that no vowel follows, as in British English.

    "F AO R" (for) becomes "F AO"; "T ER T IY" (thirty) becomes "T AH T IY". An R
    before a vowel stays ("F AO R AH M", forum).
    """
    units = phones.split()
    kept = []
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        before_vowel = following in _VOWELS
        if unit == "R" and index and units[index - 1] in _VOWELS and not before_vowel:
            continue
        kept.append("AH" if unit == "ER" and not before_vowel else unit)
    return " ".join(kept)


class Source(enum.Enum):
    """Where a pronunciation came from, which decides whether the word is scored."""

    DICTIONARY = "dictionary"
    DERIVED = "derived"  # from dictionary words: numbers, hyphenated parts, compounds, 's
    GUESSED = "guessed"  # letter-to-sound rules; aligned but not scored


@attrs.frozen
class Pronunciation:
    """How to align one reference word: the dictionary ``entries`` to say in order.

    ``additions`` are entries the decoder must learn first, as ``(entry, phones)``.
    """

    entries: tuple[str, ...]
    source: Source
    additions: tuple[tuple[str, str], ...] = ()

    @property
    def scored(self) -> bool:
        """Whether a low score can be blamed on the speaker rather than on the guess."""
        return self.source is not Source.GUESSED


def _possessive(base_phones: str) -> str:
    last = base_phones.rsplit(maxsplit=1)[-1]
    if last in _SIBILANTS:
        return f"{base_phones} IH Z"
    return f"{base_phones} {'S' if last in _VOICELESS else 'Z'}"


class Lexicon:
    """Resolves reference words to pronunciations, caching the result per key.

    Thread-safe: the cache is shared by every decoder of a provider.
    """

    def __init__(self) -> None:
        self._cache: dict[str, Pronunciation] = {}
        self._added: set[str] = set()  # entries this lexicon invented, never "the dictionary"
        self._lock = threading.Lock()

    def pronounce(self, word: ReferenceWord, lookup: Lookup) -> Pronunciation:
        """The pronunciation of ``word``, using ``lookup`` for the dictionary.

        Words with a post-vocalic R also get a non-rhotic variant, so British and
        other non-rhotic accents are not marked down for the R they do not say.
        """
        with self._lock:
            cached = self._cache.get(word.key)
        if cached is not None:
            return cached
        with self._lock:
            added = frozenset(self._added)

        def base_lookup(entry: str) -> str | None:
            # Decoders differ in what they have learned; the shipped dictionary does not.
            return None if entry in added else lookup(entry)

        found = self._resolve(word.key, base_lookup)
        if found.source is not Source.GUESSED:
            variants = tuple(v for e in found.entries for v in _accent_variants(e, base_lookup))
            found = attrs.evolve(found, additions=found.additions + variants)
        with self._lock:
            self._added.update(entry for entry, _ in found.additions)
            self._cache[word.key] = found
        return found

    def _resolve(self, key: str, lookup: Lookup) -> Pronunciation:
        folded = key.translate(_ACCENTS)
        for candidate in dict.fromkeys((key, folded)):
            if lookup(candidate) is not None:
                return Pronunciation((candidate,), Source.DICTIONARY)
        derived = self._derive(folded, lookup)
        if derived is not None:
            return derived
        entry = _SAFE_ENTRY.sub("", folded) or "oov"
        return Pronunciation((entry,), Source.GUESSED, ((entry, " ".join(guess_phones(folded))),))

    def _derive(self, key: str, lookup: Lookup) -> Pronunciation | None:
        spoken = number_words(key)
        if spoken is not None:
            return Pronunciation(tuple(spoken), Source.DERIVED)
        parts = [p for p in re.split(r"[-./\u2013\u2014]+", key) if p]  # well-known, and/or
        if len(parts) > 1:
            resolved = [self._resolve(part, lookup) for part in parts]
            if all(r.source is not Source.GUESSED for r in resolved):
                entries = tuple(e for r in resolved for e in r.entries)
                additions = tuple(a for r in resolved for a in r.additions)
                return Pronunciation(entries, Source.DERIVED, additions)
            return None
        if key.endswith("'s") and len(key) > 2:
            return self._possessive(key.removesuffix("'s"), lookup)
        return self._compound(key, lookup)

    def _possessive(self, base: str, lookup: Lookup) -> Pronunciation | None:
        """``base's``: the base word's pronunciation with the right ending on its last entry."""
        resolved = self._resolve(base, lookup)
        if resolved.source is Source.GUESSED:
            return None
        *head, last = resolved.entries
        entry = f"{last}'s"
        additions = resolved.additions
        if lookup(entry) is None:
            last_phones = lookup(last) or dict(additions).get(last)
            if last_phones is None:
                return None
            additions = (*additions, (entry, _possessive(last_phones)))
        return Pronunciation((*head, entry), Source.DERIVED, additions)

    @staticmethod
    def _compound(key: str, lookup: Lookup) -> Pronunciation | None:
        """Two dictionary words written together ("learncore" = learn + core)."""
        best: tuple[int, str, str] | None = None
        for cut in range(_MIN_COMPOUND_PART, len(key) - _MIN_COMPOUND_PART + 1):
            head, tail = key[:cut], key[cut:]
            if lookup(head) is not None and lookup(tail) is not None:
                balance = min(len(head), len(tail))
                if best is None or balance > best[0]:
                    best = (balance, head, tail)
        if best is None:
            return None
        return Pronunciation((best[1], best[2]), Source.DERIVED)


def weak_forms(phones: str) -> list[str]:
    """A function word's weak forms: its vowels reduced, and also without a leading HH."""
    units = phones.split()
    reduced = " ".join(_REDUCED_VOWELS.get(u, "AH") if u in _VOWELS else u for u in units)
    forms = [reduced]
    if units[0] == "HH" and len(units) > 1:
        forms.append(reduced.split(maxsplit=1)[1])
    return forms


def _accent_variants(entry: str, lookup: Lookup) -> list[tuple[str, str]]:
    """Extra dictionary variants ``entry(n)`` for the non-rhotic and weak forms it lacks."""
    known = []
    free = None
    for number in range(1, _MAX_VARIANTS + 1):
        phones = lookup(entry if number == 1 else f"{entry}({number})")
        if phones is None:
            free = number
            break
        known.append(phones)
    if free is None or not known:
        return []
    variants: list[tuple[str, str]] = []
    candidates = [non_rhotic(phones) for phones in known]
    if entry in _WEAK_FORM_WORDS:
        candidates += [form for phones in known for form in weak_forms(non_rhotic(phones))]
    for candidate in candidates:
        if candidate not in known and candidate not in (v for _, v in variants):
            variants.append((f"{entry}({free + len(variants)})", candidate))
    return variants
