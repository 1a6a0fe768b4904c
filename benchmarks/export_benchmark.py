"""Benchmark of the exports: one chart alone against a whole HLPF pack, in one run; prints figures, asserts nothing.

    .venv/bin/python benchmarks/export_benchmark.py [--year 2025] [--region Africa] [--lang fr]

Both are timed warm (imports and data loaded by a first single-chart export), each starting its own browser.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.export.pack import build_pack
from analytics.export.single import chart_bytes
from analytics.request import ViewRequest
from wsis_data.dataset import committed_dataset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--region", default="Africa")
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args()
    request = ViewRequest(lang=args.lang, region=args.region, hlpf=args.year)
    dataset = committed_dataset()

    chart_bytes("coverage", "png", dataset, request)
    start = time.perf_counter()
    chart_bytes("coverage", "png", dataset, request)
    one = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        result = build_pack(dataset, request, Path(folder) / "pack.zip")
        pack = time.perf_counter() - start
    print(f"one chart alone (coverage, PNG): {one:.2f} s")
    print(
        f"HLPF pack {args.year}, {args.region}, {args.lang}: {pack:.2f} s, {result.images} images, {len(result.manifest['files'])} files"
    )
    print(f"ratio pack / one chart: {pack / one:.2f}x (target <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
