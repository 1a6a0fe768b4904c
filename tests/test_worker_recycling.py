"""The multi-worker mode (`make serve`) starts a worker afresh once its room has emptied: the memory the room left
is given back, newcomers meanwhile go to the other worker, and a reload carrying the old cookie gets its view."""

import asyncio
import concurrent.futures
import shutil
import time
from pathlib import Path

import pytest

from tests.browser.server import serve_dashboard, worker_pid
from tests.streamlit_protocol import DashboardSession
from tests.test_worker_failure import VIEW, shown
from ui.recycling import ProxyControl, resident_bytes

# A short empty time, and any growth at all, so that one delegate's visit is enough to see it happen.
LAUNCHER_OPTIONS = ("--recycle-after", "10", "--recycle-margin", "0")
MIB = 2**20


async def wait_for_state(proxy: ProxyControl, name: str, status: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not proxy.servers()[name].status.startswith(status):
        assert time.monotonic() < deadline, f"worker {name} never became {status}: {proxy.servers()}"
        await asyncio.sleep(0.1)


async def a_room_empties(url: str, launcher_pid: int, run_dir: Path) -> None:
    delegate = DashboardSession(url)
    before = await delegate.open(VIEW, "matrix_explorer")
    for page in ("linkage_graph", "sdg_profile", "activities_regions", "matrix_explorer"):
        await delegate.go_to(page)
    name = delegate.cookie.split("=")[1]
    first_pid = worker_pid(launcher_pid, run_dir, name)
    held = resident_bytes(first_pid)
    await delegate.close()

    # The proxy takes the worker out before it is stopped: newcomers meanwhile are served by the other one.
    proxy = ProxyControl(run_dir / "haproxy.sock")
    await wait_for_state(proxy, name, "MAINT", timeout_s=60)
    newcomers = []
    while proxy.servers()[name].status.startswith("MAINT"):
        newcomer = DashboardSession(url)
        await newcomer.open()
        newcomers.append(newcomer.cookie)
        await newcomer.close()
    assert newcomers and set(newcomers) == {f"WSIS_WORKER={'w2' if name == 'w1' else 'w1'}"}

    await wait_for_state(proxy, name, "UP", timeout_s=30)
    fresh_pid = worker_pid(launcher_pid, run_dir, name)
    assert fresh_pid != first_pid
    fresh = resident_bytes(fresh_pid)
    print(f"worker {name}: {held / MIB:.0f} MiB after the room, {fresh / MIB:.0f} MiB started afresh")
    assert fresh < held

    # A reload of the page sends its URL and the old cookie: the fresh worker shows the same view.
    reloaded = DashboardSession(url, cookie=delegate.cookie)
    after = await reloaded.open(delegate.query_string, "matrix_explorer")
    assert shown(after) == shown(before)
    await reloaded.close()


def test_a_worker_whose_room_emptied_is_started_afresh_while_the_other_serves_newcomers():
    if shutil.which("haproxy", path="/usr/sbin:/usr/bin:/sbin:/bin") is None:
        pytest.fail("haproxy is missing: `make test` installs Debian's haproxy package")
    with (
        serve_dashboard(workers=2, options=LAUNCHER_OPTIONS) as served,
        concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread,
    ):
        # A fresh event loop on its own thread, as in the worker failure test.
        thread.submit(asyncio.run, a_room_empties(served.url, served.process.pid, served.run_dir)).result()
