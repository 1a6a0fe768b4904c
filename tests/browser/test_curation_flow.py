"""The curation flow in a real Chromium, signed in through a real OpenID Connect provider that the test starts:
a curator proposes, a second user reviews, an admin publishes, a delegate opens the new edition and the diff."""

import os
import re
import secrets
import threading
from collections.abc import Iterator

import oidc_provider_mock
import pytest
import werkzeug.serving
from playwright.sync_api import Browser, Page, expect

from tests.browser.server import free_port, streamlit_server
from tests.browser.test_dashboard_in_chromium import open_page
from wsis_data.store import connect, grant_role

pytestmark = pytest.mark.browser

CURATOR, REVIEWER, ADMIN = "ana@example.org", "ben@example.org", "ada@example.org"
# The provider and the app talk plain HTTP on the loopback interface; Authlib refuses that unless told.
INSECURE_LOOPBACK = {"AUTHLIB_INSECURE_TRANSPORT": "1"}
EDITION_2 = re.compile(r"^Edition 2: Revision after HLPF 2027 \(\d{4}-\d{2}-\d{2}\)$")


@pytest.fixture(scope="module")
def identity_provider() -> Iterator[str]:
    """Serve an OpenID Connect provider (oidc-provider-mock) on 127.0.0.1; any `sub` typed in its form signs in,
    with that value as the e-mail claim."""
    previous = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ.update(INSECURE_LOOPBACK)
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        if previous is None:
            os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)


@pytest.fixture(scope="module")
def curated_app(identity_provider, tmp_path_factory) -> Iterator[str]:
    """Start the dashboard with a temporary `secrets.toml` naming the provider and a temporary SQLite store."""
    folder = tmp_path_factory.mktemp("curation")
    database = f"sqlite:///{folder / 'wsis.sqlite3'}"
    store = connect(database)
    for email, role in ((CURATOR, "curator"), (REVIEWER, "reviewer"), (ADMIN, "admin")):
        grant_role(store, email, role)
    store.engine.dispose()
    port = free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "wsis-dashboard"\n'
        'client_secret = "SYNTHETIC-test-client-secret"\n'
        f'server_metadata_url = "{identity_provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with streamlit_server(
        port=port,
        options=("--secrets.files", str(secrets_file)),
        env={"WSIS_DATABASE_URL": database, **INSECURE_LOOPBACK},
    ) as url:
        yield url


def new_page(browser: Browser) -> Page:
    return browser.new_context(viewport={"width": 1280, "height": 2000}, locale="en-GB").new_page()


def sign_in(browser: Browser, app_url: str, provider_url: str, email: str) -> Page:
    """Open the curation page in a browser of its own and sign in at the provider as `email`."""
    page = new_page(browser)
    open_page(page, f"{app_url}/curation")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider_url}/**", timeout=30_000)
    page.locator("input[name=sub]").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**", timeout=30_000)
    open_page(page, f"{app_url}/curation")
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible(timeout=30_000)
    return page


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_a_curator_proposes_a_reviewer_accepts_an_admin_publishes_and_a_delegate_opens_the_new_edition(
    browser, curated_app, identity_provider, screenshot
):
    curator = sign_in(browser, curated_app, identity_provider, CURATOR)
    choose(curator, "Change", "Set a link's validation status")
    curator.get_by_role("spinbutton", name="Link number (see the table of links below)").fill("3")
    choose(curator, "Validation status", "validated by evidence")
    curator.get_by_role("textbox", name="Evidence item ids").fill("itu-2024-17")
    curator.get_by_role("textbox", name="Reason for the change").fill("Checked against the 2024 activity report")
    curator.get_by_role("button", name="Propose").click()
    expect(curator.get_by_text("Proposal 1 recorded")).to_be_visible(timeout=30_000)
    screenshot(curator, "curation_proposed")

    reviewer = sign_in(browser, curated_app, identity_provider, REVIEWER)
    reviewer.get_by_role("textbox", name="Review comment").fill("Evidence checked")
    reviewer.get_by_role("button", name="Accept").click()
    expect(reviewer.get_by_text("Proposal 1 accepted into the draft edition.")).to_be_visible(timeout=30_000)

    admin = sign_in(browser, curated_app, identity_provider, ADMIN)
    admin.get_by_role("textbox", name="Label", exact=True).fill("Revision after HLPF 2027")
    admin.get_by_role("button", name="Publish").click()
    expect(admin.get_by_text("Edition 2 is published")).to_be_visible(timeout=30_000)
    screenshot(admin, "curation_published")

    delegate = new_page(browser)
    open_page(delegate, f"{curated_app}/?edition=2")
    expect(delegate.get_by_role("combobox", name="Matrix edition")).to_have_value(EDITION_2)
    # The caption shows the curator's label literally: escaped, with invisible word joiners after `:` and `-`.
    expect(
        delegate.get_by_text(re.compile("Data edition:\u2060? Edition 2:\u2060? Revision after HLPF 2027")).first
    ).to_be_visible()
    open_page(delegate, f"{curated_app}/editions?edition=2&base=1")
    # Link 3 changed twice: its status (proposed → validated) and its evidence (none → itu-2024-17).
    expect(delegate.get_by_text("Since edition 1: 0 links added, 0 removed, 2 changes")).to_be_visible()
    expect(delegate.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(delegate, "editions_diff_1_to_2")
