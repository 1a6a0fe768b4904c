"""Static images of plotly figures (PNG, SVG, PDF) rendered by kaleido through an installed Chromium or Chrome.

`render_many` renders a whole batch in one browser session and one loaded page, rather than starting a browser,
or reloading plotly.js, per image.
"""

import asyncio
import base64
import html
import io
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import kaleido
import plotly.graph_objects as go
from choreographer.protocol.devtools_async_helpers import execute_js_and_wait, navigate_and_wait
from pypdf import PdfReader, PdfWriter

T = TypeVar("T")
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
PNG_SCALE = 2
# The map geometry the app serves (static/topojson), given to plotly.js so that no CDN is asked for it.
TOPOJSON_URL = (Path(__file__).resolve().parents[2] / "static" / "topojson").as_uri() + "/"
BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "google-chrome", "chrome")
INSTALL_HINT = "sudo apt-get install chromium"
# Printed documents set their margins with CSS (@page); the printer adds none of its own.
PRINT_MARGINS = {"marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0}


class BrowserMissing(RuntimeError):
    """Raised when no Chromium or Chrome is installed to render images."""

    def __init__(self) -> None:
        super().__init__(f"image export needs Chromium or Chrome; install one with: {INSTALL_HINT}")


def find_browser() -> str | None:
    """Return the path of an installed Chromium or Chrome, or None."""
    if (configured := os.environ.get("BROWSER_PATH")) and Path(configured).exists():
        return configured
    for candidate in BROWSER_CANDIDATES:
        if found := shutil.which(candidate):
            return found
    return None


class BatchKaleido(kaleido.Kaleido):
    """kaleido's renderer, keeping its tab loaded from one figure to the next.

    kaleido reloads its page (plotly.js, 4.6 MB) after every figure, which made a 24-image pack spend more time
    reloading than rendering. Its page script draws each figure in a detached element that it purges, and the
    PDF step overwrites the page's image and page size every time, so nothing of one figure reaches the next:
    tests render a figure fresh and after others and compare the images.
    """

    async def _return_kaleido_tab(self, tab) -> None:
        await self.tabs_ready.put(tab)


class ImageSession:
    """One browser, open until the session closes, that renders figures to PNG (scale 2), SVG or PDF bytes and
    prints HTML documents to PDF.

    The browser's event loop runs in a thread of its own, so that it never meets the caller's (Streamlit,
    Playwright and notebooks each run one).
    """

    def __init__(self, browser: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="image-session", daemon=True)
        self._thread.start()
        self._renderer: BatchKaleido | None = None
        try:
            self._renderer = self._call(self._open(browser))
        except BaseException:
            self.close()
            raise

    def _call(self, coroutine: Coroutine[object, object, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    @staticmethod
    async def _open(browser: str) -> BatchKaleido:
        # One tab, one figure after another: more tabs on a two-core machine made a batch slower (measured).
        # No MathJax: no chart uses LaTeX, and kaleido's default fetches it from a CDN, which offline can stall a
        # page load for seconds.
        renderer = BatchKaleido(n=1, mathjax=False, path=browser)
        await renderer.open()
        return renderer

    def close(self) -> None:
        """Close the browser and stop its thread."""
        try:
            if self._renderer is not None:
                self._call(self._renderer.__aexit__(None, None, None))
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def render_many(self, jobs: list[tuple[go.Figure | dict, str]]) -> list[bytes]:
        """Return the images of (figure, format) jobs, in order, all rendered in this session's browser."""
        for _figure, fmt in jobs:
            if fmt not in IMAGE_FORMATS:
                raise ValueError(f"unknown image format {fmt!r}: expected one of {', '.join(IMAGE_FORMATS)}")
        return self._call(self._render_all(jobs))

    def render(self, figure: go.Figure | dict, fmt: str) -> bytes:
        """Return one figure as an image in `fmt` (png, svg or pdf)."""
        return self.render_many([(figure, fmt)])[0]

    async def _render_all(self, jobs: list[tuple[go.Figure | dict, str]]) -> list[bytes]:
        return [
            titled(
                await self._renderer.calc_fig(
                    figure, opts={"format": fmt, "scale": PNG_SCALE if fmt == "png" else 1}, topojson=TOPOJSON_URL
                ),
                fmt,
                document_title(figure),
            )
            for figure, fmt in jobs
        ]

    def print_pdf(self, document: str) -> bytes:
        """Return an HTML document printed to PDF in this session's browser, at the page size its CSS gives."""
        return self._call(self._print(document))

    async def _print(self, document: str) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "document.html"
            page.write_text(document, encoding="utf-8")
            tab = await self._renderer.create_tab()
            try:
                await navigate_and_wait(tab, page.as_uri())
                await execute_js_and_wait(tab, "document.fonts.ready.then(() => true)")
                response = await tab.send_command(
                    "Page.printToPDF",
                    params={"printBackground": True, "preferCSSPageSize": True, **PRINT_MARGINS},
                )
            finally:
                await self._renderer.close_tab(tab)
        if "error" in response:
            raise RuntimeError(f"the browser could not print the document: {response['error']}")
        return base64.b64decode(response["result"]["data"])


def document_title(figure: go.Figure | dict) -> str:
    """Return a figure's title as plain text (no markup), the title its exported file carries."""
    if isinstance(figure, go.Figure):
        # Read in place: the figure's whole dictionary is a deep copy (25 ms for the target-level heatmap), and the
        # download buttons ask on every page run.
        text = figure.layout.title.text
    else:
        title = figure.get("layout", {}).get("title", {})
        text = title.get("text", "") if isinstance(title, dict) else str(title or "")
    return html.unescape(re.sub(r"<[^>]+>", " ", text or "")).strip()


def titled(data: bytes, fmt: str, title: str) -> bytes:
    """Return an SVG with a `<title>` or a PDF with its document title; a PNG, or no title, unchanged."""
    if not title or fmt == "png":
        return data
    if fmt == "svg":
        svg = data.decode("utf-8")
        opening = svg.index(">", svg.index("<svg")) + 1
        return (svg[:opening] + f"<title>{html.escape(title)}</title>" + svg[opening:]).encode("utf-8")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@contextmanager
def image_session() -> Iterator[ImageSession]:
    """Yield an open browser session for rendering images and printing documents, and close it afterwards;
    raise BrowserMissing when no Chromium or Chrome is installed."""
    browser = find_browser()
    if browser is None:
        raise BrowserMissing()
    session = ImageSession(browser)
    try:
        yield session
    finally:
        session.close()
