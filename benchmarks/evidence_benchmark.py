"""Benchmark of the evidence import and verdicts with 200,000 SYNTHETIC stocktaking projects; prints, asserts nothing.

    .venv/bin/python benchmarks/evidence_benchmark.py [--rows N] [--repeats N]

Figures:
  - import of a SYNTHETIC stocktaking CSV (read, validate whole, plan, apply) into the in-memory repository and
    into a fresh SQLite edition store, each in its own process: wall time and peak resident memory
    (targets: ≤ 60 s, ≤ 1.5 GiB);
  - the evidence index (committed + imported items exploded and counted for every region scope and C7 mode), once;
  - the evidence recompute after a filter change (the region), median over repeats (target ≤ 100 ms): the verdict
    arrays (`verdict_columns`) and the verdict frame (`evidence_verdicts`), against the floor of one numpy bincount
    over the same distinct (item, cell) pairs in the same run (target ≤ 3× the floor);
  - the evidence page with the SYNTHETIC projects loaded: the Dataset built with them (`with_loaded_evidence`), its
    evidence and cell listing indexes, then the page's evidence parts (chart, verdicts by region, sources, cell list,
    one cell's counts and the first page of its item lists) after a region change, median over repeats with the
    per-filter caches cleared, against the same floor.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import view_data, views
from analytics.chart_registry import chart_view
from analytics.coverage import coverage_matrix, row_order
from analytics.evidence import evidence_index, evidence_verdicts, verdict_columns
from analytics.request import ViewRequest
from benchmarks.synthetic import synthetic_stocktaking
from benchmarks.timing import median_ms
from wsis_data.constants import ITU_REGIONS, SDG_GOALS
from wsis_data.dataset import committed_dataset
from wsis_data.evidence_import import import_stocktaking_file
from wsis_data.evidence_store import InMemoryEvidenceRepository
from wsis_data.loaded_evidence import loaded_evidence, with_loaded_evidence

SOURCE = "wsis_stocktaking"


def _repository(kind: str, folder: Path):
    if kind == "memory":
        return InMemoryEvidenceRepository()
    from wsis_data.store import connect
    from wsis_data.store.evidence import DatabaseEvidenceRepository

    return DatabaseEvidenceRepository(connect(f"sqlite:///{folder / 'store.sqlite3'}"))


def import_once(path: Path, kind: str) -> dict:
    """Import the file into a fresh repository of `kind`; return seconds and this process's peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        repository = _repository(kind, Path(folder))
        start = time.perf_counter()
        plan = import_stocktaking_file(path, SOURCE, repository)
        seconds = time.perf_counter() - start
        again = time.perf_counter()
        import_stocktaking_file(path, SOURCE, repository)
        reimport = time.perf_counter() - again
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "reimport_seconds": reimport, "added": len(plan.added), "peak_mib": peak_kib / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--import-only", nargs=2, metavar=("FILE", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        print(json.dumps(import_once(Path(args.import_only[0]), args.import_only[1])))
        return 0

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic_stocktaking.csv"
        start = time.perf_counter()
        synthetic_stocktaking(args.rows).to_csv(path, index=False)
        print(
            f"SYNTHETIC stocktaking file: {args.rows:,} projects, {path.stat().st_size / 2**20:.1f} MiB, "
            f"written in {time.perf_counter() - start:.1f} s"
        )
        for kind in ("memory", "database"):
            run = subprocess.run(
                [sys.executable, __file__, "--import-only", str(path), kind], capture_output=True, text=True, check=True
            )
            figures = json.loads(run.stdout.splitlines()[-1])
            print(
                f"import into {kind:8}: {figures['seconds']:.1f} s for {figures['added']:,} added "
                f"(target ≤ 60 s); re-import of the same file {figures['reimport_seconds']:.1f} s; "
                f"peak memory of the importing process {figures['peak_mib']:,.0f} MiB (target ≤ 1,536 MiB)"
            )
        repository = InMemoryEvidenceRepository()
        import_stocktaking_file(path, SOURCE, repository)

    start = time.perf_counter()
    evidence = loaded_evidence(repository)
    loaded_s = time.perf_counter() - start
    index = evidence_index(evidence.items, evidence.links)
    print(
        f"evidence index: {len(evidence.items):,} items, {len(evidence.links):,} links -> {len(index.pairs):,} "
        f"distinct (item, cell) pairs; tables derived in {loaded_s:.1f} s, counted for every region and C7 mode "
        f"in {time.perf_counter() - start - loaded_s:.1f} s, once"
    )

    rows = row_order("split")
    linked = coverage_matrix(committed_dataset().matrix_links, committed_dataset().sdg_targets, "linked", "split")
    has_link = linked.reindex(index=rows, columns=list(SDG_GOALS), fill_value=0).to_numpy().ravel()
    scopes = [None, *ITU_REGIONS]
    choices = iter(scopes * args.repeats)
    arrays_ms = median_ms(lambda: verdict_columns(index, has_link, "split", next(choices)), args.repeats)
    choices = iter(scopes * args.repeats)
    frame_ms = median_ms(lambda: evidence_verdicts(index, linked, "split", next(choices)), args.repeats)
    size = len(index.sources) * len(rows) * len(SDG_GOALS)
    floor_ms = median_ms(lambda: np.bincount(index.pairs, minlength=size), args.repeats)
    print(
        f"recompute after a region change, verdicts of the 306 cells by source: {arrays_ms:.3f} ms as arrays, "
        f"{frame_ms:.3f} ms as the verdict frame (median; target ≤ 100 ms)"
    )
    print(
        f"floor, one bincount over the {len(index.pairs):,} pairs: {floor_ms:.3f} ms -> arrays "
        f"{arrays_ms / floor_ms:.2f}×, frame {frame_ms / floor_ms:.2f}× the floor (target ≤ 3×)"
    )
    page_figures(repository, floor_ms, args.repeats)
    return 0


_FILTER_CACHES = (
    view_data.evidence_verdict_frame,
    view_data.evidence_by_region,
    view_data.evidence_cell_listing,
)


def evidence_page(dataset, request: ViewRequest) -> None:
    """Build what the evidence section of the activities page shows for a request (no Streamlit)."""
    for cache in _FILTER_CACHES:
        cache.cache_clear()
    chart_view("evidence", dataset, request)
    view_data.evidence_by_region(dataset, request.c7, request.evidence_sources)
    views.evidence_sources_view(dataset, request)
    views.evidence_cell_choices(dataset, request)
    cell = views.evidence_cell_view(dataset, request, "C7.3", 4)
    for listing in cell.listings.values():
        views.evidence_cell_page(dataset, listing, 0)


def page_figures(repository: InMemoryEvidenceRepository, floor_ms: float, repeats: int) -> None:
    """Print the Dataset build with the imported SYNTHETIC projects and the evidence page's build after a filter change."""
    start = time.perf_counter()
    dataset = with_loaded_evidence(committed_dataset(), repository)
    built_s = time.perf_counter() - start
    start = time.perf_counter()
    view_data.evidence_counts(dataset)
    view_data.evidence_located(dataset)
    view_data.evidence_listing(dataset)
    index_s = time.perf_counter() - start
    print(
        f"Dataset with the SYNTHETIC projects: {len(dataset.evidence_items):,} items, built in {built_s:.1f} s; "
        f"its evidence index, located counts and cell listing index (made from the links' arrays; once per dataset "
        f"key) in {index_s:.1f} s"
    )
    start = time.perf_counter()
    evidence_page(dataset, ViewRequest())
    first_ms = (time.perf_counter() - start) * 1000
    requests = iter([ViewRequest(region=region) for region in ("Global", *ITU_REGIONS)] * repeats)
    page_ms = median_ms(lambda: evidence_page(dataset, next(requests)), repeats)
    print(
        "evidence page view after a region change (chart, verdicts by region, sources, cell list, one cell's counts "
        f"and first page of items): "
        f"{page_ms:.1f} ms median (first build {first_ms:.1f} ms); {page_ms / floor_ms:.0f}× the bincount floor of "
        f"{floor_ms:.3f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
