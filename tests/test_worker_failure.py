"""The multi-worker mode (`make serve`) when a worker dies: only its own sessions are lost, new sessions go to
the worker left, and a delegate who reloads gets the same view back, because the view is in the URL."""

import asyncio
import concurrent.futures
import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.browser.server import serve_dashboard, worker_pid
from tests.streamlit_protocol import DashboardSession, SessionError

VIEW = "lang=fr&region=Africa&level=target&sdg=4%2C9"


def shown(run) -> dict:
    """Return what a run shows of the view: its first texts and the values of the sidebar controls."""
    controls = {key: run.widgets[key] for key in ("widget.lang", "widget.region", "widget.level", "widget.sdgs")}
    return {"texts": run.texts[:2], "controls": {key: str(widget) for key, widget in controls.items()}}


async def lose_a_worker(url: str, launcher_pid: int, run_dir: Path) -> None:
    delegate = DashboardSession(url)
    before = await delegate.open(VIEW, "matrix_explorer")
    # While the first websocket is open, the proxy (least connections) sends the next newcomer to the other worker.
    neighbour = DashboardSession(url)
    await neighbour.open()
    assert {delegate.cookie, neighbour.cookie} == {"WSIS_WORKER=w1", "WSIS_WORKER=w2"}
    lost = delegate.cookie.split("=")[1]

    os.kill(worker_pid(launcher_pid, run_dir, lost), signal.SIGKILL)

    with pytest.raises(SessionError):
        await delegate.choose("widget.region", delegate.widget("widget.region").options[0])
    newcomer = DashboardSession(url)
    await newcomer.open()
    assert newcomer.cookie == neighbour.cookie
    # The neighbour's session lives on, on its own worker.
    await neighbour.go_to("matrix_explorer")

    # Reloading sends the page's URL and the cookie of the dead worker; the proxy serves it elsewhere.
    reloaded = DashboardSession(url, cookie=delegate.cookie)
    after = await reloaded.open(delegate.query_string, "matrix_explorer")
    assert reloaded.cookie == neighbour.cookie
    assert reloaded.query_string == delegate.query_string
    assert shown(after) == shown(before)
    assert after.texts[0] == "Explorateur de la matrice"
    for session in (neighbour, newcomer, reloaded):
        await session.close()


def test_when_a_worker_dies_newcomers_go_to_the_other_and_a_reload_shows_the_same_view():
    if shutil.which("haproxy", path="/usr/sbin:/usr/bin:/sbin:/bin") is None:
        pytest.fail("haproxy is missing: `make test` installs Debian's haproxy package")
    with serve_dashboard(workers=2) as served, concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
        # A fresh event loop on its own thread: Playwright's sync API keeps one running on this thread when the
        # browser tests share the test process.
        thread.submit(asyncio.run, lose_a_worker(served.url, served.process.pid, served.run_dir)).result()
