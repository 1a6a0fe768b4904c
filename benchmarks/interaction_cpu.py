"""Server CPU per interaction, by kind: one delegate alone makes each kind of interaction in turn; prints figures.

    .venv/bin/python benchmarks/interaction_cpu.py [--mode single|workers|both] [--repeat 20] [--pause 0.5]
        [--store PATH]

The load benchmark's delegate (the same session over the websocket protocol, the same interactions), alone
against a fresh server, so the server does nothing else: for each kind (page change, region, SDGs, language,
level, cell), `--repeat` interactions of that kind, each read as the CPU seconds of the server's process tree
(/proc) from its BackMsg until `--pause` seconds after its run ended (what the server sends or collects after the
run counts too). The server's idle CPU over the same time is measured first and subtracted. Prints the median and
mean per kind, and the median over all kinds. The machine may be shared: other processes compete for its cores.

--store PATH also serves the edition store of an SQLite file, as the load benchmark's --store does (for example the
200,000 SYNTHETIC stocktaking projects of `benchmarks/evidence_page_benchmark.py --store PATH`): each mode is then
measured against the committed dataset and then against the store, with the same interactions (same seed), and a
last table puts the two medians of each kind side by side.
"""

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_benchmark import INTERACTIONS, ServerTree, interact, store_environment  # noqa: E402
from tests.browser.server import serve_dashboard  # noqa: E402
from tests.streamlit_protocol import DashboardSession  # noqa: E402

IDLE_SECONDS = 10


async def kinds_cpu(url: str, tree: ServerTree, repeat: int, pause: float, seed: int) -> dict[str, list[float]]:
    """Make `repeat` interactions of each kind in one session; return each one's server CPU seconds by kind."""
    rng = random.Random(seed)
    session = DashboardSession(url, timeout_s=120)
    await session.open()
    await asyncio.sleep(pause)
    measured: dict[str, list[float]] = {kind: [] for kind in INTERACTIONS}
    for kind in INTERACTIONS:
        while len(measured[kind]) < repeat:
            before, start = tree.cpu_seconds(), time.monotonic()
            made = await interact(session, kind, rng)
            await asyncio.sleep(pause)
            cpu = tree.cpu_seconds() - before
            if made == kind:  # a cell click off the explorer went there first: not a cell
                measured[kind].append((cpu, time.monotonic() - start))
    await session.close()
    return measured


def run_mode(mode: str, args: argparse.Namespace, store: Path | None) -> dict[str, float]:
    """Measure each kind of interaction against one served dataset; print its table and return its medians by kind."""
    workers = args.workers if mode == "workers" else 0
    with serve_dashboard(workers=workers, timeout_s=300, env=store_environment(store)) as served:
        tree = ServerTree(served.process.pid)
        time.sleep(3)
        before = tree.cpu_seconds()
        time.sleep(IDLE_SECONDS)
        idle_rate = (tree.cpu_seconds() - before) / IDLE_SECONDS
        measured = asyncio.run(kinds_cpu(served.url, tree, args.repeat, args.pause, args.seed))
    label = "make run (one process)" if mode == "single" else f"make serve WORKERS={workers} (HAProxy)"
    served_data = f"store {store}" if store else "committed dataset"
    print(
        f"\n### {label}, {served_data}: idle server {1000 * idle_rate:.1f} ms of CPU per second (subtracted); "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| interaction | count | median CPU | mean CPU | median wall time |")
    print("|---|---|---|---|---|")
    everything, medians = [], {}
    for kind, values in measured.items():
        cpu = [1000 * max(seconds - idle_rate * wall, 0) for seconds, wall in values]
        everything += cpu
        medians[kind] = statistics.median(cpu)
        wall = statistics.median(1000 * w for _, w in values) - 1000 * args.pause
        print(f"| {kind} | {len(cpu)} | {medians[kind]:.0f} ms | {statistics.mean(cpu):.0f} ms | {wall:.0f} ms |")
    medians["all"] = statistics.median(everything)
    print(f"| all | {len(everything)} | {medians['all']:.0f} ms | {statistics.mean(everything):.0f} ms | |")
    sys.stdout.flush()
    return medians


def print_comparison(mode: str, committed: dict[str, float], stored: dict[str, float], store: Path) -> None:
    """Print the median CPU of each kind against the committed dataset and against the store, side by side."""
    print(f"\n### {mode}: median server CPU per interaction, committed dataset against {store}\n")
    print("| interaction | committed dataset | store | difference |")
    print("|---|---|---|---|")
    for kind, value in committed.items():
        print(f"| {kind} | {value:.0f} ms | {stored[kind]:.0f} ms | {stored[kind] - value:+.0f} ms |")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("single", "workers", "both"), default="both")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers in the multi-worker mode")
    parser.add_argument("--repeat", type=int, default=20, help="interactions of each kind")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds after each run, counted in its CPU")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--store", type=Path, help="also serve the edition store of this SQLite file (see above)")
    args = parser.parse_args()
    if not 1 <= args.repeat <= 1000:
        parser.error(f"--repeat {args.repeat}: expected a number of interactions from 1 to 1000")
    if not 0 <= args.pause <= 10:
        parser.error(f"--pause {args.pause}: expected seconds from 0 to 10")
    if args.store and not args.store.is_file():
        parser.error(f"--store {args.store}: no such file; expected an SQLite edition store")
    print(
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start (the machine may be shared); "
        f"{args.repeat} interactions per kind, {args.pause:g} s after each, seed {args.seed}"
    )
    for mode in ("single", "workers") if args.mode == "both" else (args.mode,):
        committed = run_mode(mode, args, None)
        if args.store:
            print_comparison(mode, committed, run_mode(mode, args, args.store.resolve()), args.store)


if __name__ == "__main__":
    main()
