"""The search box of a cell's evidence items on the activities page and in the explorer, run with streamlit's
AppTest against an edition store holding 3,000 SYNTHETIC stocktaking projects (`benchmarks.synthetic`: ids
`SYN-…`, example.org addresses)."""

# ruff: noqa: F811 (the `synthetic_store` fixture, imported, is the tests' argument)
import io

import pandas as pd
import pytest

from analytics.evidence_listing import LISTINGS, PAGE_SIZE
from analytics.evidence_search import MAX_QUERY_CHARACTERS, MAX_QUERY_WORDS
from messages import t
from tests.hostile_inputs import MARKUP_PAYLOADS
from tests.shown import shown
from tests.test_app_pages import texts
from tests.test_evidence_cell_lists import (
    ACTIVITIES,
    CELL,
    EXPLORER,
    captured_downloads,
    expected,
    item_tables,
    open_cell,
    synthetic_store,  # noqa: F401
)
from ui.plain import plain
from wsis_data.safe_text import WORD_JOINER

# Ids SYN-0000100 to SYN-0000199 and SYN-0001000 on hold these digits; no title or organisation does.
WORD = "0001"


def search_key(path: str) -> str:
    return f"{'evidence' if path == ACTIVITIES else 'explorer'}_cell_items.search.{CELL[0]}:{CELL[1]}"


def search(test, path: str, query: str):
    test.text_input(key=search_key(path)).set_value(query).run()
    assert not test.exception, [exception.value for exception in test.exception]
    return test


def matching(dataset, levels, word: str = WORD) -> pd.DataFrame:
    """Return the cell's entries at `levels` whose item id holds `word` (what the search must find here)."""
    found = expected(dataset, levels)
    return found[found["item_id"].str.lower().str.contains(word.lower(), regex=False)]


def statuses(test) -> str:
    return shown(" ".join(str(element.value) for element in test.info))


@pytest.mark.parametrize("path", [ACTIVITIES, EXPLORER])
def test_a_query_narrows_both_lists_to_the_matching_items_and_says_how_many_of_how_many(synthetic_store, path):
    test = search(open_cell(path), path, WORD.upper())
    supporting, level_only = (matching(synthetic_store, levels) for levels in LISTINGS.values())
    total = sum(len(expected(synthetic_store, levels)) for levels in LISTINGS.values())
    assert len(level_only) > PAGE_SIZE, "the SYNTHETIC projects give this cell more than a page of matches"
    assert t("evsearch.found", "en", count=len(supporting) + len(level_only), total=total) in statuses(test)
    tables = item_tables(test)
    # The tables show titles, not ids: the titles shown are those of matching items.
    assert set(tables[-1]["title"]) <= set(level_only["title"]) and len(tables[-1]) == PAGE_SIZE
    assert set(tables[0]["title"]) <= set(supporting["title"])
    whole = len(expected(synthetic_store, LISTINGS["level_only"]))
    showing = t("evsearch.showing", "en", first=1, last=PAGE_SIZE, count=len(level_only), total=whole)
    assert showing in texts(test)


def test_the_next_page_of_matches_shows_the_following_matches(synthetic_store):
    test = search(open_cell(ACTIVITIES), ACTIVITIES, WORD)
    level_only = matching(synthetic_store, LISTINGS["level_only"])
    whole = len(expected(synthetic_store, LISTINGS["level_only"]))
    first = item_tables(test)[-1]
    key = f"evidence_cell_items.level_only.{CELL[0]}:{CELL[1]}.{whole}.found{len(level_only)}"
    test.number_input(key=key).set_value(2).run()
    second = item_tables(test)[-1]
    assert not set(first["title"]) & set(second["title"])
    assert set(second["title"]) <= set(level_only["title"])


def test_a_query_that_matches_nothing_says_so_and_offers_no_matches_download(synthetic_store, monkeypatch):
    deferred = captured_downloads(monkeypatch)
    test = search(open_cell(ACTIVITIES), ACTIVITIES, "no-such-project")
    total = sum(len(expected(synthetic_store, levels)) for levels in LISTINGS.values())
    assert t("evsearch.found", "en", count=0, total=total) in statuses(test)
    whole = len(expected(synthetic_store, LISTINGS["level_only"]))
    assert t("evsearch.none", "en", total=whole) in texts(test)
    assert not item_tables(test)
    assert f"evidence_{CELL[0]}_sdg{CELL[1]}_search.csv" not in deferred
    assert f"evidence_{CELL[0]}_sdg{CELL[1]}.csv" in deferred


def test_the_matches_download_holds_every_match_once_beside_the_whole_cells(synthetic_store, monkeypatch):
    deferred = captured_downloads(monkeypatch)
    search(open_cell(EXPLORER), EXPLORER, WORD)
    built = deferred[f"evidence_{CELL[0]}_sdg{CELL[1]}_search.csv"]()
    rows = pd.read_csv(io.BytesIO(built), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    every = pd.concat([matching(synthetic_store, levels) for levels in LISTINGS.values()])
    assert sorted(zip(rows["item_id"], rows["level"], strict=True)) == sorted(
        zip(every["item_id"], every["level"], strict=True)
    )
    whole = deferred[f"evidence_{CELL[0]}_sdg{CELL[1]}.csv"]()
    assert len(pd.read_csv(io.BytesIO(whole), dtype=str, encoding="utf-8-sig")) > len(rows)


@pytest.mark.parametrize("query", MARKUP_PAYLOADS)
def test_a_hostile_query_is_plain_text_and_renders_no_link_or_markup(synthetic_store, query):
    test = search(open_cell(ACTIVITIES), ACTIVITIES, query[:200])
    rendered = [
        str(element.value) for kind in ("markdown", "caption", "info", "warning") for element in getattr(test, kind)
    ]
    assert not [text for text in rendered if "attacker.example" in text]


def test_too_many_words_are_refused_with_a_warning_and_the_whole_list_stays(synthetic_store):
    test = search(open_cell(ACTIVITIES), ACTIVITIES, " ".join(f"w{n}" for n in range(MAX_QUERY_WORDS + 1)))
    warned = shown(" ".join(str(element.value) for element in test.warning))
    assert t("evsearch.too_many_words", "en", limit=MAX_QUERY_WORDS) in warned
    assert len(item_tables(test)[-1]) == PAGE_SIZE and not test.info


def test_a_query_over_the_length_bound_is_refused_with_a_warning_naming_it(synthetic_store):
    test = search(open_cell(ACTIVITIES), ACTIVITIES, "x" * (MAX_QUERY_CHARACTERS + 1))
    warned = shown(" ".join(str(element.value) for element in test.warning))
    assert t("evsearch.too_long", "en", limit=MAX_QUERY_CHARACTERS) in warned
    assert len(item_tables(test)[-1]) == PAGE_SIZE and not test.info
    assert test.text_input(key=search_key(ACTIVITIES)).label == t("evsearch.label", "en")


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_the_count_of_matches_is_written_in_the_readers_language(synthetic_store, lang):
    test = search(open_cell(ACTIVITIES, lang=lang), ACTIVITIES, WORD)
    found = sum(len(matching(synthetic_store, levels)) for levels in LISTINGS.values())
    total = sum(len(expected(synthetic_store, levels)) for levels in LISTINGS.values())
    assert t("evsearch.found", lang, count=found, total=total) in statuses(test)
    assert test.text_input(key=search_key(ACTIVITIES)).label == t("evsearch.label", lang)


@pytest.mark.parametrize(
    ("lang", "one_match"),
    [
        ("en", "Search results — 1 of 45 items."),
        ("fr", "Résultats de la recherche — 1 sur 45 éléments."),
        ("es", "Resultados de la búsqueda — 1 de 45 elementos."),
    ],
)
def test_one_match_is_counted_without_a_plural_verb_disagreeing_with_it(lang, one_match):
    # "1 sur 45 éléments correspondent" made the verb agree with the items, not with the one match.
    assert t("evsearch.found", lang, count=1, total=45) == one_match


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar", "zh", "ru"])
def test_the_count_of_matches_is_shown_as_written_with_no_joiner_inside_it(lang):
    # A status is read and matched as written: punctuation that Markdown escapes would add invisible joiners.
    found = t("evsearch.found", lang, count=12, total=45)
    assert WORD_JOINER not in plain(found, lang)
