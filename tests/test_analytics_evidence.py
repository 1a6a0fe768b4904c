"""The evidence check, regional matrices and HLPF focus on small hand-built frames."""

import pytest

from analytics.coverage import coverage_matrix
from analytics.evidence import (
    activity_cells,
    activity_counts,
    country_counts,
    evidence_by_region,
    evidence_cells,
    evidence_matrix,
    region_difference,
    status_counts,
)
from analytics.hlpf import UnknownHlpfYear, contribution_ranking, hlpf_focus
from tests.frames import activity_links_from_csv, links_from_csv, targets_frame
from wsis_data.dataset import committed_dataset

LINKS = links_from_csv(
    """action_line,level,goal,target,rationale_id
C1,target,9,9.1,C1-G09-1
C1,goal,5,,C1-G05-1
C2,target,9,9.c,C2-G09-1
"""
)
ACTIVITY_LINKS = activity_links_from_csv(
    """activity_id,region,action_line,target
A1,Africa,C1,9.1
A1,Africa,C1,9.c
A2,Global,C2,17.8
A3,Europe,C1,9.a
"""
)
LINKED = coverage_matrix(LINKS, targets_frame(), "linked")


def test_each_cell_is_supported_unsupported_or_candidate():
    cells = activity_cells(ACTIVITY_LINKS)
    status = evidence_matrix(LINKED, activity_counts(cells))
    assert status.loc["C1", 9] == "supported"
    assert status.loc["C1", 5] == "unsupported"
    assert status.loc["C2", 9] == "unsupported"
    assert status.loc["C2", 17] == "candidate"
    assert status.loc["C3", 1] == "none"
    assert status_counts(status) == {"supported": 1, "unsupported": 2, "candidate": 1}


def test_an_activity_counts_once_per_cell_even_with_several_targets_of_the_goal():
    counts = activity_counts(activity_cells(ACTIVITY_LINKS))
    assert counts.loc["C1", 9] == 2


def test_region_counts_filter_by_the_activity_scope():
    cells = activity_cells(ACTIVITY_LINKS)
    assert activity_counts(cells, "Africa").loc["C1", 9] == 1
    assert activity_counts(cells, "Americas").to_numpy().sum() == 0


def test_evidence_by_region_gives_the_counts_for_every_scope():
    by_region = evidence_by_region(LINKED, activity_cells(ACTIVITY_LINKS)).set_index("region")
    assert by_region.loc["Africa"].tolist() == [1, 2, 0]
    assert by_region.loc["Global programmes"].tolist() == [0, 3, 1]
    everything = status_counts(evidence_matrix(LINKED, activity_counts(activity_cells(ACTIVITY_LINKS))))
    assert by_region.loc["All regions"].tolist() == list(everything.values())
    assert len(by_region) == 8


def test_evidence_cells_lists_every_cell_with_its_status():
    cells = evidence_cells(LINKED, activity_counts(activity_cells(ACTIVITY_LINKS)))
    assert len(cells) == 18 * 17
    row = cells[(cells["action_line"] == "C2") & (cells["goal"] == 17)].iloc[0]
    assert (row["matrix_link"], row["activities"], row["status"]) == (False, 1, "candidate")


def test_region_difference_is_the_regional_share_minus_the_global_share():
    difference = region_difference(activity_cells(ACTIVITY_LINKS), "Africa")
    assert difference.loc["C1", 9] == round(1.0 - 2 / 3, 4)
    assert abs(difference.to_numpy().sum()) < 1e-9


def test_country_counts_count_activities_that_name_a_country():
    dataset = committed_dataset()
    counts = country_counts(dataset.activity_countries, dataset.itu_regions).set_index("iso3")
    assert counts.loc["NER", "activities"] == 1
    assert counts.loc["FJI", "activities"] == 2
    assert len(counts) == 195


def test_contribution_ranking_counts_links_into_the_reviewed_sdgs():
    ranking = contribution_ranking(LINKS, [5, 9])
    assert ranking[["action_line", "links", "goals", "sdg_5", "sdg_9", "rank"]].values.tolist() == [
        ["C1", 2, 2, 1, 1, 1],
        ["C2", 1, 1, 0, 1, 2],
    ]


def test_hlpf_focus_of_2025_reviews_its_five_sdgs_with_rationales():
    focus = hlpf_focus(
        2025, committed_dataset().hlpf_cycles, committed_dataset().matrix_links, committed_dataset().rationales
    )
    assert focus.sdgs == [3, 5, 8, 14, 17] and focus.set_verified
    assert set(focus.rationales["goal"]) <= {3, 5, 8, 14, 17}
    assert (focus.rationales["text"] != "").any()
    assert focus.ranking["rank"].tolist() == list(range(1, len(focus.ranking) + 1))


def test_an_unconfirmed_hlpf_year_is_flagged_and_not_guessed():
    focus = hlpf_focus(
        2027, committed_dataset().hlpf_cycles, committed_dataset().matrix_links, committed_dataset().rationales
    )
    assert (focus.set_verified, focus.sdgs, len(focus.ranking)) == (False, [], 0)
    assert focus.status == "unconfirmed"


def test_an_unknown_hlpf_year_names_the_known_years():
    with pytest.raises(UnknownHlpfYear, match="expected one of 2016, 2017"):
        hlpf_focus(
            1999, committed_dataset().hlpf_cycles, committed_dataset().matrix_links, committed_dataset().rationales
        )
