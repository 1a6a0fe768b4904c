"""A dashboard session over Streamlit's websocket protocol, driven as a browser drives it, without a browser.

A browser loads the page over HTTP (through a proxy, that response sets the affinity cookie), opens
`/_stcore/stream` and sends a `rerun_script` BackMsg with the URL's query string and page; each click sends
another one with the changed widget's state. The server answers with ForwardMsgs: deltas (the elements, each
widget with its id and options) and, when the script run ends, `script_finished`. A run is timed from the
BackMsg to that message. Used by the failure tests and by `benchmarks/load_benchmark.py`.
"""

import asyncio
import json
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# A run that ends early for a rerun (st.rerun, a deep link routed through the entry point) is followed by another.
RUN_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class SessionError(Exception):
    """A script run that failed, timed out or lost its connection."""


@dataclass
class ScriptRun:
    """What one script run sent: its widgets (by user key), its texts, its exceptions and how long it took."""

    seconds: float = 0.0
    widgets: dict[str, object] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    query_string: str | None = None


def _record(run: ScriptRun, message: ForwardMsg) -> None:
    delta = message.delta
    if delta.WhichOneof("type") != "new_element":
        return
    kind = delta.new_element.WhichOneof("type")
    element = getattr(delta.new_element, kind)
    if kind == "exception":
        run.exceptions.append(f"{element.type}: {element.message}")
    elif kind in ("heading", "markdown"):
        run.texts.append(element.body)
    # Widget ids end with the user key: `$$ID-<hash of the label and options>-<key>`.
    if element_id := getattr(element, "id", ""):
        run.widgets[element_id.rsplit("-", 1)[-1]] = element


class DashboardSession:
    """One browser tab's session: open it on a URL, then change widgets, pages and chart selections."""

    def __init__(self, base_url: str, timeout_s: float = 60, cookie: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.cookie = cookie
        self.query_string = ""
        self.pages: dict[str, str] = {}
        self.page_script_hash = ""
        self.last: ScriptRun = ScriptRun()
        self._socket = None

    def _load_index(self) -> None:
        """GET the page as the browser does first; keep the cookie a proxy sets for session affinity."""
        request = urllib.request.Request(self.base_url + "/")
        if self.cookie:
            request.add_header("Cookie", self.cookie)
        with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
            response.read()
            if set_cookie := response.headers.get("Set-Cookie"):
                self.cookie = set_cookie.split(";", 1)[0]

    async def open(self, query_string: str = "", page: str = "") -> ScriptRun:
        """Load the dashboard at `/<page>?<query_string>` and return its first complete run."""
        await asyncio.to_thread(self._load_index)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        try:
            self._socket = await websockets.connect(
                self.base_url.replace("http", "ws", 1) + "/_stcore/stream",
                subprotocols=["streamlit"],
                origin=self.base_url,
                additional_headers=headers,
                max_size=None,
                open_timeout=self.timeout_s,
            )
        except (websockets.InvalidHandshake, TimeoutError) as refused:
            raise SessionError(f"the websocket was refused: {refused}") from None
        self.query_string = query_string
        return await self._rerun(page_name=page)

    async def _rerun(self, page_script_hash: str | None = None, page_name: str = "", widgets=()) -> ScriptRun:
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query_string
        # As the browser does, every rerun names the page on screen unless it follows a link to another.
        rerun.page_script_hash = self.page_script_hash if page_script_hash is None else page_script_hash
        rerun.page_name = page_name
        rerun.widget_states.widgets.extend(widgets)
        run = ScriptRun()
        start = time.perf_counter()
        deadline = start + self.timeout_s
        try:
            await self._socket.send(message.SerializeToString())
            while True:
                data = await asyncio.wait_for(self._socket.recv(), max(deadline - time.perf_counter(), 0.001))
                reply = ForwardMsg()
                reply.ParseFromString(data)
                kind = reply.WhichOneof("type")
                if kind == "delta":
                    _record(run, reply)
                elif kind == "navigation":
                    self.pages = {page.url_pathname: page.page_script_hash for page in reply.navigation.app_pages}
                    self.page_script_hash = reply.navigation.page_script_hash
                elif kind == "page_info_changed":
                    self.query_string = run.query_string = reply.page_info_changed.query_string
                elif kind == "script_finished" and reply.script_finished in RUN_DONE:
                    break
        except TimeoutError:
            raise SessionError(f"no end of the script run within {self.timeout_s:g} s") from None
        except websockets.ConnectionClosed as closed:
            raise SessionError(f"connection closed: {closed}") from None
        run.seconds = time.perf_counter() - start
        if run.exceptions:
            raise SessionError("the script raised " + "; ".join(run.exceptions))
        self.last = run
        return run

    def widget(self, key: str):
        """Return the widget of the last run whose user key is `key`."""
        if key not in self.last.widgets:
            raise SessionError(f"no widget {key!r} in the last run: {sorted(self.last.widgets)}")
        return self.last.widgets[key]

    def _widget_state(self, key: str):
        state = BackMsg().rerun_script.widget_states.widgets.add()
        state.id = self.widget(key).id
        return state

    async def choose(self, key: str, value: str | list[str]) -> ScriptRun:
        """Pick an option (a selectbox or radio) or options (a multiselect) by their shown text."""
        state = self._widget_state(key)
        if isinstance(value, list):
            state.string_array_value.data.extend(value)
        else:
            state.string_value = value
        return await self._rerun(widgets=[state])

    async def select_point(self, key: str, customdata: list[str]) -> ScriptRun:
        """Click the point of a plotly chart that carries `customdata`, as its on_select event reports it."""
        state = self._widget_state(key)
        point = {"curve_number": 1, "point_number": 0, "point_index": 0, "customdata": customdata}
        state.string_value = json.dumps(
            {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}
        )
        return await self._rerun(widgets=[state])

    async def go_to(self, url_path: str) -> ScriptRun:
        """Follow the navigation link of a page (its URL path; "" for the default page)."""
        return await self._rerun(page_script_hash=self.pages[url_path])

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
