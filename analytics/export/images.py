"""Static images of plotly figures (PNG, SVG, PDF) rendered by kaleido through an installed Chromium or Chrome.

`render_many` renders a whole batch in one browser session rather than starting a browser per image.
"""

import asyncio
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import plotly.graph_objects as go

T = TypeVar("T")
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
PNG_SCALE = 2
# The map geometry the app serves (static/topojson), given to plotly.js so that no CDN is asked for it.
TOPOJSON_URL = (Path(__file__).resolve().parents[2] / "static" / "topojson").as_uri() + "/"
BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "google-chrome", "chrome")
INSTALL_HINT = "sudo apt-get install chromium"
# Flags for a headless Chromium on a machine with no network beyond loopback and no user namespace sandbox.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


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


def in_own_thread(work: Callable[[], T]) -> T:
    """Return `work()` run in a thread of its own, so that its event loop never meets the caller's (Streamlit,
    Playwright and notebooks each run one)."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(work).result()


class ImageSession:
    """A browser that renders figures to PNG (scale 2), SVG or PDF bytes."""

    def __init__(self, browser: str) -> None:
        os.environ.setdefault("BROWSER_PATH", browser)

    def render_many(self, jobs: list[tuple[go.Figure | dict, str]]) -> list[bytes]:
        """Return the images of (figure, format) jobs, in order, all rendered in this one browser."""
        for _figure, fmt in jobs:
            if fmt not in IMAGE_FORMATS:
                raise ValueError(f"unknown image format {fmt!r}: expected one of {', '.join(IMAGE_FORMATS)}")
        return in_own_thread(lambda: asyncio.run(self._render_all(jobs)))

    def render(self, figure: go.Figure | dict, fmt: str) -> bytes:
        """Return one figure as an image in `fmt` (png, svg or pdf)."""
        return self.render_many([(figure, fmt)])[0]

    async def _render_all(self, jobs: list[tuple[go.Figure | dict, str]]) -> list[bytes]:
        import kaleido

        # One tab, one figure after another: kaleido reloads a tab after each figure, which is CPU-bound, so
        # more tabs on a two-core machine made a batch slower, not faster (measured).
        async with kaleido.Kaleido(n=1) as renderer:
            return [
                await renderer.calc_fig(
                    figure, opts={"format": fmt, "scale": PNG_SCALE if fmt == "png" else 1}, topojson=TOPOJSON_URL
                )
                for figure, fmt in jobs
            ]


@contextmanager
def image_session() -> Iterator[ImageSession]:
    """Yield a session for rendering images; raise BrowserMissing when no Chromium or Chrome is installed."""
    browser = find_browser()
    if browser is None:
        raise BrowserMissing()
    yield ImageSession(browser)
