"""A throw-away PostgreSQL server for the store tests: Debian's server binaries, started on 127.0.0.1 and stopped.

PostgreSQL refuses to run as root (CI runs as root), so the server runs as `nobody` in a temporary folder it owns.
Each test gets a fresh database copied from a template that is migrated and holds edition 1 already.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import psycopg
import pytest

SERVER_USER = "nobody"
SUPERUSER = "postgres"
TEMPLATE = "wsis_template"
DEBIAN_SERVERS = Path("/usr/lib/postgresql")


def server_binaries() -> Path:
    """Return the folder of initdb and pg_ctl (the newest Debian PostgreSQL), or fail the test run saying why."""
    found = sorted(DEBIAN_SERVERS.glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    if found:
        return found[-1].parent
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    pytest.fail(
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb and no initdb on PATH): "
        "the store tests need a real PostgreSQL server. Install Debian's `postgresql` package "
        "(`make test` installs it)."
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    """A running server: its folder, port and the databases handed out so far."""

    folder: Path
    port: int
    binaries: Path
    _numbers: count = field(default_factory=lambda: count(1))

    def url(self, database: str) -> str:
        """Return the SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def execute(self, statement: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE DATABASE needs that)."""
        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database, autocommit=True) as c:
            c.execute(statement)

    def new_database(self, template: str | None = TEMPLATE) -> str:
        """Create a fresh database (by default a copy of the template) and return its URL."""
        name = f"test_{next(self._numbers)}"
        self.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        _run([str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"], self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_USER, "--", *command]


def _run(command: list[str], folder: Path) -> None:
    result = subprocess.run(
        _as_server_user(command), cwd=folder, capture_output=True, text=True, check=False, timeout=120
    )
    if result.returncode != 0:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        pytest.fail(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}\n{detail}")


def start_postgres() -> PostgresServer:
    """Initialise and start a server in a new temporary folder; the caller stops it."""
    binaries = server_binaries()
    folder = Path(tempfile.mkdtemp(prefix="wsis-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVER_USER)
        os.chown(folder, user.pw_uid, user.pw_gid)
    _run(
        [
            str(binaries / "initdb"),
            "-D",
            str(folder / "data"),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        folder,
    )
    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    _run(
        [
            str(binaries / "pg_ctl"),
            "-D",
            str(folder / "data"),
            "-l",
            str(folder / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        ],
        folder,
    )
    return PostgresServer(folder=folder, port=port, binaries=binaries)
