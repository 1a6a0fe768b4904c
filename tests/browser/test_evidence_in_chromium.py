"""The evidence check in a real Chromium: a cell clicked on the chart, or chosen in the list, shows its items."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_dashboard_in_chromium import open_page

pytestmark = pytest.mark.browser
# C2 × SDG 4 is the 21st cell (row C2, fourth goal); Giga pairs it.
C2_GOAL_4 = 1 * 17 + 3
# Page text is escaped for Markdown: a word joiner may follow a colon.
ONE_PAIRING_ITEM = re.compile(r"Items that pair this cell:\W*1$")


def test_clicking_an_evidence_cell_shows_its_items(page, server_url, screenshot):
    open_page(page, f"{server_url}/activities_regions")
    cells = page.locator(".st-key-evidence_chart g.scatterlayer path.point")
    expect(cells).to_have_count(18 * 17)
    cells.nth(C2_GOAL_4).click(force=True)
    expect(page.get_by_text(ONE_PAIRING_ITEM)).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid=stDataFrame] td", has_text="Giga").first).to_be_attached(timeout=30_000)
    screenshot(page, "evidence_cell_clicked")


def test_choosing_an_evidence_cell_with_the_keyboard_shows_its_items(page, server_url):
    open_page(page, f"{server_url}/activities_regions")
    choice = page.get_by_role("combobox", name="Cell (action line × SDG)", exact=False)
    choice.focus()
    page.keyboard.type("C2 × SDG 4")
    page.keyboard.press("Enter")
    expect(page.get_by_text(ONE_PAIRING_ITEM)).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid=stDataFrame] td", has_text="Giga").first).to_be_attached(timeout=30_000)
