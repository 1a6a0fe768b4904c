"""Benchmark of the analytics on a SYNTHETIC 1,000,000-row activity table; prints figures, asserts nothing.

    .venv/bin/python benchmarks/analytics_benchmark.py [--rows N] [--repeats N]

Figures:
  - region-filtered coverage recompute (what a filter change costs once the activity cells are prepared),
    median over repeats, against the floor of one numpy bincount over the same columns in the same run;
  - graph measures on the real matrix (both bipartite graphs, built and measured), median over repeats.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.evidence import activity_cells, activity_counts
from analytics.graphs import action_line_goal_graph, action_line_target_graph, graph_measures
from benchmarks.synthetic import synthetic_activities
from benchmarks.timing import median_ms
from wsis_data.constants import ITU_REGIONS, SDG_GOALS
from wsis_data.dataset import activity_links, committed_dataset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()

    start = time.perf_counter()
    dataset = committed_dataset()
    activities = synthetic_activities(args.rows)
    cells = activity_cells(activity_links(activities, dataset.target_dtype))
    prepare_s = time.perf_counter() - start
    print(
        f"SYNTHETIC activities: {args.rows:,} rows -> {len(cells):,} activity cells, prepared once in {prepare_s:.1f} s"
    )

    regions = iter(ITU_REGIONS * args.repeats)
    coverage_ms = median_ms(lambda: activity_counts(cells, next(regions)), args.repeats)

    region_codes = cells["region"].cat.codes.to_numpy()
    flat = cells["action_line"].cat.codes.to_numpy(dtype=np.int64) * len(SDG_GOALS) + cells["goal"].to_numpy() - 1
    code_of = {name: code for code, name in enumerate(cells["region"].cat.categories)}
    floor_regions = iter(ITU_REGIONS * args.repeats)
    floor_ms = median_ms(
        lambda: np.bincount(flat[region_codes == code_of[next(floor_regions)]], minlength=18 * 17), args.repeats
    )
    print(f"region-filtered coverage matrix: median {coverage_ms:.1f} ms (target <= 50 ms)")
    print(f"floor, one numpy bincount pass over the same columns: median {floor_ms:.1f} ms")
    print(f"ratio to floor: {coverage_ms / floor_ms:.2f}x")

    links = dataset.matrix_links
    graph_measures(action_line_goal_graph(links))
    graph_ms = median_ms(
        lambda: (graph_measures(action_line_goal_graph(links)), graph_measures(action_line_target_graph(links))),
        args.repeats,
    )
    print(f"graph measures on the real matrix (both bipartite graphs): median {graph_ms:.1f} ms (target <= 200 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
