"""Finding items in one cell's evidence list: a plain-text query over titles, organisations, countries and ids.

A query is plain text, never a pattern: it is cut into whitespace-separated words, and an entry matches when every
word is a substring of its item's title, organisation, country codes or id, ignoring case and accents ("cote"
finds "Côte d'Ivoire", "ITU-d" finds "itu-D"). Words are compared after the same folding as the items' text (NFKD,
combining marks and invisible characters dropped, digits of every script as ASCII digits, lower case), so
"Ｉｎｔｅｒｎｅｔ" in full-width letters finds "Internet" and "٢٠٢٣" typed on an Arabic keyboard finds "2023". A word never
spans two fields: the fields are joined with a line break, which no word holds, and a word that folds to text with a
space ("´", a spacing accent, folds to one) is cut there.

The items' folded text is made once per dataset (`search_text`, one vectorised Arrow pass); a search over a cell
takes its entries' texts and tests each word over them with Arrow's literal substring match, so a cell of
thousands of items is searched without a Python loop over them.
"""

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.evidence_listing import (
    ItemListing,
    ListingIndex,
    entry_positions,
    entry_rows,
)

SEARCHED_COLUMNS: tuple[str, ...] = ("title", "organisation", "countries", "item_id")
# A query longer than a title is not a search; so many words that none can narrow further is not either.
MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 12
_FIELD_SEPARATOR = "\n"
_COMBINING_MARKS = r"\p{Mn}+"
# Invisible format characters (a soft hyphen, a zero-width space, a byte-order mark, direction controls) are no
# part of a word: dropped from the items' text and from the query alike, so that a title pasted with them, or an
# item holding them, still matches. Control characters (a NUL, an escape) in a query separate words.
_FORMAT = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_INVISIBLE = re.compile(f"[{_FORMAT}]")
_INVISIBLE_ARROW = "[" + "".join(f"\\x{{{ord(c):04x}}}" if c != "-" else "-" for c in _FORMAT) + "]"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@cache
def _script_digits() -> tuple[str, dict[int, str]]:
    """Return an Arrow pattern of the decimal digits of other scripts than ASCII, and a table to ASCII digits."""
    table = {}
    for code in range(128, sys.maxunicode + 1):
        if unicodedata.category(chr(code)) == "Nd":
            table[code] = str(unicodedata.decimal(chr(code)))
    return "[" + "".join(f"\\x{{{code:04x}}}" for code in table) + "]", table


class QueryError(ValueError):
    """Raised for a query over its bounds; the message names the bound and what was given, `bound` which one
    (`characters` or `words`) and `limit` its value."""

    def __init__(self, bound: str, given: int, limit: int):
        self.bound, self.limit = bound, limit
        super().__init__(f"a query of {given:,} {bound}: expected at most {limit}")


@dataclass(frozen=True)
class ListingMatches:
    """The entries of a cell's list whose item matches a query: index positions in listing order, their runs."""

    listing: ItemListing
    positions: np.ndarray
    runs: np.ndarray

    @property
    def total(self) -> int:
        """Return how many entries match."""
        return len(self.positions)


def _folded(texts: pa.Array) -> pa.Array:
    """Return texts as the search compares them: no invisible characters, compatibility-decomposed, without
    combining marks, lower case (one Arrow pass, for the items' text and the query's words alike)."""
    visible = pc.replace_substring_regex(texts, _INVISIBLE_ARROW, "")
    unmarked = pc.replace_substring_regex(pc.utf8_normalize(visible, form="NFKD"), _COMBINING_MARKS, "")
    # Most texts hold ASCII digits only: one scan finds the few holding others, and only those are translated.
    pattern, table = _script_digits()
    other_digits = pc.match_substring_regex(unmarked, pattern)
    if pc.any(other_digits).as_py():
        translated = [text.translate(table) for text in pc.filter(unmarked, other_digits).to_pylist()]
        unmarked = pc.replace_with_mask(unmarked, other_digits, pa.array(translated, unmarked.type))
    return pc.utf8_lower(unmarked)


def query_words(query: str) -> tuple[str, ...]:
    """Return the distinct folded words of a query (none for blank text); raise QueryError when over its bounds."""
    if len(query) > MAX_QUERY_CHARACTERS:
        raise QueryError("characters", len(query), MAX_QUERY_CHARACTERS)
    cleaned = _CONTROL.sub(" ", _INVISIBLE.sub("", query))
    folded = _folded(pa.array(cleaned.split(), pa.large_string())).to_pylist()
    words = tuple(dict.fromkeys(word for text in folded for word in text.split()))
    if len(words) > MAX_QUERY_WORDS:
        raise QueryError("words", len(words), MAX_QUERY_WORDS)
    return words


def search_text(items: pd.DataFrame) -> pa.Array:
    """Return each item's searched fields, joined and folded as the query words are (one Arrow string per item)."""
    fields = [
        pa.array(items[column].fillna("").astype(str).to_numpy(), pa.large_string()) for column in SEARCHED_COLUMNS
    ]
    return _folded(pc.binary_join_element_wise(*fields, pa.scalar(_FIELD_SEPARATOR, pa.large_string())))


def listing_matches(
    index: ListingIndex, text: pa.Array, listing: ItemListing, words: tuple[str, ...]
) -> ListingMatches:
    """Return the entries of a list whose item's text (`search_text`) holds every word (all of them for none)."""
    positions, runs = entry_positions(listing)
    if words and len(positions):
        entries = text.take(pa.array(index.entries[listing.c7][positions]))
        found = np.ones(len(positions), dtype=bool)
        for word in words:
            found &= pc.match_substring(entries, word).to_numpy(zero_copy_only=False)
        positions, runs = positions[found], runs[found]
    return ListingMatches(listing, positions, runs)


def matches_rows(
    index: ListingIndex,
    items: pd.DataFrame,
    links: pd.DataFrame,
    matches: ListingMatches,
    first: int = 0,
    last: int | None = None,
) -> pd.DataFrame:
    """Return the matches first…last-1 (all by default) as rows of `LISTED_COLUMNS`, as a list's rows are."""
    shown = slice(first, matches.total if last is None else last)
    return entry_rows(index, items, links, matches.listing, matches.positions[shown], matches.runs[shown])
