"""Importing a stocktaking file in a real Chromium: a curator signed in through the test's OpenID Connect provider
uploads a file, checks it, imports it, sees it in the evidence views, and sees a hostile file refused line by line.

Every project here is SYNTHETIC (ids `SYN-…`, example.org URLs), written by the test.
"""

# ruff: noqa: F811 (the curation flow's provider and app fixtures, imported, are the test's arguments)
import re

import pytest
from playwright.sync_api import Page, expect

from messages import isolated, t
from tests.browser.test_curation_flow import CURATOR, curated_app, identity_provider, sign_in  # noqa: F401
from tests.browser.test_dashboard_in_chromium import open_page
from tests.hostile_inputs import HOSTILE_COLUMN_NAMES
from tests.test_evidence_upload_page import SYNTHETIC, csv_bytes
from wsis_data.stocktaking import RECORD_COLUMNS

pytestmark = pytest.mark.browser

UPLOADER = "[data-testid=stFileUploaderDropzoneInput]"
NEWER = [SYNTHETIC[0], ["SYN-4", "Synthetic project four", "", "", "C4", "", "", "", ""]]
HOSTILE = [["=1+2", *SYNTHETIC[0][1:]], SYNTHETIC[1], [SYNTHETIC[1][0], *SYNTHETIC[2][1:]]]


def upload(page: Page, name: str, content: bytes) -> None:
    page.locator(UPLOADER).set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])


def import_section(page: Page, lang: str) -> Page:
    """Open the curation page in `lang` at 1280×720 with the import section at the top of the window."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{page.url.split('/curation')[0]}/curation?lang={lang}")
    return page


def test_a_curator_uploads_checks_and_imports_a_file_and_a_hostile_file_is_refused_line_by_line(
    browser, curated_app, identity_provider, screenshot
):
    curator = sign_in(browser, curated_app, identity_provider, CURATOR)
    upload(curator, "synthetic.csv", csv_bytes(SYNTHETIC))
    expect(curator.get_by_text("Check of synthetic.csv (dry run, nothing stored yet)")).to_be_visible(timeout=30_000)
    curator.get_by_role("button", name="Import", exact=True).click()
    # Shown literally: escaped, with an invisible word joiner after the colon.
    imported = re.compile("Imported synthetic.csv:\u2060? 3 added, 0 changed, 0 withdrawn, 0 unchanged")
    expect(curator.get_by_text(imported)).to_be_visible(timeout=30_000)
    expect(curator.get_by_text("Nothing would change")).to_be_visible(timeout=30_000)

    open_page(curator, f"{curated_app}/activities_regions")
    expect(curator.get_by_text(re.compile("3 projects imported from synthetic.csv")).first).to_be_attached()

    open_page(curator, f"{curated_app}/curation")
    upload(curator, "hostile.csv", csv_bytes(HOSTILE))
    expect(curator.get_by_text(re.compile("The file was refused and nothing was stored"))).to_be_visible(timeout=30_000)
    problems = curator.locator("[data-testid=stText]").last
    expect(problems).to_contain_text("Row 2, column id: '=1+2'")
    expect(problems).to_contain_text(
        "Row 4, column id: 'SYN-2' — each id must be unique; this one is first used in row 3"
    )
    expect(curator.locator("[data-testid=stException]")).to_have_count(0)

    for lang in ("ar", "fr", "zh"):
        import_section(curator, lang)
        upload(curator, "synthetic-v2.csv", csv_bytes(NEWER))
        expect(curator.locator("[data-testid=stMetric]")).to_have_count(4, timeout=30_000)
        curator.locator("[data-testid=stMetric]").first.scroll_into_view_if_needed()
        screenshot(curator, f"evidence_import_dry_run_{lang}")
        upload(curator, "hostile.csv", csv_bytes(HOSTILE))
        expect(curator.locator("[data-testid=stAlertContentError]")).to_be_visible(timeout=30_000)
        # The problems in the curator's language, the first row number isolated in Arabic.
        duplicate = t("evsearch.problem.duplicate_id", lang, first_row=isolated(3, lang))
        expect(curator.locator("[data-testid=stText]").last).to_contain_text(duplicate)
        curator.locator("[data-testid=stAlertContentError]").scroll_into_view_if_needed()
        screenshot(curator, f"evidence_import_problems_{lang}")


def test_a_header_with_hostile_column_names_is_refused_with_each_problem_on_its_own_line_in_arabic_french_and_chinese(
    browser, curated_app, identity_provider, screenshot
):
    hostile = [*HOSTILE_COLUMN_NAMES, "x" * 5000]
    header = [*RECORD_COLUMNS, *hostile, *hostile]
    curator = sign_in(browser, curated_app, identity_provider, CURATOR)
    for lang in ("ar", "fr", "zh"):
        import_section(curator, lang)
        upload(curator, "hostile-header.csv", csv_bytes([], header))
        expect(curator.locator("[data-testid=stAlertContentError]")).to_be_visible(timeout=30_000)
        problems = curator.locator("[data-testid=stText]").last
        # Two problems (unexpected and duplicated columns), two lines: a column's line break forges none.
        lines = [line for line in problems.inner_text().split("\n") if line.strip()]
        assert len(lines) == 2, lines
        expect(problems).to_contain_text("'line1\\nline2'")
        expect(problems).to_contain_text("'\\u202eevil\\u202c'")
        assert "x" * 61 not in problems.inner_text()
        expect(curator.locator("b")).to_have_count(0)
        expect(curator.locator("[data-testid=stException]")).to_have_count(0)
        curator.locator("[data-testid=stAlertContentError]").scroll_into_view_if_needed()
        screenshot(curator, f"evidence_import_hostile_header_{lang}")
