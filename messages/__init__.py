"""The UI's message catalogs: JSON files of keyed strings per UN language, English as the reference.

A language's catalog is `locales/<lang>.json` plus `locales/<area>/<lang>.json` for each area of the product
(curation, evidence, …), so that work on one area edits its own files; a key belongs to exactly one file.

`t(key, lang, **values)` returns the text in `lang`, filling `{placeholders}`; a key missing in a language
falls back to English (a test keeps every catalog complete). A count that a noun or verb agrees with is an
ICU-style plural in the catalog, `{count, plural, one{# link} other{# links}}`: the branch is the CLDR plural
category of the count in that language (Babel's `Locale.plural_form`: zero, one, two, few, many, other, as the
language has them; an exact `=0{…}` branch wins), and `#` is the count formatted for the locale. Whole numbers
given as values are formatted for the locale too (`12 345` in French), except years and codes
(`RAW_PLACEHOLDERS`). `number` and `percent` format numbers with Babel; `listed` joins the items of a list with the
language's own comma.
"""

import json
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal, format_percent, parse_decimal

from wsis_data.constants import BABEL_LOCALES, DEFAULT_LANGUAGE, LANGUAGES, RIGHT_TO_LEFT_LANGUAGES
from wsis_data.safe_text import without_direction_controls

LOCALES = Path(__file__).parent / "locales"
# Placeholders whose numbers are years or codes: written as they are, never grouped (2025, not 2,025).
RAW_PLACEHOLDERS = frozenset({"year", "first", "last", "goal", "number"})
PLURAL_CATEGORIES: tuple[str, ...] = ("zero", "one", "two", "few", "many", "other")
_PLURAL_START = re.compile(r"\{(\w+),\s*plural,")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}", re.ASCII)
_BRANCH = re.compile(r"\s*(=\d+|zero|one|two|few|many|other)\s*\{")
# How a language separates the items of a list in running text: the Arabic comma, Chinese's enumeration comma.
LIST_SEPARATORS = {"ar": "، ", "zh": "、"}


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


def number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """Return a number formatted for the locale of `lang` (digits, grouping and decimal sign)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=BABEL_LOCALES[lang])


# In a right-to-left language, codes and Latin text inside a sentence or a list (a target such as 16.b, an action line
# code, an English rationale) are wrapped in Unicode isolates, so that the bidirectional algorithm lays them out on
# their own and "16.b" never reads as "b.16". Left to right, text is left as it is (a browser's find in page matches).
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolated(text: object, lang: str) -> str:
    """Return `text` as a bidirectional isolate in a right-to-left language (for plain text: a widget option, a table
    cell); the direction controls it carries are dropped in every language, so that it cannot reorder the text around
    it."""
    text = without_direction_controls(str(text))
    if lang in RIGHT_TO_LEFT_LANGUAGES:
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def listed(items: Iterable[object], lang: str = DEFAULT_LANGUAGE) -> str:
    """Return the items of a list (SDGs, regions, sources, column names) joined as `lang` writes a list."""
    return LIST_SEPARATORS.get(lang, ", ").join(map(str, items))


def percent(share: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """Return a share (0.6) as a whole percentage for the locale of `lang` (`60%`, French `60 %`)."""
    return format_percent(share, locale=BABEL_LOCALES[lang])


def plural_category(count: float, lang: str) -> str:
    """Return the CLDR plural category of a count in `lang`: zero, one, two, few, many or other."""
    return Locale.parse(BABEL_LOCALES[lang]).plural_form(count)


def _count_of(value: object, lang: str) -> Decimal:
    """Return the number a plural argument stands for: a number, or a count already formatted for the locale."""
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    try:
        return parse_decimal(str(value).replace("\u202f", "").replace("\xa0", ""), locale=BABEL_LOCALES[lang])
    except (ValueError, InvalidOperation):
        raise ValueError(f"plural argument {value!r} is not a number") from None


def _closing_brace(text: str, start: int) -> int:
    """Return the index of the brace that closes the one opened just before `start`."""
    depth = 1
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    raise ValueError(f"unbalanced braces in message: {text!r}")


def plural_branches(text: str) -> list[tuple[str, dict[str, str], int, int]]:
    """Return each plural argument of a message: its name, its branches (selector → text) and its span."""
    found, position = [], 0
    while match := _PLURAL_START.search(text, position):
        end = _closing_brace(text, match.start() + 1)
        branches, cursor, body_end = {}, match.end(), end
        while branch := _BRANCH.match(text, cursor, body_end):
            close = _closing_brace(text, branch.end())
            branches[branch.group(1)] = text[branch.end() : close]
            cursor = close + 1
        if "other" not in branches or text[cursor:body_end].strip():
            raise ValueError(f"plural {match.group(1)!r} needs an other{{…}} branch and only branches: {text!r}")
        found.append((match.group(1), branches, match.start(), end + 1))
        position = end + 1
    return found


def plural_choice(branches: dict[str, str], count: Decimal, lang: str) -> str:
    """Return the selector a count takes among a plural's branches: `=N` if given, else its CLDR category."""
    exact = f"={count}"
    if count == count.to_integral_value() and exact in branches:
        return exact
    category = plural_category(count, lang)
    return category if category in branches else "other"


def placeholders(text: str) -> set[str]:
    """Return the names a message needs: its `{placeholders}` and plural arguments, inside branches too."""
    names, outside, position = set(), [], 0
    for name, branches, start, end in plural_branches(text):
        names |= {name}.union(*(placeholders(branch) for branch in branches.values()))
        outside.append(text[position:start])
        position = end
    outside.append(text[position:])
    return names | set(_PLACEHOLDER.findall("".join(outside)))


def _formatted(name: str, value: object, lang: str) -> object:
    if isinstance(value, int) and not isinstance(value, bool) and name not in RAW_PLACEHOLDERS:
        return number(value, lang)
    return value


def _expand_plurals(text: str, lang: str, values: dict[str, object]) -> str:
    for name, branches, start, end in reversed(plural_branches(text)):
        count = _count_of(values[name], lang)
        shown = values[name] if isinstance(values[name], str) else number(count, lang, _decimals(count))
        chosen = branches[plural_choice(branches, count, lang)].replace("#", str(shown))
        text = text[:start] + chosen + text[end:]
    return text


def _decimals(count: Decimal) -> int:
    return 0 if count == count.to_integral_value() else max(0, -count.normalize().as_tuple().exponent)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the message `key` in `lang` (English where the language lacks it), with plurals chosen and
    placeholders filled."""
    text = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE)[key]
    if not values:
        return text
    text = _expand_plurals(text, lang, values)
    return text.format(**{name: _formatted(name, value, lang) for name, value in values.items()})


def plural(key: str, count: float, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the message `key` for a count (its `count` plural argument), in `lang`, placeholders filled."""
    return t(key, lang, count=count, **values)
