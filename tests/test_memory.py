"""A server gives memory back once its room has emptied: the views built for visitors go, the default views stay."""

from analytics import chart_registry
from analytics.request import ViewRequest
from ui import cached, memory, server


def test_memory_is_given_back_once_the_room_has_stayed_empty_and_not_while_a_session_is_open():
    watch = memory.RoomWatch(empty_s=15)
    assert not watch.due(active_sessions=0, session_events=0, now=0), "no session has come yet: nothing to give back"
    assert not watch.due(active_sessions=3, session_events=3, now=10)
    assert not watch.due(active_sessions=0, session_events=6, now=20), "the room has just emptied"
    assert not watch.due(active_sessions=0, session_events=6, now=34)
    assert watch.due(active_sessions=0, session_events=6, now=35)
    assert not watch.due(active_sessions=0, session_events=6, now=100), "given back once per emptying"


def test_a_session_coming_back_before_the_room_has_stayed_empty_puts_the_release_off():
    watch = memory.RoomWatch(empty_s=15)
    assert not watch.due(active_sessions=0, session_events=2, now=0)
    assert not watch.due(active_sessions=1, session_events=3, now=10)
    assert not watch.due(active_sessions=0, session_events=4, now=20)
    assert not watch.due(active_sessions=0, session_events=4, now=30)
    assert watch.due(active_sessions=0, session_events=4, now=35)


def test_giving_memory_back_drops_the_views_built_for_visitors_and_keeps_the_default_views(monkeypatch):
    server.warm_caches()
    dataset = cached.dataset()
    visitor = ViewRequest(lang="fr", region="Africa", sdgs=(4, 9), edition=dataset.edition)
    cached.explorer(dataset, visitor)
    cached.chart("map", dataset, visitor)
    memory.give_back_memory(server.warm_caches)
    built = []
    build = chart_registry._view
    monkeypatch.setattr(chart_registry, "_view", lambda *args: built.append(args[-1]) or build(*args))
    for lang in ("en", "ar"):
        default = ViewRequest(lang=lang, edition=dataset.edition)
        cached.overview(dataset, default)
        cached.explorer(dataset, default)
        cached.chart("graph", dataset, default)
    assert built == [], "the default views are built again before the memory is given back"
    cached.explorer(dataset, visitor)
    assert built, "the visitor's view was dropped"
