"""The committed evidence tables: items with explicit links at the level their source supports, never cross products."""

import pytest

from wsis_data.activities import split_list
from wsis_data.dataset import committed_dataset
from wsis_data.evidence import EVIDENCE_LINK_COLUMNS, LINK_BASES, LINK_LEVELS, item_regions, link_row
from wsis_data.evidence_build import prize_coverage
from wsis_data.facts import read_csv


@pytest.fixture(scope="module")
def links():
    return committed_dataset().evidence_links


@pytest.fixture(scope="module")
def items():
    return committed_dataset().evidence_items


def _links_of(links, item_id):
    return links[links["item_id"] == item_id]


def test_the_committed_sources_are_the_itu_activities_and_the_wsis_prizes_each_with_licence_and_coverage():
    sources = committed_dataset().evidence_source_details.set_index("source")
    assert list(sources.index) == ["itu_activities", "wsis_prizes"]
    assert (sources["licence"].str.len() > 40).all()
    assert "partial sample of 155 awards" in sources.loc["wsis_prizes", "coverage"]
    assert "no year is complete" in sources.loc["wsis_prizes", "coverage"]
    assert "not a complete inventory" in sources.loc["itu_activities", "coverage"]


def test_all_60_curated_activities_and_all_155_awards_are_items(items):
    assert items.groupby("source").size().to_dict() == {"itu_activities": 60, "wsis_prizes": 155}
    assert not items.duplicated(["source", "item_id"]).any()
    assert set(items["item_id"]) >= set(committed_dataset().itu_activities["id"])


def test_every_link_has_a_known_level_and_basis_and_the_parts_its_level_needs(links):
    assert list(links.columns) == list(EVIDENCE_LINK_COLUMNS)
    assert set(links["level"]) <= set(LINK_LEVELS)
    assert set(links["basis"]) <= set(LINK_BASES)
    pairs = links[links["level"] == "pair"]
    assert (pairs["action_line"] != "").all() and (pairs["goal"] != "").all()
    assert (links.loc[links["level"] == "action_line_only", "goal"] == "").all()
    assert (links.loc[links["level"] == "goal_only", "action_line"] == "").all()


def test_smart_villages_no_longer_pairs_e_learning_with_zero_hunger(links):
    pairs = _links_of(links, "ITU-022").query("level == 'pair'")
    assert set(zip(pairs["action_line"], pairs["target"], strict=True)) == {
        ("C7.4", "3.8"),
        ("C7.3", "4.a"),
        ("C7.7", "2.3"),
    }
    assert (pairs["basis"] == "curated").all()
    assert pairs["note"].str.startswith("curated pairing:").all()


def test_an_activity_with_several_action_lines_and_goals_and_no_decision_has_no_pair(links):
    p2c = _links_of(links, "ITU-002")
    assert "pair" not in set(p2c["level"])
    assert sorted(p2c["action_line"][p2c["level"] == "action_line_only"]) == ["C11", "C2", "C6"]
    assert sorted(p2c["target"][p2c["level"] == "goal_only"]) == ["17.17", "17.8", "9.c"]


def test_a_decided_pairing_pairs_only_its_codes_and_leaves_the_others_at_their_level(links):
    giga = _links_of(links, "ITU-001").set_index(["level", "action_line", "goal", "target"])["basis"]
    assert giga.to_dict() == {
        ("pair", "C2", "4", ""): "curated",
        ("action_line_only", "C7.3", "", ""): "curated",
        ("goal_only", "", "4", "4.a"): "curated",
        ("goal_only", "", "9", "9.c"): "curated",
    }


def test_only_the_codes_a_source_names_are_official(links):
    roadmaps = _links_of(links, "ITU-047").set_index(["action_line", "target"])["basis"]
    assert roadmaps[("C2", "")] == roadmaps[("C5", "")] == roadmaps[("C6", "")] == "official"
    assert roadmaps[("", "9.c")] == "curated"


def test_no_activity_pair_uses_a_code_the_activity_does_not_name(links):
    activities = committed_dataset().itu_activities.set_index("id")
    pairs = links[(links["source"] == "itu_activities") & (links["level"] == "pair")]
    for row in pairs.itertuples():
        named_lines = split_list(activities.loc[row.item_id, "action_lines"])
        named_targets = split_list(activities.loc[row.item_id, "sdg_targets"])
        assert row.action_line in named_lines
        assert (row.target in named_targets) if row.target else any(t.split(".")[0] == row.goal for t in named_targets)


def test_a_single_action_line_activity_pairs_it_with_each_of_its_targets_as_a_curated_reading(links):
    pairs = _links_of(links, "ITU-017")
    assert set(zip(pairs["level"], pairs["action_line"], pairs["target"], strict=True)) == {
        ("pair", "C7.4", "3.8"),
        ("pair", "C7.4", "3.d"),
    }
    assert pairs["note"].str.contains("names one action line").all()


def test_every_award_with_a_category_links_that_action_line_only_as_stated(links, shared_data):
    awards = read_csv(shared_data / "facts" / "wsis_prizes.csv")
    prizes = links[links["source"] == "wsis_prizes"]
    assert set(prizes["level"]) == {"action_line_only"} and set(prizes["basis"]) == {"official"}
    assert not prizes["item_id"].duplicated().any()
    assert sorted(prizes["action_line"]) == sorted(row["action_line"] for row in awards if row["action_line"])


def test_an_items_regions_come_from_the_itu_regions_of_its_countries(items):
    by_id = items.set_index("item_id")
    assert by_id.loc["ITU-013", "regions"] == "Americas;Arab States"
    assert by_id.loc["ITU-013", "region_basis"] == "countries"
    assert by_id.loc["ITU-043", ["regions", "region_basis"]].tolist() == ["CIS", "stated"]
    assert by_id.loc["ITU-030", ["regions", "region_basis"]].tolist() == ["", "none"]
    prizes = items[(items["source"] == "wsis_prizes") & (items["countries"] == "ZAF")]
    assert set(prizes["regions"]) == {"Africa"}


def test_item_regions_keep_each_region_once_in_first_seen_order():
    region_of = {"KEN": "Africa", "RWA": "Africa", "EGY": "Arab States"}
    assert item_regions(["KEN", "EGY", "RWA"], region_of) == ("Africa;Arab States", "countries")
    assert item_regions([], region_of, "Europe") == ("Europe", "stated")
    assert item_regions([], region_of) == ("", "none")


@pytest.mark.parametrize(
    ("level", "action_line", "sdg"),
    [("pair", "C2", ""), ("action_line_only", "C2", "9.c"), ("goal_only", "C2", "9.c"), ("goal_only", "", "")],
)
def test_a_link_whose_parts_do_not_match_its_level_is_refused(level, action_line, sdg):
    with pytest.raises(ValueError, match="does not match"):
        link_row("s", "X", level, "official", "", action_line, sdg)


def test_the_prize_coverage_per_year_is_read_from_the_facts_description(shared_data):
    rows = prize_coverage(shared_data / "facts")
    assert [row["period"] for row in rows] == [str(year) for year in range(2012, 2027)]
    assert rows[0]["coverage"].startswith("winners found / expected: 9 / 18;")
    assert committed_dataset().evidence_coverage.to_dict("records") == rows
