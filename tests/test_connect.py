"""The Connect agenda links: the decisions file checked by the build, the Sankey flows and the Sankey figure."""

import html

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.chart_registry import chart_view
from analytics.charts import CONNECT_LINK_COLOURS, CURATED_MARK, connect_sankey
from analytics.connect import CONNECT_STAGE, MATRIX_STAGE, connect_coverage, connect_flows
from analytics.hlpf import contribution_ranking
from analytics.request import ViewRequest
from messages import t
from tests.conftest import ROOT
from wsis_data.connect import CONNECT_LINK_COLUMNS, connect_code, connect_links
from wsis_data.constants import SDG_COLOURS
from wsis_data.dataset import committed_dataset

DATASET = committed_dataset()
HEADER = "connect_code,action_line,basis,rationale,source\n"
AGENDA = [
    {"connect_code": "C2020-3.1", "agenda": "Connect 2020", "goal_number": "3", "target_code": "3.1"},
    {"connect_code": "C2020-G3", "agenda": "Connect 2020", "goal_number": "3", "target_code": "goal"},
]


def _decisions(tmp_path, rows: str):
    path = tmp_path / "connect_links.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_connect_codes_name_the_agenda_and_the_goal_or_target():
    assert connect_code("Connect 2020", "2", "2.1.A") == "C2020-2.1.A"
    assert connect_code("Connect 2030", "5", "goal") == "C2030-G5"
    with pytest.raises(ValueError, match="unknown agenda 'Connect 2050'"):
        connect_code("Connect 2050", "1", "goal")


def test_every_committed_connect_code_is_unique_and_every_link_names_one():
    agenda = DATASET.connect_agenda
    assert agenda["connect_code"].is_unique
    links = DATASET.connect_links
    assert set(links["connect_code"]) <= set(agenda["connect_code"])
    assert list(links.columns) == list(CONNECT_LINK_COLUMNS)


def test_every_committed_link_has_its_basis_explained():
    links = DATASET.connect_links
    assert set(links["basis"]) <= {"official", "curated"}
    official = links[links["basis"] == "official"]
    assert official["source"].str.match(r"^https?://").all()
    curated = links[links["basis"] == "curated"]
    # A curated link says in its own words that it is not an ITU mapping.
    assert curated["rationale"].str.startswith("Our reading, not an ITU mapping").all()


def test_connect_links_link_only_sourced_rows_that_are_not_partial():
    agenda = DATASET.connect_agenda.set_index("connect_code")
    linked = agenda.loc[DATASET.connect_links["connect_code"]]
    assert not linked["verification"].str.startswith("partial").any()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("C2020-9.9,C2,curated,reason,\n", "row 2, column connect_code: 'C2020-9.9' — a code of the Connect agenda"),
        ("C2020-3.1,C12,curated,reason,\n", "row 2, column action_line: 'C12' — an action line code"),
        ("C2020-3.1,C5,ITU,reason,\n", "row 2, column basis: 'ITU' — official or curated"),
        ("C2020-3.1,C5,official,,\n", "row 2, column source: '' — the URL of the ITU source"),
        ("C2020-3.1,C5,curated,,\n", "row 2, column rationale: '' — the maintainers' reason"),
        ("C2020-3.1,C5,curated,a,\nC2020-3.1,C5,curated,b,\n", "row 3, column action_line: 'C5' — one row per link"),
    ],
)
def test_the_build_rejects_a_connect_link_naming_row_column_and_value(tmp_path, rows, message):
    with pytest.raises(ValueError) as error:
        connect_links(AGENDA, _decisions(tmp_path, rows))
    assert message in str(error.value)


def test_links_come_out_in_agenda_order_then_action_line_order(tmp_path):
    rows = "C2020-3.1,C5,curated,reason,\nC2020-G3,C7.6,official,,https://www.itu.int/x\nC2020-3.1,C2,curated,r,\n"
    links = connect_links(AGENDA, _decisions(tmp_path, rows))
    assert [(link["connect_code"], link["action_line"]) for link in links] == [
        ("C2020-3.1", "C2"),
        ("C2020-3.1", "C5"),
        ("C2020-G3", "C7.6"),
    ]
    assert links[2]["basis"] == "official" and links[2]["target_code"] == "goal"


def _links(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """Return SYNTHETIC Connect links (code, action line, basis)."""
    return pd.DataFrame(
        [{"connect_code": c, "action_line": a, "basis": b, "rationale": f"why {c}", "source": ""} for c, a, b in rows]
    )


def _matrix(*rows: tuple[str, int, str]) -> pd.DataFrame:
    """Return SYNTHETIC matrix links (action line, goal, target or '' for a goal-level link)."""
    return pd.DataFrame(
        [
            {"action_line": a, "goal": g, "target": target or pd.NA, "level": "target" if target else "goal"}
            for a, g, target in rows
        ]
    )


def test_flows_count_connect_links_and_distinct_matrix_targets():
    links = _links(("X-1", "C2", "curated"), ("X-2", "C2", "official"), ("X-3", "C5", "curated"))
    matrix = _matrix(("C2", 9, "9.c"), ("C2", 9, "9.1"), ("C2", 4, ""), ("C5", 16, "16.a"), ("C8", 4, "4.4"))
    flows = connect_flows(links, matrix)
    connect = flows[flows["stage"] == CONNECT_STAGE]
    assert list(zip(connect["source"], connect["target"], connect["links"], strict=True)) == [
        ("X-1", "C2", 1),
        ("X-2", "C2", 1),
        ("X-3", "C5", 1),
    ]
    reached = flows[flows["stage"] == MATRIX_STAGE]
    assert list(zip(reached["source"], reached["target"], reached["links"], strict=True)) == [
        ("C2", "4", 1),
        ("C2", "9", 2),
        ("C5", "16", 1),
    ], "C8 has no Connect link, so it is not drawn"
    assert set(reached["basis"]) == {"matrix"}


def test_merged_c7_sums_its_parts_and_a_merged_flow_is_official_only_if_all_its_links_are():
    links = _links(("X-1", "C7.6", "official"), ("X-1", "C7.2", "curated"), ("X-2", "C7.6", "official"))
    matrix = _matrix(("C7.6", 13, "13.1"), ("C7.2", 13, "13.1"), ("C7.2", 8, "8.2"))
    flows = connect_flows(links, matrix, c7="merged").set_index(["stage", "source", "target"])
    assert flows.loc[(CONNECT_STAGE, "X-1", "C7"), ["links", "basis"]].tolist() == [2, "curated"]
    assert flows.loc[(CONNECT_STAGE, "X-2", "C7"), "basis"] == "official"
    assert flows.loc[(MATRIX_STAGE, "C7", "13"), "links"] == 1, "13.1 once, though two parts link it"
    assert flows.loc[(MATRIX_STAGE, "C7", "8"), "links"] == 1


def test_an_sdg_filter_keeps_only_the_paths_that_reach_those_sdgs():
    links = _links(("X-1", "C2", "curated"), ("X-2", "C5", "curated"))
    matrix = _matrix(("C2", 9, "9.c"), ("C5", 16, "16.a"), ("C5", 9, "9.1"))
    flows = connect_flows(links, matrix, goals=[16])
    assert set(flows["target"]) == {"C5", "16"}
    assert set(flows["source"]) == {"X-2", "C5"}


def test_the_matrix_widths_agree_with_the_contribution_ranking_on_the_committed_data():
    matrix = DATASET.matrix_links
    flows = connect_flows(DATASET.connect_links, matrix)
    reached = flows[flows["stage"] == MATRIX_STAGE].groupby("source")["links"].sum()
    ranking = contribution_ranking(matrix, list(range(1, 18))).set_index("action_line")["links"]
    for action_line, links in reached.items():
        assert links == ranking[action_line], action_line


def _sankey(lang: str):
    flows = connect_flows(DATASET.connect_links, DATASET.matrix_links)
    titles = {code: DATASET.action_line_label(code, lang).text for code in ("C2", "C5", "C6", "C7.6", "C11")}
    goals = {goal: DATASET.sdg_label("goal", str(goal), lang, short=True).text for goal in range(1, 18)}
    return flows, connect_sankey(flows, DATASET.connect_agenda, titles, goals, lang, t("chart.connect", lang))


def test_the_sankey_draws_every_flow_with_its_width_and_sdg_nodes_in_their_colours():
    flows, figure = _sankey("en")
    sankey = figure.data[0]
    assert list(sankey.link.value) == flows["links"].tolist()
    labels = list(sankey.node.label)
    for goal in {int(goal) for goal in flows.loc[flows["stage"] == MATRIX_STAGE, "target"]}:
        assert sankey.node.color[labels.index(f"SDG {goal}")] == SDG_COLOURS[goal]
    assert figure.layout.title.text == t("chart.connect", "en")


def test_curated_links_are_lighter_marked_and_say_so_in_their_hover():
    flows, figure = _sankey("fr")
    sankey = figure.data[0]
    connect = flows[flows["stage"] == CONNECT_STAGE].reset_index(drop=True)
    for index, flow in connect.iterrows():
        assert sankey.link.color[index] == CONNECT_LINK_COLOURS[flow["basis"]]
        assert t(f"connect.basis.{flow['basis']}", "fr") in html.unescape(sankey.link.customdata[index])
    for code in connect.loc[connect["basis"] == "curated", "source"]:
        assert f"{code} {CURATED_MARK}" in sankey.node.label
    assert any(CURATED_MARK in annotation.text for annotation in figure.layout.annotations)


def test_hover_texts_are_escaped_so_that_no_data_is_rendered_as_markup():
    links = _links(("C2020-3.1", "C5", "curated")).assign(rationale="<b>bold</b> & <a href='x'>link</a>")
    flows = connect_flows(links, _matrix(("C5", 16, "16.a")))
    figure = connect_sankey(flows, DATASET.connect_agenda, {}, {}, "en", "SYNTHETIC")
    hover = figure.data[0].link.customdata[0]
    assert "<b>" not in hover and "<a " not in hover and "&lt;b&gt;bold&lt;/b&gt; &amp;" in hover


def test_in_arabic_the_connect_agenda_is_drawn_on_the_right_where_reading_starts():
    _flows, figure = _sankey("ar")
    sankey = figure.data[0]
    labels = list(sankey.node.label)
    connect_nodes = {labels.index(label) for label in labels if label.startswith("C20")}
    # Each ribbon runs from its SDG or action line to the right, ending at a Connect node or an action line.
    assert connect_nodes <= set(sankey.link.target)
    assert not connect_nodes & set(sankey.link.source)
    assert figure.layout.title.xanchor == "right"


def test_connect_coverage_counts_goals_targets_verification_and_links_per_agenda():
    agenda = pd.DataFrame(
        {
            "connect_code": ["A-G1", "A-1.1", "A-1.2", "B-G1"],
            "agenda": ["A", "A", "A", "B"],
            "target_code": ["goal", "1.1", "1.2", "goal"],
            "verification": ["verified", "partial: secondary", "verified (report)", "partial: name only"],
        }
    )
    links = pd.DataFrame({"agenda": ["A", "A", "A"], "basis": ["curated", "official", "curated"]})
    coverage = connect_coverage(agenda, links).set_index("agenda")
    assert coverage.loc["A"].to_dict() == {
        "goals": 1,
        "targets": 2,
        "verified": 2,
        "partial": 1,
        "official_links": 1,
        "curated_links": 2,
    }
    assert coverage.loc["B", ["goals", "targets", "partial", "official_links", "curated_links"]].tolist() == [
        1,
        0,
        1,
        0,
        0,
    ]


def test_the_connect_chart_follows_the_sdg_filter_and_labels_curated_links_in_its_table():
    everything = chart_view("connect", DATASET, ViewRequest(lang="fr"))
    narrowed = chart_view("connect", DATASET, ViewRequest(lang="fr", sdgs=(4,)))
    goals = narrowed.table.loc[narrowed.table["stage"] == MATRIX_STAGE, "target"]
    assert set(goals) == {"4"} and len(narrowed.table) < len(everything.table)
    curated = everything.table[everything.table["basis"] == "curated"]
    assert (curated["basis_note"] == t("connect.basis.curated", "fr")).all() and len(curated)
    assert f"{int(curated['links'].sum())} d'entre eux établis par ce projet" in everything.summary


def _connect_page(**query: str) -> AppTest:
    test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in query.items():
        test.query_params[name] = value
    test.switch_page("app_pages/connect.py")
    return test.run()


def test_the_connect_page_shows_the_sankey_and_each_links_basis_rationale_and_source_as_plain_text():
    test = _connect_page(lang="ar")
    assert not test.exception
    assert len(test.get("plotly_chart")) == 1
    links = DATASET.connect_links
    plain = [element.value for element in test.text]
    first = links.iloc[0]
    assert first["rationale"] in plain and t("connect.basis.curated", "ar") in plain
    test.selectbox(key="connect_link").set_value(len(links) - 1).run()
    assert links.iloc[-1]["rationale"] in [element.value for element in test.text]
    coverage = " ".join(element.value for element in test.markdown)
    assert "Connect 2030" in coverage
