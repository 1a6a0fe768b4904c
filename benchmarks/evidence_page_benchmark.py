"""Benchmark of the evidence page's server work with 200,000 SYNTHETIC stocktaking projects loaded; prints, asserts nothing.

    .venv/bin/python benchmarks/evidence_page_benchmark.py [--rows N] [--repeats N] [--store PATH]

The SYNTHETIC projects (`benchmarks.synthetic`) are imported into an SQLite edition store, as a curator's import
would put them (`--store PATH` keeps that store and reuses it on the next run: the load benchmark can serve it with
`--store PATH`). The dashboard then runs in-process with streamlit's AppTest against that store, and the figures
are the wall time of one script run (the server's work for one interaction, no network), median and p95 over
--repeats runs, each as on filters no run asked for before: before each run, the cached numbers that depend on the
changed field (region, or cell) and every page-level cache are cleared; the dataset, its per-dataset indexes and
the numbers that do not depend on that field stay built, as on a running server:
  - the activities and regions page after a cell is chosen in the evidence cell list (the whole page: activities,
    evidence, region matrix, map), then after a region change with a cell open;
  - the matrix explorer after a cell is chosen (its rationales and its evidence block);
  - the evidence part alone after a region change and after a cell choice: the view functions the page calls for it
    (target: ≤ 100 ms).
The machine may be shared: the load average is printed beside every figure.
"""

import argparse
import contextlib
import inspect
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_stocktaking  # noqa: E402
from wsis_data.constants import ITU_REGIONS, REGION_SCOPES  # noqa: E402

SOURCE = "wsis_stocktaking"
ACTIVITIES = "app_pages/activities_regions.py"
EXPLORER = "app_pages/matrix_explorer.py"
# The caches built once per dataset (or process) that a running server keeps; every other cache is per filter.
DATASET_CACHES = ("_edition_dataset", "_tables_folder", "_published", "_evidence_state", "evidence_listing")


def linked_cells(count: int = 8) -> tuple[str, ...]:
    """Return `count` cells the matrix links, spread over it, as the cell lists write them (`C7.3:4`)."""
    from analytics.view_data import ALL_GOALS, goal_coverage
    from wsis_data.dataset import committed_dataset

    linked = goal_coverage(committed_dataset(), "linked", "split", ALL_GOALS).linked.stack()
    cells = [f"{line}:{goal}" for (line, goal), value in linked.items() if value]
    return tuple(cells[:: max(1, len(cells) // count)][:count])


CELLS = linked_cells()


def prepare_store(path: Path, rows: int) -> None:
    """Import `rows` SYNTHETIC stocktaking projects into a fresh SQLite edition store at `path`, unless it exists."""
    if path.exists():
        print(f"SYNTHETIC store reused: {path}")
        return
    from wsis_data.evidence_import import import_stocktaking_file
    from wsis_data.store import connect
    from wsis_data.store.evidence import DatabaseEvidenceRepository

    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "synthetic_stocktaking.csv"
        synthetic_stocktaking(rows).to_csv(csv, index=False)
        start = time.perf_counter()
        store = connect(f"sqlite:///{path}")
        import_stocktaking_file(csv, SOURCE, DatabaseEvidenceRepository(store))
        store.engine.dispose()
    print(f"SYNTHETIC store: {rows:,} stocktaking projects imported into {path} in {time.perf_counter() - start:.1f} s")


def store_arguments(description: str, repeats: int) -> argparse.Namespace:
    """Parse the command line every benchmark over the SYNTHETIC store takes: --rows, --repeats and --store."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=repeats)
    parser.add_argument("--store", type=Path, help="the SQLite store of the SYNTHETIC projects, made if missing")
    return parser.parse_args()


@contextlib.contextmanager
def synthetic_store_served(store: Path | None, rows: int) -> Iterator[None]:
    """Make (or reuse) the SYNTHETIC store, in a scratch folder unless `store` names one, and serve it to this
    process's dataset (WSIS_DATABASE_URL) while the block runs."""
    with tempfile.TemporaryDirectory() as folder:
        path = (store or Path(folder) / "synthetic.sqlite3").resolve()
        prepare_store(path, rows)
        os.environ["WSIS_DATABASE_URL"] = f"sqlite:///{path}"
        yield


def clear_filter_caches(changed: set[str]) -> None:
    """Forget every result that depends on the `changed` request fields (the numbers whose function takes one of
    them, and every page-level cache, keyed on the request), keeping the dataset and what is built once per dataset."""
    from analytics import view_data
    from ui import cached

    per_filter = [
        value
        for value in vars(view_data).values()
        if hasattr(value, "cache_parameters") and value.cache_parameters()["maxsize"] == view_data.CACHE_SIZE
    ]
    for value in per_filter:
        if changed & set(inspect.signature(value.__wrapped__).parameters):
            value.cache_clear()
    for name, value in vars(cached).items():
        # The cached functions (Streamlit's, and the page views' wrappers): not dicts or modules that have a `clear`.
        if name not in DATASET_CACHES and callable(value) and not isinstance(value, type) and hasattr(value, "clear"):
            value.clear()


REGION, CELL = {"region"}, {"action_line", "goal"}


def figures(label: str, run: Callable[[int], None], repeats: int, changed: set[str]) -> None:
    """Time `run(i)` for i in 0…repeats-1, each after clearing the caches of the `changed` fields; print median,
    p95 and the load average."""
    timings = []
    for i in range(repeats):
        clear_filter_caches(changed)
        start = time.perf_counter()
        run(i)
        timings.append((time.perf_counter() - start) * 1000)
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"{label}: median {statistics.median(timings):,.1f} ms, p95 {p95:,.1f} ms, max {ordered[-1]:,.1f} ms "
        f"over {repeats} runs (load average {os.getloadavg()[0]:.2f})",
        flush=True,
    )


def app_figures(repeats: int) -> None:
    """Print the AppTest script runs of the activities page and the explorer after a region change or a cell choice."""
    from streamlit.testing.v1 import AppTest

    def opened(page: str) -> AppTest:
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        test.run()
        test.switch_page(page)
        return test.run()

    start = time.perf_counter()
    test = opened(ACTIVITIES)
    assert not test.exception, [exception.value for exception in test.exception]
    print(f"first run of the activities page (dataset and indexes built): {time.perf_counter() - start:.1f} s")

    def cell_choice(i: int) -> None:
        test.selectbox(key="evidence_cell").set_value(CELLS[i % len(CELLS)]).run()
        assert not test.exception, [exception.value for exception in test.exception]

    figures("activities page, script run after a cell choice", cell_choice, repeats, CELL)
    test.selectbox(key="evidence_cell").set_value(CELLS[0]).run()
    regions = [scope for scope in REGION_SCOPES if scope != test.sidebar.selectbox(key="widget.region").value]

    def region_change(i: int) -> None:
        test.sidebar.selectbox(key="widget.region").set_value(regions[i % len(regions)]).run()
        assert not test.exception, [exception.value for exception in test.exception]

    figures(
        f"activities page, script run after a region change with cell {CELLS[0]} open", region_change, repeats, REGION
    )

    explorer = opened(EXPLORER)

    def explorer_cell(i: int) -> None:
        action_line, goal = CELLS[i % len(CELLS)].split(":")
        explorer.selectbox(key="widget.cell").set_value((action_line, goal)).run()
        assert not explorer.exception, [exception.value for exception in explorer.exception]

    figures("matrix explorer, script run after a cell choice", explorer_cell, repeats, CELL)


def evidence_part_figures(repeats: int) -> None:
    """Print the evidence part's view functions after a region change and after a cell choice (target ≤ 100 ms)."""
    from analytics import views
    from analytics.request import ViewRequest
    from ui import cached

    dataset = cached.dataset()
    print(f"dataset served: {len(dataset.evidence_items):,} evidence items, {len(dataset.evidence_links):,} links")
    part = evidence_part(views)

    def region_change(i: int) -> None:
        part(dataset, ViewRequest(region=(*ITU_REGIONS, "Global")[i % 7]), CELLS[0])

    def cell_choice(i: int) -> None:
        part(dataset, ViewRequest(), CELLS[i % len(CELLS)])

    figures("evidence part (view functions), after a region change with a cell open", region_change, repeats, REGION)
    figures("evidence part (view functions), after a cell choice", cell_choice, repeats, CELL)


def evidence_part(views) -> Callable:
    """Return what the evidence part computes for a request and an open cell (the code of the branch it runs on)."""
    from analytics import view_data
    from analytics.chart_registry import chart_view

    def run(dataset, request, cell: str) -> None:
        action_line, goal = cell.split(":")
        chart_view("evidence", dataset, request)
        view_data.evidence_by_region(dataset, request.c7, request.evidence_sources)
        views.evidence_sources_view(dataset, request)
        views.evidence_cell_choices(dataset, request)
        cell_view = views.evidence_cell_view(dataset, request, action_line, int(goal))
        # Since the lists are bounded, the part shows the first page of each (before, it built every item).
        if hasattr(views, "evidence_cell_page"):
            for listing in cell_view.listings.values():
                views.evidence_cell_page(dataset, listing, 0)

    return run


def main() -> int:
    args = store_arguments(__doc__.splitlines()[0], repeats=14)
    with synthetic_store_served(args.store, args.rows):
        app_figures(args.repeats)
        evidence_part_figures(args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
