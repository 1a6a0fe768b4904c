"""Every registered page and its controls, run with streamlit's AppTest (no browser)."""

import base64
import json

import numpy as np
import plotly.colors
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from messages import t
from tests.conftest import ROOT
from tests.shown import shown
from ui.registry import PAGES

TIMEOUT_S = 60


def app(**query: str) -> AppTest:
    """Return the dashboard after its first run, opened with the given query parameters."""
    test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT_S)
    for name, value in query.items():
        test.query_params[name] = value
    return test.run()


def on_page(path: str, **query: str) -> AppTest:
    test = app(**query)
    test.switch_page(path)
    return test.run()


def figures(test: AppTest) -> list[go.Figure]:
    """Return the plotly figures a page shows, read back from the JSON sent to the browser."""
    return [go.Figure(json.loads(element.proto.spec)) for element in test.get("plotly_chart")]


def heatmap(test: AppTest) -> go.Heatmap:
    """Return the first trace of the page's first chart (the heatmap on the overview and the explorer)."""
    return figures(test)[0]["data"][0]


def cells(z) -> np.ndarray:
    """Return a heatmap's values, decoding plotly's typed-array JSON (dtype and base64 data)."""
    if isinstance(z, dict):
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=np.dtype(z["dtype"])).ravel()
    return np.ravel(z)


def texts(test: AppTest) -> str:
    parts = [
        element.value
        for kind in ("markdown", "title", "header", "subheader", "caption")
        for element in getattr(test, kind)
    ]
    parts += [str(metric.value) for metric in test.metric]
    return shown("\n".join(map(str, parts)))


@pytest.mark.parametrize("spec", PAGES, ids=[spec.title_key for spec in PAGES])
def test_every_registered_page_runs_without_an_exception(spec):
    test = on_page(spec.path)
    assert not test.exception, [exception.value for exception in test.exception]
    assert test.title, f"{spec.path} shows no title"


def test_switching_the_language_to_french_shows_french_goal_titles():
    test = on_page("app_pages/sdg_profile.py")
    assert "End poverty in all its forms everywhere" in texts(test)
    test.sidebar.selectbox(key="widget.lang").set_value("fr").run()
    assert not test.exception
    assert "Éliminer la pauvreté sous toutes ses formes et partout dans le monde" in texts(test)


def test_a_region_filter_changes_the_activity_count():
    test = on_page("app_pages/activities_regions.py")
    everywhere = test.metric[0].value
    test.sidebar.selectbox(key="widget.region").set_value("Africa").run()
    assert not test.exception
    assert test.metric[0].value != everywhere
    assert int(test.metric[0].value) < int(everywhere)


def test_the_query_parameters_restore_a_view():
    test = on_page(
        "app_pages/matrix_explorer.py", lang="fr", sdg="9,4", region="Africa", hlpf="2025", level="target", c7="merged"
    )
    assert not test.exception
    assert test.sidebar.selectbox(key="widget.lang").value == "fr"
    assert test.sidebar.selectbox(key="widget.region").value == "Africa"
    assert test.sidebar.multiselect(key="widget.sdgs").value == [4, 9]
    assert test.sidebar.selectbox(key="widget.hlpf").value == 2025
    assert test.sidebar.radio(key="widget.level").value == "target"
    assert test.sidebar.radio(key="widget.c7").value == "merged"
    assert dict(test.query_params) == {
        "lang": "fr",
        "sdg": "4,9",
        "region": "Africa",
        "hlpf": "2025",
        "level": "target",
        "c7": "merged",
        "edition": "1",
    }


def test_an_invalid_parameter_falls_back_to_the_default_with_a_notice():
    test = app(
        lang="xx", sdg="6,18", hlpf="1990", level="deep", region="Mars", al="C12", cell="C1:99", kind="x", edition="3"
    )
    assert not test.exception
    assert test.sidebar.selectbox(key="widget.lang").value == "en"
    assert test.sidebar.multiselect(key="widget.sdgs").value == [6]
    notices = shown(" ".join(warning.value for warning in test.warning))
    for bad in (
        "lang=xx",
        "sdg=18",
        "hlpf=1990",
        "level=deep",
        "region=Mars",
        "al=C12",
        "cell=C1:99",
        "kind=x",
        "edition=3",
    ):
        assert bad in notices


def test_a_changed_control_is_mirrored_to_the_url():
    test = app()
    test.sidebar.multiselect(key="widget.sdgs").set_value([3, 5]).run()
    test.sidebar.radio(key="widget.c7").set_value("merged").run()
    assert test.query_params["sdg"] == "3,5"
    assert test.query_params["c7"] == "merged"


def test_the_view_survives_a_page_switch():
    test = app(lang="es")
    test.switch_page("app_pages/linkage_graph.py").run()
    assert test.sidebar.selectbox(key="widget.lang").value == "es"
    assert test.title[0].value == t("graph.title", "es")


def test_the_explorer_follows_the_level_c7_and_palette_controls():
    test = on_page("app_pages/matrix_explorer.py")
    assert (len(heatmap(test)["y"]), len(heatmap(test)["x"])) == (18, 17)
    test.sidebar.radio(key="widget.c7").set_value("merged").run()
    assert list(heatmap(test)["y"]) == ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"]
    test.sidebar.radio(key="widget.level").set_value("target").run()
    assert len(heatmap(test)["x"]) == 169 and "9.c" in heatmap(test)["x"]
    assert test.query_params["level"] == "target"
    blues = heatmap(test)["colorscale"]
    test.sidebar.radio(key="widget.palette").set_value("cividis").run()
    assert heatmap(test)["colorscale"] != blues
    # Cividis from its light end: empty cells near-white, the most links in its darkest blue.
    assert heatmap(test)["colorscale"][-1][1] == plotly.colors.sequential.Cividis[0]
    assert test.query_params["palette"] == "cividis"


def test_the_overview_follows_the_hlpf_c7_and_palette_controls():
    test = on_page("app_pages/overview.py", hlpf="2025")
    stars = [note["text"] for note in figures(test)[0]["layout"]["annotations"] if "★" in note["text"]]
    assert stars, "the HLPF 2025 SDGs are starred"
    test.sidebar.selectbox(key="widget.hlpf").set_value(2027).run()
    assert not [note for note in figures(test)[0]["layout"]["annotations"] if "★" in note["text"]]
    assert any("not confirmed" in warning.value for warning in test.warning)
    test.sidebar.radio(key="widget.c7").set_value("merged").run()
    assert len(heatmap(test)["y"]) == 11
    test.sidebar.radio(key="widget.palette").set_value("cividis").run()
    # Cividis from its light end: empty cells near-white, the most links in its darkest blue.
    assert heatmap(test)["colorscale"][-1][1] == plotly.colors.sequential.Cividis[0]


def test_the_explorer_offers_every_cell_value():
    test = on_page("app_pages/matrix_explorer.py")
    seen = {}
    for value in ("linked", "share", "targets"):
        test.radio(key="widget.value").set_value(value).run()
        trace = heatmap(test)
        assert trace["colorbar"]["title"]["text"] == t("value." + value, "en")
        seen[value] = [float(cell) for cell in cells(trace.z)]
        assert test.query_params.get("value", "targets") == value
    assert set(seen["linked"]) == {0, 1}
    assert max(seen["targets"]) > 1 and all(float(cell).is_integer() for cell in seen["targets"])
    assert 0 < max(seen["share"]) <= 1 and not all(float(cell).is_integer() for cell in seen["share"])


def test_a_cell_in_the_link_opens_its_drill_down():
    test = on_page("app_pages/matrix_explorer.py", cell="C1:3", lang="fr")
    assert "**C1** × **3**" in texts(test)
    assert "ICT can be used to bring together people in danger" in texts(test)
    assert "3.d" in texts(test)
    assert test.query_params["cell"] == "C1:3"


def test_a_target_cell_kept_when_the_level_goes_back_to_goals_shows_without_an_error():
    test = on_page("app_pages/matrix_explorer.py", level="target", cell="C1:3.d")
    test.radio(key="widget.level").set_value("goal").run()
    assert not test.exception
    assert "**C1** × **3.d**" in texts(test)


def test_the_unconfirmed_hlpf_year_is_flagged_on_the_overview():
    test = on_page("app_pages/overview.py", hlpf="2027")
    assert any("not confirmed" in warning.value for warning in test.warning)


def test_the_action_line_profile_follows_its_selector_and_the_url():
    test = on_page("app_pages/action_line_profile.py", al="C7.7")
    assert test.selectbox(key="widget.action_line").value == "C7.7"
    assert "C7.7" in texts(test)
    test.selectbox(key="widget.action_line").set_value("C5").run()
    assert not test.exception
    assert test.query_params["al"] == "C5"


def test_the_sdg_profile_follows_its_selector():
    test = on_page("app_pages/sdg_profile.py", sdg="9")
    assert test.selectbox(key="profile_goal").value == 9
    test.selectbox(key="profile_goal").set_value(4).run()
    assert not test.exception
    assert test.query_params["sdg"] == "4"


def test_the_graph_page_offers_both_networks_and_a_focus():
    test = on_page("app_pages/linkage_graph.py")
    # Every node is named in its hover text (a label that would overlap another is not drawn).
    labels = lambda: {label.split(" ·")[0] for trace in figures(test)[0].data for label in trace.hovertext or []}  # noqa: E731
    assert "SDG 9" in labels() and "9.c" not in labels()
    test.radio(key="widget.graph_kind").set_value("target").run()
    assert "9.c" in labels() and "SDG 9" not in labels()
    assert figures(test)[0]["layout"]["title"]["text"] == t("chart.network.target", "en")
    test.selectbox(key="widget.focus").set_value("C2").run()
    action_lines = {label for label in labels() if label.startswith("C")}
    assert action_lines == {"C2"}
    assert test.query_params["kind"] == "target" and test.query_params["focus"] == "C2"
    names = {button.proto.label for button in test.get("download_button")}
    assert {t("download.graphml", "en"), t("download.gexf", "en")} <= names


def test_the_activities_page_filters_by_sector_and_action_line():
    test = on_page("app_pages/activities_regions.py", region="Europe")
    everything = int(test.metric[0].value)
    test.multiselect(key="widget.sectors").set_value(["T"]).run()
    test.selectbox(key="widget.focus").set_value("C5").run()
    shown = test.dataframe[0].value
    assert int(test.metric[0].value) == len(shown) < everything
    assert set(shown["sector"]) <= {"T"}
    assert set(shown["region"]) <= {"Europe"}
    assert all("C5" in cell.split(";") for cell in shown["action_lines"])
    assert test.query_params["sector"] == "T" and test.query_params["focus"] == "C5"


def test_the_hlpf_pack_page_builds_a_pack_to_download():
    test = on_page("app_pages/hlpf_pack.py", hlpf="2025", region="Africa")
    assert test.selectbox(key="pack_year").value == 2025
    test.button(key="pack_build").click().run(timeout=180)
    assert not test.exception
    assert not test.error, [error.value for error in test.error]
    assert "pack_download" in [button.key for button in test.get("download_button")]


def test_the_hlpf_pack_page_accepts_a_set_of_sdgs():
    test = on_page("app_pages/hlpf_pack.py")
    test.radio(key="pack_scope").set_value("sdgs").run()
    test.multiselect(key="pack_sdgs").set_value([9]).run()
    assert not test.exception
    assert "--sdg 9" in test.code[0].value


def test_without_a_browser_the_charts_say_how_to_install_one(monkeypatch):
    import streamlit as st

    import ui.components

    monkeypatch.setattr(ui.components, "find_browser", lambda: None)
    st.cache_data.clear()
    try:
        test = on_page("app_pages/matrix_explorer.py")
        assert not test.exception
        assert any("apt-get install chromium" in caption.value for caption in test.caption)
        assert {"explorer_heatmap_csv", "explorer_heatmap_xlsx"} <= {
            button.key for button in test.get("download_button")
        }
    finally:
        st.cache_data.clear()


def test_a_charts_table_runs_only_once_its_table_tab_is_opened():
    test = on_page("app_pages/matrix_explorer.py")
    assert not test.dataframe
    test.session_state["explorer_heatmap_tabs"] = t("tab.table", "en")
    test.run()
    assert not test.exception
    assert len(test.dataframe) == 1
    assert len(test.dataframe[0].value) == 18 * 17  # one row per action line and goal


@pytest.mark.parametrize(
    ("path", "expander", "tables"),
    [
        ("app_pages/overview.py", "overview_findings", 1),
        ("app_pages/matrix_explorer.py", "explorer_gaps", 2),
        ("app_pages/matrix_explorer.py", "explorer_rankings", 2),
        ("app_pages/matrix_explorer.py", "explorer_concentration", 1),
        ("app_pages/sdg_profile.py", "sdg_indicators", 1),
        ("app_pages/activities_regions.py", "activities_provenance", 1),
        ("app_pages/activities_regions.py", "activities_evidence_by_region", 1),
    ],
)
def test_a_folded_table_runs_only_once_its_expander_is_opened(path, expander, tables):
    test = on_page(path)
    closed = len(test.dataframe)
    test.session_state[expander] = True
    test.run()
    assert not test.exception
    assert len(test.dataframe) == closed + tables
