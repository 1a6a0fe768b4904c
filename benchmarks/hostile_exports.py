"""Formula cells in every table export, with every free-text cell of the canonical tables poisoned (SYNTHETIC).

    .venv/bin/python benchmarks/hostile_exports.py [--lang en]

Prints, per export path, the files written and the cells a spreadsheet program would read as formulas.
"""

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile_inputs import exported_tables, formula_cells, poison_tables, tables_from
from wsis_data import loaders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    started = time.perf_counter()
    files: collections.Counter[str] = collections.Counter()
    formulas: collections.Counter[str] = collections.Counter()
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        poisoned = poison_tables(loaders.TABLES, Path(folder))
        with tables_from(Path(folder)):
            for path, kind, write in exported_tables(args.lang):
                group = f"{path.split('.')[0]} [{kind}]"
                files[group] += 1
                try:
                    formulas[group] += len(formula_cells(kind, write()))
                except Exception as error:  # a failed export is a finding to print, not a reason to stop
                    failures[group] = f"{type(error).__name__}"
    print(f"poisoned cells: {poisoned:,}")
    print(f"{'export path':<48} {'files':>6} {'formula cells':>14}")
    for group in files:
        print(f"{group:<48} {files[group]:>6} {formulas[group]:>14} {failures.get(group, '')}")
    print(
        f"total formula cells: {sum(formulas.values())} in {sum(files.values())} exports, "
        f"{len(failures)} failed ({time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
