"""Serve the dashboard with several Streamlit workers behind HAProxy: `python -m ui.workers [--workers N]`.

One Streamlit process runs one script at a time on one core. This starts N workers (`python -m ui.server`, each
on its own 127.0.0.1 port), writes the HAProxy configuration from `deploy/haproxy.cfg.template` into `run/`,
and starts HAProxy in front of them with cookie affinity and health checks. The workers share one
`server.cookieSecret`: from the environment variable WSIS_COOKIE_SECRET, or generated once into
`run/cookie_secret`. A worker nobody has been connected to for `--recycle-after` seconds, and which holds more
memory than after its start, is started afresh (`ui.recycling`). Ctrl-C or SIGTERM stops the proxy and every worker.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ui import recycling

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "haproxy.cfg.template"
RUN_DIR = ROOT / "run"
SECRET_VARIABLE = "WSIS_COOKIE_SECRET"
STOP_TIMEOUT_S = 10
CHECK_ROOMS_EVERY_S = 5.0


@dataclass
class Worker:
    """A Streamlit worker: its name (the value of the affinity cookie), its port and its process."""

    name: str
    port: int
    process: subprocess.Popen | None = None


def free_port(address: str = "127.0.0.1") -> int:
    """Return a TCP port that is free on `address` now."""
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


def cookie_secret(run_dir: Path) -> str:
    """Return the cookie secret every worker shares: the environment's, or the one kept in the run folder."""
    if secret := os.environ.get(SECRET_VARIABLE, "").strip():
        return secret
    path = run_dir / "cookie_secret"
    if not path.exists():
        run_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()


def haproxy_config(address: str, port: int, workers: list[Worker], control_socket: Path) -> str:
    """Return the HAProxy configuration for a proxy on address:port in front of the workers."""
    servers = "\n".join(f"    server {w.name} 127.0.0.1:{w.port} cookie {w.name}" for w in workers)
    return string.Template(TEMPLATE.read_text()).substitute(
        address=address, port=port, servers=servers, control_socket=control_socket
    )


def worker_command(port: int) -> list[str]:
    """Return the command that starts one worker on a 127.0.0.1 port, as `make run` starts the dashboard."""
    return [
        sys.executable,
        "-m",
        "ui.server",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]


def healthy(port: int) -> bool:
    """Return whether the worker on a port answers its health check."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def stop(processes: list[subprocess.Popen]) -> None:
    """Ask every process to stop, then kill those that have not stopped in time."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _raise_exit(signum, frame) -> None:
    raise SystemExit(0)


def start_worker(port: int, env: dict[str, str]) -> subprocess.Popen:
    """Start one worker; its banner would name its own port, and the proxy's address is the one to give out."""
    return subprocess.Popen(worker_command(port), cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def wait_healthy(worker: Worker, timeout_s: float) -> bool:
    """Wait until a worker answers its health check; return False if it stopped or did not answer in time."""
    deadline = time.monotonic() + timeout_s
    while not healthy(worker.port):
        if worker.process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def replace_idle_worker(
    worker: Worker, room: recycling.RoomOfWorker, control: recycling.ProxyControl, env: dict[str, str], timeout_s: float
) -> recycling.RoomOfWorker:
    """Take a worker out of the proxy, start it afresh on its port and put it back (see `ui.recycling`); return
    the room of the worker that serves now."""
    control.set_state(worker.name, "maint")
    if control.servers()[worker.name].current:  # a visitor arrived meanwhile: keep this one
        control.set_state(worker.name, "ready")
        return room
    held = recycling.resident_bytes(worker.process.pid)
    stop([worker.process])
    worker.process = start_worker(worker.port, env)
    if not wait_healthy(worker, timeout_s):
        return room  # left out of the proxy; the supervisor reports it as stopped
    fresh = recycling.RoomOfWorker(recycling.resident_bytes(worker.process.pid), control.servers()[worker.name].total)
    control.set_state(worker.name, "ready")
    print(
        f"worker {worker.name} started afresh after its room emptied: {held / 2**20:.0f} MiB held, "
        f"{recycling.resident_bytes(worker.process.pid) / 2**20:.0f} MiB now",
        file=sys.stderr,
        flush=True,
    )
    return fresh


def look_after_rooms(
    pool: list[Worker],
    control: recycling.ProxyControl,
    rooms: dict[str, recycling.RoomOfWorker],
    recycle: tuple[float, float],
    env: dict[str, str],
    timeout_s: float,
) -> None:
    """Replace at most one worker whose room has emptied, while another one is up."""
    states = control.servers()
    for worker in pool:
        state = states.get(worker.name)
        if state is None or worker.process.poll() is not None:
            continue
        room = rooms[worker.name]
        if room.due(state, recycling.resident_bytes(worker.process.pid), time.monotonic(), *recycle) and any(
            other.up for name, other in states.items() if name != worker.name
        ):
            rooms[worker.name] = replace_idle_worker(worker, room, control, env, timeout_s)
            return


def serve(
    workers: int,
    address: str,
    port: int,
    run_dir: Path,
    haproxy: str,
    start_timeout_s: float,
    recycle: tuple[float, float] = (recycling.EMPTY_ROOM_S, recycling.MARGIN),
) -> int:
    """Start the workers and the proxy, wait until they serve, and supervise them until stopped; `recycle` is the
    seconds a worker's room must have been empty before it is started afresh (0: never) and the share of memory
    over its start-up memory it must hold."""
    run_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret(run_dir),
        "PYTHONPATH": str(ROOT),
        recycling.FRESH_START_ENV: "off",
    }
    pool = [Worker(f"w{index}", free_port()) for index in range(1, workers + 1)]
    config = run_dir / "haproxy.cfg"
    control = recycling.ProxyControl(run_dir / "haproxy.sock")
    config.write_text(haproxy_config(address, port, pool, control.path))
    proxy: subprocess.Popen | None = None
    signal.signal(signal.SIGTERM, _raise_exit)
    try:
        for worker in pool:
            worker.process = start_worker(worker.port, env)
        deadline = time.monotonic() + start_timeout_s
        waiting = list(pool)
        while waiting:
            if any(w.process.poll() is not None for w in waiting):
                print("error: a worker stopped while starting; see the messages above", file=sys.stderr)
                return 1
            if time.monotonic() > deadline:
                print(f"error: the workers did not answer within {start_timeout_s:g} s", file=sys.stderr)
                return 1
            waiting = [w for w in waiting if not healthy(w.port)]
            time.sleep(0.5)
        # Each worker's memory before anyone came, against which its memory after a room is read.
        rooms = {w.name: recycling.RoomOfWorker(recycling.resident_bytes(w.process.pid), 0) for w in pool}
        proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)], cwd=ROOT)
        print(f"Serving the dashboard with {workers} workers on http://{address}:{port}", file=sys.stderr, flush=True)
        stopped: set[str] = set()
        next_look = time.monotonic() + CHECK_ROOMS_EVERY_S
        while len(stopped) < len(pool):
            if proxy.poll() is not None:
                print(f"error: haproxy stopped with status {proxy.returncode}", file=sys.stderr)
                return 1
            for worker in pool:
                if worker.name not in stopped and worker.process.poll() is not None:
                    stopped.add(worker.name)
                    print(
                        f"warning: worker {worker.name} (port {worker.port}) stopped with status "
                        f"{worker.process.returncode}; the proxy sends its users to the others",
                        file=sys.stderr,
                        flush=True,
                    )
            if recycle[0] and time.monotonic() >= next_look:
                try:
                    look_after_rooms(pool, control, rooms, recycle, env, start_timeout_s)
                except (OSError, RuntimeError, KeyError) as error:  # the proxy is starting or stopping: next look
                    print(f"warning: could not look after the workers' rooms: {error}", file=sys.stderr, flush=True)
                next_look = time.monotonic() + CHECK_ROOMS_EVERY_S
            time.sleep(0.5)
        print("error: every worker has stopped", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop([w.process for w in pool if w.process] + ([proxy] if proxy else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.workers", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="Streamlit workers (default: one per core)"
    )
    parser.add_argument("--address", default="0.0.0.0", help="address the proxy listens on (default: all)")
    parser.add_argument("--port", type=int, default=8501, help="port the proxy listens on (default: 8501)")
    parser.add_argument("--run-dir", type=Path, default=RUN_DIR, help="folder for the generated configuration")
    parser.add_argument("--start-timeout", type=float, default=180, help="seconds the workers have to start")
    parser.add_argument(
        "--recycle-after",
        type=float,
        default=recycling.EMPTY_ROOM_S,
        help=f"seconds a worker's room must have been empty before it is started afresh (0: never; default "
        f"{recycling.EMPTY_ROOM_S:g})",
    )
    parser.add_argument(
        "--recycle-margin",
        type=float,
        default=recycling.MARGIN,
        help=f"share of memory over its start-up memory a worker must hold to be started afresh (default {recycling.MARGIN:g})",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.workers <= 64:
        parser.error(f"--workers {args.workers}: expected a number of workers from 1 to 64")
    if not 1 <= args.port <= 65535:
        parser.error(f"--port {args.port}: expected a TCP port from 1 to 65535")
    if not (args.recycle_after == 0 or 10 <= args.recycle_after <= 86400):
        parser.error(f"--recycle-after {args.recycle_after:g}: expected 0 (never) or seconds from 10 to 86400")
    if not 0 <= args.recycle_margin <= recycling.MAX_MARGIN:
        parser.error(f"--recycle-margin {args.recycle_margin:g}: expected a share from 0 to {recycling.MAX_MARGIN:g}")
    haproxy = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/sbin")
    if haproxy is None:
        parser.error("haproxy is not installed: `make serve` installs Debian's haproxy package")
    recycle = (args.recycle_after, args.recycle_margin)
    return serve(args.workers, args.address, args.port, args.run_dir, haproxy, args.start_timeout, recycle)


if __name__ == "__main__":
    sys.exit(main())
