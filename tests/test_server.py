"""The launcher that `make run` and the browser tests use: it builds the default views before serving."""

from analytics import chart_registry
from analytics.request import ViewRequest
from ui import cached, server
from wsis_data.constants import LANGUAGES


def test_the_launcher_builds_the_default_overview_explorer_graph_activities_and_connect_in_every_language_before_serving(
    monkeypatch,
):
    cached.forget_views()
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
    monkeypatch.setattr(server, "skip_config_watchers", lambda: None)
    monkeypatch.setattr(server.memory, "watch_room", lambda rebuild: None)
    monkeypatch.setattr(server.gc, "freeze", lambda: None)
    monkeypatch.setattr(server.cli, "main", lambda args, prog_name: calls.append(args))
    server.main(["--server.port", "9000", "--server.fileWatcherType", "auto"])
    assert calls[0] == "warm"
    assert calls[1][:2] == ["run", str(server.DASHBOARD)]
    assert calls[1][-4:] == ["--server.port", "9000", "--server.fileWatcherType", "auto"]
    assert calls[1].index("none") < calls[1].index("auto")


def test_the_launcher_freezes_the_preloaded_heap_after_warming_and_watches_the_room_before_serving(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "warm_caches", lambda: calls.append("warm"))
    monkeypatch.setattr(server, "skip_config_watchers", lambda: calls.append("no config watchers"))
    monkeypatch.setattr(
        server.memory,
        "watch_room",
        lambda rebuild: calls.append(
            "watch room, rebuilding with the warm-up" if rebuild is server.warm_caches else rebuild
        ),
    )
    monkeypatch.setattr(server.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(server.cli, "main", lambda args, prog_name: calls.append("serve"))
    server.main([])
    assert calls == ["no config watchers", "warm", "freeze", "watch room, rebuilding with the warm-up", "serve"]


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
