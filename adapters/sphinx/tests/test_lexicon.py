"""Pronunciations: dictionary first, derived from dictionary words next, guessed last (unscored)."""

import threading

from learncore_sphinx.lexicon import Lexicon, Source, non_rhotic, weak_forms
from learncore_sphinx.text import ReferenceWord

DICTIONARY = {
    "hello": "HH AH L OW",
    "for": "F AO R",
    "for(2)": "F ER",
    "learn": "L ER N",
    "core": "K AO R",
    "teacher": "T IY CH ER",
    "bus": "B AH S",
    "well": "W EH L",
    "known": "N OW N",
    "two": "T UW",
    "thousand": "TH AW Z AH N D",
    "twenty": "T W EH N T IY",
    "four": "F AO R",
    "naive": "N AY IY V",
    "forum": "F AO R AH M",
    "at": "AE T",
    "have": "HH AE V",
    "he": "HH IY",
}


def lookup(entry: str) -> str | None:
    return DICTIONARY.get(entry)


def word(text: str) -> ReferenceWord:
    return ReferenceWord(text=text, key=text.lower())


def test_a_dictionary_word_is_aligned_as_itself_and_scored() -> None:
    found = Lexicon().pronounce(word("Hello"), lookup)
    assert found.entries == ("hello",)
    assert found.source is Source.DICTIONARY
    assert found.scored
    assert found.additions == ()


def test_accents_are_folded_before_giving_up() -> None:
    assert Lexicon().pronounce(word("naïve"), lookup).entries == ("naive",)


def test_numbers_are_said_as_dictionary_words() -> None:
    found = Lexicon().pronounce(word("2024"), lookup)
    assert found.entries == ("two", "thousand", "twenty", "four")
    assert found.source is Source.DERIVED
    assert found.scored


def test_hyphenated_and_slashed_words_are_said_part_by_part() -> None:
    assert Lexicon().pronounce(word("well-known"), lookup).entries == ("well", "known")


def test_a_compound_is_split_into_two_dictionary_words() -> None:
    found = Lexicon().pronounce(word("learncore"), lookup)
    assert found.entries == ("learn", "core")
    assert found.scored


def test_a_possessive_adds_the_right_ending_to_the_last_entry() -> None:
    found = Lexicon().pronounce(word("teacher's"), lookup)
    assert found.entries == ("teacher's",)
    assert ("teacher's", "T IY CH ER Z") in found.additions
    bus = Lexicon().pronounce(word("bus's"), lookup)
    assert ("bus's", "B AH S IH Z") in bus.additions


def test_an_unknown_word_is_guessed_and_reported_unscored() -> None:
    found = Lexicon().pronounce(word("Zorblax"), lookup)
    assert found.source is Source.GUESSED
    assert not found.scored
    assert found.entries == ("zorblax",)
    assert found.additions[0][0] == "zorblax"


def test_post_vocalic_r_gets_a_non_rhotic_variant_after_the_existing_ones() -> None:
    found = Lexicon().pronounce(word("for"), lookup)
    assert found.entries == ("for",)
    assert ("for(3)", "F AO") in found.additions
    assert ("for(4)", "F AH") in found.additions


def test_non_rhotic_keeps_an_r_before_a_vowel() -> None:
    assert non_rhotic("F AO R") == "F AO"
    assert non_rhotic("T ER T IY") == "T AH T IY"
    assert non_rhotic("F AO R AH M") == "F AO R AH M"
    assert non_rhotic("R EH D") == "R EH D"


def test_function_words_get_their_weak_forms() -> None:
    assert Lexicon().pronounce(word("at"), lookup).additions == (("at(2)", "AH T"),)
    assert Lexicon().pronounce(word("have"), lookup).additions == (
        ("have(2)", "HH AH V"),
        ("have(3)", "AH V"),
    )
    assert ("he(3)", "IH") in Lexicon().pronounce(word("he"), lookup).additions


def test_content_words_keep_their_full_vowels() -> None:
    assert Lexicon().pronounce(word("bus"), lookup).additions == ()
    assert Lexicon().pronounce(word("known"), lookup).additions == ()


def test_weak_forms_reduce_open_vowels_to_schwa_and_close_ones_to_lax() -> None:
    assert weak_forms("F AO") == ["F AH"]
    assert weak_forms("Y UW") == ["Y UH"]
    assert weak_forms("HH IY") == ["HH IH", "IH"]


def test_variants_ignore_entries_a_decoder_learned_earlier() -> None:
    # Once a decoder has learned "for(3)", another word containing "for" must still get
    # the same variant names: every decoder of a pool has to align the same entries.
    lexicon = Lexicon()
    first = lexicon.pronounce(word("for"), lookup)
    learned = {**DICTIONARY, **dict(first.additions)}
    compound = lexicon.pronounce(word("well-for"), learned.get)
    assert compound.entries == ("well", "for")
    assert set(first.additions) <= set(compound.additions)


def test_pronunciations_are_cached_and_safe_to_share_between_threads() -> None:
    lexicon = Lexicon()
    calls: list[str] = []

    def counting(entry: str) -> str | None:
        calls.append(entry)
        return lookup(entry)

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(lexicon.pronounce(word("hello"), counting)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1
    before = len(calls)
    lexicon.pronounce(word("HELLO"), counting)
    assert len(calls) == before
