"""The launcher that `make run` and the browser tests use: it builds the default views before serving."""

from analytics import views
from analytics.request import ViewRequest
from ui import cached, server


def test_the_launcher_builds_the_default_overview_and_explorer_before_serving(monkeypatch):
    cached.overview.clear()
    cached.explorer.clear()
    server.warm_caches()
    built = []
    monkeypatch.setattr(views, "overview_view", lambda *args: built.append("overview"))
    monkeypatch.setattr(views, "explorer_view", lambda *args: built.append("explorer"))
    cached.overview(cached.dataset(), ViewRequest())
    cached.explorer(cached.dataset(), ViewRequest())
    assert built == []


def test_the_launcher_serves_dashboard_py_without_a_source_watcher_unless_told_otherwise(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "warm_caches", lambda: calls.append("warm"))
    monkeypatch.setattr(server.gc, "freeze", lambda: None)
    monkeypatch.setattr(server.cli, "main", lambda args, prog_name: calls.append(args))
    server.main(["--server.port", "9000", "--server.fileWatcherType", "auto"])
    assert calls[0] == "warm"
    assert calls[1][:2] == ["run", str(server.DASHBOARD)]
    assert calls[1][-4:] == ["--server.port", "9000", "--server.fileWatcherType", "auto"]
    assert calls[1].index("none") < calls[1].index("auto")


def test_the_launcher_freezes_the_preloaded_heap_after_warming_and_before_serving(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "warm_caches", lambda: calls.append("warm"))
    monkeypatch.setattr(server.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(server.cli, "main", lambda args, prog_name: calls.append("serve"))
    server.main([])
    assert calls == ["warm", "freeze", "serve"]


def test_the_launcher_turns_off_streamlits_full_collection_after_every_script_run():
    options = server.SERVING_OPTIONS
    assert options[options.index("--runner.postScriptGC") + 1] == "false"
