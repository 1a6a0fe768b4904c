"""Serve the dashboard with its data already loaded: `python -m ui.server [streamlit run options]`.

Streamlit imports a script's modules and fills its caches during the first visitor's first page run, which
costs a fresh server's first visitor about a second here. This process fills the same in-process caches
(the analytics imports, the data tables and the views of the default first pages) before it starts
`streamlit run dashboard.py`, as a web server preloads its application.
"""

import gc
import logging
import sys
from pathlib import Path

from streamlit.web import cli

from analytics.request import ViewRequest

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
# A served dashboard does not reload on source edits. Streamlit's source watcher would otherwise resolve the path
# of every imported module (pandas, plotly, scipy…) after each new session's first run, on the thread that sends
# the page to the browser. Streamlit's full garbage collection after every script run took about 45 % of the
# server's CPU under load (load benchmark, 25 sessions); with the preloaded heap frozen (see main), Python's own
# generational collection keeps memory bounded without it (the load benchmark reads the memory after the
# sessions close). Options given on the command line come later and win.
SERVING_OPTIONS = ("--server.fileWatcherType", "none", "--runner.postScriptGC", "false")


def warm_caches() -> None:
    """Build the views that a link with no parameters opens first: the overview and the matrix explorer."""
    # Defined before any server runs, the cached functions would each log that they found no runtime yet.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    from ui import cached, components  # noqa: F401  (components: the export modules every chart page uses)

    dataset, request = cached.dataset(), ViewRequest()
    cached.overview(dataset, request)
    cached.explorer(dataset, request)


def main(argv: list[str]) -> None:
    warm_caches()
    # The modules, tables and default views loaded so far live as long as the process. Frozen, they are left out
    # of every later collection, including the full one Streamlit runs after each script run, which otherwise
    # scanned all of them (about 160,000 objects) each time.
    gc.freeze()
    cli.main(["run", str(DASHBOARD), *SERVING_OPTIONS, *argv], prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
