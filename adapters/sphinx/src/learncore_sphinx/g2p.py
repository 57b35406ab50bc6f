"""A small rule-based letter-to-sound guesser for words missing from the dictionary.

It only has to be good enough to let the aligner place the word in time, so the
words around it are scored fairly. Words pronounced this way are reported with
``scored=False``: a wrong guess must never count against the learner.
"""

from __future__ import annotations

__all__ = ["guess_phones"]

# Longest spellings first; each maps to ARPAbet phones of the en-us model.
_GRAPHEMES: dict[str, tuple[str, ...]] = {
    "tion": ("SH", "AH", "N"),
    "sion": ("ZH", "AH", "N"),
    "ough": ("AO",),
    "eigh": ("EY",),
    "augh": ("AO",),
    "igh": ("AY",),
    "tch": ("CH",),
    "dge": ("JH",),
    "sch": ("S", "K"),
    "ch": ("CH",),
    "sh": ("SH",),
    "th": ("TH",),
    "ph": ("F",),
    "wh": ("W",),
    "ck": ("K",),
    "ng": ("NG",),
    "qu": ("K", "W"),
    "gh": ("G",),
    "kn": ("N",),
    "wr": ("R",),
    "ee": ("IY",),
    "ea": ("IY",),
    "ie": ("IY",),
    "ei": ("EY",),
    "oo": ("UW",),
    "ou": ("AW",),
    "ow": ("OW",),
    "oa": ("OW",),
    "oi": ("OY",),
    "oy": ("OY",),
    "ai": ("EY",),
    "ay": ("EY",),
    "au": ("AO",),
    "aw": ("AO",),
    "ew": ("UW",),
    "ue": ("UW",),
    "ar": ("AA", "R"),
    "er": ("ER",),
    "ir": ("ER",),
    "ur": ("ER",),
    "or": ("AO", "R"),
    "a": ("AE",),
    "b": ("B",),
    "c": ("K",),
    "d": ("D",),
    "e": ("EH",),
    "f": ("F",),
    "g": ("G",),
    "h": ("HH",),
    "i": ("IH",),
    "j": ("JH",),
    "k": ("K",),
    "l": ("L",),
    "m": ("M",),
    "n": ("N",),
    "o": ("AA",),
    "p": ("P",),
    "q": ("K",),
    "r": ("R",),
    "s": ("S",),
    "t": ("T",),
    "u": ("AH",),
    "v": ("V",),
    "w": ("W",),
    "x": ("K", "S"),
    "y": ("Y",),
    "z": ("Z",),
}
_LONG_VOWELS = {"a": "EY", "e": "IY", "i": "AY", "o": "OW", "u": "UW"}
_VOWELS = frozenset("aeiouy")
_LONGEST = max(len(g) for g in _GRAPHEMES)
_ACCENTS = str.maketrans("àáâäãåçèéêëìíîïñòóôöõùúûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")


def _magic_e(word: str, i: int) -> bool:
    """A vowel followed by one consonant and a final silent 'e' says its name (make, note)."""
    return (
        i + 2 == len(word) - 1
        and word[-1] == "e"
        and word[i + 1] not in _VOWELS
        and word[i] in _LONG_VOWELS
        and len(word) > 3
    )


def guess_phones(word: str) -> tuple[str, ...]:
    """A plausible ARPAbet pronunciation of an English-looking ``word`` (letters only used).

    >>> guess_phones("blorft")
    ('B', 'L', 'AO', 'R', 'F', 'T')
    """
    letters = "".join(ch for ch in word.lower().translate(_ACCENTS) if "a" <= ch <= "z")
    phones: list[str] = []
    i = 0
    while i < len(letters):
        if _magic_e(letters, i):
            phones += [_LONG_VOWELS[letters[i]], *_GRAPHEMES[letters[i + 1]]]
            break  # the final 'e' is silent
        ch = letters[i]
        following = letters[i + 1 : i + 2]
        if ch == "c" and following in ("e", "i", "y"):
            phones.append("S")  # soft c: city, cent
            i += 1
            continue
        if ch == "y" and i > 0:
            phones.append("IY" if i == len(letters) - 1 else "IH")  # happy, gym
            i += 1
            continue
        if ch == "e" and i == len(letters) - 1 and phones:
            break  # final silent e
        for size in range(min(_LONGEST, len(letters) - i), 0, -1):
            found = _GRAPHEMES.get(letters[i : i + size])
            if found is not None:
                phones += found
                i += size
                break
    # Doubled letters (ll, tt) give one sound.
    deduplicated = [p for n, p in enumerate(phones) if n == 0 or p != phones[n - 1]]
    return tuple(deduplicated) or ("AH",)
