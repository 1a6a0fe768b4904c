"""What a delegate does in Chromium at 1280×720: switch language both ways, share a cell link with a fresh
browser, reach a rationale by keyboard alone, keep five SDGs in the pack; and poisoned tables inject nothing."""

import contextlib
import os
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.server import streamlit_server
from tests.browser.test_dashboard_in_chromium import open_page
from tests.hostile_inputs import FORMULA_PAYLOADS, MARKUP_PAYLOADS, poison_tables
from ui.cached import TEST_TABLES_VARIABLE
from ui.registry import PAGES
from wsis_data.loaders import TABLES

pytestmark = pytest.mark.browser

SMALL_SCREEN = {"width": 1280, "height": 720}
# C1 × SDG 3 at goal level: one target-level link (3.8) and its rationale.
RATIONALE = "ICT can be used to bring together people in danger"


@pytest.fixture
def small(browser):
    context = browser.new_context(viewport=SMALL_SCREEN, locale="en-GB")
    yield context.new_page()
    context.close()


def choose_language(page: Page, name: str) -> None:
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name=name, exact=True).click()


def test_choosing_arabic_turns_the_page_right_to_left_at_once_and_english_turns_it_back(small, server_url, screenshot):
    open_page(small, f"{server_url}/sdg_profile?sdg=16")
    html = small.locator("html")
    expect(html).to_have_attribute("dir", "ltr")
    choose_language(small, "العربية")
    expect(html).to_have_attribute("dir", "rtl", timeout=30_000)
    expect(html).to_have_attribute("lang", "ar")
    expect(small.locator("h1").first).to_have_text("ملف الهدف", timeout=30_000)
    screenshot(small, "language_switched_to_arabic")
    choose_language(small, "English")
    expect(html).to_have_attribute("dir", "ltr", timeout=30_000)
    expect(html).to_have_attribute("lang", "en")
    choose_language(small, "Français")
    expect(html).to_have_attribute("lang", "fr", timeout=30_000)
    expect(html).to_have_attribute("dir", "ltr")


def shared_link(page: Page) -> str:
    link = page.locator("[data-testid=stSidebar] [data-testid=stCode] code").inner_text().strip()
    assert link.startswith("http://127.0.0.1:"), link
    return link


def test_a_copied_cell_link_opens_the_same_cell_detail_in_a_fresh_browser(browser, small, server_url, screenshot):
    open_page(small, f"{server_url}/matrix_explorer?palette=cividis&value=linked&lang=fr")
    small.get_by_role("combobox", name="Cellules liées").click()
    small.get_by_role("option", name="C1 × 3", exact=True).click()
    expect(small.get_by_text(RATIONALE)).to_be_visible(timeout=30_000)
    expect(small.locator("[data-testid=stSidebar] [data-testid=stCode]")).to_contain_text("cell=C1", timeout=30_000)
    link = shared_link(small)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    assert query["cell"] == ["C1:3"] and query["palette"] == ["cividis"] and query["value"] == ["linked"]
    assert urllib.parse.urlsplit(link).path == "/matrix_explorer"
    fresh = browser.new_context(viewport=SMALL_SCREEN)
    try:
        other = fresh.new_page()
        open_page(other, link)
        expect(other.get_by_text(RATIONALE)).to_be_visible()
        expect(other.get_by_role("combobox", name="Cellules liées")).to_have_value("C1 × 3")
        expect(other.locator("[data-testid=stMain]").get_by_role("radio", name="Lié", exact=True)).to_be_checked()
        screenshot(other, "cell_link_in_a_fresh_browser")
    finally:
        fresh.close()


def test_a_link_with_invalid_parts_keeps_the_valid_ones_and_names_the_rest(small, server_url):
    open_page(small, f"{server_url}/matrix_explorer?sdg=6,18&cell=C6:6&palette=neon")
    notices = small.locator("[data-testid=stAlertContentWarning]")
    expect(notices).to_have_count(2)
    expect(notices.filter(has_text="sdg=18")).to_have_count(1)
    expect(notices.filter(has_text="palette=neon")).to_have_count(1)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(shared_link(small)).query)
    assert query["sdg"] == ["6"] and query["cell"] == ["C6:6"] and "palette" not in query


def test_a_keyboard_alone_reaches_a_cells_rationale_on_a_small_screen(small, server_url, screenshot):
    open_page(small, f"{server_url}/matrix_explorer")
    target = small.get_by_role("combobox", name="Linked cells")
    for presses in range(80):  # noqa: B007 (the count is printed)
        small.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("80 presses of Tab never reached the list of linked cells")
    small.keyboard.type("C1 × 3")
    small.keyboard.press("Enter")
    rationale = small.get_by_text(RATIONALE)
    expect(rationale).to_be_visible(timeout=30_000)
    expect(rationale).to_be_in_viewport(timeout=10_000)
    screenshot(small, "keyboard_reached_a_rationale")
    # Each chart adds its tab, its chart and its five download buttons, not the nine toolbar buttons.
    assert small.locator(".modebar-btn").count() >= 9
    assert small.evaluate("[...document.querySelectorAll('.modebar-btn')].every(b => b.tabIndex < 0)")
    print(f"Tab presses to the list of linked cells: {presses + 1}")


def test_the_pack_keeps_all_five_sdgs_chosen_in_the_sidebar(small, server_url, screenshot):
    open_page(small, f"{server_url}/hlpf_pack?sdg=3,5,9,16,17")
    chosen = small.locator("[data-testid=stMain] [data-testid=stMultiSelect] [data-tag]")
    expect(chosen).to_have_count(5)
    expect(small.locator("[data-testid=stMain] [data-testid=stCode]")).to_contain_text("--sdg 3,5,9,16,17")
    screenshot(small, "pack_keeps_five_sdgs")


# Poisoned tables: every free-text cell of every table starts with a payload that would render as a link, an image,
# an icon or a formula if any page interpreted it.
POISONED_PAGES = {
    "": "hlpf=2024",
    "matrix_explorer": "cell=C1:3",
    "action_line_profile": "al=C7.3",
    "sdg_profile": "sdg=9",
    "linkage_graph": "kind=target",
    "activities_regions": "region=Africa",
    "hlpf_pack": "sdg=4,9",
    "data_quality": "lang=fr",
    "about": "lang=ar",
    "connect": "lang=fr",
    "curation": "lang=es",
    "embed": "chart=coverage&cell=C1:3",
}
# Pages that show no free text from the tables (codes and numbers only, or the store's audit log, which the poisoned
# tables do not reach): the payloads are not expected on them.
NO_TABLE_TEXT = {"linkage_graph", "hlpf_pack", "curation", "embed"}
# The editions page compares editions in the store, which the test tables do not replace (a curator's hostile text
# in an edition is refused when proposed: tests/test_curation_pages.py).
STORE_ONLY_PAGES = {"editions"}


def test_the_poisoned_pages_are_every_page():
    assert set(POISONED_PAGES) | STORE_ONLY_PAGES == {spec.url_path for spec in PAGES}


@pytest.fixture(scope="module")
def poisoned_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("poisoned_tables")
    fields = poison_tables(TABLES, Path(folder), MARKUP_PAYLOADS + FORMULA_PAYLOADS)
    before = os.environ.get(TEST_TABLES_VARIABLE)
    os.environ[TEST_TABLES_VARIABLE] = str(folder)
    try:
        with streamlit_server() as url:
            yield url, fields
    finally:
        with contextlib.suppress(KeyError):
            del os.environ[TEST_TABLES_VARIABLE]
        if before is not None:
            os.environ[TEST_TABLES_VARIABLE] = before


@pytest.mark.parametrize("path", POISONED_PAGES)
def test_poisoned_tables_put_no_link_image_or_outside_request_on_a_page(browser, poisoned_server, path, screenshot):
    url, fields = poisoned_server
    context = browser.new_context(viewport=SMALL_SCREEN)
    outside: list[str] = []

    def only_loopback(route):
        if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    try:
        page = context.new_page()
        open_page(page, f"{url}/{path}?{POISONED_PAGES[path]}")
        for expander in page.locator("[data-testid=stExpander] summary").all():
            expander.click()
        page.wait_for_timeout(500)
        expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached(timeout=60_000)
        expect(page.locator("[data-testid=stException]")).to_have_count(0)
        if path not in NO_TABLE_TEXT:  # the payloads are on the page, as text
            expect(page.get_by_text("attacker.example", exact=False).first).to_be_attached()
        # A heading's own anchor (`#c7-3-…`, a slug of its text) stays on the page: only addresses that leave it count.
        injected = page.evaluate(
            """() => [...document.querySelectorAll('a, img, image, svg a, iframe, object, embed')]
                .map(e => e.getAttribute('href') || e.getAttribute('xlink:href') || e.getAttribute('src') || '')
                .filter(address => address.includes('attacker') && !address.startsWith('#'))"""
        )
        screenshot(page, "poisoned_" + (path or "overview"))
        print(f"{path}: {fields} poisoned fields, {len(injected)} injected elements, {len(outside)} outside requests")
        assert injected == [] and outside == []
    finally:
        context.close()
