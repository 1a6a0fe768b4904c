"""A cell's bounded item list, read from the listing index, agrees with a scan of every link and pages without gaps.

Every stocktaking project here is SYNTHETIC (`benchmarks.synthetic`: ids `SYN-…`, example.org addresses).
"""

import pandas as pd
import pytest

from analytics.coverage import row_order
from analytics.evidence import cell_counts, cell_items, evidence_index, evidence_lookup
from analytics.evidence_listing import (
    LISTINGS,
    cell_listing,
    listing_counts,
    listing_index,
    listing_page,
    listing_rows,
)
from benchmarks.synthetic import synthetic_stocktaking
from wsis_data.constants import ITU_REGIONS
from wsis_data.dataset import committed_dataset
from wsis_data.evidence_import import import_stocktaking_file
from wsis_data.evidence_store import InMemoryEvidenceRepository
from wsis_data.loaded_evidence import with_loaded_evidence

SOURCE = "wsis_stocktaking"
CELLS = [("C7.3", 4), ("C1", 1), ("C2", 4), ("C5", 9), ("C11", 17), ("C10", 16)]
SCOPES = [None, *ITU_REGIONS]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """The committed dataset with 3,000 SYNTHETIC stocktaking projects imported, and its arrays and indexes."""
    path = tmp_path_factory.mktemp("synthetic") / "stocktaking.csv"
    synthetic_stocktaking(3_000).to_csv(path, index=False)
    repository = InMemoryEvidenceRepository()
    import_stocktaking_file(path, SOURCE, repository)
    dataset = with_loaded_evidence(committed_dataset(), repository)
    items, links = dataset.evidence_items, dataset.evidence_links
    lookup = evidence_lookup(items, links)
    return items, links, lookup, listing_index(items, lookup)


def reference(synthetic, action_line, goal, levels, c7, region, sources) -> set[tuple[str, str, str]]:
    """Return the distinct (source, item, level) a scan of every link finds for the cell at `levels`."""
    items, links, lookup, _ = synthetic
    found = cell_items(items, links, lookup, action_line, goal, c7, region, sources)
    found = found[found["level"].isin(levels)]
    return set(zip(found["source"], found["item_id"], found["level"], strict=True))


@pytest.mark.parametrize("c7", ["split", "merged"])
@pytest.mark.parametrize("region", SCOPES)
def test_a_cells_lists_hold_exactly_the_items_a_scan_of_every_link_finds(synthetic, c7, region):
    items, links, _, index = synthetic
    for action_line, goal in CELLS:
        action_line = "C7" if c7 == "merged" and action_line.startswith("C7") else action_line
        for levels in LISTINGS.values():
            listing = cell_listing(index, action_line, goal, levels, c7, region)
            rows = listing_rows(index, items, links, listing)
            listed = list(zip(rows["source"], rows["item_id"], rows["level"], strict=True))
            assert len(listed) == len(set(listed)) == listing.total
            assert set(listed) == reference(synthetic, action_line, goal, levels, c7, region, None)


def test_the_lists_count_by_source_what_the_evidence_index_counts(synthetic):
    items, links, _, index = synthetic
    counted = evidence_index(items, links)
    for region in SCOPES:
        pairs = cell_counts(counted, "split", region)
        for action_line, goal in CELLS:
            listing = cell_listing(index, action_line, goal, LISTINGS["supporting"], "split", region)
            by_source = listing_counts(listing, index)["pair"]
            row = row_order("split").index(action_line)
            assert by_source.tolist() == [int(pairs[s, row, goal - 1]) for s in range(len(counted.sources))]
            assert by_source.sum() == listing.total


def test_paging_shows_every_item_of_a_cell_exactly_once_in_listing_order(synthetic):
    items, links, _, index = synthetic
    listing = cell_listing(index, "C1", 1, LISTINGS["level_only"])
    assert listing.total > 3 * 25, "the SYNTHETIC projects give this cell several pages"
    pages = [listing_page(index, items, links, listing, page) for page in range(listing.pages())]
    assert all(len(page) == 25 for page in pages[:-1]) and 1 <= len(pages[-1]) <= 25
    paged = pd.concat(pages, ignore_index=True)
    pd.testing.assert_frame_equal(paged, listing_rows(index, items, links, listing))
    keys = list(zip(paged["source"], paged["item_id"], paged["level"], strict=True))
    assert len(keys) == len(set(keys)) == listing.total


def test_a_page_past_the_last_shows_the_last_page(synthetic):
    items, links, _, index = synthetic
    listing = cell_listing(index, "C1", 1, LISTINGS["level_only"])
    last = listing_page(index, items, links, listing, listing.pages() - 1)
    pd.testing.assert_frame_equal(listing_page(index, items, links, listing, 10_000), last)


def test_a_list_puts_each_sources_newest_items_first(synthetic):
    items, links, _, index = synthetic
    rows = listing_rows(index, items, links, cell_listing(index, "C1", 1, LISTINGS["level_only"], sources=(SOURCE,)))
    for level in rows["level"].unique():
        years = pd.to_numeric(rows.loc[rows["level"] == level, "year"]).tolist()
        assert years == sorted(years, reverse=True)


def test_a_listed_pair_joins_the_targets_of_the_goal_the_item_pairs(synthetic):
    items, links, lookup, index = synthetic
    for action_line, goal in CELLS:
        rows = listing_rows(index, items, links, cell_listing(index, action_line, goal, LISTINGS["supporting"]))
        scanned = cell_items(items, links, lookup, action_line, goal)
        scanned = scanned[scanned["level"] == "pair"]
        for row in rows.itertuples(index=False):
            targets = scanned.loc[(scanned["source"] == row.source) & (scanned["item_id"] == row.item_id), "target"]
            assert set(row.target.split("; ")) - {""} == set(targets) - {""}


def test_a_source_filter_lists_only_that_sources_items(synthetic):
    items, links, _, index = synthetic
    for levels in LISTINGS.values():
        listing = cell_listing(index, "C2", 4, levels, sources=("itu_activities",))
        rows = listing_rows(index, items, links, listing)
        assert set(rows["source"]) <= {"itu_activities"}
        assert listing.total == len(reference(synthetic, "C2", 4, levels, "split", None, ("itu_activities",)))


def test_an_unknown_goal_or_action_line_is_refused_by_name(synthetic):
    index = synthetic[3]
    with pytest.raises(ValueError, match="unknown goal 18"):
        cell_listing(index, "C1", 18, LISTINGS["supporting"])
    with pytest.raises(ValueError):
        cell_listing(index, "C99", 1, LISTINGS["supporting"])
