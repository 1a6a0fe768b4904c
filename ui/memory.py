"""A served dashboard starts afresh once its room has emptied, so that its memory returns to its baseline:
`python -m ui.server` (`make run`) watches its sessions with `watch_room`.

A room leaves memory behind that no collection gives back. The views built for it are dropped from bounded
caches, but objects made during the room outlive it, scattered among its objects: pandas' copy-on-write
bookkeeping (a weak reference for each view taken of a long-lived frame), SQLAlchemy's compiled statements,
Streamlit's state. CPython returns a 1 MiB arena of small objects to the system only once every object in it is
gone, so a few thousand survivors held some 100 arenas, 120 MiB (+39 %), after a room of 50 delegates (load
benchmark; dropping the views, collecting and trimming glibc's heap got 15 MiB of it back). As application servers
recycle their workers, a process nobody is connected to is replaced by a fresh one; here by the same process
(`os.execv`: the same PID in the foreground of `make run`), which keeps its listening socket open across the
change. A visitor who arrives meanwhile is not refused: the connection waits in the socket's queue and is
answered once the fresh process has loaded its data and default views (a few seconds).

`make serve` replaces its workers through the proxy instead (`ui.recycling`), which first sends newcomers to
another worker; its workers do not start afresh on their own (`FRESH_START_ENV` "off").
"""

import asyncio
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass

from streamlit.logger import get_logger
from streamlit.runtime import Runtime
from streamlit.runtime.stats import SESSION_EVENTS_FAMILY
from streamlit.web.server.starlette import starlette_server

from ui.recycling import FRESH_START_ENV, MARGIN, MAX_MARGIN, above_baseline, resident_bytes

# The room must have stayed empty this long once no session is kept for a reconnection either (Streamlit keeps a
# closed session `server.disconnectedSessionTTL` seconds, 120 by default, for a delegate whose network dropped):
# a delegate reloading a page opens a new session within seconds. Checked this often.
EMPTY_ROOM_S = 10.0
CHECK_EVERY_S = 2.0
# The listening socket handed to the fresh process (its file descriptor number).
SOCKET_ENV = "WSIS_LISTENING_SOCKET"
# Connections accepted just before the server stops accepting are answered before it starts afresh.
ACCEPTED_GRACE_S = 1.0

log = get_logger(__name__)


@dataclass
class RoomWatch:
    """When to start afresh: once per emptying of the room, after it has stayed empty `empty_s` seconds."""

    empty_s: float = EMPTY_ROOM_S
    # Session events (connections, reconnections, disconnections) counted when the room was last found empty long
    # enough: no new event since then means no new room to clear.
    events_at_release: int = 0
    empty_since: float | None = None

    def due(self, held_sessions: int, session_events: int, now: float) -> bool:
        """Return whether the room has now stayed empty long enough, given the sessions open or kept for a
        reconnection and the session events counted so far."""
        if held_sessions or session_events == self.events_at_release:
            self.empty_since = None
            return False
        if self.empty_since is None:
            self.empty_since = now
        if now - self.empty_since < self.empty_s:
            return False
        self.events_at_release, self.empty_since = session_events, None
        return True


def fresh_start_margin(environ: dict[str, str]) -> float | None:
    """Return the share over its start-up memory above which an idle server starts afresh (None: never), read from
    `FRESH_START_ENV`; a value that is neither a share nor "off" is an error that names the variable."""
    text = environ.get(FRESH_START_ENV, "").strip()
    if not text:
        return MARGIN
    if text.lower() == "off":
        return None
    try:
        margin = float(text)
    except ValueError:
        margin = -1.0
    if not 0 <= margin <= MAX_MARGIN:
        raise ValueError(f'{FRESH_START_ENV}="{text}": give a share of the start-up memory, such as 0.05, or "off"')
    return margin


@dataclass
class Listening:
    """The server's listening socket and the event loop that accepts on it, once the server has started."""

    sock: socket.socket | None = None
    loop: asyncio.AbstractEventLoop | None = None
    # Set once the server has been asked to stop (SIGTERM, Ctrl-C): it then stops rather than starting afresh.
    stopping: bool = False


LISTENING = Listening()


def adopt_listening_socket(environ: dict[str, str] = os.environ) -> None:
    """Make the server listen on the socket its previous process handed over (`SOCKET_ENV`), if any, instead of
    binding a new one, and keep hold of the socket it listens on, to hand it over in turn."""
    inherited = environ.pop(SOCKET_ENV, None)
    bind = starlette_server._bind_socket

    def bind_or_adopt(address: str, port: int, backlog: int) -> socket.socket:
        sock = _inherited_socket(inherited, port) if inherited is not None else None
        LISTENING.sock = sock or bind(address, port, backlog)
        LISTENING.loop = asyncio.get_running_loop()
        return LISTENING.sock

    starlette_server._bind_socket = bind_or_adopt
    stop = starlette_server.UvicornServer.stop

    def stop_for_good(server: starlette_server.UvicornServer) -> None:
        # Runs on the event loop, as the fresh start's last step does: one of the two wins.
        LISTENING.stopping = True
        stop(server)

    starlette_server.UvicornServer.stop = stop_for_good


def _inherited_socket(descriptor: str, port: int) -> socket.socket | None:
    """Return the listening TCP socket open at `descriptor`, if it listens on `port` (0: any port, as the command
    line asks for once the previous process was given one)."""
    try:
        sock = socket.socket(fileno=int(descriptor))
    except (ValueError, OverflowError, OSError) as error:
        log.warning("%s=%s is not an open socket (%s): binding port %s afresh", SOCKET_ENV, descriptor, error, port)
        return None
    if (
        sock.family not in (socket.AF_INET, socket.AF_INET6)
        or sock.type != socket.SOCK_STREAM
        or port not in (0, sock.getsockname()[1])
        or not sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
    ):
        log.warning("%s=%s is not listening on port %s: binding it afresh", SOCKET_ENV, descriptor, port)
        # Left open: a descriptor this server did not hand over belongs to whoever opened it (a log's socket…).
        sock.detach()
        return None
    sock.setblocking(False)
    return sock


def start_afresh() -> None:
    """Stop accepting, let the connections already accepted be answered, then replace this process by a fresh one
    that listens on the same socket (meanwhile, new connections wait in its queue); not if a session has opened
    since the room was found empty."""
    sock, loop = LISTENING.sock, LISTENING.loop
    if sock is None or loop is None:
        return
    descriptor = sock.fileno()

    def replace_process() -> None:
        if LISTENING.stopping:
            return
        os.set_inheritable(descriptor, True)
        # The port it listens on, should Streamlit have moved on from a port in use (a port given on the command
        # line is the one it listens on, or 0, which adopts the socket handed over).
        port = str(sock.getsockname()[1])
        environ = {**os.environ, SOCKET_ENV: str(descriptor), "STREAMLIT_SERVER_PORT": port}
        argv = [sys.executable, *sys.orig_argv[1:]]
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            os.execve(sys.executable, argv, environ)
        except OSError:
            # It no longer accepts connections: ending lets `make run` (or a supervisor) say so.
            log.exception("starting afresh failed: the server stops")
            os._exit(1)

    def stop_accepting() -> None:
        # Sessions open on this loop: none can open between this look and the reader's removal.
        if _held_sessions()[0]:
            log.info("a session opened meanwhile: not starting afresh")
            return
        loop.remove_reader(descriptor)
        loop.call_later(ACCEPTED_GRACE_S, replace_process)

    loop.call_soon_threadsafe(stop_accepting)


def _held_sessions() -> tuple[int, int]:
    """Return the sessions open or kept for a reconnection, and the session events counted so far."""
    runtime = Runtime.instance()
    # Streamlit's metrics count the open sessions only; its session manager also lists those kept for a
    # reconnection, which hold their state until they expire.
    held = len(runtime._session_mgr.list_sessions())
    events = runtime.stats_mgr.get_stats([SESSION_EVENTS_FAMILY]).get(SESSION_EVENTS_FAMILY, ())
    return held, int(sum(stat.value for stat in events))


def watch_room(margin: float | None, watch: RoomWatch | None = None) -> threading.Thread | None:
    """Start a daemon thread that starts the server afresh each time its room has emptied while it holds more than
    `margin` over its memory after start-up (see `RoomWatch`); None: never."""
    if margin is None:
        return None
    watch = watch or RoomWatch()

    def loop() -> None:
        baseline = None
        while True:
            time.sleep(CHECK_EVERY_S)
            if not Runtime.exists() or LISTENING.sock is None:
                continue
            try:
                held, events = _held_sessions()
                # Read once the server listens, before its first visitor, as the load benchmark does.
                baseline = baseline or resident_bytes(os.getpid())
                if not watch.due(held, events, time.monotonic()):
                    continue
                resident = resident_bytes(os.getpid())
                if above_baseline(resident, baseline, margin):
                    log.info(
                        "room empty: starting afresh (%.0f MiB, %.0f MiB after start)",
                        resident / 2**20,
                        baseline / 2**20,
                    )
                    start_afresh()
            except Exception:  # a failed look must not end the watch; the next emptying tries again
                log.exception("watching the room failed")

    thread = threading.Thread(target=loop, name="room-watch", daemon=True)
    thread.start()
    return thread
