"""The UI's message catalogs: JSON files of keyed strings per UN language, English as the reference.

A language's catalog is `locales/<lang>.json` plus `locales/<area>/<lang>.json` for each area of the product
(curation, evidence, …), so that work on one area edits its own files; a key belongs to exactly one file.

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


def catalog_files(lang: str) -> list[Path]:
    """Return the catalog files of a language: the main one first, then one per area, in name order."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    return [path for path in (LOCALES / f"{lang}.json", *sorted(LOCALES.glob(f"*/{lang}.json"))) if path.exists()]


@cache
def catalog(lang: str) -> dict[str, str]:
    """Return the message catalog of a language (key → text); a key defined in two files is an error."""
    merged: dict[str, str] = {}
    for path in catalog_files(lang):
        messages = json.loads(path.read_text(encoding="utf-8"))
        if twice := sorted(set(merged) & set(messages)):
            raise ValueError(f"{path}: keys already defined in another catalog file: {', '.join(twice)}")
        merged.update(messages)
    return merged


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the message `key` in `lang` (English where the language lacks it), with placeholders filled."""
    text = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text


def number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """Return a number formatted for the locale of `lang` (digits, grouping and decimal sign)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=BABEL_LOCALES[lang])
