"""The dashboard in a real Chromium, offline, against a server started on 127.0.0.1."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.server import APP_IDLE
from ui.registry import PAGES

pytestmark = pytest.mark.browser


def open_page(page: Page, url: str) -> Page:
    """Open a URL and wait until the script has run and every chart has drawn."""
    page.goto(url)
    # Every page has a title, so its h1 tells that the script's output arrived (the app is briefly idle before).
    expect(page.locator("h1").first).to_be_attached(timeout=60_000)
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=60_000)
    charts = page.locator("[data-testid=stPlotlyChart]")
    for index in range(charts.count()):
        expect(charts.nth(index).locator("svg.main-svg").first).to_be_attached(timeout=60_000)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0, timeout=30_000)
    return page


@pytest.mark.parametrize("spec", PAGES, ids=[spec.title_key for spec in PAGES])
def test_every_page_opens_without_a_streamlit_exception(page, server_url, screenshot, spec):
    open_page(page, f"{server_url}/{spec.url_path}")
    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, spec.title_key)


def test_clicking_a_heatmap_cell_shows_its_rationale(page, server_url, screenshot):
    open_page(page, f"{server_url}/matrix_explorer")
    cells = page.locator("[data-testid=stPlotlyChart] g.scatterlayer path.point")
    expect(cells).to_have_count(18 * 17)
    # C1 × SDG 3: the third cell of the first row
    cells.nth(2).click(force=True)
    expect(page.get_by_text("C1 × 3")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("ICT can be used to bring together people in danger")).to_be_visible()
    expect(page.get_by_text("Strengthen the capacity of all countries", exact=False)).to_be_visible()
    screenshot(page, "matrix_cell_clicked")


def test_a_charts_table_appears_when_its_tab_is_opened(page, server_url, screenshot):
    open_page(page, f"{server_url}/matrix_explorer")
    expect(page.locator("[data-testid=stDataFrame]")).to_have_count(0)
    page.get_by_role("tab", name="Table").first.click()
    expect(page.locator("[data-testid=stDataFrame]")).to_have_count(1, timeout=30_000)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, "matrix_table_tab")


def test_a_deep_link_opens_the_view_it_names(page, server_url, screenshot):
    open_page(page, f"{server_url}/?lang=fr&sdg=9&region=Africa")
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar.locator("[data-testid=stSelectbox] input").nth(0)).to_have_value("Français")
    expect(sidebar.locator("[data-testid=stSelectbox] input").nth(1)).to_have_value("Afrique")
    expect(page.locator("h1").first).to_have_text("Matrice SMSI–ODD")
    expect(sidebar.locator("[data-testid=stMultiSelect]")).to_contain_text("9 · Industrie")
    assert "lang=fr" in page.url and "region=Africa" in page.url
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, "deep_link_fr_sdg9_africa")


def test_the_country_map_renders_offline_from_the_served_geometry(page, server_url, screenshot):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    open_page(page, f"{server_url}/activities_regions")
    geo = page.locator("[data-testid=stPlotlyChart] .geolayer path.choroplethlocation")
    geo.first.scroll_into_view_if_needed()
    expect(geo.first).to_be_attached(timeout=30_000)
    assert geo.count() > 100
    assert not [url for url in failed if "topojson" in url]
    screenshot(page, "activities_map")


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_chart_toolbar_downloads_png_and_svg(page, server_url, fmt):
    open_page(page, f"{server_url}/matrix_explorer")
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.hover()
    button = chart.locator(
        ".wsis-svg-button" if fmt == "svg" else '.modebar-btn[data-title^="Download plot"]:not(.wsis-svg-button)'
    )
    with page.expect_download(timeout=30_000) as download:
        button.click(force=True)
    assert download.value.suggested_filename.endswith(f".{fmt}")
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in content[:200]


def test_a_charts_svg_download_is_rendered_with_its_caption(page, server_url):
    open_page(page, f"{server_url}/matrix_explorer?lang=fr")
    button = page.locator("[data-testid=stDownloadButton] button", has_text="SVG").first
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename == "coverage_goal.svg"
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert content.startswith("<svg") and "Source" in content and "Exporté" in content
