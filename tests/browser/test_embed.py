"""Embeds in a real Chromium: a chart of the dashboard inside an <iframe> of a page served from another local port,
offline, and the frame-ancestors headers that allow it."""

import contextlib
import threading
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from analytics.chart_registry import CHARTS, chart_view
from analytics.request import ViewRequest
from tests.browser.server import APP_IDLE, free_port
from ui.embed import plain_title
from wsis_data.dataset import committed_dataset
from wsis_data.safe_text import WORD_JOINER

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def host_page(folder, html: str):
    """Serve one HTML page (another site, as far as the browser knows) from a free 127.0.0.1 port."""
    (folder / "index.html").write_text(html, encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def offline(page) -> list[str]:
    """Let the page reach only 127.0.0.1; return the list of every other request it tried (each one refused)."""
    refused: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:", "about:")):
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort()

    page.route("**/*", route)
    return refused


def test_an_embed_in_another_sites_iframe_renders_its_chart_with_its_parameters_and_no_network(
    page, server_url, tmp_path, screenshot
):
    refused = offline(page)
    frames = (
        f'<iframe id="coverage" title="coverage" width="900" height="720" '
        f'src="{server_url}/embed?chart=coverage&lang=fr&sdg=4,9&embed=true"></iframe>'
        f'<iframe id="unknown" title="unknown" width="900" height="300" '
        f'src="{server_url}/embed?chart=pie&embed=true"></iframe>'
    )
    with host_page(tmp_path, f"<!DOCTYPE html><html><body>{frames}</body></html>") as url:
        assert urlsplit(url).port != urlsplit(server_url).port
        page.goto(url)
        chart = page.frame_locator("#coverage")
        expect(chart.locator(APP_IDLE)).to_be_attached(timeout=60_000)
        plot = chart.locator("[data-testid=stPlotlyChart] .js-plotly-plot")
        expect(plot.locator("svg.main-svg").first).to_be_attached(timeout=60_000)
        expected = chart_view("coverage", committed_dataset(), ViewRequest(lang="fr", sdgs=(4, 9)))
        # Markdown escaping joins a colon to its word with an invisible WORD JOINER.
        assert chart.locator("h1").inner_text().replace(WORD_JOINER, "").strip() == plain_title(expected)
        assert plot.evaluate("element => element.data[0].x.length") == 2, "two goal columns: sdg=4,9"
        expect(chart.locator("[data-testid=stSidebar]")).to_have_count(0)
        expect(chart.get_by_role("link", name="Ouvrir la vue complète")).to_have_attribute(
            "href", f"{server_url}/matrix_explorer?lang=fr&sdg=4%2C9&edition=1"
        )
        unknown = page.frame_locator("#unknown")
        expect(unknown.locator("[data-testid=stAlert]")).to_contain_text("pie", timeout=60_000)
        expect(unknown.locator("[data-testid=stAlert]")).to_contain_text(", ".join(CHARTS))
        screenshot(page, "embed_in_iframe")
    assert refused == []


def _frame_ancestors(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Security-Policy"]


def test_any_site_may_frame_the_embed_urls_and_only_the_app_itself_may_frame_the_rest(server_url):
    assert _frame_ancestors(f"{server_url}/embed?chart=coverage") == "frame-ancestors *"
    assert _frame_ancestors(f"{server_url}/") == "frame-ancestors 'self'"
    assert _frame_ancestors(f"{server_url}/matrix_explorer") == "frame-ancestors 'self'"
