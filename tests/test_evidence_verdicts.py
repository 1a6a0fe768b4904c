"""Evidence verdicts per cell and region: only pairs support a cell; items are counted once, by source and region.

The items here are SYNTHETIC (ids `SYN-…`), hand-built frames in the evidence table model.
"""

import io

import numpy as np
import pandas as pd
import pytest

from analytics.coverage import coverage_matrix
from analytics.evidence import evidence_index, evidence_verdicts, items_by_region
from tests.frames import links_from_csv, targets_frame
from wsis_data.dataset import committed_dataset


def frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype="string", keep_default_na=False)


MATRIX = links_from_csv(
    """action_line,level,goal,target,rationale_id
C1,target,1,1.1,C1-G01-1
C7.3,target,4,4.4,C7.3-G04-1
C7.4,target,3,3.8,C7.4-G03-1
C2,target,9,9.c,C2-G09-1
"""
)
ITEMS = frame(
    """source,item_id,regions
alpha,SYN-WIDE,Africa
alpha,SYN-PAIR,Africa;Europe
alpha,SYN-TWICE,
beta,SYN-PAIR,Europe
beta,SYN-LINE,Africa
beta,SYN-NEW,Americas
"""
)
LINKS = frame(
    """source,item_id,action_line,goal,target,level
alpha,SYN-WIDE,C1,,,action_line_only
alpha,SYN-WIDE,C2,,,action_line_only
alpha,SYN-WIDE,C3,,,action_line_only
alpha,SYN-WIDE,C7.3,,,action_line_only
alpha,SYN-WIDE,C7.4,,,action_line_only
alpha,SYN-WIDE,,1,1.1,goal_only
alpha,SYN-WIDE,,2,2.1,goal_only
alpha,SYN-WIDE,,4,4.4,goal_only
alpha,SYN-WIDE,,9,9.c,goal_only
alpha,SYN-PAIR,C7.3,4,4.4,pair
alpha,SYN-TWICE,C7.3,4,4.4,pair
alpha,SYN-TWICE,C7.3,4,4.a,pair
alpha,SYN-TWICE,C7.4,4,4.4,pair
beta,SYN-PAIR,C7.3,4,4.4,pair
beta,SYN-LINE,C2,,,action_line_only
beta,SYN-NEW,C8,11,,pair
"""
)


def verdicts(c7="split", region=None, sources=None):
    linked = coverage_matrix(MATRIX, targets_frame(), "linked", c7)
    return evidence_verdicts(evidence_index(ITEMS, LINKS), linked, c7, region, sources).set_index(
        ["action_line", "goal"]
    )


def test_an_item_with_five_action_lines_and_four_targets_and_no_pairs_supports_no_cell():
    only_wide = verdicts(sources=("alpha",))
    wide_cells = [("C1", 1), ("C2", 9), ("C7.4", 3)]
    assert [only_wide.loc[cell, "status"] for cell in wide_cells] == ["no_evidence"] * 3
    assert (only_wide.loc[("C3", 2), "status"], only_wide.loc[("C3", 2), "items"]) == ("none", 0)


def test_items_naming_an_action_line_or_goal_without_a_pair_are_reported_at_that_level():
    table = verdicts()
    assert table.loc[("C2", 9), "action_line_only_items"] == 2
    assert table.loc[("C2", 9), "goal_only_items"] == 1
    assert table.loc[("C2", 9), "items"] == 0


def test_a_cell_paired_by_items_is_supported_and_each_item_counts_once_by_source():
    cell = verdicts().loc[("C7.3", 4)]
    assert cell["status"] == "supported"
    assert (cell["items"], cell["alpha"], cell["beta"]) == (3, 2, 1)


def test_a_pair_without_a_matrix_link_is_a_candidate():
    table = verdicts()
    assert table.loc[("C8", 11), "status"] == "candidate"
    assert table.loc[("C7.4", 4), "status"] == "candidate"


def test_merging_c7_counts_an_item_once_for_its_pairs_in_two_e_applications():
    cell = verdicts(c7="merged").loc[("C7", 4)]
    assert (cell["items"], cell["alpha"], cell["beta"]) == (3, 2, 1)
    assert cell["status"] == "supported"


def test_a_region_counts_only_the_items_located_there():
    europe = verdicts(region="Europe").loc[("C7.3", 4)]
    assert (europe["items"], europe["alpha"], europe["beta"]) == (2, 1, 1)
    assert verdicts(region="Americas").loc[("C7.3", 4), "status"] == "no_evidence"
    assert verdicts(region="Americas").loc[("C8", 11), "status"] == "candidate"


def test_choosing_one_source_counts_and_judges_with_that_source_only():
    beta = verdicts(sources=("beta",))
    assert list(beta.columns[-1:]) == ["beta"]
    assert beta.loc[("C7.3", 4), "items"] == 1
    assert beta.loc[("C7.4", 4), "status"] == "none"


def test_an_unknown_source_or_region_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="expected some of alpha, beta"):
        verdicts(sources=("gamma",))
    with pytest.raises(ValueError, match="expected one of Africa, Americas"):
        verdicts(region="Global")


def test_items_by_region_says_how_many_items_each_region_rests_on():
    table = items_by_region(ITEMS).set_index("region")
    assert table.loc["Africa", ["alpha", "beta", "items"]].tolist() == [2, 1, 3]
    assert table.loc["Europe", "items"] == 2
    assert table.loc["(no region)", "items"] == 1
    assert table.loc["CIS", "items"] == 0


def test_on_the_committed_evidence_smart_villages_no_longer_supports_e_learning_for_zero_hunger():
    index = evidence_index(committed_dataset().evidence_items, committed_dataset().evidence_links)
    linked = coverage_matrix(committed_dataset().matrix_links, committed_dataset().sdg_targets, "linked")
    africa = evidence_verdicts(index, linked, region="Africa").set_index(["action_line", "goal"])
    assert africa.loc[("C7.3", 2), "items"] == 0
    assert africa.loc[("C7.3", 4), "itu_activities"] == 1
    assert africa.loc[("C7.7", 2), "itu_activities"] == 1


def test_on_the_committed_evidence_awards_never_support_a_cell():
    index = evidence_index(committed_dataset().evidence_items, committed_dataset().evidence_links)
    linked = coverage_matrix(committed_dataset().matrix_links, committed_dataset().sdg_targets, "linked")
    table = evidence_verdicts(index, linked, sources=("wsis_prizes",))
    assert table["items"].sum() == 0
    assert table["action_line_only_items"].sum() > 0
    assert set(table["status"]) == {"no_evidence", "none"}


def test_the_counts_the_index_keeps_for_all_items_equal_one_count_over_its_distinct_pairs():
    index = evidence_index(ITEMS, LINKS)
    size = len(index.sources) * 18 * 17
    assert (np.bincount(index.pairs, minlength=size) == index.cells["split"][0].ravel()).all()
    assert index.cells["split"][0].sum() == 5
