"""Stocktaking imports: whole-file validation, idempotent re-import, and what a newer file adds, changes and withdraws.

Every project here is SYNTHETIC (ids `SYN-…`, example.org URLs), written by the tests.
"""

import csv
import hashlib
import io
import time

import pytest
from openpyxl import Workbook

from tests.conftest import fresh_store
from tests.hostile_inputs import HOSTILE_NUMBERS, many_cells_csv
from wsis_data import stocktaking
from wsis_data.activities import dataset_vocabulary
from wsis_data.dataset import committed_dataset
from wsis_data.evidence_import import import_stocktaking_file, import_stocktaking_upload, plan_import
from wsis_data.evidence_store import InMemoryEvidenceRepository
from wsis_data.stocktaking import (
    RECORD_COLUMNS,
    StocktakingFileError,
    read_stocktaking_file,
    stocktaking_evidence,
)
from wsis_data.store import audit_entries, grant_role
from wsis_data.store.errors import EditConflict, PermissionDenied
from wsis_data.store.evidence import DatabaseEvidenceRepository

SOURCE = "wsis_stocktaking"
VOCABULARY = dataset_vocabulary(committed_dataset())
GOOD = [
    [
        "SYN-1",
        "Synthetic project one",
        "Org A",
        "KEN;RWA",
        "C7.3;C2",
        "4.4;9.c",
        "2020",
        "https://example.org/1",
        "C7.3>4.4",
    ],
    ["SYN-2", "Synthetic project two", "", "", "C1;C2;C3;C4;C5", "1.1;2.1;3.1;4.1", "", "", ""],
    ["SYN-3", "Synthetic project three", "Org C", "FRA", "", "5", "2019", "", ""],
]


@pytest.fixture
def database(store):
    """Return an evidence repository in a fresh edition store (SQLite, then PostgreSQL)."""
    return DatabaseEvidenceRepository(store)


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def repository(request, tmp_path):
    """Return each implementation of the evidence repository in turn: in memory, then in SQLite and PostgreSQL."""
    if request.param == "memory":
        yield InMemoryEvidenceRepository()
        return
    opened = fresh_store(request, request.param, tmp_path)
    yield DatabaseEvidenceRepository(opened)
    opened.engine.dispose()


def write_csv(path, rows, header=RECORD_COLUMNS, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read(path):
    return read_stocktaking_file(path, VOCABULARY.targets, VOCABULARY.countries)


def problems_of(path):
    with pytest.raises(StocktakingFileError) as caught:
        read(path)
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_file_is_read_whole_with_its_lists_normalised(tmp_path):
    records = read(
        write_csv(tmp_path / "projects.csv", [*GOOD, ["SYN-4", "Four", "", "", " C2 ; C2;C6 ", "9.c", "", "", ""]])
    )
    assert list(records["id"]) == ["SYN-1", "SYN-2", "SYN-3", "SYN-4"]
    assert records.loc[3, "action_lines"] == "C2;C6"


def test_the_optional_pairs_column_may_be_left_out(tmp_path):
    records = read(write_csv(tmp_path / "p.csv", [row[:-1] for row in GOOD], header=RECORD_COLUMNS[:-1]))
    assert list(records["pairs"]) == ["", "", ""]


def test_every_problem_is_named_by_row_column_value_and_expectation(tmp_path):
    bad = [
        ["SYN-1", "x", "", "XXX", "C12", "4.44", "20", "ftp://x", "C9>4.4"],
        ["SYN-1", "", "", "", "", "", "", "", "C2-9.c"],
    ]
    problems = problems_of(write_csv(tmp_path / "bad.csv", bad))
    assert problems == [
        "row 2, column url: 'ftp://x' — expected a public http(s) URL, or an empty cell",
        "row 2, column year: '20' — expected a four-digit year, or an empty cell",
        "row 2, column countries: 'XXX' — expected ISO 3166-1 alpha-3 codes of ITU members, as in KEN;RWA",
        "row 2, column action_lines: 'C12' — expected an action line code C1–C11 or C7.1–C7.8",
        "row 2, column sdg_targets: '4.44' — expected an official SDG target (as in 9.c) or a goal 1–17",
        "row 2, column pairs: 'C9>4.4' — expected a pair whose action line is listed in action_lines and whose SDG "
        "is listed in sdg_targets",
        "row 3, column title: '' — expected a non-empty title",
        "row 3, column action_lines: '' — expected at least one action line or SDG target",
        "row 3, column pairs: 'C2-9.c' — expected a pair like C7.3>4.4 (action line > target or goal)",
        "row 3, column id: 'SYN-1' — expected a unique id; first used in row 2",
    ]


@pytest.mark.parametrize("number", HOSTILE_NUMBERS, ids=ascii)
def test_a_year_not_written_in_ascii_digits_is_a_problem_of_its_cell_never_stored(tmp_path, number):
    row = ["SYN-1", "Synthetic", "", "", "C2", "9.c", number, "", ""]
    assert problems_of(write_csv(tmp_path / "year.csv", [row])) == [
        f"row 2, column year: {number!r} — expected a four-digit year, or an empty cell"
    ]


def test_a_file_with_one_bad_row_stores_nothing(tmp_path, repository):
    import_stocktaking_file(write_csv(tmp_path / "v1.csv", GOOD), SOURCE, repository)
    before = repository.items(SOURCE), repository.version(SOURCE)
    newer = [*GOOD, ["SYN-9", "Nine", "", "", "C99", "", "", "", ""]]
    with pytest.raises(StocktakingFileError):
        import_stocktaking_file(write_csv(tmp_path / "v2.csv", newer), SOURCE, repository)
    assert repository.items(SOURCE).equals(before[0]) and repository.version(SOURCE) == before[1] == 1


def test_re_importing_the_same_file_changes_nothing(tmp_path, repository):
    path = write_csv(tmp_path / "v1.csv", GOOD)
    first = import_stocktaking_file(path, SOURCE, repository)
    stored = repository.items(SOURCE), repository.import_details(SOURCE)
    again = import_stocktaking_file(path, SOURCE, repository)
    assert first.counts() == {"added": 3, "changed": 0, "withdrawn": 0, "unchanged": 0}
    assert again.counts() == {"added": 0, "changed": 0, "withdrawn": 0, "unchanged": 3}
    assert again.changes_nothing
    assert repository.items(SOURCE).equals(stored[0]) and repository.import_details(SOURCE) == stored[1]
    assert repository.version(SOURCE) == 1


def test_a_newer_file_reports_what_it_adds_changes_and_withdraws(tmp_path, repository):
    import_stocktaking_file(write_csv(tmp_path / "v1.csv", GOOD), SOURCE, repository)
    newer = [
        GOOD[0],
        [*GOOD[1][:6], "2021", *GOOD[1][7:]],
        ["SYN-4", "Synthetic project four", "", "", "C6", "", "", "", ""],
    ]
    plan = import_stocktaking_file(write_csv(tmp_path / "v2.csv", newer), SOURCE, repository)
    assert list(plan.added["id"]) == ["SYN-4"]
    assert list(plan.changed["id"]) == ["SYN-2"]
    assert list(plan.withdrawn["id"]) == ["SYN-3"]
    assert list(plan.unchanged["id"]) == ["SYN-1"]
    assert list(repository.items(SOURCE)["id"]) == ["SYN-1", "SYN-2", "SYN-4"]
    assert repository.items(SOURCE).set_index("id").loc["SYN-2", "year"] == "2021"
    assert repository.import_details(SOURCE)["origin"].startswith("v2.csv (sha256 ")


def test_a_plan_made_before_another_import_of_the_same_source_is_refused(tmp_path, repository):
    records = read(write_csv(tmp_path / "v1.csv", GOOD))
    stale = plan_import(repository.items(SOURCE), records, SOURCE, "v1.csv", repository.version(SOURCE))
    import_stocktaking_file(write_csv(tmp_path / "v2.csv", GOOD[:1]), SOURCE, repository)
    with pytest.raises(EditConflict, match="changed by another import"):
        repository.apply(stale)
    assert list(repository.items(SOURCE)["id"]) == ["SYN-1"]


def test_every_import_into_the_database_is_in_the_audit_log(tmp_path, database):
    import_stocktaking_file(write_csv(tmp_path / "v1.csv", GOOD), SOURCE, database)
    (entry,) = [entry for entry in audit_entries(database.store) if entry["action"] == "evidence_import"]
    assert entry["subject"] == SOURCE
    assert entry["after"]["added"] == 3 and entry["after"]["origin"].startswith("v1.csv")


def test_a_dry_run_plans_without_storing(tmp_path, repository):
    plan = import_stocktaking_file(write_csv(tmp_path / "v1.csv", GOOD), SOURCE, repository, dry_run=True)
    assert plan.counts()["added"] == 3
    assert repository.sources() == [] and repository.items(SOURCE).empty


def test_plan_import_compares_by_id_without_a_store(tmp_path):
    old = read(write_csv(tmp_path / "a.csv", GOOD))
    new = read(write_csv(tmp_path / "b.csv", [GOOD[0], [*GOOD[2][:1], "Renamed", *GOOD[2][2:]]]))
    plan = plan_import(old, new)
    assert plan.counts() == {"added": 0, "changed": 1, "withdrawn": 1, "unchanged": 1}
    assert plan.records_after()["title"].tolist() == ["Synthetic project one", "Renamed"]


def test_an_unknown_source_is_refused_before_the_file_is_read(tmp_path):
    with pytest.raises(ValueError, match="--source 'itu_activities': expected one of wsis_stocktaking"):
        import_stocktaking_file(tmp_path / "missing.csv", "itu_activities", InMemoryEvidenceRepository())


def test_formula_cells_are_never_evaluated_a_csv_keeps_their_text_an_xlsx_its_stored_result(tmp_path):
    formula = '=HYPERLINK("https://example.org","click")'
    records = read(write_csv(tmp_path / "f.csv", [["SYN-1", formula, "+cmd", "", "C2", "", "", "", ""]]))
    assert records.loc[0, ["title", "organisation"]].tolist() == [formula, "+cmd"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(RECORD_COLUMNS))
    sheet.append(["SYN-1", "Synthetic project", "=1+1", "", "C2", "9.c", 2020])
    workbook.save(tmp_path / "f.xlsx")
    records = read(tmp_path / "f.xlsx")
    assert records.loc[0, ["organisation", "year", "pairs"]].tolist() == ["", "2020", ""]


def test_a_csv_that_is_not_utf8_is_refused_with_the_offending_byte(tmp_path):
    path = write_csv(
        tmp_path / "latin1.csv", [["SYN-1", "Projet numérique", "", "", "C2", "", "", "", ""]], encoding="latin-1"
    )
    (problem,) = problems_of(path)
    assert problem.startswith("the file is not UTF-8 text: byte 0xe9 at offset")
    assert "(line 2)" in problem


def test_a_file_with_a_million_columns_is_refused_quickly_by_its_column_count(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(1_000_000)) + "\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert "expected at most" in problem


def test_a_line_of_ten_million_separators_is_refused_by_its_column_count(tmp_path):
    path = tmp_path / "commas.csv"
    path.write_bytes(b"," * 10_000_000)
    assert problems_of(path) == ["row 1: 10,000,001 columns: expected at most 64"]


def test_rows_of_many_short_cells_are_refused_by_the_cells_a_stocktaking_file_can_hold(tmp_path):
    rows = stocktaking.MAX_CELLS // 64 + 1
    started = time.perf_counter()
    assert problems_of(many_cells_csv(tmp_path, rows=rows, columns=64)) == [
        f"row {rows}: the file has more than {stocktaking.MAX_CELLS:,} cells in all"
    ]
    print(f"{rows:,} rows of 64 cells refused in {time.perf_counter() - started:.1f} s")


def test_unexpected_and_missing_columns_are_file_level_problems(tmp_path):
    problems = problems_of(write_csv(tmp_path / "h.csv", [["1"]], header=("id", "name")))
    assert (
        problems[0]
        == "missing required column(s): title, organisation, countries, action_lines, sdg_targets, year, url"
    )
    assert problems[1].startswith("unexpected column(s): 'name'")


def test_an_unsupported_type_and_a_corrupt_workbook_are_refused(tmp_path):
    (tmp_path / "p.json").write_text("{}", encoding="utf-8")
    (tmp_path / "p.xlsx").write_bytes(b"not a zip")
    assert problems_of(tmp_path / "p.json") == ["unsupported file type '.json': expected .csv or .xlsx"]
    assert problems_of(tmp_path / "p.xlsx")[0].startswith("the file is not a readable XLSX workbook")


def test_only_stated_pairs_become_pair_links_and_the_rest_stays_at_its_level(tmp_path):
    records = read(write_csv(tmp_path / "p.csv", GOOD))
    items, links = stocktaking_evidence(records, SOURCE, {"KEN": "Africa", "RWA": "Africa", "FRA": "Europe"})
    assert items.set_index("item_id")["regions"].to_dict() == {"SYN-1": "Africa", "SYN-2": "", "SYN-3": "Europe"}
    levels = links.groupby(["item_id", "level"]).size().to_dict()
    assert levels == {
        ("SYN-1", "pair"): 1,
        ("SYN-1", "action_line_only"): 1,
        ("SYN-1", "goal_only"): 1,
        ("SYN-2", "action_line_only"): 5,
        ("SYN-2", "goal_only"): 4,
        ("SYN-3", "goal_only"): 1,
    }
    pair = links[links["level"] == "pair"].iloc[0]
    assert (pair["action_line"], pair["goal"], pair["target"], pair["basis"]) == ("C7.3", "4", "4.4", "official")
    assert links.set_index(["item_id", "level"]).loc[("SYN-3", "goal_only"), ["goal", "target"]].tolist() == ["5", ""]


def test_an_upload_gives_the_same_plan_as_the_same_file_on_disk(tmp_path, repository):
    path = write_csv(tmp_path / "v1.csv", GOOD)
    from_disk = import_stocktaking_file(path, SOURCE, repository, dry_run=True)
    content = path.read_bytes()
    uploaded = import_stocktaking_upload(
        io.BytesIO(content), len(content), "v1.csv", SOURCE, repository, curator="ana@example.org", dry_run=True
    )
    assert uploaded.counts() == from_disk.counts() and uploaded.added.equals(from_disk.added)
    assert uploaded.origin == from_disk.origin
    assert uploaded.sha256 == from_disk.sha256 == hashlib.sha256(content).hexdigest()


def test_an_upload_over_the_limit_is_refused_by_its_stated_size_before_it_is_read():
    class Unread(io.BytesIO):
        def read(self, *args):
            raise AssertionError("an upload over the limit was read")

    with pytest.raises(StocktakingFileError) as caught:
        import_stocktaking_upload(
            Unread(),
            2_000_001,
            "big.csv",
            SOURCE,
            InMemoryEvidenceRepository(),
            curator="a@example.org",
            max_bytes=2_000_000,
        )
    assert [str(problem) for problem in caught.value.problems] == [
        "the file is 2,000,001 bytes: expected at most 2,000,000 bytes"
    ]


def test_an_upload_applied_by_someone_without_the_curator_role_is_refused_and_nothing_is_stored(database):
    content = "\n".join(",".join(row) for row in [RECORD_COLUMNS, *GOOD]).encode("utf-8")
    with pytest.raises(PermissionDenied, match="does not have the curator role"):
        import_stocktaking_upload(
            io.BytesIO(content), len(content), "v1.csv", SOURCE, database, curator="nobody@example.org"
        )
    assert database.version(SOURCE) == 0
    assert [entry for entry in audit_entries(database.store) if entry["action"] == "evidence_import"] == []


def test_an_upload_with_a_very_long_name_is_stored_under_a_shortened_origin(database):
    content = "\n".join(",".join(row) for row in [RECORD_COLUMNS, *GOOD]).encode("utf-8")
    name = "x" * 1000 + ".csv"
    grant_role(database.store, "ana@example.org", "curator")
    plan = import_stocktaking_upload(
        io.BytesIO(content), len(content), name, SOURCE, database, curator="ana@example.org"
    )
    origin = database.import_details(SOURCE)["origin"]
    assert origin == plan.origin and len(origin) <= 300 and origin.startswith("x" * 199 + "… (sha256 ")
    (entry,) = [entry for entry in audit_entries(database.store) if entry["action"] == "evidence_import"]
    assert entry["actor"] == "ana@example.org" and entry["after"]["file"] == name
