"""Load benchmark: N delegates at once, each a real Streamlit session over the websocket protocol; prints figures.

    .venv/bin/python benchmarks/load_benchmark.py [--sessions 1,10,25,50] [--think 3] [--duration 60]
        [--mode single|workers|both] [--workers 2] [--settle 200] [--seed 13] [--store PATH]

Each session opens the dashboard as a browser does (the HTTP page, then the websocket with the URL's query
string and page), then, after a think time (uniform between half and one and a half of --think), makes one of
the interactions a delegate makes: change page, region, SDGs, language or level, or click a cell of the
matrix explorer. Latency is the time from sending the BackMsg to the `script_finished` ForwardMsg. Sessions
arrive spread over one think time and interact for --duration seconds; each N runs against the same server.

Server figures are read from /proc for the server's process tree (the launcher, the workers and HAProxy):
CPU seconds per interaction (N = 1 also gives the median of each interaction's own CPU, the floor: the server
does nothing else then), and resident memory before the sessions open, its growth per session while they are
open, and after they close, and its peak (the growth while sessions are open includes the views they were the first to ask for, which the server
keeps cached). At the end of each mode, as many idle sessions as the largest N open on the default view, whose
views are built, to read the memory of a session alone; then memory is read again --settle seconds after they
close, once the server has had the time to start afresh for its empty room (`make run`: Streamlit keeps a closed
session 2 minutes for a reconnection, then `ui.memory`; `make serve`: `ui.recycling`): against the baseline,
the resident memory after start-up and the warm-up of the default views, before any session. The machine may be
shared: other processes compete for its cores.

--store PATH serves the edition store of an SQLite file instead, for example the one holding 200,000 SYNTHETIC
stocktaking projects that `benchmarks/evidence_page_benchmark.py --store PATH` makes; the server first builds
that dataset and its indexes (one session opens each page once, unmeasured) before the sessions start.
"""

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.server import serve_dashboard  # noqa: E402
from tests.streamlit_protocol import DashboardSession, SessionError  # noqa: E402
from ui.registry import EMBED_PAGE, PAGES  # noqa: E402
from wsis_data.constants import ACTION_LINE_CODES  # noqa: E402

INTERACTIONS = {"page": 3, "region": 2, "sdg": 2, "language": 1, "level": 1, "cell": 2}
FIRST_LINKS = ("", "lang=fr", "region=Africa&sdg=4,9", "lang=ar&level=target", "lang=es&sdg=3")
MAX_INTERACTIONS_PER_SESSION = 500
RUN_TIMEOUT_S = 60
# After the last session closed: `make run` keeps closed sessions 120 s for a reconnection, then starts afresh once
# its room has stayed empty 10 s more (ui.memory), in a few seconds (more with a large store); `make serve`
# starts afresh a worker whose room has been empty 90 s (one worker at a time, a few seconds each; ui.recycling).
RELEASE_WAIT_S = 200
TICK = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024


class ServerTree:
    """The processes of a served dashboard, read from /proc: the launcher and all its descendants."""

    def __init__(self, root_pid: int):
        self.root_pid = root_pid

    def pids(self) -> list[int]:
        parents = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        tree, frontier = [self.root_pid], [self.root_pid]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            tree += frontier
        return tree

    def cpu_seconds(self) -> float:
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / TICK

    def rss_bytes(self) -> int:
        total = 0
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        return total


@dataclass
class Results:
    """What the sessions of one N measured."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    cpu_each: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)

    def all_latencies(self) -> list[float]:
        return [seconds for values in self.latencies.values() for seconds in values]


def _current(element) -> str:
    """Return the option a selectbox or radio shows now."""
    if element.HasField("raw_value"):
        return element.raw_value
    return element.options[element.default] if element.HasField("default") else ""


async def interact(session: DashboardSession, kind: str, rng: random.Random) -> str:
    """Make one interaction of a kind; return the kind actually made (a cell click off the explorer is a page)."""
    if kind == "page":
        current = next((path for path, page in session.pages.items() if page == session.page_script_hash), None)
        # The embed page is a chart alone, for other sites' frames: a delegate does not go there from the menu.
        pages = [spec.url_path for spec in PAGES if spec.url_path not in (current, EMBED_PAGE.url_path)]
        await session.go_to(rng.choice(pages))
    elif kind in ("region", "language", "level"):
        key = {"region": "widget.region", "language": "widget.lang", "level": "widget.level"}[kind]
        element = session.widget(key)
        await session.choose(key, rng.choice([o for o in element.options if o != _current(element)]))
    elif kind == "sdg":
        options = list(session.widget("widget.sdgs").options)
        await session.choose("widget.sdgs", [] if rng.random() < 0.25 else rng.sample(options, rng.randint(1, 3)))
    elif "explorer_heatmap" not in session.last.widgets:
        await session.go_to("matrix_explorer")
        return "page"
    else:
        goal = rng.randint(1, 17)
        column = (
            str(goal)
            if _current(session.widget("widget.level")) == session.widget("widget.level").options[0]
            else f"{goal}.1"
        )
        await session.select_point("explorer_heatmap", [rng.choice(ACTION_LINE_CODES), column])
    return kind


async def delegate(
    url: str, rng: random.Random, think: float, until: float, tree: ServerTree, results: Results, measure_each: bool
):
    """One delegate: open the dashboard, then interact with think times until the time is up; return the session."""
    session = DashboardSession(url, timeout_s=RUN_TIMEOUT_S)
    await asyncio.sleep(rng.uniform(0, think))
    link = rng.choice(FIRST_LINKS)
    page = rng.choice(["", "matrix_explorer"])
    try:
        run = await session.open(link, page)
        results.latencies["open"].append(run.seconds)
        for _ in range(MAX_INTERACTIONS_PER_SESSION):
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            if time.monotonic() >= until:
                break
            kinds, weights = zip(*INTERACTIONS.items(), strict=True)
            cpu_before = tree.cpu_seconds() if measure_each else 0
            made = await interact(session, rng.choices(kinds, weights)[0], rng)
            if measure_each:
                results.cpu_each[made].append(tree.cpu_seconds() - cpu_before)
            results.latencies[made].append(session.last.seconds)
    except (SessionError, OSError) as error:
        results.errors.append(f"{type(error).__name__}: {error}")
    return session


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)] if ordered else float("nan")


async def peak_rss(tree: ServerTree, peak: list[int]) -> None:
    """Keep the largest resident memory of the server seen, read every second, in `peak[0]`."""
    while True:
        peak[0] = max(peak[0], tree.rss_bytes())
        await asyncio.sleep(1)


async def measure(
    url: str, tree: ServerTree, sessions: int, think: float, duration: float, seed: int, peak: list[int]
) -> dict:
    """Run N delegates against a served dashboard; return the row of figures."""
    results = Results()
    sampler = asyncio.create_task(peak_rss(tree, peak))
    rss_before, cpu_before = tree.rss_bytes(), tree.cpu_seconds()
    until = time.monotonic() + think + duration
    rngs = [random.Random(seed * 1000 + index) for index in range(sessions)]
    tasks = [delegate(url, rng, think, until, tree, results, sessions == 1) for rng in rngs]
    opened = await asyncio.wait_for(asyncio.gather(*tasks), timeout=think + duration + 3 * RUN_TIMEOUT_S)
    cpu = tree.cpu_seconds() - cpu_before
    sampler.cancel()
    await asyncio.sleep(2)  # the last runs' messages drain; every session is open and idle
    rss_open = tree.rss_bytes()
    await asyncio.gather(*(session.close() for session in opened))
    await asyncio.sleep(3)
    latencies = results.all_latencies()
    interactions = len(latencies)
    cpu_each = [seconds for values in results.cpu_each.values() for seconds in values]
    return {
        "sessions": sessions,
        "interactions": interactions,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "max": max(latencies, default=float("nan")),
        "errors": len(results.errors),
        "error_examples": sorted(set(results.errors))[:3],
        "cpu_ms": 1000 * cpu / max(interactions, 1),
        "cpu_median_ms": 1000 * statistics.median(cpu_each) if cpu_each else None,
        "cpu_by_kind": {kind: values for kind, values in results.cpu_each.items()},
        "rss_before": rss_before / MIB,
        "rss_per_session": (rss_open - rss_before) / MIB / sessions,
        "rss_after_close": tree.rss_bytes() / MIB,
        "by_kind": {kind: values for kind, values in results.latencies.items()},
    }


def print_rows(mode: str, rows: list[dict]) -> None:
    print(f"\n### {mode}\n")
    print(
        "| sessions | interactions | p50 | p95 | max | errors | server CPU per interaction | RSS before | RSS growth per open session | RSS 3 s after close |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        cpu = f"{row['cpu_ms']:.0f} ms"
        if row["cpu_median_ms"] is not None:
            cpu += f" (median {row['cpu_median_ms']:.0f} ms)"
        print(
            f"| {row['sessions']} | {row['interactions']} | {row['p50']:.2f} s | {row['p95']:.2f} s | {row['max']:.2f} s "
            f"| {row['errors']} | {cpu} | {row['rss_before']:.0f} MiB | {row['rss_per_session']:.1f} MiB "
            f"| {row['rss_after_close']:.0f} MiB |"
        )
    for row in rows:
        for example in row["error_examples"]:
            print(f"  error at N={row['sessions']}: {example}")
    for row in rows:
        if row["cpu_by_kind"]:
            print(
                f"\nServer CPU per interaction at N={row['sessions']} by kind (median, in ms; /proc ticks of 10 ms): "
                + "; ".join(
                    f"{kind} ×{len(values)} {1000 * statistics.median(values):.0f}"
                    for kind, values in sorted(row["cpu_by_kind"].items())
                )
            )
    last = rows[-1]
    print(
        f"\nBy interaction at N={last['sessions']}: "
        + "; ".join(
            f"{kind} ×{len(values)} p50 {percentile(values, 0.5):.2f} s p95 {percentile(values, 0.95):.2f} s"
            for kind, values in sorted(last["by_kind"].items())
        )
    )


async def idle_sessions(url: str, tree: ServerTree, count: int) -> float:
    """Open `count` sessions on the default view (its views already built) and leave them idle; return MiB each."""
    rss_before = tree.rss_bytes()
    sessions = [DashboardSession(url, timeout_s=RUN_TIMEOUT_S) for _ in range(count)]
    await asyncio.gather(*(session.open() for session in sessions))
    await asyncio.sleep(2)
    rss_open = tree.rss_bytes()
    await asyncio.gather(*(session.close() for session in sessions))
    return (rss_open - rss_before) / MIB / count


async def warm(url: str, workers: int) -> None:
    """Open every page once in as many sessions as there are workers, unmeasured, so each builds its dataset."""
    for _ in range(max(workers, 1)):
        session = DashboardSession(url, timeout_s=600)
        await session.open("", "")
        for spec in PAGES:
            if spec.url_path != EMBED_PAGE.url_path:
                await session.go_to(spec.url_path)
        await session.close()


def store_environment(store: Path | None) -> dict[str, str] | None:
    """Return the environment that makes a served dashboard read the edition store of an SQLite file, if one is given."""
    return {"WSIS_DATABASE_URL": f"sqlite:///{store.resolve()}"} if store else None


def run_mode(mode: str, args: argparse.Namespace) -> None:
    workers = args.workers if mode == "workers" else 0
    with serve_dashboard(workers=workers, timeout_s=300, env=store_environment(args.store)) as served:
        tree = ServerTree(served.process.pid)
        if args.store:
            start = time.monotonic()
            asyncio.run(warm(served.url, workers))
            print(f"served {args.store}: every page opened once per worker in {time.monotonic() - start:.0f} s")
            time.sleep(RELEASE_WAIT_S)  # the server starts afresh once the opening session has gone
        start_rss = tree.rss_bytes() / MIB
        peak = [0]
        rows = [
            asyncio.run(measure(served.url, tree, n, args.think, args.duration, args.seed, peak)) for n in args.sessions
        ]
        label = "make run (one process)" if mode == "single" else f"make serve WORKERS={workers} (HAProxy)"
        print_rows(label, rows)
        idle = asyncio.run(idle_sessions(served.url, tree, max(args.sessions)))
        print(f"Memory per idle session ({max(args.sessions)} sessions on the default view): {idle:.2f} MiB")
        if args.settle > 0:
            time.sleep(args.settle)
            rss = tree.rss_bytes() / MIB
            print(
                f"RSS baseline (after start-up and warm-up, before any session) {start_rss:.0f} MiB; peak while "
                f"sessions were open {peak[0] / MIB:.0f} MiB; {args.settle:g} s after the sessions "
                f"closed {rss:.0f} MiB ({rss - start_rss:+.0f} MiB, {100 * (rss - start_rss) / start_rss:+.1f} % "
                "of the baseline)"
            )
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,25,50", help="comma-separated numbers of concurrent sessions")
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds between a delegate's interactions")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds each N interacts")
    parser.add_argument("--mode", choices=("single", "workers", "both"), default="both")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers in the multi-worker mode")
    parser.add_argument(
        "--settle",
        type=float,
        default=RELEASE_WAIT_S,
        help="seconds after the sessions closed to wait before the final memory reading (0: none)",
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--store", type=Path, help="serve the edition store of this SQLite file (see above)")
    args = parser.parse_args()
    try:
        args.sessions = [int(n) for n in args.sessions.split(",")]
    except ValueError:
        parser.error(f"--sessions {args.sessions}: expected comma-separated numbers, as in 1,10,25,50")
    if not all(1 <= n <= 200 for n in args.sessions):
        parser.error(f"--sessions {args.sessions}: each number of sessions must be from 1 to 200")
    if args.store and not args.store.is_file():
        parser.error(f"--store {args.store}: no such file; expected an SQLite edition store")
    print(
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start (the machine may be shared); "
        f"think {args.think:g} s, {args.duration:g} s per N, seed {args.seed}"
    )
    for mode in ("single", "workers") if args.mode == "both" else (args.mode,):
        run_mode(mode, args)


if __name__ == "__main__":
    main()
