"""Streamlit's own interface in the reader's language, Arabic quotes and axis titles laid out right to left, and
screenshots of every page in Arabic, French and Chinese at 1280×720."""

import json

import pytest
from playwright.sync_api import Page, expect

from analytics.localise import STREAMLIT_PATTERNS, STREAMLIT_TEXTS
from messages import t
from tests.browser.test_dashboard_in_chromium import open_page
from tests.conftest import ROOT
from ui.registry import PAGES

pytestmark = pytest.mark.browser

SMALL_SCREEN = {"width": 1280, "height": 720}
SCREENSHOTS = ROOT / "test-artifacts" / "ux11"
# The query each page needs to show its parts (the embed shows nothing without a chart).
PAGE_QUERY = {"embed": "chart=coverage&"}
# Every title, label, placeholder and line of visible text that is one of Streamlit's English texts or made by one
# of its English patterns.
STREAMLIT_ENGLISH = """([english, patterns]) => {
  english = new Set(english);
  const isEnglish = (value) => english.has(value) || patterns.some(([prefix, suffix]) =>
    value.length > prefix.length + suffix.length && value.startsWith(prefix) && value.endsWith(suffix));
  const found = [];
  document.querySelectorAll("[title], [aria-label], [placeholder], [data-title]").forEach((element) => {
    for (const name of ["title", "aria-label", "placeholder", "data-title"]) {
      const value = (element.getAttribute(name) || "").trim();
      if (isEnglish(value)) found.push(`${name}=${value}`);
    }
  });
  document.body.innerText.split("\\n").forEach((line) => { if (english.has(line.trim())) found.push(line.trim()); });
  return found;
}"""
# The horizontal extent of a chart's y-axis title and of its tick labels, in page pixels.
Y_AXIS_EXTENT = """(chart) => {
  const extent = (element) => { const box = element.getBoundingClientRect(); return [box.left, box.right]; };
  const title = chart.querySelector(".g-ytitle text");
  const ticks = [...chart.querySelectorAll(".yaxislayer-above .ytick text")].map(extent);
  return title && ticks.length ? {title: extent(title), ticks} : null;
}"""


def open_in(browser, server_url: str, path: str, lang: str, query: str = "") -> Page:
    context = browser.new_context(viewport=SMALL_SCREEN)
    page = context.new_page()
    open_page(page, f"{server_url}/{path}?{PAGE_QUERY.get(path, '')}{query}lang={lang}")
    return page


def english_shown(page: Page) -> list[str]:
    return page.evaluate(STREAMLIT_ENGLISH, [list(STREAMLIT_TEXTS), [list(pattern) for pattern in STREAMLIT_PATTERNS]])


@pytest.mark.parametrize("lang", ["ar", "fr", "zh"])
@pytest.mark.parametrize("spec", PAGES, ids=[spec.title_key for spec in PAGES])
def test_no_english_text_of_streamlit_is_left_on_any_page(browser, server_url, spec, lang):
    page = open_in(browser, server_url, spec.url_path, lang)
    try:
        assert english_shown(page) == []
        # A table's toolbar appears on hover; a chart's buttons (Streamlit's Fullscreen among plotly's) too.
        for element, toolbar in (
            ("[data-testid=stDataFrame]", "[data-testid=stElementToolbarButton]"),
            ("[data-testid=stPlotlyChart]", ".modebar-btn"),
        ):
            if page.locator(element).count():
                page.locator(element).first.hover()
                expect(page.locator(toolbar).first).to_be_attached()
                assert english_shown(page) == [], element
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{spec.url_path or 'overview'}_{lang}.png"))
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["ar", "fr", "zh"])
def test_the_multiselect_menu_speaks_the_language(browser, server_url, lang):
    page = open_in(browser, server_url, "", lang)
    try:
        sdgs = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").first
        sdgs.locator("input").click()
        page.keyboard.press("ArrowDown")
        expect(page.get_by_role("option", name=t("streamlit.select_all", lang), exact=True)).to_be_visible()
        assert english_shown(page) == []
        page.keyboard.type("zzz")
        expect(page.get_by_text(t("streamlit.no_results", lang), exact=True)).to_be_visible()
        assert english_shown(page) == []
    finally:
        page.context.close()


def test_switching_back_to_english_restores_streamlits_own_texts(browser, server_url):
    page = open_in(browser, server_url, "matrix_explorer", "ar")
    try:
        fullscreen = page.locator("[data-testid=stPlotlyChart] .modebar-btn[aria-label]")
        expect(fullscreen.and_(page.locator(f'[aria-label="{t("streamlit.fullscreen", "ar")}"]'))).to_have_count(1)
        page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
        page.get_by_role("option", name="English", exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(fullscreen.and_(page.locator('[aria-label="Fullscreen"]'))).to_have_count(1)
        expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    finally:
        page.context.close()


def test_an_arabic_quote_has_its_bar_on_the_right_and_reads_from_the_right(browser, server_url):
    # C1 × SDG 3: a linked cell whose rationale the explorer quotes.
    page = open_in(browser, server_url, "matrix_explorer", "ar", "cell=C1:3&")
    try:
        quote = page.locator("[data-testid=stMarkdownContainer] blockquote").first
        expect(quote).to_be_visible()
        style = quote.evaluate(
            "(q) => { const s = getComputedStyle(q); return [s.borderRightWidth, s.borderRightStyle,"
            " s.borderLeftWidth, s.borderLeftStyle, s.textAlign, s.paddingRight, s.paddingLeft]; }"
        )
        right_width, right_style, left_width, left_style, align, padding_right, padding_left = style
        assert float(right_width.removesuffix("px")) > 0 and right_style == "solid", style
        assert left_style == "none" or float(left_width.removesuffix("px")) == 0, style
        assert align == "right", style
        assert float(padding_right.removesuffix("px")) > float(padding_left.removesuffix("px")), style
    finally:
        page.context.close()


@pytest.mark.parametrize(("path", "query"), [("matrix_explorer", ""), ("activities_regions", "region=Africa&")])
def test_arabic_axis_titles_stand_clear_of_their_tick_labels(browser, server_url, path, query):
    page = open_in(browser, server_url, path, "ar", query)
    try:
        charts = page.locator("[data-testid=stPlotlyChart]")
        measured = 0
        for index in range(charts.count()):
            extent = charts.nth(index).evaluate(Y_AXIS_EXTENT)
            if extent is None:
                continue
            measured += 1
            title_left, title_right = extent["title"]
            overlapping = [tick for tick in extent["ticks"] if tick[0] < title_right and title_left < tick[1]]
            assert overlapping == [], json.dumps({"chart": index, **extent})
        assert measured, "no chart with a y-axis title on the page"
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["ar", "fr", "ru"])
def test_no_download_button_label_is_cut_short(browser, server_url, lang):
    page = open_in(browser, server_url, "matrix_explorer", lang)
    try:
        buttons = page.locator("[data-testid=stDownloadButton] button")
        expect(buttons.first).to_be_visible()
        cut = buttons.evaluate_all(
            """buttons => buttons.filter(button => [...button.querySelectorAll('p, span, div')]
                .some(part => part.scrollWidth > part.clientWidth + 1)).map(button => button.innerText)"""
        )
        assert buttons.count() >= 5 and cut == []
    finally:
        page.context.close()
