"""Every registered page and its controls, run with streamlit's AppTest (no browser)."""

import pytest
from streamlit.testing.v1 import AppTest

from messages import t
from tests.conftest import ROOT
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


def texts(test: AppTest) -> str:
    parts = [
        element.value
        for kind in ("markdown", "title", "header", "subheader", "caption")
        for element in getattr(test, kind)
    ]
    parts += [str(metric.value) for metric in test.metric]
    return "\n".join(map(str, parts))


@pytest.mark.parametrize("spec", PAGES, ids=[spec.title_key for spec in PAGES])
def test_every_registered_page_runs_without_an_exception(spec):
    test = on_page(spec.path)
    assert not test.exception, [exception.value for exception in test.exception]
    assert test.title, f"{spec.path} shows no title"


def test_switching_the_language_to_french_shows_french_goal_titles():
    test = on_page("pages/sdg_profile.py")
    assert "End poverty in all its forms everywhere" in texts(test)
    test.sidebar.selectbox(key="widget.lang").set_value("fr").run()
    assert not test.exception
    assert "Éliminer la pauvreté sous toutes ses formes et partout dans le monde" in texts(test)


def test_a_region_filter_changes_the_activity_count():
    test = on_page("pages/activities_regions.py")
    everywhere = test.metric[0].value
    test.sidebar.selectbox(key="widget.region").set_value("Africa").run()
    assert not test.exception
    assert test.metric[0].value != everywhere
    assert int(test.metric[0].value) < int(everywhere)


def test_the_query_parameters_restore_a_view():
    test = on_page(
        "pages/matrix_explorer.py", lang="fr", sdg="9,4", region="Africa", hlpf="2025", level="target", c7="merged"
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
    }


def test_an_invalid_parameter_falls_back_to_the_default_with_a_notice():
    test = app(lang="xx", sdg="18", hlpf="1990", level="deep", region="Mars", al="C12")
    assert not test.exception
    assert test.sidebar.selectbox(key="widget.lang").value == "en"
    assert test.sidebar.multiselect(key="widget.sdgs").value == []
    notices = " ".join(warning.value for warning in test.warning)
    for bad in ("lang=xx", "sdg=18", "hlpf=1990", "level=deep", "region=Mars", "al=C12"):
        assert bad in notices


def test_a_changed_control_is_mirrored_to_the_url():
    test = app()
    test.sidebar.multiselect(key="widget.sdgs").set_value([3, 5]).run()
    test.sidebar.radio(key="widget.c7").set_value("merged").run()
    assert test.query_params["sdg"] == "3,5"
    assert test.query_params["c7"] == "merged"


def test_the_view_survives_a_page_switch():
    test = app(lang="es")
    test.switch_page("pages/linkage_graph.py").run()
    assert test.sidebar.selectbox(key="widget.lang").value == "es"


@pytest.mark.parametrize(
    ("control", "key", "value"),
    [
        ("radio", "widget.level", "target"),
        ("radio", "widget.c7", "merged"),
        ("radio", "widget.palette", "cividis"),
        ("selectbox", "widget.hlpf", 2027),
    ],
)
def test_the_overview_and_explorer_follow_every_sidebar_control(control, key, value):
    for path in ("pages/overview.py", "pages/matrix_explorer.py"):
        test = on_page(path)
        getattr(test.sidebar, control)(key=key).set_value(value).run()
        assert not test.exception, [exception.value for exception in test.exception]


def test_the_explorer_offers_every_cell_value():
    test = on_page("pages/matrix_explorer.py")
    for value in ("linked", "share", "targets"):
        test.radio(key="explorer_value").set_value(value).run()
        assert not test.exception


def test_the_unconfirmed_hlpf_year_is_flagged_on_the_overview():
    test = on_page("pages/overview.py", hlpf="2027")
    assert any("not confirmed" in warning.value for warning in test.warning)


def test_the_action_line_profile_follows_its_selector_and_the_url():
    test = on_page("pages/action_line_profile.py", al="C7.7")
    assert test.selectbox(key="widget.al").value == "C7.7"
    assert "C7.7" in texts(test)
    test.selectbox(key="widget.al").set_value("C5").run()
    assert not test.exception
    assert test.query_params["al"] == "C5"


def test_the_sdg_profile_follows_its_selector():
    test = on_page("pages/sdg_profile.py", sdg="9")
    assert test.selectbox(key="profile_goal").value == 9
    test.selectbox(key="profile_goal").set_value(4).run()
    assert not test.exception
    assert test.query_params["sdg"] == "4"


def test_the_graph_page_offers_both_networks_and_a_focus():
    test = on_page("pages/linkage_graph.py")
    test.radio(key="graph_kind").set_value("target").run()
    test.selectbox(key="graph_focus").set_value("C2").run()
    assert not test.exception
    assert len(test.get("download_button")) >= 3


def test_the_activities_page_filters_by_sector_and_action_line():
    test = on_page("pages/activities_regions.py", region="Europe")
    test.multiselect(key="sectors").set_value(["T"]).run()
    test.selectbox(key="activities_al").set_value("C5").run()
    assert not test.exception


def test_the_hlpf_pack_page_builds_a_pack_to_download():
    test = on_page("pages/hlpf_pack.py", hlpf="2025", region="Africa")
    assert test.selectbox(key="pack_year").value == 2025
    test.button(key="pack_build").click().run(timeout=180)
    assert not test.exception
    assert not test.error, [error.value for error in test.error]
    assert "pack_download" in [button.key for button in test.get("download_button")]


def test_the_hlpf_pack_page_accepts_a_set_of_sdgs():
    test = on_page("pages/hlpf_pack.py")
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
        test = on_page("pages/matrix_explorer.py")
        assert not test.exception
        assert any("apt-get install chromium" in caption.value for caption in test.caption)
        assert {"explorer_heatmap_csv", "explorer_heatmap_xlsx"} <= {
            button.key for button in test.get("download_button")
        }
    finally:
        st.cache_data.clear()


def test_a_charts_table_runs_only_once_its_table_tab_is_opened():
    test = on_page("pages/matrix_explorer.py")
    assert not test.dataframe
    test.session_state["explorer_heatmap_tabs"] = t("tab.table", "en")
    test.run()
    assert not test.exception
    assert len(test.dataframe) == 1
    assert len(test.dataframe[0].value) == 18 * 17  # one row per action line and goal


@pytest.mark.parametrize(
    ("path", "expander", "tables"),
    [
        ("pages/overview.py", "overview_findings", 1),
        ("pages/matrix_explorer.py", "explorer_gaps", 2),
        ("pages/matrix_explorer.py", "explorer_rankings", 2),
        ("pages/matrix_explorer.py", "explorer_concentration", 1),
        ("pages/sdg_profile.py", "sdg_indicators", 1),
        ("pages/activities_regions.py", "activities_provenance", 1),
        ("pages/activities_regions.py", "activities_evidence_by_region", 1),
    ],
)
def test_a_folded_table_runs_only_once_its_expander_is_opened(path, expander, tables):
    test = on_page(path)
    closed = len(test.dataframe)
    test.session_state[expander] = True
    test.run()
    assert not test.exception
    assert len(test.dataframe) == closed + tables
