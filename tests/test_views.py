"""View models, captions and the cell drill-down on the committed dataset, and two editions side by side."""

from datetime import date

import pandas as pd
import pytest

from analytics import views
from analytics.chart_registry import chart_view
from analytics.coverage import row_order
from analytics.export.captions import caption, describe_filters, export_context, view_caption
from analytics.export.single import chart_bytes
from analytics.graphs import read_graph
from analytics.profiles import cell_detail
from analytics.request import ViewRequest
from wsis_data import loaders
from wsis_data.constants import C7_PARTS
from wsis_data.dataset import COMMITTED_EDITION, committed_dataset

DATASET = committed_dataset()


def test_the_overview_counts_the_matrix_and_flags_the_hlpf_set():
    view = views.overview_view(DATASET, ViewRequest(hlpf=2025))
    assert view.headline["action_lines"] == 18
    assert view.headline["uncovered_targets"] == 169 - view.headline["distinct_targets_linked"]
    assert view.focus.sdgs == [3, 5, 8, 14, 17]
    assert len(view.findings) == view.headline["data_quality_findings"]


def test_the_explorer_keeps_the_gaps_of_the_selected_goals():
    view = views.explorer_view(DATASET, ViewRequest(sdgs=(4, 9), c7="merged"))
    assert list(view.gaps["goal"]) == [4, 9]
    assert list(view.action_line_breadth.sort_values("action_line")["action_line"]) == sorted(row_order("merged"))
    assert view.heatmap.table["goal"].isin([4, 9]).all()


def test_the_activity_view_shows_only_what_its_filters_let_through():
    everything = views.activity_view(DATASET, ViewRequest())
    africa = views.activity_view(DATASET, ViewRequest(region="Africa", sectors=("D",)))
    assert everything.counts["shown"] == everything.counts["total"] == len(DATASET.itu_activities)
    assert 0 < africa.counts["shown"] < everything.counts["shown"]
    assert set(africa.activities["region"]) == {"Africa"} and set(africa.activities["sector"]) == {"D"}
    assert set(africa.provenance["id"]) <= set(africa.activities["id"])
    assert everything.difference is None and africa.difference is not None
    assert everything.evidence_by_region["region"].tolist()[0] == "All regions"


def test_the_graph_downloads_read_back_as_the_network_shown():
    request = ViewRequest(sdgs=(9,), graph_kind="target")
    shown = chart_view("graph", DATASET, request)
    downloads = views.graph_downloads(DATASET, request)
    graph = read_graph(downloads["graphml"], "graphml")
    assert set(graph.nodes) == set(shown.table["node"])


def test_the_uncovered_targets_come_with_their_official_text():
    frame = views.uncovered_view(DATASET, "es")
    assert len(frame) == views.overview_view(DATASET, ViewRequest()).headline["uncovered_targets"]
    assert frame["text"].str.len().gt(0).all()


def test_captions_state_the_edition_and_the_filters_in_words():
    request = ViewRequest(lang="fr", region="Africa", sdgs=(4, 9), hlpf=None, c7="merged")
    words = describe_filters(request)
    assert "4, 9" in words and "Afrique" in words
    assert "17" in describe_filters(ViewRequest(hlpf=None))
    assert "2025" in describe_filters(ViewRequest(hlpf=2025))
    assert DATASET.edition_label in view_caption(DATASET, request)
    context = export_context(DATASET, request, date(2026, 7, 14))
    assert (context.edition, context.filters) == (DATASET.edition_label, words)
    assert "2026" in caption(context) and DATASET.edition_label in caption(context)


def test_a_merged_c7_cell_drills_down_to_all_eight_parts():
    detail = cell_detail(DATASET, "C7", "4", "en")
    parts = set(detail["action_line"])
    assert parts and parts <= set(C7_PARTS) and len(parts) > 1
    assert set(cell_detail(DATASET, "C7.3", "4", "en")["action_line"]) == {"C7.3"}


def test_a_target_cell_drills_down_to_that_target_only():
    detail = cell_detail(DATASET, "C1", "3.d", "fr")
    assert set(detail["target"]) == {"3.d"}
    assert detail["target_text"].str.len().gt(0).all()


@pytest.mark.parametrize("c7", ["split", "merged"])
def test_every_heatmap_cell_number_is_the_number_of_targets_its_drill_down_lists(c7):
    targets = chart_view("coverage", DATASET, ViewRequest(c7=c7, value="targets")).table
    linked = chart_view("coverage", DATASET, ViewRequest(c7=c7, value="linked")).table
    for (row, goal, count), has_link in zip(
        targets[["action_line", "goal", "targets"]].itertuples(index=False), linked["linked"], strict=True
    ):
        detail = cell_detail(DATASET, str(row), str(goal), "en")
        assert detail["target"].replace("", pd.NA).dropna().nunique() == count, (row, goal)
        assert (not detail.empty) == bool(has_link), (row, goal)


def test_every_target_level_cell_is_linked_exactly_when_its_drill_down_lists_links():
    table = chart_view("coverage_target", DATASET, ViewRequest(sdgs=(9, 16))).table
    for row, target, linked in table.itertuples(index=False):
        assert (not cell_detail(DATASET, str(row), str(target), "en").empty) == bool(linked), (row, target)


def test_two_datasets_that_differ_in_one_link_give_views_and_exports_that_differ_exactly_there():
    tables = loaders.committed_tables()
    links = tables["matrix_links"]
    # A target-level link that is the only one of its (action line, goal) cell: removing it empties that cell.
    targets = links[links["level"] == "target"]
    alone = targets.groupby(["action_line", "goal"]).filter(lambda group: group["target"].nunique() == 1).iloc[0]
    edited = DATASET.with_tables(
        {"matrix_links": links.drop(index=alone.name).reset_index(drop=True)},
        edition="2",
        edition_info={"label": "SYNTHETIC test edition"},
    )
    cell = (alone["action_line"], int(alone["goal"]))
    request = ViewRequest(value="targets")
    for _round in range(2):  # alternate the two datasets: a stale cache would show one's numbers for the other
        before = chart_view("coverage", DATASET, request).table.set_index(["action_line", "goal"])["targets"]
        after = chart_view("coverage", edited, request).table.set_index(["action_line", "goal"])["targets"]
        changed = before[before != after]
        assert list(changed.index) == [cell]
        assert (before[cell], after[cell]) == (1, 0)
        committed_csv = chart_bytes("coverage", "csv", DATASET, ViewRequest(hlpf=None)).decode("utf-8-sig").splitlines()
        edited_csv = chart_bytes("coverage", "csv", edited, ViewRequest(hlpf=None)).decode("utf-8-sig").splitlines()
        differing = [(a, b) for a, b in zip(committed_csv, edited_csv, strict=True) if a != b]
        assert len(differing) == 1
        assert differing[0][0].startswith(f"{cell[0]},{cell[1]},1,") and differing[0][1].startswith(
            f"{cell[0]},{cell[1]},0,"
        )
    assert edited.edition != COMMITTED_EDITION and edited.key != DATASET.key
