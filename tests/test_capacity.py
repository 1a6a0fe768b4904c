"""What a room of delegates costs the server: views built once per what they show, bounded caches, fragments."""

import asyncio
import concurrent.futures
import urllib.parse

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics import chart_registry
from analytics.request import ViewRequest
from messages import t
from tests.browser.server import serve_dashboard
from tests.conftest import ROOT
from tests.streamlit_protocol import DashboardSession
from ui import cached
from wsis_data.constants import LANGUAGES

TIMEOUT_S = 60


@pytest.fixture
def charts_built(monkeypatch) -> list[str]:
    """Record the file stem of every chart built from now on (every builder makes its view with `_view`)."""
    built: list[str] = []
    make_view = chart_registry._view

    def counting(dataset, request, figure, table, summary, name):
        built.append(name)
        return make_view(dataset, request, figure, table, summary, name)

    monkeypatch.setattr(chart_registry, "_view", counting)
    return built


@pytest.fixture
def fresh_views():
    """Start from empty view caches: other tests in the process may have built the views these ask for."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def on_page(path: str) -> AppTest:
    test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT_S).run()
    test.switch_page(path)
    return test.run()


@pytest.mark.parametrize(
    "path", ["app_pages/overview.py", "app_pages/matrix_explorer.py", "app_pages/linkage_graph.py"]
)
def test_a_region_change_on_a_page_that_shows_no_region_builds_no_chart(path, charts_built, fresh_views):
    test = on_page(path)
    shown = charts_built.copy()
    test.selectbox(key="widget.region").set_value("Africa").run()
    assert not test.exception
    assert test.query_params["region"] == "Africa"
    assert charts_built == shown


def test_a_region_change_on_the_activities_page_builds_its_regional_charts(charts_built, fresh_views):
    test = on_page("app_pages/activities_regions.py")
    charts_built.clear()
    test.selectbox(key="widget.region").set_value("Europe").run()
    assert not test.exception
    assert {"evidence", "region_matrix", "difference_from_global", "activities_by_country"} <= set(charts_built)


def test_the_network_files_are_made_once_whatever_the_language():
    dataset = cached.dataset()
    files = {lang: cached.graph_downloads(dataset, ViewRequest(lang=lang, graph_kind="target")) for lang in LANGUAGES}
    assert all(files[lang] is files["en"] for lang in LANGUAGES)


def test_a_view_cache_keeps_its_most_recent_views_and_never_more_than_its_bound(charts_built, fresh_views):
    dataset = cached.dataset()
    requests = [ViewRequest(lang=lang, sdgs=(goal,)) for lang in LANGUAGES for goal in range(1, 18)]
    assert len(requests) > cached.VIEW_ENTRIES
    for request in requests:
        cached.chart("sdg", dataset, request)
    charts_built.clear()
    for request in reversed(requests[-cached.VIEW_ENTRIES :]):
        cached.chart("sdg", dataset, request)
    assert charts_built == []
    # One more than the bound: the least recently used view was let go and is built again.
    let_go = requests[-cached.VIEW_ENTRIES - 1]
    cached.chart("sdg", dataset, let_go)
    assert charts_built == [f"sdg{let_go.sdgs[0]:02d}_contributions"]


def query(run) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(run.query_string))


async def click_through(url: str) -> None:
    session = DashboardSession(url, timeout_s=TIMEOUT_S)
    full = await session.open("", "matrix_explorer")
    title = t("explorer.title", "en")
    assert title in full.texts

    clicked = await session.select_point("explorer_heatmap", ["C3", "4"])
    assert clicked.fragment_id
    assert title not in clicked.texts
    assert t("explorer.cell.heading", "en", action_line="C3", column="4") in clicked.texts
    assert query(clicked)["cell"] == "C3:4"

    valued = await session.choose("widget.value", t("value.share", "en"))
    assert valued.fragment_id
    assert title not in valued.texts
    assert query(valued)["value"] == "share"

    # A sidebar control is outside every fragment: the whole page runs again.
    regional = await session.choose("widget.region", t("region.Africa", "en"))
    assert not regional.fragment_id
    assert title in regional.texts

    await session.go_to("linkage_graph")
    kind = await session.choose("widget.graph_kind", t("graph.kind.target", "en"))
    assert kind.fragment_id
    assert t("graph.title", "en") not in kind.texts
    assert query(kind)["kind"] == "target"
    await session.close()


def test_a_control_inside_a_fragment_reruns_only_its_part_and_the_link_follows():
    with serve_dashboard() as served, concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
        # A fresh event loop on its own thread: Playwright's sync API may keep one running on this thread.
        thread.submit(asyncio.run, click_through(served.url)).result()
