"""The dataset carries the evidence: committed sources, stocktaking imports, one index per dataset, a key that follows.

Every stocktaking project here is SYNTHETIC (ids `SYN-…`, example.org addresses), written by the tests.
"""

import pandas as pd

from analytics import view_data
from analytics.evidence_listing import LISTINGS, listing_rows
from analytics.request import parse_request, request_context
from tests.test_stocktaking_import import GOOD, SOURCE, write_csv
from wsis_data.dataset import committed_dataset
from wsis_data.evidence_import import import_stocktaking_file
from wsis_data.evidence_store import InMemoryEvidenceRepository
from wsis_data.loaded_evidence import evidence_state, with_loaded_evidence

DATASET = committed_dataset()


def imported(tmp_path, rows=GOOD) -> InMemoryEvidenceRepository:
    repository = InMemoryEvidenceRepository()
    path = tmp_path / "stocktaking.csv"
    write_csv(path, rows)
    import_stocktaking_file(path, SOURCE, repository)
    return repository


def listed(dataset, action_line: str, goal: int, region: str) -> pd.DataFrame:
    """Return every item of the project source listed under a cell in a region, both lists (as its CSV has them)."""
    index = view_data.evidence_listing(dataset)
    lists = [
        view_data.evidence_cell_listing(dataset, action_line, goal, levels, "split", region, (SOURCE,))
        for levels in LISTINGS.values()
    ]
    return pd.concat([listing_rows(index, dataset.evidence_items, dataset.evidence_links, each) for each in lists])


def test_the_committed_dataset_lists_its_evidence_sources_and_carries_their_items_and_links():
    assert DATASET.evidence_sources == ("itu_activities", "wsis_prizes")
    assert set(DATASET.evidence_items["source"]) == set(DATASET.evidence_sources)
    assert set(DATASET.evidence_links["source"]) <= set(DATASET.evidence_sources)
    assert set(DATASET.evidence_coverage["source"]) == {"wsis_prizes"}
    assert list(DATASET.evidence_source_details["source"]) == list(DATASET.evidence_sources)


def test_a_dataset_without_imports_is_the_committed_one_with_the_same_key():
    assert with_loaded_evidence(DATASET, InMemoryEvidenceRepository()) is DATASET
    assert evidence_state(InMemoryEvidenceRepository()) == ()


def test_imported_stocktaking_projects_join_the_dataset_as_a_source_and_change_its_key(tmp_path):
    repository = imported(tmp_path)
    loaded = with_loaded_evidence(DATASET, repository)
    assert loaded.evidence_sources == ("itu_activities", "wsis_prizes", SOURCE)
    assert loaded.key != DATASET.key
    ids = set(loaded.evidence_items.loc[loaded.evidence_items["source"] == SOURCE, "item_id"])
    assert ids == {"SYN-1", "SYN-2", "SYN-3"}
    assert evidence_state(repository) == ((SOURCE, 1),)


def test_a_changed_import_gives_another_key_and_re_importing_the_same_file_keeps_it(tmp_path):
    repository = imported(tmp_path)
    first = with_loaded_evidence(DATASET, repository)
    import_stocktaking_file(tmp_path / "stocktaking.csv", SOURCE, repository)
    assert with_loaded_evidence(DATASET, repository).key == first.key
    newer = tmp_path / "newer.csv"
    write_csv(newer, GOOD[:2])
    import_stocktaking_file(newer, SOURCE, repository)
    assert with_loaded_evidence(DATASET, repository).key not in (first.key, DATASET.key)


def test_the_evidence_index_is_built_once_per_dataset(tmp_path):
    assert view_data.evidence_counts(DATASET) is view_data.evidence_counts(DATASET)
    loaded = with_loaded_evidence(DATASET, imported(tmp_path))
    assert view_data.evidence_counts(loaded) is not view_data.evidence_counts(DATASET)
    assert SOURCE in view_data.evidence_counts(loaded).sources


def test_an_imported_stated_pair_supports_its_cell_only_in_the_region_of_its_countries(tmp_path):
    loaded = with_loaded_evidence(DATASET, imported(tmp_path))
    # SYN-1 (Kenya, Rwanda) states C7.3 > 4.4.
    for region, expected in (("Africa", 1), ("Europe", 0)):
        verdicts = view_data.evidence_verdict_frame(loaded, region, "split", (SOURCE,))
        cell = verdicts[(verdicts["action_line"] == "C7.3") & (verdicts["goal"] == 4)]
        assert int(cell[SOURCE].iloc[0]) == expected
    items = listed(loaded, "C7.3", 4, "Africa")
    assert list(items.loc[items["level"] == "pair", "item_id"]) == ["SYN-1"]


def test_a_project_naming_lines_and_goals_without_pairs_never_supports_their_cells(tmp_path):
    loaded = with_loaded_evidence(DATASET, imported(tmp_path))
    # SYN-2 names C1…C5 and goals 1–4 with no pair: counted at each level, in no cell.
    verdicts = view_data.evidence_verdict_frame(loaded, "Global", "split", (SOURCE,))
    cells = verdicts[verdicts["action_line"].isin(["C1", "C3", "C4", "C5"]) & verdicts["goal"].isin([1, 2, 3])]
    assert int(cells[SOURCE].sum()) == 0
    assert (cells["action_line_only_items"] > 0).all()
    items = listed(loaded, "C1", 1, "Global")
    assert set(items["level"]) == {"action_line_only", "goal_only"}


def test_the_source_parameter_keeps_the_known_sources_and_names_the_rest():
    context = request_context(DATASET)
    parsed = parse_request({"source": "wsis_prizes, Bogus ,itu_activities,x" + "y" * 50}, context)
    assert parsed.request.evidence_sources == ("itu_activities", "wsis_prizes")
    assert [notice.value for notice in parsed.notices] == ["Bogus", "x" + "y" * 39 + "…"]
    huge = parse_request({"source": "wsis_prizes," * 100}, context)
    assert huge.request.evidence_sources == () and huge.notices[0].param == "source"


def test_sources_with_no_items_are_left_out_of_the_verdicts():
    empty = DATASET.with_tables(
        {"evidence_items": DATASET.source_tables["evidence_items"].iloc[0:0]},
        edition="test",
        edition_info={},
    )
    links = DATASET.source_tables["evidence_links"].iloc[0:0]
    empty = empty.with_tables({"evidence_links": links}, edition="test", edition_info={})
    assert view_data.chosen_sources(empty, ()) == ()
    verdicts = view_data.evidence_verdict_frame(empty, "Global", "split", ())
    assert set(verdicts["status"]) <= {"no_evidence", "none"}
    assert isinstance(verdicts, pd.DataFrame)
