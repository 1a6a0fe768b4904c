"""A Streamlit server on a free 127.0.0.1 port for browser tests and the UI benchmark, and a Chromium to drive it."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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


def _launch_command(port: int, workers: int, run_dir: str) -> list[str]:
    if workers:
        # The production mode (`make serve`), its proxy on 127.0.0.1 and its configuration in a scratch folder.
        options = ["--workers", str(workers), "--address", "127.0.0.1", "--port", str(port), "--run-dir", run_dir]
        return [sys.executable, "-m", "ui.workers", *options]
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
        "--browser.gatherUsageStats",
        "false",
    ]


@contextlib.contextmanager
def serve_dashboard(workers: int = 0, timeout_s: float = 120) -> Iterator[ServedDashboard]:
    """Start the dashboard on a free 127.0.0.1 port, as `make run` does (`python -m ui.server`) or, with
    `workers`, as `make serve` does; wait until it answers, yield it, then stop it and everything it started."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="wsis-serve-") as run_dir, open(Path(run_dir) / "log", "w+b") as log:
        # The log goes to a file: a pipe nobody reads would stall a long-running server once it filled.
        process = subprocess.Popen(
            _launch_command(port, workers, run_dir),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
            env={**os.environ, "PYTHONPATH": str(ROOT), "WSIS_COOKIE_SECRET": ""},
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
def streamlit_server(timeout_s: float = 60) -> Iterator[str]:
    """Start the dashboard as `make run` does on 127.0.0.1, wait until it answers, yield its URL, then stop it."""
    with serve_dashboard(timeout_s=timeout_s) as served:
        yield served.url
