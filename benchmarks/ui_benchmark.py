"""Benchmark of the dashboard in headless Chromium (Debian) and in AppTest; prints figures, asserts nothing.

    .venv/bin/python benchmarks/ui_benchmark.py [--repeats N]

Figures:
  - warm script run of each page (AppTest, median of N runs after a first warm-up run);
  - cold first load: a freshly started server (`python -m ui.server`, as `make run` starts it), a new browser
    context with an empty cache, up to the matrix heatmap being visible;
  - first load of a new browser session on the now warm server, with the default view and with a deep link whose
    views the server has not built yet;
  - filter change (C7 split ↔ merged on the matrix explorer) up to the redrawn heatmap, median of N changes.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.browser.server import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402
from ui.registry import PAGES  # noqa: E402

HEATMAP_CELLS = "[data-testid=stPlotlyChart] g.scatterlayer path.point"


def page_runs(repeats: int) -> None:
    for spec in PAGES:
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
        test.switch_page(spec.path).run()
        timings = []
        for _ in range(repeats):
            start = time.perf_counter()
            test.run()
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"warm script run, {spec.url_path or 'overview (root)'}: median {statistics.median(timings):.0f} ms (target <= 300 ms)"
        )


def wait_for_cells(page, count: int) -> None:
    page.wait_for_function(
        "([selector, count]) => document.querySelectorAll(selector).length === count",
        arg=[HEATMAP_CELLS, count],
        timeout=60_000,
    )


def time_to_heatmap(browser, url: str) -> float:
    """Return the seconds from opening a URL in a new browser context (empty cache) to its first heatmap cell."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.locator(HEATMAP_CELLS).first.wait_for(state="attached", timeout=60_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def cold_loads(browser) -> None:
    """Print the first load of the overview (the root URL) and of the explorer, each on a freshly started server."""
    for label, path in (("overview (root URL)", ""), ("matrix explorer", "matrix_explorer")):
        start_server = time.perf_counter()
        with streamlit_server() as url:
            server_s = time.perf_counter() - start_server
            elapsed = time_to_heatmap(browser, f"{url}/{path}")
        print(
            f"cold first load, {label}, fresh server: {elapsed:.2f} s up to the heatmap (target <= 3 s; "
            f"the server's start-up before it, including its data loading, {server_s:.1f} s, not counted)"
        )


def browser_figures(repeats: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cold_loads(browser)
        with streamlit_server() as url:
            time_to_heatmap(browser, url)  # one visit first: the server has served a session before these
            warm = (
                ("matrix explorer, default view", "/matrix_explorer"),
                (
                    "matrix explorer, a deep link whose views are not built yet",
                    "/matrix_explorer?lang=fr&sdg=9&region=Africa",
                ),
            )
            for label, path in warm:
                elapsed = time_to_heatmap(browser, url + path)
                print(f"first load of a new session on a warm server, {label}: {elapsed:.2f} s (target <= 3 s)")
            filter_changes(browser, url, repeats)
        browser.close()


def filter_changes(browser, url: str, repeats: int) -> None:
    """Print the median time from a click on the C7 control to the redrawn heatmap."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/matrix_explorer")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    wait_for_cells(page, 18 * 17)
    sidebar = page.locator("[data-testid=stSidebar]")
    timings = []
    for index in range(repeats):
        merged = index % 2 == 0
        option = "One row" if merged else "Eight rows"
        start = time.perf_counter()
        sidebar.get_by_text(option, exact=True).click()
        wait_for_cells(page, (11 if merged else 18) * 17)
        page.wait_for_selector(APP_IDLE, timeout=60_000)
        timings.append((time.perf_counter() - start) * 1000)
    print(
        f"filter change up to the redrawn heatmap: median {statistics.median(timings):.0f} ms over {repeats} (target <= 500 ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    browser_figures(args.repeats)
    page_runs(args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
