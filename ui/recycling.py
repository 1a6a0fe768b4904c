"""A worker of `make serve` started afresh once its room has emptied, so that the served memory returns to its
baseline: `python -m ui.workers` asks HAProxy (its runtime socket) and /proc, and replaces one worker at a time.

A room leaves memory behind that no collection gives back (see `ui.memory`, which starts `make run` afresh in
place). A worker nobody is connected to loses nothing by being replaced, as application servers recycle their
workers: the proxy first takes it out of service (a newcomer, or a reload carrying its affinity cookie, goes to
another worker), then it is stopped, started again on the same port, and put back once it answers its health
check. A worker is replaced only while another one is up, so `make serve WORKERS=1` never is.
"""

import csv
import io
import os
import socket
from dataclasses import dataclass
from pathlib import Path

PROXY_BACKEND = "workers"
EMPTY_ROOM_S = 90.0
# Above this share over its start-up memory a worker is replaced (or `make run` starts afresh); below, the noise
# of a reading.
MARGIN = 0.05
MAX_MARGIN = 10.0
# The share for `python -m ui.server` (ui.memory), "off" for never: the launcher's workers are replaced by it.
FRESH_START_ENV = "WSIS_FRESH_START_MARGIN"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class ServerState:
    """What the proxy says of one worker: its open connections, the connections it has had, and its status."""

    current: int
    total: int
    status: str

    @property
    def up(self) -> bool:
        return self.status.startswith("UP")


class ProxyControl:
    """HAProxy's runtime API on a UNIX socket (`stats socket ... level admin` in the generated configuration)."""

    def __init__(self, path: Path, timeout_s: float = 5.0):
        self.path, self.timeout_s = path, timeout_s

    def command(self, line: str) -> str:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(self.timeout_s)
            connection.connect(str(self.path))
            connection.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def servers(self) -> dict[str, ServerState]:
        """Return the state of each worker of the backend."""
        return server_states(self.command("show stat"))

    def set_state(self, worker: str, state: str) -> None:
        """Put a worker in `maint` (no traffic at all) or back in `ready`."""
        answer = self.command(f"set server {PROXY_BACKEND}/{worker} state {state}").strip()
        if answer:  # the runtime API answers nothing when it obeys
            raise RuntimeError(f"haproxy refused to set {worker} {state}: {answer}")


def server_states(stat_csv: str) -> dict[str, ServerState]:
    """Return each worker's state from HAProxy's `show stat` CSV (its header line starts with '# ')."""
    rows = csv.DictReader(io.StringIO(stat_csv.removeprefix("# ")))
    return {
        row["svname"]: ServerState(int(row["scur"] or 0), int(row["stot"] or 0), row["status"])
        for row in rows
        if row.get("pxname") == PROXY_BACKEND and row.get("svname") not in ("FRONTEND", "BACKEND")
    }


def resident_bytes(pid: int) -> int:
    """Return the resident memory of a process, or 0 once it has gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def above_baseline(resident: int, baseline: int, margin: float) -> bool:
    """Return whether a server holds more than `margin` over its start-up memory."""
    return resident > baseline * (1 + margin)


@dataclass
class RoomOfWorker:
    """When to replace one worker: its memory once it served, and since when nobody has been connected to it."""

    baseline_bytes: int
    total_at_start: int
    total_seen: int = -1
    empty_since: float | None = None

    def due(self, state: ServerState, rss_bytes: int, now: float, empty_s: float, margin: float) -> bool:
        """Return whether the worker has served someone, has had nobody for `empty_s` (no connection open, none
        made since the last look) and holds more memory than after its start."""
        came, self.total_seen = state.total != self.total_seen, state.total
        if state.current or state.total == self.total_at_start:
            self.empty_since = None
            return False
        if came or self.empty_since is None:
            self.empty_since = now
        return now - self.empty_since >= empty_s and above_baseline(rss_bytes, self.baseline_bytes, margin)
