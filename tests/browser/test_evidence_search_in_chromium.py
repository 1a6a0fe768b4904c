"""A search inside a cell's evidence in a real Chromium, in Arabic (and French and Chinese): typed in the labelled
box of the explorer's cell, it narrows the lists and the count of matches is a status a screen reader announces."""

import pytest
from playwright.sync_api import expect

from analytics import view_data
from analytics.evidence_listing import LISTINGS
from analytics.evidence_search import listing_matches, query_words
from messages import t
from tests.browser.test_dashboard_in_chromium import open_page
from tests.shown import shown
from wsis_data.dataset import committed_dataset

pytestmark = pytest.mark.browser
# C2 × SDG 9 is linked in the matrix and holds items of both lists in the committed data.
CELL = ("C2", 9)
QUERY = "WTDC Regional"


def counts(query: str) -> tuple[int, int]:
    """Return how many of the cell's entries (both lists, every region and source) match `query`, and how many
    there are, from the committed data the test server serves."""
    dataset = committed_dataset()
    index, text = view_data.evidence_listing(dataset), view_data.evidence_search_text(dataset)
    listings = [
        view_data.evidence_cell_listing(dataset, *CELL, levels, "split", "Global", ()) for levels in LISTINGS.values()
    ]
    found = sum(listing_matches(index, text, listing, query_words(query)).total for listing in listings)
    return found, sum(listing.total for listing in listings)


@pytest.mark.parametrize("lang", ["ar", "fr", "zh"])
def test_a_query_typed_in_a_cell_of_the_explorer_shows_the_filtered_count_as_a_status(
    page, server_url, screenshot, lang
):
    found, total = counts(QUERY)
    assert 0 < found < total, "the query narrows the cell's lists"
    open_page(page, f"{server_url}/matrix_explorer?lang={lang}&cell={CELL[0]}:{CELL[1]}")
    box = page.get_by_role("textbox", name=t("evsearch.label", lang))
    box.fill(QUERY)
    box.press("Enter")
    status = page.get_by_role("status").filter(has_text=shown(t("evsearch.found", lang, count=found, total=total)))
    expect(status).to_be_visible(timeout=30_000)
    page.set_viewport_size({"width": 1280, "height": 720})
    status.scroll_into_view_if_needed()
    screenshot(page, f"evidence_search_{lang}")
