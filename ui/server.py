"""Serve the dashboard with its data already loaded: `python -m ui.server [streamlit run options]`.

Streamlit imports a script's modules and fills its caches during the first visitor's first page run, which
costs a fresh server's first visitor about a second here. This process fills the same in-process caches
(the analytics imports, the data tables and the default views of the first pages, in every language) before it starts
`streamlit run dashboard.py`, as a web server preloads its application.

It also adds the frame policy (`ui.frame_policy`: which sites may frame the embed URLs and the rest of the app)
to Streamlit's own middleware, since the server has no setting for response headers.
"""

import ast
import os

# One BLAS thread per process. OpenBLAS otherwise starts a thread per core, and its threads spin while they wait for
# work: the network layout of a new choice of goals (Kamada–Kawai, small matrices) took 330–550 ms of CPU instead of
# 7–22 ms, and a served process's cores are its visitors' (`make serve` runs one worker per core). An operator's own
# setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import gc
import importlib
import logging
import sys
from pathlib import Path

from starlette.middleware import Middleware
from streamlit.web import bootstrap, cli
from streamlit.web.server.starlette import starlette_app

from analytics.request import ViewRequest
from ui import memory
from ui.frame_policy import FrameAncestorsMiddleware, FramePolicy, FramePolicyError, policy_from_environment
from ui.registry import EMBED_PAGE
from wsis_data.command_line import fail
from wsis_data.constants import ACTION_LINE_CODES, LANGUAGES, SDG_GOALS

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
PAGES = DASHBOARD.parent / "app_pages"
# What Streamlit and plotly import during a first visit's runs rather than at start (the modules a fresh server
# had gained after one session had opened every page, beyond those the pages import).
FIRST_RUN_MODULES = (
    "plotly.io._json",
    "streamlit.dataframe.lazy_df_adapters",
    "streamlit.material_icon_names",
    "streamlit.runtime.scriptrunner.magic_funcs",
    "streamlit.web.skills",
)
# A served dashboard does not reload on source edits. Streamlit's source watcher would otherwise resolve the path
# of every imported module (pandas, plotly, scipy…) after each new session's first run, on the thread that sends
# the page to the browser. Streamlit's full garbage collection after every script run took about 45 % of the
# server's CPU under load (load benchmark, 25 sessions); with the preloaded heap frozen (see main), Python's own
# generational collection keeps memory bounded without it (the load benchmark reads the memory after the
# sessions close). Options given on the command line come later and win.
SERVING_OPTIONS = ("--server.fileWatcherType", "none", "--runner.postScriptGC", "false")
STREAMLIT_MIDDLEWARE = starlette_app.create_streamlit_middleware


def page_imports(page: Path) -> list[str]:
    """Return the modules a page script imports, a name imported from a package counted as its module if it is one."""
    names = []
    for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


def preload_modules() -> None:
    """Import the modules of every page and those Streamlit imports on a first visit, before the server opens.

    A first visitor then waits for none of them, and the memory read after start-up, which a server returns to by
    starting afresh once its room has emptied (ui.memory), is what serving holds.
    """
    from PIL import Image

    for name in [*(name for page in sorted(PAGES.glob("*.py")) for name in page_imports(page)), *FIRST_RUN_MODULES]:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:  # a name imported from a module (a function, a class), not a module itself
            continue
    # The image plugins Streamlit's first image (the favicon) loads.
    Image.preinit()


def warm_caches() -> None:
    """Build the views that a link with no parameters but its language opens: the overview, the explorer, the graph,
    and the first view of the activities, profile and Connect pages."""
    from analytics import view_data
    from ui import cached, components  # noqa: F401  (components: the export modules every chart page uses)

    # The first start also creates and migrates the edition store (`WSIS_DATABASE_URL`, or the SQLite file in var/).
    dataset = cached.dataset()
    # A room opens the shared link in its own languages; the numbers and the network layout are built once, each
    # further language only words its figures (about 0.1 s a page on this machine).
    for lang in LANGUAGES:
        request = ViewRequest(lang=lang, edition=dataset.edition)
        cached.overview(dataset, request)
        cached.explorer(dataset, request)
        cached.chart("graph", dataset, request)
        # A delegate's page changes from the default view: built now, they cost the server no run of their own
        # (about 0.1 s each), and the state their code loads on first use (locale data, plotly's trace types) is
        # part of the memory read after start-up (ui.memory).
        cached.activities(dataset, request)
        cached.chart("connect", dataset, request)
        cached.action_line(dataset, ACTION_LINE_CODES[0], lang, request.region)
        cached.sdg(dataset, SDG_GOALS[0], lang, request.region)
    # A cell chosen on the explorer or the activities page lists its evidence items from this index.
    view_data.evidence_listing(dataset)


def embed_path(base_url_path: str) -> str:
    """Return the URL path of the embed page under Streamlit's base URL path."""
    base = base_url_path.strip("/")
    return "/" + "/".join(part for part in (base, EMBED_PAGE.url_path) if part)


def install_frame_policy(policy: FramePolicy) -> None:
    """Put the frame policy's middleware before Streamlit's own in every app the server creates."""

    def with_frame_policy() -> list[Middleware]:
        from streamlit import config

        path = embed_path(str(config.get_option("server.baseUrlPath") or ""))
        return [Middleware(FrameAncestorsMiddleware, policy=policy, embed_path=path), *STREAMLIT_MIDDLEWARE()]

    starlette_app.create_streamlit_middleware = with_frame_policy


def skip_config_watchers() -> None:
    """Leave the configuration files unwatched, as the sources are: Streamlit otherwise polls each of them five
    times a second for the life of the server (3.3 ms of CPU a second of an idle `make run`, 1.3 ms without)."""
    bootstrap._install_config_watchers = lambda flag_options: None


def main(argv: list[str]) -> None:
    try:
        policy = policy_from_environment()
        margin = memory.fresh_start_margin(os.environ)
    except (FramePolicyError, ValueError) as error:
        sys.exit(fail(str(error)))
    install_frame_policy(policy)
    skip_config_watchers()
    # Defined before any server runs, the cached functions would each log that they found no runtime yet.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    preload_modules()
    warm_caches()
    # The modules, tables and default views loaded so far live as long as the process. Frozen, they are left out
    # of every later collection, including the full one Streamlit runs after each script run, which otherwise
    # scanned all of them (about 160,000 objects) each time.
    gc.freeze()
    # The socket a previous process of this server handed over, and a fresh start once the room has emptied.
    memory.adopt_listening_socket()
    memory.watch_room(margin)
    cli.main(["run", str(DASHBOARD), *SERVING_OPTIONS, *argv], prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
