"""A served dashboard starts afresh once its room has emptied, on the socket it listens on (`ui.memory`)."""

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from streamlit.web.server.starlette import starlette_server

from tests.browser.server import ROOT, serve_dashboard
from tests.streamlit_protocol import DashboardSession
from ui import memory
from ui.recycling import FRESH_START_ENV, above_baseline


def test_the_room_counts_as_empty_once_it_has_stayed_empty_and_not_while_a_session_is_open():
    watch = memory.RoomWatch(empty_s=15)
    assert not watch.due(held_sessions=0, session_events=0, now=0), "no session has come yet: nothing to clear"
    assert not watch.due(held_sessions=3, session_events=3, now=10)
    assert not watch.due(held_sessions=0, session_events=6, now=20), "the room has just emptied"
    assert not watch.due(held_sessions=0, session_events=6, now=34)
    assert watch.due(held_sessions=0, session_events=6, now=35)
    assert not watch.due(held_sessions=0, session_events=6, now=100), "once per emptying"


def test_a_session_coming_back_or_kept_for_its_reconnection_puts_the_fresh_start_off():
    watch = memory.RoomWatch(empty_s=15)
    assert not watch.due(held_sessions=0, session_events=2, now=0)
    assert not watch.due(held_sessions=1, session_events=3, now=10), "a closed session kept for a reconnection"
    assert not watch.due(held_sessions=0, session_events=4, now=20)
    assert not watch.due(held_sessions=0, session_events=4, now=30)
    assert watch.due(held_sessions=0, session_events=4, now=35)


def test_a_server_starts_afresh_only_above_its_margin_over_its_start_up_memory():
    assert above_baseline(resident=106, baseline=100, margin=0.05)
    assert not above_baseline(resident=105, baseline=100, margin=0.05)
    assert not above_baseline(resident=90, baseline=100, margin=0.0)


@pytest.mark.parametrize(
    ("value", "margin"), [(None, 0.05), ("", 0.05), ("0.1", 0.1), (" 0 ", 0.0), ("off", None), ("OFF", None)]
)
def test_the_fresh_start_margin_is_read_from_the_environment(value, margin):
    environ = {} if value is None else {FRESH_START_ENV: value}
    assert memory.fresh_start_margin(environ) == margin


@pytest.mark.parametrize("value", ["five percent", "-0.1", "nan", "1e9", "0.05; rm -rf /"])
def test_a_margin_that_is_not_a_share_is_refused_with_the_variable_named(value):
    with pytest.raises(ValueError, match=f'{FRESH_START_ENV}=".*": give a share of the start-up memory'):
        memory.fresh_start_margin({FRESH_START_ENV: value})


def test_the_server_will_not_start_with_a_margin_it_cannot_read():
    result = subprocess.run(
        [sys.executable, "-m", "ui.server"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), FRESH_START_ENV: "lots"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert f'{FRESH_START_ENV}="lots"' in result.stderr


def test_a_handed_over_socket_is_adopted_only_if_it_listens_on_the_port_asked_for():
    with socket.create_server(("127.0.0.1", 0)) as listening, socket.socket() as unbound:
        port = listening.getsockname()[1]
        adopted = memory._inherited_socket(str(os.dup(listening.fileno())), port)
        assert adopted is not None and adopted.getsockname()[1] == port and not adopted.getblocking()
        adopted.close()
        # A refused descriptor is left open (see below): the originals are closed on leaving.
        assert memory._inherited_socket(str(listening.fileno()), port + 1) is None, "another port"
        assert memory._inherited_socket(str(unbound.fileno()), port) is None, "not listening"
    assert memory._inherited_socket("not a number", port) is None
    assert memory._inherited_socket("987654", port) is None, "no such descriptor"


def test_a_handed_over_socket_is_adopted_on_any_port_when_the_command_line_asks_for_port_0():
    with socket.create_server(("127.0.0.1", 0)) as listening:
        adopted = memory._inherited_socket(str(os.dup(listening.fileno())), 0)
        assert adopted is not None and adopted.getsockname() == listening.getsockname()
        adopted.close()


@pytest.mark.parametrize("kind", ["unnamed Unix socket", "UDP socket on the port", "TCP socket on another port"])
def test_a_descriptor_that_is_not_a_listening_tcp_socket_is_refused_and_left_open(kind):
    with (
        socket.create_server(("127.0.0.1", 0)) as listening,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as datagrams,
        socket.create_server(("127.0.0.1", 0)) as elsewhere,
    ):
        port = listening.getsockname()[1]
        datagrams.bind(("127.0.0.1", port))
        log_stream, _ = socket.socketpair()
        descriptor = {
            "unnamed Unix socket": log_stream,
            "UDP socket on the port": datagrams,
            "TCP socket on another port": elsewhere,
        }[kind].fileno()
        assert memory._inherited_socket(str(descriptor), port) is None
        os.fstat(descriptor)  # still open: an error here would say it was closed
        log_stream.close()


def test_a_descriptor_number_too_large_for_the_system_is_refused():
    assert memory._inherited_socket(str(2**70), 8501) is None


@pytest.fixture
def emptied_server(monkeypatch):
    """An event loop's server whose room has emptied, with the replacement of its process recorded, not made."""
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    monkeypatch.setattr(starlette_server.UvicornServer, "stop", starlette_server.UvicornServer.stop)
    monkeypatch.setattr(memory, "LISTENING", memory.Listening())
    monkeypatch.setattr(memory, "ACCEPTED_GRACE_S", 0)
    monkeypatch.setattr(memory, "_held_sessions", lambda: (0, 0))
    replacements = []
    monkeypatch.setattr(memory.os, "execve", lambda path, argv, environ: replacements.append(environ))
    memory.adopt_listening_socket({})
    return replacements


def _start_afresh(stop_meanwhile: bool) -> tuple[str, str]:
    """Start afresh on a socket bound as the server binds it, the server asked to stop during the grace or not;
    return the descriptor and the port it listened on."""

    async def serve() -> tuple[str, str]:
        with starlette_server._bind_socket("127.0.0.1", 0, 8) as sock:
            memory.start_afresh()
            await asyncio.sleep(0)  # it stops accepting; the grace begins
            if stop_meanwhile:
                starlette_server.UvicornServer(runtime=None).stop()  # as SIGTERM or Ctrl-C does, on the loop
            await asyncio.sleep(0.1)  # the grace (0 s here) ends
            return str(sock.fileno()), str(sock.getsockname()[1])

    return asyncio.run(serve())


def test_an_emptied_server_hands_its_listening_socket_and_port_to_the_fresh_process(emptied_server):
    listening = _start_afresh(stop_meanwhile=False)
    assert [(environ[memory.SOCKET_ENV], environ["STREAMLIT_SERVER_PORT"]) for environ in emptied_server] == [listening]


def test_a_server_asked_to_stop_while_it_starts_afresh_stops_instead(emptied_server):
    _start_afresh(stop_meanwhile=True)
    assert emptied_server == [], "no fresh process"


def _health_answers(url: str, seconds: float) -> list[float]:
    """Ask for the server's health every 0.2 s for `seconds`; return each answer's time (a failure raises)."""
    answers, until = [], time.monotonic() + seconds
    while time.monotonic() < until:
        started = time.monotonic()
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=60) as response:
            assert response.status == 200
        answers.append(time.monotonic() - started)
        time.sleep(0.2)
    return answers


def test_an_emptied_server_starts_afresh_in_the_same_process_and_refuses_nobody_meanwhile():
    link = "?lang=fr&region=Africa&sdg=4"
    with serve_dashboard(
        # Closed sessions are kept 2 s for a reconnection; any growth over the start-up memory counts.
        options=["--server.disconnectedSessionTTL", "2"],
        env={FRESH_START_ENV: "0"},
    ) as served:

        async def visit() -> tuple[list[str], list[str]]:
            session = DashboardSession(served.url, timeout_s=60)
            run = await session.open(link, "matrix_explorer")
            await session.close()
            return run.texts, run.exceptions

        before = asyncio.run(visit())
        answers = _health_answers(served.url, memory.EMPTY_ROOM_S + 2 + 15)
        log = (served.run_dir / "log").read_text()
        assert "room empty: starting afresh" in log
        assert log.count("Uvicorn server started") == 2, "the fresh process serves on the same socket"
        assert served.process.poll() is None, "the same process (os.execv), still in the foreground"
        assert max(answers) > 1, "a request made while it started afresh waited for the fresh process"
        assert asyncio.run(visit()) == before == (before[0], []), "the same view from the same link, afterwards"
