"""The launcher that `make run` and the browser tests use: it builds the default views before serving."""

import subprocess
import sys
from pathlib import Path

from analytics import chart_registry
from analytics.request import ViewRequest
from ui import cached, server
from wsis_data.constants import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def test_the_launcher_builds_the_default_overview_explorer_graph_activities_and_connect_in_every_language_before_serving(
    monkeypatch,
):
    for cached_call in (cached.overview, cached.explorer, cached._chart, cached.activities):
        cached_call.clear()
    server.warm_caches()
    built = []
    monkeypatch.setattr(chart_registry, "_view", lambda *args: built.append(args[-1]))
    for lang in LANGUAGES:
        request = ViewRequest(lang=lang, edition=cached.dataset().edition)
        cached.overview(cached.dataset(), request)
        cached.explorer(cached.dataset(), request)
        cached.chart("graph", cached.dataset(), request)
        cached.activities(cached.dataset(), request)
        cached.chart("connect", cached.dataset(), request)
    assert built == []


def test_the_launcher_serves_dashboard_py_without_a_source_watcher_unless_told_otherwise(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "warm_caches", lambda: calls.append("warm"))
    monkeypatch.setattr(server, "preload_modules", lambda: None)
    monkeypatch.setattr(server, "skip_config_watchers", lambda: None)
    monkeypatch.setattr(server.memory, "adopt_listening_socket", lambda: None)
    monkeypatch.setattr(server.memory, "watch_room", lambda margin: None)
    monkeypatch.setattr(server.gc, "freeze", lambda: None)
    monkeypatch.setattr(server.cli, "main", lambda args, prog_name: calls.append(args))
    server.main(["--server.port", "9000", "--server.fileWatcherType", "auto"])
    assert calls[0] == "warm"
    assert calls[1][:2] == ["run", str(server.DASHBOARD)]
    assert calls[1][-4:] == ["--server.port", "9000", "--server.fileWatcherType", "auto"]
    assert calls[1].index("none") < calls[1].index("auto")


def test_the_launcher_freezes_the_preloaded_heap_after_warming_and_watches_the_room_before_serving(monkeypatch):
    calls = []
    monkeypatch.delenv(server.memory.FRESH_START_ENV, raising=False)
    monkeypatch.setattr(server.memory, "adopt_listening_socket", lambda: calls.append("adopt a handed-over socket"))
    monkeypatch.setattr(server, "warm_caches", lambda: calls.append("warm"))
    monkeypatch.setattr(server, "skip_config_watchers", lambda: calls.append("no config watchers"))
    monkeypatch.setattr(server, "preload_modules", lambda: calls.append("preload"))
    monkeypatch.setattr(
        server.memory,
        "watch_room",
        lambda margin: calls.append(f"watch room, starting afresh above +{margin:.0%}"),
    )
    monkeypatch.setattr(server.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(server.cli, "main", lambda args, prog_name: calls.append("serve"))
    server.main([])
    assert calls == [
        "no config watchers",
        "preload",
        "warm",
        "freeze",
        "adopt a handed-over socket",
        "watch room, starting afresh above +5%",
        "serve",
    ]


def test_the_launcher_turns_off_streamlits_full_collection_after_every_script_run():
    options = server.SERVING_OPTIONS
    assert options[options.index("--runner.postScriptGC") + 1] == "false"


def test_the_launcher_leaves_streamlits_configuration_files_unwatched(monkeypatch):
    monkeypatch.setattr(server.bootstrap, "_install_config_watchers", server.bootstrap._install_config_watchers)
    watched = []
    monkeypatch.setattr(server.bootstrap, "watch_file", lambda *args, **kwargs: watched.append(args[0]))
    server.bootstrap._install_config_watchers({})
    assert watched, "Streamlit no longer watches its configuration files this way: the launcher's patch is moot"
    watched.clear()
    server.skip_config_watchers()
    server.bootstrap._install_config_watchers({})
    assert watched == []


def test_a_page_scripts_imports_are_its_modules_and_the_modules_it_imports_names_from(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("import json\nfrom ui import cached, sidebar\nfrom .local import x\n\ndef f():\n    import csv\n")
    assert server.page_imports(page) == ["json", "ui", "ui.cached", "ui.sidebar", "csv"]


def test_the_launcher_imports_before_serving_what_a_first_visit_to_every_page_would_import():
    script = (
        "import sys; from ui import server; server.preload_modules(); print(' '.join(name for name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(done.stdout.split())
    # The curation, HLPF pack and evidence pages' own modules, and Streamlit's and plotly's first-run imports.
    assert {"ui.auth", "ui.evidence_upload", "ui.evidence", "analytics.export.pack", "docx"} <= loaded
    assert set(server.FIRST_RUN_MODULES) | {"PIL.PngImagePlugin"} <= loaded
