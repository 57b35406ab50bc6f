"""Real answers in ten languages, graded: typos, accents, punctuation, alternatives,
short words, wrong, missing and extra words, and the policy options.

Each case lists the tokens that are not ``ok``, in order, as
``text~label[positions]`` (typo, accent, wrong), ``-expected`` (a missing word) or
``+text`` (an extra word).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from learncore.grading import (
    DiacriticsMode,
    GradingPolicy,
    Outcome,
    SpellingVariant,
    TokenLabel,
    Verdict,
    grade_text,
)

CORRECT, TYPO, ACCENT, INCORRECT = Outcome.CORRECT, Outcome.TYPO, Outcome.ACCENT, Outcome.INCORRECT

STRICT = GradingPolicy(diacritics=DiacriticsMode.STRICT)
IGNORE = GradingPolicy(diacritics=DiacriticsMode.IGNORE)
CASE = GradingPolicy(case_sensitive=True)
KEEP_PUNCT = GradingPolicy(ignore_punctuation=False)
ALL_VARIANTS = set(SpellingVariant)
NO_ESZETT = GradingPolicy(spelling_variants=ALL_VARIANTS - {SpellingVariant.ESZETT})
NO_UMLAUT = GradingPolicy(spelling_variants=ALL_VARIANTS - {SpellingVariant.UMLAUT_DIGRAPHS})
NO_YO = GradingPolicy(spelling_variants=ALL_VARIANTS - {SpellingVariant.CYRILLIC_YO})
NO_QUOTES_KEEP = GradingPolicy(
    ignore_punctuation=False, spelling_variants=ALL_VARIANTS - {SpellingVariant.QUOTES}
)
HAPPY = ["I [am|'m] (very) happy"]


class Case(NamedTuple):
    language: str
    accepted: list[str]
    answer: str
    outcome: Outcome
    diff: list[str]
    policy: GradingPolicy | None = None
    vocabulary: tuple[str, ...] = ()


CASES = [
    # English
    Case("en", HAPPY, "I am happy", CORRECT, []),
    Case("en", HAPPY, "I'm happy", CORRECT, []),
    Case("en", HAPPY, "Im very happy", CORRECT, []),
    Case("en", HAPPY, "i AM   VERY happy!!!", CORRECT, []),
    Case("en", HAPPY, "I'm very hapy", TYPO, ["hapy~typo[3]"]),
    Case("en", HAPPY, "I am sad", INCORRECT, ["sad~wrong"]),
    Case(
        "en",
        ["I would like a coffee with milk, please."],
        "I would like a coffe with milk please",
        TYPO,
        ["coffe~typo[4]"],
    ),
    Case(
        "en",
        ["I would like a coffee with milk, please."],
        "I would like coffee with milk, please",
        INCORRECT,
        ["-a"],
    ),
    Case("en", ["The cat sat on the hat"], "the cat sat on the mat", INCORRECT, ["mat~wrong"]),
    Case("en", ["The dog is big"], "The dog is big big", INCORRECT, ["+big"]),
    Case("en", ["They live in a big house"], "They live in a big horse", TYPO, ["horse~typo[2]"]),
    Case("en", ["The lamp is next to the lamb"], "The lamb is next to the lamb", INCORRECT, ["lamb~wrong"]),
    Case(
        "en",
        ["They live in a big house"],
        "They live in a big horse",
        INCORRECT,
        ["horse~wrong"],
        vocabulary=("horse", "mouse"),
    ),
    Case("en", ["I receive letters"], "I recieve letters", TYPO, ["recieve~typo[3, 4]"]),
    # Two typos from 8 letters on, one from 4 to 7, three never.
    Case("en", ["I love my grandmother"], "I love my grandmuthr", TYPO, ["grandmuthr~typo[6, 9]"]),
    Case("en", ["I love my grandmother"], "I love my grnadmuthr", INCORRECT, ["grnadmuthr~wrong"]),
    Case("en", ["The kitchen is clean"], "The kitchn is clean", TYPO, ["kitchn~typo[5]"]),
    Case("en", ["The kitchen is clean"], "The kichn is clean", INCORRECT, ["kichn~wrong"]),
    Case("en", ["I have 1995 books"], "I have 1996 books", INCORRECT, ["1996~wrong"]),
    Case("en", ["I'm happy"], "I’m happy", CORRECT, []),
    Case("en", ["Where is the train station?"], "where is the train stattion", TYPO, ["stattion~typo[4]"]),
    Case("en", ["Good morning"], "Good Morning", TYPO, ["Morning~typo[0]"], policy=CASE),
    Case("en", ["Hi there"], "hi there", INCORRECT, ["hi~wrong"], policy=CASE),
    Case("en", ["Good morning"], "Good morning", CORRECT, [], policy=CASE),
    Case("en", ["It is twenty-one"], "It is twenty one", CORRECT, []),
    Case("en", ["Hello, world!"], "Hello world", INCORRECT, ["-,", "-!"], policy=KEEP_PUNCT),
    Case("en", ["He said “yes”"], 'He said "yes"', CORRECT, [], policy=KEEP_PUNCT),
    Case("en", ["He said “yes”"], 'He said "yes"', INCORRECT, ['"~wrong', '"~wrong'], policy=NO_QUOTES_KEEP),
    Case("en", ["Thank you very much"], "Thank you very mcuh", TYPO, ["mcuh~typo[1, 2]"]),
    Case("en", ["Thank you very much"], "", INCORRECT, ["-Thank", "-you", "-very", "-much"]),
    Case("en", ["A red car"], "A rde car", INCORRECT, ["rde~wrong"]),
    # Spanish
    Case("es", ["¿Dónde está la estación?"], "¿Dónde está la estación?", CORRECT, []),
    Case(
        "es",
        ["¿Dónde está la estación?"],
        "Donde esta la estacion",
        ACCENT,
        ["Donde~accent[1]", "esta~accent[3]", "estacion~accent[6]"],
    ),
    Case(
        "es",
        ["¿Dónde está la estación?"],
        "donde está la estacion",
        ACCENT,
        ["donde~accent[1]", "estacion~accent[6]"],
    ),
    Case("es", ["¿Dónde está la estación?"], "Dónde está la estacon", TYPO, ["estacon~typo[5]"]),
    Case("es", ["¿Dónde está la estación?"], "Dónde está estación", INCORRECT, ["-la"]),
    Case("es", ["¿Dónde está la estación?"], "¿Dónde está el estación?", INCORRECT, ["el~wrong"]),
    Case("es", ["El niño come manzanas"], "El nino come manzanas", ACCENT, ["nino~accent[2]"]),
    Case(
        "es", ["El niño come manzanas"], "El nino come manzana", TYPO, ["nino~accent[2]", "manzana~typo[6]"]
    ),
    Case(
        "es", ["¿Dónde está?"], "Donde esta", INCORRECT, ["Donde~accent[1]", "esta~accent[3]"], policy=STRICT
    ),
    Case("es", ["¿Dónde está?"], "Donde esta", CORRECT, [], policy=IGNORE),
    Case("es", ["¡Hola! ¿Qué tal?"], "Hola, qué tal", CORRECT, []),
    Case("es", ["Hola"], "Hola.", INCORRECT, ["+."], policy=KEEP_PUNCT),
    Case("es", ["(Yo) tengo un perro"], "Tengo un perro", CORRECT, []),
    Case("es", ["Él come pan"], "El come pan", ACCENT, ["El~accent[0]"]),
    Case("es", ["Él come pan"], "Ella come pan", INCORRECT, ["Ella~wrong"]),
    # German
    Case("de", ["Das Mädchen liest ein Buch"], "Das Mädchen liest ein Buch", CORRECT, []),
    Case("de", ["Das Mädchen liest ein Buch"], "das maedchen liest ein buch", CORRECT, []),
    Case("de", ["Das Mädchen liest ein Buch"], "Das Madchen liest ein Buch", ACCENT, ["Madchen~accent[1]"]),
    Case("de", ["Das Mädchen liest ein Buch"], "Das Maedchn liest ein Buch", TYPO, ["Maedchn~typo[6]"]),
    Case("de", ["Ich wohne in der Straße"], "Ich wohne in der Strasse", CORRECT, []),
    Case("de", ["Ich wohne in der Straße"], "Ich wohne in der Strase", TYPO, ["Strase~typo[5]"]),
    Case(
        "de",
        ["Ich wohne in der Straße"],
        "Ich wohne in der Strasse",
        INCORRECT,
        ["Strasse~wrong"],
        policy=NO_ESZETT,
    ),
    Case(
        "de",
        ["Das Mädchen liest ein Buch"],
        "Das Maedchen liest ein Buch",
        TYPO,
        ["Maedchen~typo[1, 2]"],
        policy=NO_UMLAUT,
    ),
    Case("de", ["Ich habe einen Bruder"], "Ich habe einen Bruder und", INCORRECT, ["+und"]),
    Case("de", ["Wir gehen nach Hause"], "Wir gehen nach Haus", TYPO, ["Haus~typo[3]"]),
    Case("de", ["Das ist schön"], "Das ist schoen", CORRECT, []),
    Case("de", ["Das ist schön"], "Das ist schon", ACCENT, ["schon~accent[3]"]),
    Case("de", ["Der Hund ist groß"], "DER HUND IST GROSS", CORRECT, []),
    Case("de", ["Ich trinke Wasser"], "Ich trinke Wein", INCORRECT, ["Wein~wrong"]),
    # French
    Case("fr", ["Je suis étudiant"], "je suis etudiant", ACCENT, ["etudiant~accent[0]"]),
    Case("fr", ["L'homme mange une pomme"], "L’homme mange une pomme", CORRECT, []),
    Case("fr", ["L'homme mange une pomme"], "lhomme mange une pomme", CORRECT, []),
    Case(
        "fr",
        ["Où est la bibliothèque ?"],
        "Ou est la bibliotheque",
        ACCENT,
        ["Ou~accent[1]", "bibliotheque~accent[8]"],
    ),
    Case("fr", ["Où est la bibliothèque ?"], "Où est la bibliotèque", TYPO, ["bibliotèque~typo[7]"]),
    Case("fr", ["C'est un garçon"], "C'est un garcon", ACCENT, ["garcon~accent[3]"]),
    Case("fr", ["Il fait beau aujourd'hui"], "Il fait beau aujourdhui", CORRECT, []),
    Case("fr", ["Je m'appelle Marie"], "Je m'apelle Marie", TYPO, ["m'apelle~typo[4]"]),
    Case("fr", ["« Bonjour », dit-il"], "Bonjour dit il", CORRECT, []),
    Case("fr", ["Nous avons mangé"], "Nous avons mange", INCORRECT, ["mange~accent[4]"], policy=STRICT),
    Case("fr", ["Le chat est noir"], "Le chien est noir", INCORRECT, ["chien~wrong"]),
    # Turkish: dotted and dotless I
    Case("tr", ["İstanbul'a gidiyorum"], "istanbul'a gidiyorum", CORRECT, []),
    Case("tr", ["İstanbul'a gidiyorum"], "Istanbul'a gidiyorum", ACCENT, ["Istanbul'a~accent[0]"]),
    Case("tr", ["Işık çok güzel"], "IŞIK ÇOK GÜZEL", CORRECT, []),
    Case(
        "tr",
        ["Işık çok güzel"],
        "isik cok guzel",
        ACCENT,
        ["isik~accent[0, 1, 2]", "cok~accent[0]", "guzel~accent[1]"],
    ),
    Case("tr", ["İyi günler"], "IYI GÜNLER", ACCENT, ["IYI~accent[0, 2]"]),
    Case("tr", ["Kitap okuyorum"], "Kitab okuyorum", TYPO, ["Kitab~typo[4]"]),
    Case("tr", ["Bu bir elma"], "Bu bir armut", INCORRECT, ["armut~wrong"]),
    Case(
        "tr",
        ["Türkçe öğreniyorum"],
        "Turkce ogreniyorum",
        ACCENT,
        ["Turkce~accent[1, 4]", "ogreniyorum~accent[0, 1]"],
    ),
    Case("tr", ["Türkçe öğreniyorum"], "Türkçe öğreniyorum", CORRECT, []),
    # Russian
    Case("ru", ["Я люблю ёлку"], "я люблю елку", CORRECT, []),
    Case("ru", ["Я люблю ёлку"], "я люблю елку", ACCENT, ["елку~accent[0]"], policy=NO_YO),
    Case("ru", ["Я люблю ёлку"], "Я лублю ёлку", TYPO, ["лублю~typo[1]"]),
    Case("ru", ["Мой дом большой"], "Мои дом большой", INCORRECT, ["Мои~wrong"]),
    Case("ru", ["Спасибо большое"], "спасибо большое!", CORRECT, []),
    Case("ru", ["Где находится метро?"], "Где находиться метро", TYPO, ["находиться~typo[7]"]),
    Case("ru", ["Я говорю по-русски"], "Я говорю по русски", CORRECT, []),
    Case("ru", ["Это моя книга"], "Это моя книга книга", INCORRECT, ["+книга"]),
    Case("ru", ["Привет, как дела?"], "Превет как дела", TYPO, ["Превет~typo[2]"]),
    # Chinese: compared by character, spaces or not
    Case("zh", ["我是学生"], "我 是 学生", CORRECT, []),
    Case("zh", ["我是学生"], "我是学生。", CORRECT, []),
    Case("zh", ["我是学生"], "我是学先", INCORRECT, ["先~wrong"]),
    Case("zh", ["我是学生"], "我学生", INCORRECT, ["-是"]),
    Case("zh", ["我是学生"], "我是是学生", INCORRECT, ["+是"]),
    Case("zh", ["你好吗？"], "你好嗎", INCORRECT, ["嗎~wrong"]),
    Case("zh", ["我有３个苹果"], "我有3个苹果", CORRECT, []),
    Case("zh", ["我叫Tom"], "我叫 tom", CORRECT, []),
    Case("zh", ["他是老师"], "她是老师", INCORRECT, ["她~wrong"]),
    # Japanese: kana and kanji by character, half-width forms
    Case("ja", ["わたしはがくせいです"], "わたしは がくせい です", CORRECT, []),
    Case("ja", ["わたしはがくせいです"], "わたしはかくせいです", INCORRECT, ["か~wrong"]),
    Case("ja", ["コーヒーをください"], "ｺｰﾋｰをください", CORRECT, []),
    Case("ja", ["日本語を話します"], "日本語を話します。", CORRECT, []),
    Case("ja", ["日本語を話します"], "日本語話します", INCORRECT, ["-を"]),
    Case("ja", ["私は学生です", "わたしはがくせいです"], "わたしはがくせいです", CORRECT, []),
    Case("ja", ["すしが[すき|好き]です"], "すしが好きです", CORRECT, []),
    # Arabic: short vowels optional, hamza is an accent
    Case("ar", ["مَدْرَسَة"], "مدرسة", CORRECT, []),
    Case("ar", ["أنا طالب"], "انا طالب", ACCENT, ["انا~accent[0]"]),
    Case("ar", ["أين المكتبة؟"], "أين المكتبة", CORRECT, []),
    Case("ar", ["أين المكتبة؟"], "أين المكتبه", TYPO, ["المكتبه~typo[6]"]),
    Case("ar", ["أنا أحب القهوة"], "انا احب القهوة", ACCENT, ["انا~accent[0]", "احب~accent[0]"]),
    Case("ar", ["شكرا جزيلا"], "شكرًا جزيلًا", CORRECT, []),
    Case("ar", ["هذا كتاب"], "هذا قلم", INCORRECT, ["قلم~wrong"]),
    Case("ar", ["مرحبا"], "مرحـــبا", CORRECT, []),
    Case("ar", ["نعم، شكرا"], "نعم شكرا", CORRECT, []),
    # Bengali: vowel signs are letters, not accents
    Case("bn", ["আমি ভাত খাই"], "আমি ভাত খাই।", CORRECT, []),
    Case("bn", ["আমি ভাত খাই"], "আমি ভাত খাই না", INCORRECT, ["+না"]),
    Case("bn", ["আমি ভাত খাই"], "আমি ভাত খায়", INCORRECT, ["খায়~wrong"]),
    Case("bn", ["আমার নাম রাহুল"], "আমার\u200c নাম রা\u200dহুল", CORRECT, []),
    Case("bn", ["তুমি কেমন আছো?"], "তুমি কেমন আছ", INCORRECT, ["আছ~wrong"]),
    Case("bn", ["বাংলাদেশ সুন্দর দেশ"], "বাংলাদেস সুন্দর দেশ", TYPO, ["বাংলাদেস~typo[7]"]),
    Case("bn", ["আমি বই পড়ি"], "আমি বই পরি", INCORRECT, ["পরি~wrong"]),
    Case("bn", ["ধন্যবাদ"], "  ধন্যবাদ  ", CORRECT, []),
]

_SHORT = {TokenLabel.TYPO: "typo", TokenLabel.MISSING_ACCENT: "accent", TokenLabel.WRONG_WORD: "wrong"}


def describe(verdict: Verdict) -> list[str]:
    """The tokens that are not ok, in the notation of the table."""
    out = []
    for token in verdict.tokens:
        if token.label is TokenLabel.MISSING_WORD:
            out.append(f"-{token.expected}")
        elif token.label is TokenLabel.EXTRA_WORD:
            out.append(f"+{token.text}")
        elif token.label is not TokenLabel.OK:
            positions = list(token.positions) if token.positions else ""
            out.append(f"{token.text}~{_SHORT[token.label]}{positions}")
    return out


def test_the_table_covers_ten_languages_with_at_least_80_cases():
    assert len(CASES) >= 80
    assert {case.language for case in CASES} == {"en", "es", "de", "fr", "tr", "ru", "zh", "ja", "ar", "bn"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.language}:{c.answer or '(empty)'}")
def test_grading(case: Case):
    verdict = grade_text(
        case.answer, case.accepted, language=case.language, policy=case.policy, vocabulary=case.vocabulary
    )
    assert verdict.outcome is case.outcome
    assert describe(verdict) == case.diff
    assert verdict.accepted is (case.outcome is not INCORRECT)
    # The matched answer is one of the accepted answers the diff was made against.
    assert verdict.matched
