"""Arabic reads right to left in the browser, and axe-core finds no serious or critical violation on any page."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.test_dashboard_in_chromium import open_page
from tests.conftest import ROOT
from ui.registry import PAGES

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def test_arabic_turns_the_document_right_to_left(page, server_url, screenshot):
    open_page(page, f"{server_url}/?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert page.evaluate("getComputedStyle(document.querySelector('[data-testid=stMain]')).direction") == "rtl"
    expect(page.locator("h1").first).to_have_text("مصفوفة القمة العالمية لمجتمع المعلومات وأهداف التنمية المستدامة")
    sidebar = page.locator("[data-testid=stSidebar]").bounding_box()
    main = page.locator("[data-testid=stMain]").bounding_box()
    assert sidebar["x"] > main["x"], "the sidebar is mirrored to the right"
    screenshot(page, "arabic_overview")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("spec", PAGES, ids=[spec.title_key for spec in PAGES])
def test_axe_finds_no_serious_or_critical_violation(page, server_url, spec, lang):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core from npm")
    separator = "&" if "?" in spec.url_path else "?"
    open_page(page, f"{server_url}/{spec.url_path}{separator}lang={lang}")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    blocking = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "nodes": [node["target"] for node in violation["nodes"][:3]],
        }
        for violation in json.loads(results)["violations"]
        if violation["impact"] in BLOCKING
    ]
    assert blocking == [], json.dumps(blocking, indent=1)
