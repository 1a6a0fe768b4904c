"""Property tests (hypothesis) of the analytics invariants on generated link and activity frames."""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.coverage import coverage_matrix
from analytics.evidence import activity_cells, activity_counts
from analytics.graphs import (
    GRAPH_FORMATS,
    action_line_goal_graph,
    export_graph,
    graphs_equal,
    read_graph,
    with_measures,
)
from wsis_data.constants import ACTION_LINE_CODES, C7_PARTS, REGION_SCOPES
from wsis_data.dataset import ACTION_LINE_DTYPE, REGION_DTYPE, committed_dataset

TARGETS = committed_dataset().sdg_targets
TARGET_CODES = [str(code) for code in TARGETS["target"]]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

link_rows = st.lists(
    st.tuples(
        st.sampled_from(ACTION_LINE_CODES),
        st.one_of(st.sampled_from(TARGET_CODES), st.integers(1, 17)),
    ),
    max_size=60,
)


def links_frame(rows: list[tuple]) -> pd.DataFrame:
    records = [
        {
            "action_line": code,
            "level": "goal" if isinstance(item, int) else "target",
            "goal": item if isinstance(item, int) else int(item.split(".")[0]),
            "target": pd.NA if isinstance(item, int) else item,
            "rationale_id": f"r{index}",
        }
        for index, (code, item) in enumerate(rows)
    ]
    frame = pd.DataFrame(records, columns=["action_line", "level", "goal", "target", "rationale_id"])
    frame["action_line"] = frame["action_line"].astype(ACTION_LINE_DTYPE)
    frame["goal"] = frame["goal"].astype("int64")
    frame["target"] = frame["target"].astype(TARGETS["target"].dtype)
    return frame


@SETTINGS
@given(link_rows)
def test_the_linked_matrix_equals_link_counts_above_zero(rows):
    links = links_frame(rows)
    linked = coverage_matrix(links, TARGETS, "linked")
    counts = pd.crosstab(links["action_line"].astype(str), links["goal"]).reindex(
        index=list(ACTION_LINE_CODES), columns=range(1, 18), fill_value=0
    )
    assert (linked.to_numpy() == (counts.to_numpy() > 0)).all()


@SETTINGS
@given(link_rows)
def test_collapsing_c7_equals_the_union_of_its_parts(rows):
    links = links_frame(rows)
    merged = coverage_matrix(links, TARGETS, "targets", c7="merged")
    merged_linked = coverage_matrix(links, TARGETS, "linked", c7="merged")
    c7_links = links[links["action_line"].astype(str).isin(C7_PARTS)]
    for goal in range(1, 18):
        in_goal = c7_links[c7_links["goal"] == goal]
        union = set(in_goal.loc[in_goal["level"] == "target", "target"].astype(str))
        assert merged.loc["C7", goal] == len(union)
        assert merged_linked.loc["C7", goal] == int(len(in_goal) > 0)
    split = coverage_matrix(links, TARGETS, "linked")
    assert (merged_linked.loc["C7"].to_numpy() == split.loc[list(C7_PARTS)].max().to_numpy()).all()


activity_rows = st.lists(
    st.tuples(
        st.integers(0, 30),
        st.sampled_from(REGION_SCOPES),
        st.sampled_from(ACTION_LINE_CODES),
        st.sampled_from(TARGET_CODES),
    ),
    max_size=80,
)


@SETTINGS
@given(activity_rows, st.sampled_from(["split", "merged"]))
def test_the_regional_sums_add_up_to_the_global_sum(rows, c7):
    frame = pd.DataFrame(rows, columns=["activity_id", "region", "action_line", "target"])
    frame["activity_id"] = frame["activity_id"].map(lambda n: f"SYN-{n}")
    # an activity has one region scope, so take the first one drawn for each id
    frame["region"] = frame.groupby("activity_id")["region"].transform("first").astype(REGION_DTYPE)
    frame["action_line"] = frame["action_line"].astype(ACTION_LINE_DTYPE)
    frame["goal"] = frame["target"].str.split(".").str[0].astype("int64")
    frame["target"] = frame["target"].astype(TARGETS["target"].dtype)
    cells = activity_cells(frame, c7)
    total = sum(activity_counts(cells, region, c7).to_numpy() for region in REGION_SCOPES)
    assert np.array_equal(total, activity_counts(cells, None, c7).to_numpy())


@settings(max_examples=25, deadline=None)
@given(link_rows, st.sampled_from(GRAPH_FORMATS))
def test_an_export_reads_back_equal_to_the_graph_it_came_from(rows, fmt):
    graph = with_measures(action_line_goal_graph(links_frame(rows)))
    assert graphs_equal(read_graph(export_graph(graph, fmt), fmt), graph)
