"""Each normalisation rule of the matrix, on small hand-written raw entries."""

import pytest

from wsis_data.constants import ACTION_LINE_CODES
from wsis_data.matrix import normalise_matrix, split_tokens, token_goal

OFFICIAL = frozenset({"1.5", "2.4", "3.d", "9.1", "9.a", "9.c", "13.1", "13.3", "5.b"})


def raw_matrix(first_row_goals: list[dict]) -> list[dict]:
    """Return 18 raw entries: the first with the given goals, the rest with none."""
    rows = [{"name": code, "shortName": code, "desc": "", "goals": []} for code in ACTION_LINE_CODES]
    rows[0]["goals"] = first_row_goals
    return rows


def links_of(goals: list[dict]) -> set[tuple]:
    result = normalise_matrix(raw_matrix(goals), OFFICIAL)
    return {(link["level"], link["goal"], link["target"], link["rationale_id"]) for link in result.links}


def kinds_of(goals: list[dict]) -> list[str]:
    return [finding["kind"] for finding in normalise_matrix(raw_matrix(goals), OFFICIAL).findings]


def test_comma_separated_tokens_are_split_and_stripped():
    assert split_tokens(" 9.1, 9.a ,9.c,") == ["9.1", "9.a", "9.c"]


def test_one_rationale_covering_several_targets_gives_one_link_each():
    links = links_of([{"goalId": 8, "subgoals": [{"subId": "9.1, 9.a, 9.c", "rationale": "r"}]}])
    assert links == {("target", 9, t, "C1-G09-1") for t in ("9.1", "9.a", "9.c")}


def test_a_tokens_goal_is_its_own_prefix_not_the_enclosing_goal():
    goals = [{"goalId": 0, "subgoals": [{"subId": "1.5, 2.4, 3.d, 13.1, 13.3", "rationale": "r"}]}]
    assert {(goal, target) for _, goal, target, _ in links_of(goals)} == {
        (1, "1.5"),
        (2, "2.4"),
        (3, "3.d"),
        (13, "13.1"),
        (13, "13.3"),
    }
    assert kinds_of(goals).count("cross_goal_token") == 4


@pytest.mark.parametrize(("token", "goal"), [("5", 5), ("5.b", 5), ("17.19", 17), ("x", None), ("3.xx", None)])
def test_token_goal_reads_the_prefix(token, goal):
    assert token_goal(token) == goal


def test_a_whole_goal_token_becomes_a_goal_level_link():
    assert links_of([{"goalId": 4, "subgoals": [{"subId": "5", "rationale": "r"}]}]) == {("goal", 5, "", "C1-G05-1")}


def test_a_goal_with_no_subgoals_becomes_a_goal_level_link_without_rationale():
    goals = [{"goalId": 14, "subgoals": []}]
    assert links_of(goals) == {("goal", 15, "", "")}
    assert kinds_of(goals) == ["goal_without_rationale"]


def test_a_goal_level_link_gives_way_to_a_target_of_the_same_goal():
    goals = [{"goalId": 8, "subgoals": [{"subId": "9", "rationale": "a"}, {"subId": "9.c", "rationale": "b"}]}]
    assert links_of(goals) == {("target", 9, "9.c", "C1-G09-2")}
    assert "goal_link_superseded" in kinds_of(goals)


def test_an_unofficial_target_is_dropped_and_reported():
    goals = [{"goalId": 2, "subgoals": [{"subId": "3.x, 3.d", "rationale": "r"}]}]
    assert links_of(goals) == {("target", 3, "3.d", "C1-G03-1")}
    assert kinds_of(goals) == ["unknown_target"]


def test_a_token_naming_no_goal_is_dropped_and_reported():
    goals = [{"goalId": 2, "subgoals": [{"subId": "18, see above", "rationale": "r"}]}]
    assert links_of(goals) == set()
    assert kinds_of(goals) == ["unknown_goal", "unknown_goal"]


def test_a_well_formed_but_unknown_target_is_reported_as_unknown_target():
    goals = [{"goalId": 2, "subgoals": [{"subId": "3.99", "rationale": "r"}]}]
    assert links_of(goals) == set()
    assert kinds_of(goals) == ["unknown_target"]


def test_a_pair_named_by_two_rationales_keeps_both_ids_and_is_reported_once():
    goals = [
        {"goalId": 0, "subgoals": [{"subId": "13.1", "rationale": "a"}]},
        {"goalId": 12, "subgoals": [{"subId": "13.1", "rationale": "b"}]},
    ]
    assert links_of(goals) == {("target", 13, "13.1", "C1-G01-1"), ("target", 13, "13.1", "C1-G13-1")}
    assert kinds_of(goals).count("duplicate_link") == 1


def test_an_empty_rationale_is_reported():
    assert "empty_rationale" in kinds_of([{"goalId": 8, "subgoals": [{"subId": "9.1", "rationale": " "}]}])


def test_a_matrix_without_18_rows_is_refused():
    with pytest.raises(ValueError, match="expected 18 entries"):
        normalise_matrix([], OFFICIAL)


def test_html_line_breaks_in_a_rationale_become_newlines():
    goals = [{"goalId": 8, "subgoals": [{"subId": "9.1", "rationale": "Impact:<br/>Research:  maps <BR>Public"}]}]
    rationale = normalise_matrix(raw_matrix(goals), OFFICIAL).rationales[0]
    assert rationale["text"] == "Impact:\nResearch: maps\nPublic"
