"""What answer comparison looks at: normalise_text, language by language."""

from __future__ import annotations

import pytest

from learncore.domain.grading.tokens import tokenise
from learncore.grading import DiacriticsMode, GradingPolicy, SpellingVariant, normalise_text

NO_VARIANTS = GradingPolicy(spelling_variants=())


@pytest.mark.parametrize(
    ("text", "language", "normal"),
    [
        ("  ¿Dónde   ESTÁ?  ", "es", "dónde está"),
        ("¡Hola!", "es", "hola"),
        ("Hello,\u00a0world!", "en", "hello world"),  # no-break space
        ("hel\u200blo wor\u200dld", "en", "hello world"),  # zero-width space and joiner
        ("\u202ehello\u202c \u200fworld\u200e", "en", "hello world"),  # bidi overrides and marks
        ("I'm here", "en", "im here"),
        ("I’m here", "en", "im here"),  # curly apostrophe
        ("twenty-one", "en", "twenty one"),
        ("Ｈｅｌｌｏ　ＷＯＲＬＤ！", "en", "hello world"),  # full-width letters and space
        ("ｶﾞｯｺｳ", "ja", "ガッコウ"),  # half-width katakana
        ("İstanbul'a gidiyorum", "tr", "istanbula gidiyorum"),
        ("ISTANBUL", "tr", "ıstanbul"),  # Turkish: I lowers to dotless ı
        ("ISTANBUL", "en", "istanbul"),
        ("Straße", "de", "strasse"),
        ("GROẞ", "de", "gross"),  # capital sharp s
        ("Mädchen Öl Übung", "de", "maedchen oel uebung"),
        ("Mädchen", "tr", "mädchen"),  # ä = ae is German only
        ("Ёлка", "ru", "елка"),
        ("Йогурт", "ru", "йогурт"),  # й is a letter of its own, kept
        ("我 是 学生。", "zh", "我是学生"),
        ("我叫 Tom 。", "zh", "我叫tom"),
        ("ภาษา ไทย", "th", "ภาษาไทย"),
        ("مَدْرَسَةٌ", "ar", "مدرسة"),  # short vowels are optional
        ("مرحـــبا", "ar", "مرحبا"),  # tatweel only stretches the line
        ("আমি ভাত খাই।", "bn", "আমি ভাত খাই"),  # the danda is punctuation
        ("ΟΔΟΣ", "el", "οδοσ"),  # final sigma folds to σ
        ("Ǆemal", "hr", "džemal"),  # a digraph letter decomposes
    ],
)
def test_normal_forms(text, language, normal):
    assert normalise_text(text, language=language) == normal


def test_case_sensitive_keeps_case():
    assert normalise_text("Hola Juan", policy=GradingPolicy(case_sensitive=True)) == "Hola Juan"


def test_without_eszett_variant_sharp_s_stays():
    policy = GradingPolicy(spelling_variants=set(SpellingVariant) - {SpellingVariant.ESZETT})
    assert normalise_text("Straße", language="de", policy=policy) == "straße"


def test_without_variants_quotes_full_width_and_yo_stay_apart():
    keep = GradingPolicy(spelling_variants=(), ignore_punctuation=False)
    assert normalise_text("“Hi”", policy=keep) == "“ hi ”"
    assert normalise_text("ＡＢＣ", policy=NO_VARIANTS) == "ａｂｃ"
    assert normalise_text("ёлка", language="ru", policy=NO_VARIANTS) == "ёлка"


def test_with_quotes_variant_curly_quotes_compare_as_straight():
    keep = GradingPolicy(ignore_punctuation=False)
    assert normalise_text("“Hi”, she said", policy=keep) == '" hi ", she said'


def test_ignoring_diacritics_strips_accents():
    policy = GradingPolicy(diacritics=DiacriticsMode.IGNORE)
    assert normalise_text("Dónde está la estación", language="es", policy=policy) == "donde esta la estacion"


def test_kept_punctuation_becomes_its_own_word():
    policy = GradingPolicy(ignore_punctuation=False)
    assert normalise_text("¿Qué?", language="es", policy=policy) == "¿ qué ?"
    assert normalise_text("don't", policy=policy) == "don't"


def test_control_characters_and_lone_surrogates_vanish():
    assert normalise_text("a\x00b\x1b c\ud800d") == "ab cd"


def test_tokens_split_words_and_punctuation_and_scripts_without_spaces():
    tokens = tokenise("¿Dónde está? 我是Tom, l'homme")
    assert [(t.text, t.start, t.is_word) for t in tokens] == [
        ("¿", 0, False),
        ("Dónde", 1, True),
        ("está", 7, True),
        ("?", 11, False),
        ("我", 13, True),
        ("是", 14, True),
        ("Tom", 15, True),
        (",", 18, False),
        ("l'homme", 20, True),
    ]


def test_thai_splits_into_characters_with_their_marks():
    assert [t.text for t in tokenise("กิน")] == ["กิ", "น"]


def test_bengali_words_keep_their_vowel_signs():
    # Python's \\w would split these words at every vowel sign.
    assert [t.text for t in tokenise("তুমি কেমন আছো?")] == ["তুমি", "কেমন", "আছো", "?"]
