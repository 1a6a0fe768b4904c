"""Coverage matrices, gaps and concentration on small hand-built frames."""

import io

import pandas as pd
import pytest

from analytics.coverage import coverage_long, coverage_matrix, row_order, target_matrix
from analytics.gaps import (
    CONCENTRATION_EXPLANATION,
    action_line_breadth_ranking,
    concentration,
    gaps_per_goal,
    goal_depth_ranking,
    hhi,
    uncovered_targets,
)
from tests.frames import links_from_csv, targets_frame

LINKS = links_from_csv(
    """action_line,level,goal,target,rationale_id
C1,target,9,9.1,r1
C1,target,9,9.c,r1
C1,target,9,9.c,r2
C1,goal,5,,r3
C7.1,target,9,9.c,r4
C7.2,target,9,9.1,r5
C7.2,target,17,17.8,r6
C11,goal,17,,
"""
)
TARGETS = targets_frame()


def test_row_order_merges_c7_into_one_row_in_its_place():
    assert row_order("merged")[5:8] == ["C6", "C7", "C8"]
    assert len(row_order("merged")) == 11 and len(row_order("split")) == 18


def test_targets_value_counts_distinct_targets_and_ignores_goal_level_links():
    matrix = coverage_matrix(LINKS, TARGETS, "targets", goals=[5, 9, 17], action_lines=["C1", "C7.2", "C11"])
    expected = pd.read_csv(io.StringIO("action_line,5,9,17\nC1,0,2,0\nC7.2,0,1,1\nC11,0,0,0\n"), index_col=0)
    assert matrix.to_numpy().tolist() == expected.to_numpy().tolist()
    assert list(matrix.index) == ["C1", "C7.2", "C11"]


def test_linked_value_is_one_for_any_link_including_goal_level():
    matrix = coverage_matrix(LINKS, TARGETS, "linked", goals=[5, 9, 17])
    assert matrix.loc["C1"].tolist() == [1, 1, 0]
    assert matrix.loc["C11"].tolist() == [0, 0, 1]
    assert matrix.to_numpy().sum() == 6


def test_share_value_divides_by_the_goals_target_count():
    matrix = coverage_matrix(LINKS, TARGETS, "share", goals=[9])
    assert matrix.loc["C1", 9] == round(2 / 8, 4)


def test_merged_c7_is_the_union_of_its_parts():
    merged = coverage_matrix(LINKS, TARGETS, "targets", c7="merged", goals=[9, 17])
    assert merged.loc["C7"].tolist() == [2, 1]


def test_an_unknown_value_kind_is_refused():
    with pytest.raises(ValueError, match="expected one of targets, linked, share"):
        coverage_matrix(LINKS, TARGETS, "depth")


def test_target_matrix_has_targets_of_the_selected_goals_in_sdg_order():
    matrix = target_matrix(LINKS, TARGETS, goals=[9], action_lines=["C1", "C7.2"])
    assert list(matrix.columns) == ["9.1", "9.2", "9.3", "9.4", "9.5", "9.a", "9.b", "9.c"]
    assert matrix.loc["C1"].tolist() == [1, 0, 0, 0, 0, 0, 0, 1]


def test_coverage_long_gives_one_row_per_cell():
    long = coverage_long(coverage_matrix(LINKS, TARGETS, "linked", goals=[9]))
    assert list(long.columns) == ["action_line", "goal", "value"]
    assert len(long) == 18


def test_uncovered_targets_are_those_without_a_target_level_link():
    uncovered = uncovered_targets(LINKS, TARGETS)
    assert len(uncovered) == 169 - 3
    assert "9.1" not in set(uncovered["target"].astype(str))


def test_gaps_per_goal_count_linked_and_uncovered_targets():
    gaps = gaps_per_goal(LINKS, TARGETS).set_index("goal")
    assert gaps.loc[9, ["targets", "linked_targets", "uncovered_targets"]].tolist() == [8, 2, 6]
    assert gaps.loc[5, "linked_targets"] == 0


def test_goal_depth_ranking_puts_the_most_deeply_covered_goal_first():
    ranking = goal_depth_ranking(LINKS, TARGETS)
    assert ranking.loc[0, ["goal", "linked_targets", "rank"]].tolist() == [9, 2, 1]
    assert ranking.loc[1, "goal"] == 17


def test_action_line_breadth_ranking_orders_by_goals_then_targets():
    ranking = action_line_breadth_ranking(LINKS)
    assert ranking.head(3)["action_line"].tolist() == ["C1", "C7.2", "C7.1"]


def test_hhi_is_one_for_a_single_goal_and_one_over_n_when_even():
    assert hhi(pd.Series([4]).to_numpy()) == 1.0
    assert hhi(pd.Series([1, 1, 1, 1]).to_numpy()) == 0.25


def test_concentration_weights_each_target_once_and_a_goal_level_link_as_one():
    frame = concentration(LINKS).set_index("action_line")
    assert frame.loc["C1", ["goals", "links"]].tolist() == [2, 3]
    assert frame.loc["C1", "hhi"] == round((2 / 3) ** 2 + (1 / 3) ** 2, 4)
    assert frame.loc["C2", "hhi"] == 0.0
    assert "1/17" in CONCENTRATION_EXPLANATION
