"""The pages in French, Arabic and Chinese: plotly's toolbar in the chosen language, and screenshots at 1280×720."""

import pytest
from playwright.sync_api import expect

from analytics.localise import PLOTLY_TEXTS
from messages import t
from tests.browser.test_dashboard_in_chromium import open_page

pytestmark = pytest.mark.browser
PAGES_SHOWN = ("", "matrix_explorer", "linkage_graph", "activities_regions", "data_quality", "action_line_profile")


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_the_chart_toolbar_speaks_the_chosen_language_and_still_downloads_svg(page, server_url, lang):
    open_page(page, f"{server_url}/matrix_explorer?lang={lang}")
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.hover()
    camera = chart.locator(f'.modebar-btn[data-title="{t(PLOTLY_TEXTS["Download plot as a PNG"], lang)}"]')
    expect(camera.first).to_be_attached()
    expect(chart.locator('.modebar-btn[data-title^="Download plot"]')).to_have_count(0)
    expect(chart.locator(".wsis-svg-button")).to_have_count(1)


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_data_quality_findings_are_worded_in_the_language_with_english_details_labelled(page, server_url, lang):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{server_url}/data_quality?lang={lang}")
    expect(page.get_by_text(t("original_english", lang)).first).to_be_visible()


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
@pytest.mark.parametrize("path", PAGES_SHOWN)
def test_screenshot_each_changed_page_at_1280_by_720(browser, server_url, screenshot, lang, path):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        open_page(page, f"{server_url}/{path}?lang={lang}")
        screenshot(page, f"l10n_{path or 'overview'}_{lang}")
    finally:
        context.close()
