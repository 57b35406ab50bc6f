"""The language catalogue: enough languages, each with a name, a native name and sound data."""

from learncore.catalog import LANGUAGES
from learncore.domain.languages import Language, TextDirection


def test_the_catalogue_has_at_least_forty_distinct_languages() -> None:
    codes = [language.code for language in LANGUAGES]
    assert len(codes) >= 40
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)


def test_every_language_has_an_english_and_a_native_name() -> None:
    for language in LANGUAGES:
        assert isinstance(language, Language)
        assert language.name.strip()
        assert language.native_name.strip(), language.code


def test_flags_are_emoji_or_deliberately_empty() -> None:
    without_flag = {language.code for language in LANGUAGES if not language.flag}
    assert without_flag <= {"eo", "yi"}  # no country stands for these
    for language in LANGUAGES:
        assert all(ord(char) > 0x2000 for char in language.flag), language.code


def test_right_to_left_scripts_are_marked() -> None:
    rtl = {language.code for language in LANGUAGES if language.direction is TextDirection.RTL}
    assert {"ar", "he", "fa", "ur"} <= rtl
