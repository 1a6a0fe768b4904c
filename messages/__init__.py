"""The UI's message catalogs: one JSON file of keyed strings per UN language, English as the reference.

`t(key, lang, **values)` returns the text in `lang`, filling `{placeholders}`; a key missing in a language
falls back to English (a test keeps every catalog complete). Numbers go through `number(value, lang)`,
which formats them for the locale with Babel.
"""

import json
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal

from wsis_data.constants import BABEL_LOCALES, DEFAULT_LANGUAGE, LANGUAGES

LOCALES = Path(__file__).parent / "locales"


@cache
def catalog(lang: str) -> dict[str, str]:
    """Return the message catalog of a language (key → text)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    path = LOCALES / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the message `key` in `lang` (English where the language lacks it), with placeholders filled."""
    text = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text


def number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """Return a number formatted for the locale of `lang` (digits, grouping and decimal sign)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=BABEL_LOCALES[lang])
