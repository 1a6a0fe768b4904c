"""Finding items in a cell's evidence: every word must be in an item's title, organisation, countries or id, case
and accents ignored, as plain text, within bounds; the matches page and export like the list they narrow.

Every stocktaking project here is SYNTHETIC (ids `SYN-…`, example.org addresses), written by the tests.
"""

import csv

import pandas as pd
import pytest

from analytics.evidence import evidence_lookup
from analytics.evidence_listing import (
    LISTINGS,
    PAGE_SIZE,
    cell_listing,
    listing_index,
    listing_rows,
    page_bounds,
    page_count,
)
from analytics.evidence_search import (
    MAX_QUERY_CHARACTERS,
    MAX_QUERY_WORDS,
    QueryError,
    listing_matches,
    matches_rows,
    query_words,
    search_text,
)
from benchmarks.synthetic import synthetic_stocktaking
from tests.hostile_inputs import HOSTILE_NUMBERS, HOSTILE_QUERIES, MARKUP_PAYLOADS
from wsis_data.dataset import committed_dataset
from wsis_data.evidence_import import import_stocktaking_file
from wsis_data.evidence_store import InMemoryEvidenceRepository
from wsis_data.loaded_evidence import with_loaded_evidence
from wsis_data.stocktaking import RECORD_COLUMNS

SOURCE = "wsis_stocktaking"
CELL = ("C7.3", 4)
# SYNTHETIC projects pairing C7.3 with 4.4, written to be found (or not) by words, accents and case.
PROJECTS = [
    ["SYN-1", "Télécentres communautaires", "Société Numérique", "CIV", "C7.3", "4.4", "2021", "", "C7.3>4.4"],
    ["SYN-2", "Telecentre network", "Org B", "KEN", "C7.3", "4.4", "2020", "", "C7.3>4.4"],
    ["SYN-3", "Cyber.* security (pilot) [x](https://attacker.example)", "Org C", "", "C7.3", "4.4", "", "", "C7.3>4.4"],
    ["SYN-4", "Ｉｎｔｅｒｎｅｔ pour tous", "ÉCOLE Ouverte", "FRA;KEN", "C7.3", "4.4", "2019", "", "C7.3>4.4"],
]


def project_file(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(RECORD_COLUMNS)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def evidence(tmp_path_factory):
    """The committed dataset with the SYNTHETIC projects imported: its frames, listing index and search text."""
    path = tmp_path_factory.mktemp("search") / "stocktaking.csv"
    project_file(path, PROJECTS)
    repository = InMemoryEvidenceRepository()
    import_stocktaking_file(path, SOURCE, repository)
    dataset = with_loaded_evidence(committed_dataset(), repository)
    items, links = dataset.evidence_items, dataset.evidence_links
    return items, links, listing_index(items, evidence_lookup(items, links)), search_text(items)


def found_ids(evidence, query: str, levels=LISTINGS["supporting"], sources=(SOURCE,)) -> list[str]:
    items, links, index, text = evidence
    listing = cell_listing(index, *CELL, levels, "split", None, sources)
    matches = listing_matches(index, text, listing, query_words(query))
    return sorted(matches_rows(index, items, links, matches)["item_id"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("telecentre", ["SYN-1", "SYN-2"]),
        ("TÉLÉCENTRE", ["SYN-1", "SYN-2"]),
        ("telecentre societe", ["SYN-1"]),
        ("  network   telecentre ", ["SYN-2"]),
        ("ecole", ["SYN-4"]),
        ("internet", ["SYN-4"]),
        ("ken", ["SYN-2", "SYN-4"]),
        ("syn-3", ["SYN-3"]),
        ("org", ["SYN-2", "SYN-3"]),
        ("telecentre missing", []),
    ],
)
def test_an_entry_matches_when_every_word_is_in_its_title_organisation_countries_or_id_ignoring_case_and_accents(
    evidence, query, expected
):
    assert found_ids(evidence, query) == expected


def test_a_blank_query_keeps_the_whole_list_in_its_order(evidence):
    items, links, index, text = evidence
    for levels in LISTINGS.values():
        listing = cell_listing(index, *CELL, levels, "split", None, None)
        matches = listing_matches(index, text, listing, query_words(" \t "))
        assert matches.total == listing.total
        pd.testing.assert_frame_equal(
            matches_rows(index, items, links, matches), listing_rows(index, items, links, listing)
        )


def test_a_word_never_spans_two_fields(evidence):
    assert found_ids(evidence, "tous\nécole") == ["SYN-4"]
    assert found_ids(evidence, "tousecole") == []


@pytest.mark.parametrize("query", [*HOSTILE_QUERIES, *MARKUP_PAYLOADS, *HOSTILE_NUMBERS[:6]])
def test_a_hostile_query_is_literal_text_and_finds_only_items_holding_it(evidence, query):
    items, links, index, text = evidence
    listing = cell_listing(index, *CELL, LISTINGS["supporting"], "split", None, None)
    words = query_words(query)
    assert all(word and not any(character.isspace() for character in word) for word in words)
    matches = listing_matches(index, text, listing, words)
    rows = matches_rows(index, items, links, matches)
    haystack = [text[int(position)].as_py() for position in index.entries["split"][matches.positions]]
    assert all(word in entry for entry in haystack for word in words)
    assert matches.total <= listing.total and len(rows) == matches.total


def test_pattern_characters_match_themselves_not_a_pattern(evidence):
    assert found_ids(evidence, "cyber.*") == ["SYN-3"]
    assert found_ids(evidence, ".*") == ["SYN-3"]
    assert found_ids(evidence, "[a-z]+") == []
    assert found_ids(evidence, "(pilot)") == ["SYN-3"]


def test_invisible_and_direction_characters_in_a_pasted_query_do_not_hide_a_match(evidence):
    assert found_ids(evidence, "\u202etele\u200bcentre\u2069") == ["SYN-1", "SYN-2"]
    assert found_ids(evidence, "\u202etelecentre\u2069 \u00adnetwork") == ["SYN-2"]


def test_digits_typed_in_another_script_find_the_same_items_as_ascii_digits(evidence):
    assert found_ids(evidence, "syn-٢") == found_ids(evidence, "syn-۲") == found_ids(evidence, "syn-2") == ["SYN-2"]
    assert query_words("٢٠٢٣ २०२३ ２０２３") == ("2023",)


def test_a_spacing_accent_is_no_word_of_its_own_and_never_matches_every_item_with_a_space(evidence):
    assert query_words("´ ¨") == ()
    assert query_words("tous´école") == ("tous", "ecole")
    assert found_ids(evidence, "telecentre´network") == ["SYN-2"]


def test_a_query_over_its_bounds_is_refused_with_the_bound_named():
    with pytest.raises(QueryError, match=f"expected at most {MAX_QUERY_CHARACTERS}"):
        query_words("a" * (MAX_QUERY_CHARACTERS + 1))
    with pytest.raises(QueryError, match=f"expected at most {MAX_QUERY_WORDS}"):
        query_words(" ".join(f"w{number}" for number in range(MAX_QUERY_WORDS + 1)))
    assert len(query_words(" ".join(["same"] * (MAX_QUERY_WORDS + 5)))) == 1


def test_the_matches_of_a_long_list_page_without_gaps_in_listing_order(tmp_path):
    path = tmp_path / "stocktaking.csv"
    synthetic_stocktaking(2_000).to_csv(path, index=False)
    repository = InMemoryEvidenceRepository()
    import_stocktaking_file(path, SOURCE, repository)
    dataset = with_loaded_evidence(committed_dataset(), repository)
    items, links = dataset.evidence_items, dataset.evidence_links
    index, text = listing_index(items, evidence_lookup(items, links)), search_text(items)
    listing = cell_listing(index, "C1", 1, LISTINGS["level_only"], "split", None, None)
    whole = listing_rows(index, items, links, listing)
    # Ids SYN-0000100 to SYN-0000199 and SYN-0001000 on: no title or organisation holds these digits.
    word = "0001"
    matches = listing_matches(index, text, listing, query_words(word))
    expected = whole[whole["item_id"].str.lower().str.contains(word, regex=False)].reset_index(drop=True)
    assert matches.total == len(expected) > PAGE_SIZE
    bounds = [page_bounds(matches.total, page) for page in range(page_count(matches.total))]
    pages = [matches_rows(index, items, links, matches, first, last) for first, last in bounds]
    assert all(len(page) == PAGE_SIZE for page in pages[:-1])
    pd.testing.assert_frame_equal(pd.concat(pages, ignore_index=True), expected)
    last_page = matches_rows(index, items, links, matches, *page_bounds(matches.total, 10**6))
    pd.testing.assert_frame_equal(last_page, pages[-1])
