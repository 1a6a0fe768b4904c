"""Formula injection in CSV and XLSX exports: one rule for every cell, header and metadata cell."""

import io
from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from analytics.export.captions import ExportContext
from analytics.export.tables import csv_bytes, xlsx_bytes
from tests.hostile_inputs import (
    FORMULA_PAYLOADS,
    exported_tables,
    formula_cells,
    poison_tables,
    tables_from,
    text_cells,
)
from wsis_data import loaders
from wsis_data.spreadsheet_safety import (
    REPLACEMENT,
    is_formula,
    spreadsheet_cell,
    spreadsheet_frame,
    spreadsheet_text,
)

DAY = date(2026, 7, 14)
XLSX_FORBIDDEN = {chr(code) for code in range(32)} - {"\t", "\n", "\r"}


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "  =1+1", "\n@x", "\u00a0-2"])
def test_text_starting_a_formula_even_after_whitespace_is_prefixed_with_a_quote(text):
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["plain", "1-2", "a=b", "", "'=already escaped", "＝fullwidth"])
def test_text_that_starts_no_formula_is_left_alone(text):
    assert spreadsheet_text(text) == text


def test_control_characters_xlsx_forbids_are_replaced_not_raised():
    replaced = REPLACEMENT
    assert spreadsheet_text("a\x00b\x0bc\x1f\ud800d\uffff") == f"a{replaced}b{replaced}c{replaced}{replaced}d{replaced}"
    assert spreadsheet_text("tab\tline\nreturn\r") == "tab\tline\nreturn\r"


@pytest.mark.parametrize("value", [-3, -0.5, 2.0, True, date(2025, 1, 1), None, pd.NA])
def test_numbers_dates_and_empty_cells_are_kept_as_they_are(value):
    assert spreadsheet_cell(value) is value


def test_other_objects_are_written_as_safe_text():
    assert spreadsheet_cell(["=1"]) == "['=1']"
    assert spreadsheet_cell(pd.Timestamp("2025-01-01")) == pd.Timestamp("2025-01-01")


@given(st.text())
def test_no_text_is_a_formula_once_made_safe(text):
    assert not is_formula(spreadsheet_text(text))
    assert not set(spreadsheet_text(text)) & XLSX_FORBIDDEN


@given(st.text())
def test_making_text_safe_twice_changes_nothing_more(text):
    assert spreadsheet_text(spreadsheet_text(text)) == spreadsheet_text(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))))
def test_safe_text_shows_the_original_text_after_the_quote(text):
    safe = spreadsheet_text(text)
    assert safe.removeprefix("'") == text if is_formula(text) else safe == text


def test_the_header_of_a_table_is_neutralised_too():
    frame = pd.DataFrame({"=name": ["x"], "count": [1]})
    assert list(spreadsheet_frame(frame).columns) == ["'=name", "count"]


def test_numeric_and_categorical_columns_keep_their_numbers():
    frame = pd.DataFrame(
        {"count": [-3, 4], "share": [-0.5, 1.0], "code": pd.Categorical(["=C1", "C2"]), "flag": [True, False]}
    )
    safe = spreadsheet_frame(frame)
    assert list(safe["count"]) == [-3, 4] and list(safe["share"]) == [-0.5, 1.0]
    assert list(safe["code"]) == ["'=C1", "C2"] and list(safe["flag"]) == [True, False]


def test_a_csv_cell_with_a_carriage_return_stays_one_cell():
    data = csv_bytes(pd.DataFrame({"name": ["first\r=1+1", "second"]}))
    assert formula_cells("csv", data) == []
    assert text_cells("csv", data) == ["name", "first\r=1+1", "second"]


def test_an_xlsx_with_control_characters_and_formulas_in_cells_header_and_metadata_opens_as_text():
    frame = pd.DataFrame({"@head": ["=1+1", "a\x00b\x0b"], "count": [-3, 4]})
    context = ExportContext("en", '=HYPERLINK("https://attacker.example")', "-edition", DAY)
    data = xlsx_bytes({"t": frame}, context)
    assert formula_cells("xlsx", data) == []
    workbook = load_workbook(io.BytesIO(data))
    assert [cell.value for cell in workbook["t"][1]] == ["'@head", "count"]
    assert workbook["t"]["A3"].value == f"a{REPLACEMENT}b{REPLACEMENT}"
    assert workbook["t"]["B2"].value == -3
    metadata = [cell.value for row in workbook["metadata"].iter_rows() for cell in row]
    assert '\'=HYPERLINK("https://attacker.example")' in metadata and "'-edition" in metadata


@pytest.fixture(scope="module")
def poisoned_exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("poisoned_tables")
    poisoned = poison_tables(loaders.TABLES, folder)
    with tables_from(folder):
        exports = [(path, kind, write()) for path, kind, write in exported_tables("en")]
    return poisoned, exports


def test_every_export_path_of_poisoned_tables_has_no_formula_cell(poisoned_exports):
    _poisoned, exports = poisoned_exports
    found = {f"{path} [{kind}]": formula_cells(kind, data) for path, kind, data in exports}
    assert {path: cells for path, cells in found.items() if cells} == {}


def test_the_poison_reaches_the_exported_tables_escaped(poisoned_exports):
    poisoned, exports = poisoned_exports
    markers = [payload.strip(" \t\r\n\x0b\x1f\u00a0") for payload in FORMULA_PAYLOADS]
    reached = {
        " ".join(path.split(" ")[:2])
        for path, kind, data in exports
        for cell in text_cells(kind, data)
        if cell.startswith("'") and any(marker in cell for marker in markers)
    }
    assert poisoned > 5000
    assert {"page table", "pack tables"} <= reached
