"""Crafted files (SYNTHETIC) through `python -m wsis_data validate`: exit status, wall time and peak memory of each.

    .venv/bin/python benchmarks/hostile_files.py [--timeout SECONDS]

Each file is made in a temporary folder, then checked by the CLI in its own subprocess; the peak memory is that
subprocess's maximum resident set size (`resource.getrusage(RUSAGE_CHILDREN)` after it alone has run).
Prints figures, asserts nothing.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_inputs import HOSTILE_FILES  # noqa: E402

# The peak memory of the children is a maximum over all of them: each file runs under a fresh Python that
# only measures one child.
MEASURE_ONE = """
import resource, subprocess, sys, time
started = time.perf_counter()
try:
    result = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=float(sys.argv[1]))
    status, output = result.returncode, (result.stdout or result.stderr).strip().splitlines()
except subprocess.TimeoutExpired:
    status, output = "timeout", []
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(status, f"{elapsed:.2f}", peak, (output or [""])[0][:100], sep="\\t")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a check counts as hung")
    args = parser.parse_args()
    print(f"{'file':<20} {'bytes':>11} {'exit':>5} {'seconds':>8} {'peak MiB':>9}  first line of output")
    with tempfile.TemporaryDirectory() as folder:
        for hostile in HOSTILE_FILES:
            path = hostile.make(Path(folder))
            size = path.stat().st_size if path.is_file() and not path.is_symlink() else 0
            command = [sys.executable, "-m", "wsis_data", "validate", str(path)]
            measured = subprocess.run(
                [sys.executable, "-c", MEASURE_ONE, str(args.timeout), *command],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.rstrip("\n")
            status, seconds, peak_kib, line = measured.split("\t")
            print(f"{hostile.name:<20} {size:>11,} {status:>5} {seconds:>8} {int(peak_kib) / 1024:>9.0f}  {line}")


if __name__ == "__main__":
    main()
