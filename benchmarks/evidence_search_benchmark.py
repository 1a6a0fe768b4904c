"""Benchmark of a search inside a cell's evidence with 200,000 SYNTHETIC stocktaking projects; prints, asserts nothing.

    .venv/bin/python benchmarks/evidence_search_benchmark.py [--rows N] [--repeats N] [--store PATH]

The SYNTHETIC projects (`benchmarks.synthetic`) are imported into an SQLite edition store as the evidence page
benchmark does (`--store PATH` keeps it and reuses it). The figures, median and p95 over --repeats runs, are:
  - the items' folded search text, made once per dataset (`analytics.evidence_search.search_text`);
  - one search of the cell with the most items (both its lists, every region): the matches of a query over both
    lists and the first page of each, as the page shows them on a new query (nothing cached between runs), for
    queries that match every item, some thousands, a few, and none;
  - the CSV table of the matches of the selective query.
The machine may be shared: the load average is printed beside every figure.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.evidence_page_benchmark import store_arguments, synthetic_store_served  # noqa: E402

QUERIES = ("synthetic", "project 1", "0001", "SYN-0000123", "no-such-word")


def timed(label: str, run: Callable[[], object], repeats: int) -> object:
    """Print the median and p95 wall time of `run` over `repeats` runs, with the load average; return its result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"{label}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (load average {load})")
    return result


def biggest_cell(dataset, index) -> tuple[str, int, int]:
    """Return the (action line, goal) cell whose two lists hold the most entries in every region, and that count."""
    from analytics.coverage import row_order
    from analytics.evidence_listing import LISTINGS, cell_listing
    from wsis_data.constants import SDG_GOALS

    sizes = {
        (line, goal): sum(cell_listing(index, line, goal, levels).total for levels in LISTINGS.values())
        for line in row_order("split")
        for goal in SDG_GOALS
    }
    (line, goal), size = max(sizes.items(), key=lambda item: item[1])
    return line, goal, size


def main() -> int:
    args = store_arguments(__doc__.splitlines()[0], repeats=20)
    with synthetic_store_served(args.store, args.rows):
        from analytics import view_data
        from analytics.evidence_listing import LISTINGS, cell_listing, page_bounds
        from analytics.evidence_search import listing_matches, matches_rows, query_words, search_text
        from ui import cached

        dataset = cached.dataset()
        items, links = dataset.evidence_items, dataset.evidence_links
        print(f"dataset served: {len(items):,} evidence items, {len(links):,} links")
        index = view_data.evidence_listing(dataset)
        text = timed(
            "search text of every item (once per dataset)", lambda: search_text(items), max(1, args.repeats // 5)
        )
        line, goal, size = biggest_cell(dataset, index)
        print(f"biggest cell: {line} × SDG {goal}, {size:,} entries in its two lists (every region, every source)")
        listings = [cell_listing(index, line, goal, levels) for levels in LISTINGS.values()]

        def search(query: str) -> list:
            words = query_words(query)
            found = [listing_matches(index, text, listing, words) for listing in listings]
            for matches in found:
                matches_rows(index, items, links, matches, *page_bounds(matches.total, 0))
            return found

        for query in QUERIES:
            found = timed(f"search {query!r} in the biggest cell, first pages", lambda q=query: search(q), args.repeats)
            print(f"  {sum(matches.total for matches in found):,} of {size:,} entries match")
        selective = search(QUERIES[2])
        timed(
            f"CSV table of the matches of {QUERIES[2]!r}",
            lambda: [matches_rows(index, items, links, matches) for matches in selective],
            max(1, args.repeats // 4),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
