"""The committed canonical tables: reproducible from the sources, complete, and honest about anomalies."""

import filecmp
import io

import pandas as pd
import pytest

from wsis_data.build import TABLES, build
from wsis_data.constants import ACTION_LINE_CODES, LANGUAGES
from wsis_data.dataset import committed_dataset


def test_rebuilding_from_the_sources_gives_byte_identical_tables(shared_data, tmp_path):
    build(shared_data, tmp_path)
    committed = sorted(path.name for path in TABLES.iterdir())
    assert sorted(path.name for path in tmp_path.iterdir()) == committed
    _match, mismatch, errors = filecmp.cmpfiles(TABLES, tmp_path, committed, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_all_17_goals_and_169_targets_exist_in_all_six_languages():
    texts = committed_dataset().sdg_texts
    for lang in LANGUAGES:
        in_lang = texts[(texts["lang"] == lang) & (texts["title"] != "")]
        assert (in_lang["level"] == "goal").sum() == 17, lang
        assert (in_lang["level"] == "target").sum() == 169, lang
        assert (in_lang["level"] == "indicator").sum() == 252, lang


def test_action_lines_are_the_18_rows_in_raw_file_order():
    lines = committed_dataset().action_lines
    assert list(lines["code"].astype(str)) == list(ACTION_LINE_CODES)
    assert lines.loc[lines["code"] == "C7.7", "matrix_title"].item() == "E-agriculture"


def test_every_target_link_names_an_official_target_of_its_own_goal():
    links = committed_dataset().matrix_links
    targets = links[links["level"] == "target"]
    assert targets["target"].notna().all()
    assert (targets["target"].astype(str).str.split(".").str[0].astype(int) == targets["goal"]).all()


def test_the_e_agriculture_cross_goal_tokens_land_under_their_own_goals():
    links = committed_dataset().matrix_links
    rationale = links[links["rationale_id"] == "C7.7-G01-1"]
    assert sorted(rationale["target"].astype(str)) == ["1.5", "13.1", "13.3", "2.4", "3.d"]


def test_the_whole_goal_tokens_14_and_15_of_e_environment_become_goal_level_links():
    links = committed_dataset().matrix_links
    rationale = links[links["rationale_id"] == "C7.6-G15-1"]
    assert set(zip(rationale["level"], rationale["goal"], strict=True)) == {("goal", 14), ("goal", 15)}


def test_no_goal_level_link_remains_where_the_same_action_line_links_a_target_of_that_goal():
    links = committed_dataset().matrix_links
    goal_level = links[links["level"] == "goal"][["action_line", "goal"]]
    target_level = links[links["level"] == "target"][["action_line", "goal"]].drop_duplicates()
    assert goal_level.merge(target_level).empty


def test_every_rationale_id_in_the_links_exists_in_the_rationale_table():
    used = set(committed_dataset().matrix_links["rationale_id"]) - {""}
    assert used <= set(committed_dataset().rationales["rationale_id"])


def test_the_data_quality_report_on_the_real_matrix_names_the_known_anomalies():
    report = committed_dataset().data_quality
    by_kind = report.groupby("kind").size().to_dict()
    expected = pd.read_csv(
        io.StringIO(
            """kind,count
cross_goal_token,21
duplicate_link,4
empty_rationale,7
facilitator_not_verified,4
goal_link_superseded,13
goal_without_rationale,13
hlpf_set_unconfirmed,1
indicator_unverified,1
title_differs_from_plan_of_action,2
"""
        )
    )
    assert by_kind == dict(zip(expected["kind"], expected["count"], strict=True))
    goals_without = report[report["kind"] == "goal_without_rationale"]
    assert ("C7.8", "13") in set(zip(goals_without["action_line"], goals_without["goal"], strict=True))
    titles = report[report["kind"] == "title_differs_from_plan_of_action"]
    assert set(titles["action_line"]) == {"C1", "C3"}
    assert "Access to information knowledge" in titles[titles["action_line"] == "C3"]["detail"].item()


def test_the_2027_hlpf_set_is_flagged_and_not_guessed():
    cycles = committed_dataset().hlpf_cycles.set_index("year")
    assert not cycles.loc[2027, "set_verified"]
    assert cycles.loc[2027, "sdgs"] == []
    assert cycles.loc[2025, "sdgs"] == [3, 5, 8, 14, 17]


def test_every_curated_activity_has_a_source_and_an_allowed_basis():
    activities = committed_dataset().itu_activities
    assert activities["source_url"].str.match(r"^https?://").all()
    assert set(activities["mapping_basis"]) == {"official", "curated"}
    assert activities["id"].is_unique


def test_near_duplicate_activities_are_merged_with_their_links_and_provenance():
    activities = committed_dataset().itu_activities.set_index("id")
    assert "ITU-007" not in activities.index
    cop = activities.loc["ITU-006"]
    assert (cop["action_lines"], cop["mapping_basis"]) == ("C5;C10", "curated")
    provenance = committed_dataset().activity_provenance.set_index("id")
    assert provenance.loc["ITU-006", "merged_from"] == "ITU-007"


def test_wtdc_regional_initiatives_are_added_as_curated_activities():
    activities = committed_dataset().itu_activities.set_index("id")
    wtdc = activities[activities.index.str.startswith("WTDC")]
    assert len(wtdc) == 10
    assert set(wtdc["mapping_basis"]) == {"curated"}
    assert activities.loc["WTDC17-AFR3", "region"] == "Africa"


def test_official_basis_is_kept_only_where_the_source_names_the_link():
    activities = committed_dataset().itu_activities.set_index("id")
    assert activities.loc["ITU-022", "mapping_basis"] == "curated"
    assert activities.loc["ITU-004", "mapping_basis"] == "official"


def test_each_table_records_its_source():
    sources = committed_dataset().table_sources
    assert (sources["source"] != "").all()
    assert set(sources["table"]) | {"table_sources"} == {path.stem for path in TABLES.glob("*.csv")}


def test_the_edition_names_the_source_commits():
    assert committed_dataset().edition_info["matrix"]["commit"].startswith("09aad16")
    assert "09aad16" in committed_dataset().edition_label


def test_build_refuses_a_sources_folder_without_the_matrix(tmp_path, capsys):
    from wsis_data.build import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--sources", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "actions.json not found" in capsys.readouterr().err
