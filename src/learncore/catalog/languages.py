"""The language catalogue that :func:`learncore.services.seed.seed_languages` writes.

BCP-47 codes with English names, native names (endonyms), a flag and the script
direction. A flag stands for a country, not a language: each one here is the
country most learners associate with it, and apps are free to show none.
"""

from __future__ import annotations

from learncore.domain.languages import Language, TextDirection

__all__ = ["LANGUAGES"]

_RTL = TextDirection.RTL

LANGUAGES: tuple[Language, ...] = (
    Language("af", "Afrikaans", "Afrikaans", "🇿🇦"),
    Language("ar", "Arabic", "العربية", "🇸🇦", _RTL),
    Language("bn", "Bengali", "বাংলা", "🇧🇩"),
    Language("ca", "Catalan", "Català", "🇦🇩"),
    Language("cs", "Czech", "Čeština", "🇨🇿"),
    Language("cy", "Welsh", "Cymraeg", "🏴󠁧󠁢󠁷󠁬󠁳󠁿"),
    Language("da", "Danish", "Dansk", "🇩🇰"),
    Language("de", "German", "Deutsch", "🇩🇪"),
    Language("el", "Greek", "Ελληνικά", "🇬🇷"),
    Language("en", "English", "English", "🇬🇧"),
    Language("en-US", "English (United States)", "English (US)", "🇺🇸"),
    Language("eo", "Esperanto", "Esperanto", ""),
    Language("es", "Spanish", "Español", "🇪🇸"),
    Language("es-MX", "Spanish (Mexico)", "Español (México)", "🇲🇽"),
    Language("et", "Estonian", "Eesti", "🇪🇪"),
    Language("eu", "Basque", "Euskara", "🇪🇸"),
    Language("fa", "Persian", "فارسی", "🇮🇷", _RTL),
    Language("fi", "Finnish", "Suomi", "🇫🇮"),
    Language("fil", "Filipino", "Filipino", "🇵🇭"),
    Language("fr", "French", "Français", "🇫🇷"),
    Language("ga", "Irish", "Gaeilge", "🇮🇪"),
    Language("gn", "Guarani", "Avañe'ẽ", "🇵🇾"),
    Language("haw", "Hawaiian", "ʻŌlelo Hawaiʻi", "🇺🇸"),
    Language("he", "Hebrew", "עברית", "🇮🇱", _RTL),
    Language("hi", "Hindi", "हिन्दी", "🇮🇳"),
    Language("hr", "Croatian", "Hrvatski", "🇭🇷"),
    Language("ht", "Haitian Creole", "Kreyòl ayisyen", "🇭🇹"),
    Language("hu", "Hungarian", "Magyar", "🇭🇺"),
    Language("hy", "Armenian", "Հայերեն", "🇦🇲"),
    Language("id", "Indonesian", "Bahasa Indonesia", "🇮🇩"),
    Language("is", "Icelandic", "Íslenska", "🇮🇸"),
    Language("it", "Italian", "Italiano", "🇮🇹"),
    Language("ja", "Japanese", "日本語", "🇯🇵"),
    Language("ka", "Georgian", "ქართული", "🇬🇪"),
    Language("ko", "Korean", "한국어", "🇰🇷"),
    Language("la", "Latin", "Latina", "🇻🇦"),
    Language("lt", "Lithuanian", "Lietuvių", "🇱🇹"),
    Language("lv", "Latvian", "Latviešu", "🇱🇻"),
    Language("ms", "Malay", "Bahasa Melayu", "🇲🇾"),
    Language("nb", "Norwegian Bokmål", "Norsk bokmål", "🇳🇴"),
    Language("nl", "Dutch", "Nederlands", "🇳🇱"),
    Language("nv", "Navajo", "Diné bizaad", "🇺🇸"),
    Language("pl", "Polish", "Polski", "🇵🇱"),
    Language("pt", "Portuguese", "Português", "🇵🇹"),
    Language("pt-BR", "Portuguese (Brazil)", "Português (Brasil)", "🇧🇷"),
    Language("ro", "Romanian", "Română", "🇷🇴"),
    Language("ru", "Russian", "Русский", "🇷🇺"),
    Language("sk", "Slovak", "Slovenčina", "🇸🇰"),
    Language("sl", "Slovenian", "Slovenščina", "🇸🇮"),
    Language("sr", "Serbian", "Српски", "🇷🇸"),
    Language("sv", "Swedish", "Svenska", "🇸🇪"),
    Language("sw", "Swahili", "Kiswahili", "🇰🇪"),
    Language("th", "Thai", "ไทย", "🇹🇭"),
    Language("tr", "Turkish", "Türkçe", "🇹🇷"),
    Language("uk", "Ukrainian", "Українська", "🇺🇦"),
    Language("ur", "Urdu", "اردو", "🇵🇰", _RTL),
    Language("vi", "Vietnamese", "Tiếng Việt", "🇻🇳"),
    Language("yi", "Yiddish", "ייִדיש", "", _RTL),
    Language("zh-Hans", "Chinese (Simplified)", "简体中文", "🇨🇳"),
    Language("zh-Hant", "Chinese (Traditional)", "繁體中文", "🇹🇼"),
    Language("zu", "Zulu", "isiZulu", "🇿🇦"),
)
