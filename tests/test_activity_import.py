"""Importing activity files: all-or-nothing validation with errors that name row, column, value and expectation."""

import hashlib

import pandas as pd
import pytest
from openpyxl import Workbook

from tests.hostile_inputs import HOSTILE_NUMBERS
from wsis_data.activities import (
    ACTIVITY_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    ActivityFileError,
    dataset_vocabulary,
    read_activity_file,
)
from wsis_data.dataset import committed_dataset
from wsis_data.spreadsheet_safety import spreadsheet_frame

VOCABULARY = dataset_vocabulary(committed_dataset())


def problems_of(path) -> list[str]:
    with pytest.raises(ActivityFileError) as error:
        read_activity_file(path, VOCABULARY)
    return [str(problem) for problem in error.value.problems]


def test_a_valid_file_is_read_whole(activity_fixture):
    activities = read_activity_file(activity_fixture("valid.csv"), VOCABULARY)
    assert list(activities.columns) == list(ACTIVITY_COLUMNS)
    assert list(activities["id"]) == ["T-1", "T-2"]


@pytest.mark.parametrize(
    "expected",
    [
        "row 2, column action_lines: 'C12' — expected an action line code C1–C11 or C7.1–C7.8",
        "row 3, column sdg_targets: '18.1' — SDG target '18.1' names no goal: expected a goal from 1 to 17, as in 9.c",
        "row 4, column sdg_targets: '3.x' — '3.x' is not an official SDG target of goal 3",
        "row 5, column countries: 'XYZ' — expected ISO 3166-1 alpha-3 codes of ITU members, as in KEN;RWA",
        "row 6, column region: 'Antarctica' — expected one of Global, Africa, Americas, Arab States, Asia-Pacific, CIS, Europe",
    ],
)
def test_unknown_codes_are_reported_with_row_column_value_and_expectation(activity_fixture, expected):
    assert expected in problems_of(activity_fixture("unknown_codes.csv"))


def test_every_problem_of_a_file_is_reported_not_only_the_first(activity_fixture):
    assert len(problems_of(activity_fixture("unknown_codes.csv"))) == 5


def test_a_missing_required_column_is_a_file_level_problem(activity_fixture):
    assert problems_of(activity_fixture("missing_column.csv")) == ["missing required column(s): sdg_targets"]


def test_an_empty_file_is_refused(activity_fixture):
    assert problems_of(activity_fixture("empty.csv")) == ["the file is empty: expected a header row and activity rows"]


def test_a_non_utf8_csv_is_refused_with_the_offending_byte(activity_fixture):
    [problem] = problems_of(activity_fixture("latin1.csv"))
    assert "not UTF-8" in problem and "0xe9" in problem and "line 2" in problem


def test_duplicate_ids_name_both_rows(activity_fixture):
    assert problems_of(activity_fixture("duplicate_ids.csv")) == [
        "row 4, column id: 'T-1' — expected a unique id; first used in row 2"
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    assert problems_of(path) == [f"the file is {MAX_FILE_BYTES + 1:,} bytes: expected at most {MAX_FILE_BYTES:,} bytes"]


def test_a_file_over_the_row_limit_is_refused(tmp_path):
    path = tmp_path / "many.csv"
    row = "X,Synthetic row,D,Global,,C2,9.c,,https://example.org,curated\n"
    path.write_text(",".join(ACTIVITY_COLUMNS) + "\n" + row * (MAX_ROWS + 1), encoding="utf-8")
    assert problems_of(path) == [f"the file has more than {MAX_ROWS:,} rows after its header"]


def test_a_row_with_the_wrong_number_of_fields_is_named(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(",".join(ACTIVITY_COLUMNS) + "\nT-1,Short row\n", encoding="utf-8")
    assert "row 2, column (row): 'T-1;Short row' — expected 10 fields, found 2" in problems_of(path)


def test_a_whole_goal_in_sdg_targets_asks_for_a_target(tmp_path):
    path = tmp_path / "goal.csv"
    path.write_text(",".join(ACTIVITY_COLUMNS) + "\nT-1,Synthetic,D,Global,,C2,9,,https://example.org,curated\n")
    assert problems_of(path) == [
        "row 2, column sdg_targets: '9' — '9' is a whole goal: expected one of its targets, as in 9.1"
    ]


def test_bad_sector_year_basis_and_missing_source_are_each_reported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(ACTIVITY_COLUMNS) + "\nT-1,Synthetic,X,Global,,C2,9.c,20x0,,maybe\n")
    assert problems_of(path) == [
        "row 2, column source_url: '' — expected a non-empty value",
        "row 2, column sector: 'X' — expected one of R, T, D, GS",
        "row 2, column mapping_basis: 'maybe' — expected one of official, curated",
        "row 2, column start_year: '20x0' — expected a four-digit year, or empty where the source gives none",
    ]


@pytest.mark.parametrize("number", HOSTILE_NUMBERS, ids=ascii)
def test_a_goal_or_a_year_not_written_in_ascii_digits_is_a_problem_of_its_cell_never_an_exception(tmp_path, number):
    path = tmp_path / "numbers.csv"
    path.write_text(
        ",".join(ACTIVITY_COLUMNS) + f"\nT-1,Synthetic,D,Global,,C2,{number}.c,{number},https://example.org,curated\n",
        encoding="utf-8",
    )
    found = problems_of(path)
    assert [problem.split(":")[0] for problem in found] == ["row 2, column sdg_targets", "row 2, column start_year"]


def test_a_file_is_left_untouched_by_a_failed_import(activity_fixture):
    path = activity_fixture("unknown_codes.csv")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    problems_of(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def write_xlsx(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(ACTIVITY_COLUMNS))
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def test_an_xlsx_file_is_read_with_numbers_as_text(tmp_path):
    path = tmp_path / "activities.xlsx"
    write_xlsx(
        path,
        [["T-1", "Synthetic", "D", "Europe", "FRA", "C6", "17.14", 2019, "https://example.org", "curated"]],
    )
    activities = read_activity_file(path, VOCABULARY)
    assert activities.loc[0, "start_year"] == "2019"


def test_an_xlsx_file_reports_rows_like_a_csv(tmp_path):
    path = tmp_path / "activities.xlsx"
    write_xlsx(
        path,
        [["T-1", "Synthetic", "D", "Europe", "", "C12", "17.14", 2019, "https://example.org", "curated"]],
    )
    assert problems_of(path) == ["row 2, column action_lines: 'C12' — expected an action line code C1–C11 or C7.1–C7.8"]


def test_a_corrupt_xlsx_is_refused(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    [problem] = problems_of(path)
    assert problem.startswith("the file is not a readable XLSX workbook")


def test_an_unsupported_file_type_is_refused(tmp_path):
    path = tmp_path / "activities.json"
    path.write_text("[]")
    assert problems_of(path) == ["unsupported file type '.json': expected .csv or .xlsx"]


def test_formula_cells_are_accepted_and_neutralised_on_export(activity_fixture):
    activities = read_activity_file(activity_fixture("formula_cells.csv"), VOCABULARY)
    safe = spreadsheet_frame(activities)
    assert [name[0] for name in safe["name"]] == ["'", "'", "'", "'"]
    assert activities.loc[0, "name"].startswith("=HYPERLINK")


def test_neutralisation_leaves_numbers_and_plain_text_alone():
    frame = pd.DataFrame({"text": ["plain", "-1 dash", "@x"], "count": [-1, 2, 3]})
    safe = spreadsheet_frame(frame)
    assert list(safe["text"]) == ["plain", "'-1 dash", "'@x"]
    assert list(safe["count"]) == [-1, 2, 3]
