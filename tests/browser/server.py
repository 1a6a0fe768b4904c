"""A Streamlit server on a free 127.0.0.1 port for browser tests and the UI benchmark, and a Chromium to drive it."""

import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ui.workers import worker_command

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Flags for a headless Chromium on a machine with no network beyond loopback and no user namespace sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
APP_IDLE = "[data-testid=stApp][data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ServedDashboard:
    """A dashboard the tests started: the URL to open and the process that serves it (the launcher, whose
    children are the workers and the proxy in the multi-worker mode)."""

    url: str
    process: subprocess.Popen
    run_dir: Path


def _launch_command(port: int, workers: int, run_dir: str, options: Sequence[str]) -> list[str]:
    if workers:
        # The production mode (`make serve`), its proxy on 127.0.0.1 and its configuration in a scratch folder.
        launcher = ["--workers", str(workers), "--address", "127.0.0.1", "--port", str(port), "--run-dir", run_dir]
        return [sys.executable, "-m", "ui.workers", *launcher, *options]
    return [*worker_command(port), "--browser.gatherUsageStats", "false", *options]


@contextlib.contextmanager
def serve_dashboard(
    workers: int = 0,
    timeout_s: float = 120,
    *,
    port: int | None = None,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> Iterator[ServedDashboard]:
    """Start the dashboard on a free 127.0.0.1 port, as `make run` does (`python -m ui.server`) or, with
    `workers`, as `make serve` does; wait until it answers, yield it, then stop it and everything it started.
    `options` are more `streamlit run` options (single process) or launcher options (`python -m ui.workers`),
    `env` more environment variables."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="wsis-serve-") as run_dir, open(Path(run_dir) / "log", "w+b") as log:
        # The log goes to a file: a pipe nobody reads would stall a long-running server once it filled.
        process = subprocess.Popen(
            _launch_command(port, workers, run_dir, options),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
            env={**os.environ, "PYTHONPATH": str(ROOT), "WSIS_COOKIE_SECRET": "", **(env or {})},
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"the dashboard did not start: {log.read().decode()[-2000:]}") from None
                    time.sleep(0.2)
            yield ServedDashboard(url, process, Path(run_dir))
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def streamlit_server(
    timeout_s: float = 60,
    *,
    port: int | None = None,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Start the dashboard as `make run` does on 127.0.0.1, wait until it answers, yield its URL, then stop it."""
    with serve_dashboard(timeout_s=timeout_s, port=port, options=options, env=env) as served:
        yield served.url


def worker_pid(launcher_pid: int, run_dir: Path, name: str) -> int:
    """Return the process id of the worker the proxy knows by `name`, found by the port its configuration names."""
    port = re.search(rf"server {name} 127\.0\.0\.1:(\d+)", (run_dir / "haproxy.cfg").read_text()).group(1)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if parent == launcher_pid and b"ui.server" in arguments and port.encode() in arguments:
            return int(entry.name)
    raise AssertionError(f"no worker process listens on port {port}")
