"""Memory given back when a server's room empties: `python -m ui.server` watches its sessions with `watch_room`.

While delegates are connected, a server keeps the views they asked for (bounded caches, `ui.cached`). Once no
session has been open for a while, it drops those views and the numbers behind them, builds the default views
again (the ones a new visitor opens first), collects the garbage, including what was frozen with the preloaded
heap, and hands the freed pages back to the system (glibc keeps freed memory for reuse otherwise), so that its
memory returns to what it was after start-up.
"""

import ctypes
import gc
import linecache
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.logger import get_logger
from streamlit.runtime import Runtime
from streamlit.runtime.stats import ACTIVE_SESSIONS_FAMILY, SESSION_EVENTS_FAMILY

from ui import cached

# How long the room must have been empty (a delegate reloading a page reconnects within seconds; the next visitor
# should not arrive while the views are being rebuilt, a few seconds of CPU) and how often
# the server looks.
EMPTY_ROOM_S = 60.0
CHECK_EVERY_S = 5.0

log = get_logger(__name__)


@dataclass
class RoomWatch:
    """When to give memory back: once per emptying of the room, after it has stayed empty `empty_s` seconds."""

    empty_s: float = EMPTY_ROOM_S
    # Session events (connections, reconnections, disconnections) counted when memory was last given back: no new
    # event since then means nothing new to give back.
    events_at_release: int = 0
    empty_since: float | None = None

    def due(self, active_sessions: int, session_events: int, now: float) -> bool:
        """Return whether to give memory back now, given the open sessions and the session events counted so far."""
        if active_sessions or session_events == self.events_at_release:
            self.empty_since = None
            return False
        if self.empty_since is None:
            self.empty_since = now
        if now - self.empty_since < self.empty_s:
            return False
        self.events_at_release, self.empty_since = session_events, None
        return True


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None


MALLOC_TRIM = _malloc_trim()


def give_back_memory(rebuild_defaults: Callable[[], None]) -> None:
    """Drop the views built for visitors, build the default views again, collect and return the freed memory."""
    cached.forget_views()
    # Source lines read for a traceback or a stack inspection (Streamlit inspects the stack once, on its first
    # session) are kept for the life of the process otherwise.
    linecache.clearcache()
    # The views preloaded at start were frozen with the heap (ui.server); the dropped ones hold reference cycles
    # (plotly figures and their parts), which only a collection that sees them frees.
    gc.unfreeze()
    rebuild_defaults()
    gc.collect()
    gc.freeze()
    if MALLOC_TRIM is not None:
        MALLOC_TRIM(0)


def _room() -> tuple[int, int]:
    """Return the number of open sessions and the session events counted so far, from Streamlit's own metrics."""
    stats = Runtime.instance().stats_mgr.get_stats([ACTIVE_SESSIONS_FAMILY, SESSION_EVENTS_FAMILY])
    return (
        int(sum(stat.value for stat in stats.get(ACTIVE_SESSIONS_FAMILY, ()))),
        int(sum(stat.value for stat in stats.get(SESSION_EVENTS_FAMILY, ()))),
    )


def watch_room(rebuild_defaults: Callable[[], None], watch: RoomWatch | None = None) -> threading.Thread:
    """Start a daemon thread that gives memory back each time the room has emptied (see `RoomWatch`)."""
    watch = watch or RoomWatch()

    def loop() -> None:
        while True:
            time.sleep(CHECK_EVERY_S)
            if not Runtime.exists():
                continue
            try:
                if watch.due(*_room(), time.monotonic()):
                    started = time.perf_counter()
                    give_back_memory(rebuild_defaults)
                    log.info("room empty: views dropped and memory returned in %.1f s", time.perf_counter() - started)
            except Exception:  # a failed pass must not end the watch; the next emptying tries again
                log.exception("giving memory back failed")

    thread = threading.Thread(target=loop, name="room-watch", daemon=True)
    thread.start()
    return thread
