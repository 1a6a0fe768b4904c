"""The bounded reader of CSV and XLSX files: what it reads, and crafted files refused with a clear message."""

import codecs
import os
import subprocess
import sys
import threading

import pytest
from openpyxl import Workbook

from tests.conftest import ROOT
from tests.hostile_inputs import (
    HOSTILE_FILES,
    SHEET_OPEN,
    device_csv,
    fifo_csv,
    huge_declared_sheet,
    latin1_csv,
    long_field_csv,
    many_cells_csv,
    negative_shared_string_xlsx,
    nul_byte_csv,
    shared_strings_xlsx,
    superscript_row_xlsx,
    unclosed_quote_csv,
    wide_csv,
    write_xlsx,
    xlsx_bomb,
    xlsx_lying_sizes,
)
from wsis_data import tabular_files
from wsis_data.tabular_files import TableLimits, TabularFileError, parse_table_bytes, read_table_file

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_rows": 1000, "max_columns": 50, "max_field_chars": 5000}


def read(path, **limits):
    return read_table_file(path, **{**LIMITS, **limits})


def problems(path, **limits) -> list[str]:
    with pytest.raises(TabularFileError) as error:
        read(path, **limits)
    return error.value.problems


def test_a_csv_is_read_as_text_cells_with_its_header_apart(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text('id,name\nT-1," spaced, quoted "\n\nT-2,\n', encoding="utf-8")
    table = read(path)
    assert table.header == ["id", "name"]
    assert table.rows == [["T-1", " spaced, quoted "], [], ["T-2", ""]]


def test_a_utf8_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + "id,name\nT-1,Télécoms\n".encode())
    assert read(path).header == ["id", "name"]


def test_a_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes("id,name\n".encode("utf-16"))
    assert problems(path) == ["the file is UTF-16 text: save it as CSV UTF-8"]


def test_a_wrong_encoding_is_reported_with_byte_offset_and_line(tmp_path):
    assert problems(latin1_csv(tmp_path)) == [
        "the file is not UTF-8 text: byte 0xe9 at offset 23 (line 3); save it as CSV UTF-8"
    ]


def test_an_xlsx_is_read_from_shared_and_inline_strings_numbers_and_booleans(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "name", "year", "flag"])
    sheet.append(["T-1", "Synthetic", 2019, True])
    sheet["B4"] = "after a blank row"
    sheet2 = workbook.create_sheet("second")
    sheet2.append(["ignored"])
    workbook.save(tmp_path / "book.xlsx")
    table = read(tmp_path / "book.xlsx")
    assert table.header == ["id", "name", "year", "flag"]
    assert table.rows == [["T-1", "Synthetic", "2019", "TRUE"], [], ["", "after a blank row"]]
    inline = write_xlsx(
        tmp_path / "inline.xlsx",
        SHEET_OPEN + b'<sheetData><row r="1"><c r="C1" t="inlineStr"><is><r><t>rich </t></r><r><t>text</t></r></is>'
        b"</c></row></sheetData></worksheet>",
    )
    assert read(inline).header == ["", "", "rich text"]


def test_an_xlsx_declaring_the_largest_sheet_is_refused_by_what_it_holds(tmp_path):
    assert problems(huge_declared_sheet(tmp_path)) == ["row 1048576, column 16,384: more than 50 columns"]


def test_an_xlsx_with_a_far_row_is_refused_without_filling_the_rows_between(tmp_path):
    path = write_xlsx(
        tmp_path / "far.xlsx",
        SHEET_OPEN + b'<sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>',
    )
    assert problems(path) == ["the file has more than 1,000 rows after its header"]


def test_an_xlsx_whose_zip_declares_hundreds_of_megabytes_is_refused_before_expanding(tmp_path):
    [problem] = problems(xlsx_bomb(tmp_path, expanded_bytes=200 * 1024 * 1024))
    assert problem.startswith("the workbook declares") and "expected at most 104,857,600" in problem


def test_an_xlsx_part_compressed_too_many_times_is_refused(tmp_path):
    [problem] = problems(xlsx_bomb(tmp_path, expanded_bytes=20 * 1024 * 1024))
    assert "compressed" in problem and "zip bomb" in problem


def test_an_xlsx_whose_zip_lies_about_its_sizes_is_read_no_further_than_declared(tmp_path):
    [problem] = problems(xlsx_lying_sizes(tmp_path, expanded_bytes=50 * 1024 * 1024))
    assert problem == ("the file is not a readable XLSX workbook (Bad CRC-32 for file 'xl/worksheets/sheet1.xml')")


def test_the_bytes_actually_expanded_are_counted_even_past_the_declared_sizes(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular_files, "_check_declared_sizes", lambda archive, limits: None)
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(1, 20_000))
    path = write_xlsx(tmp_path / "big.xlsx", SHEET_OPEN + b"<sheetData>" + rows + b"</sheetData></worksheet>")
    assert problems(path, max_rows=100_000, max_expanded_bytes=200_000) == [
        "the workbook expands to more than 200,000 bytes (xl/worksheets/sheet1.xml): it may be a zip bomb"
    ]


def test_a_csv_line_with_a_million_columns_is_refused_with_its_row(tmp_path):
    assert problems(wide_csv(tmp_path)) == ["row 1: 1,000,000 columns: expected at most 50"]


def test_a_field_over_the_limit_is_named_by_row_and_column(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("id,name\nT-1," + "x" * 5001 + "\n", encoding="utf-8")
    assert problems(path) == ["row 2, column 2: a field of 5,001 characters: expected at most 5,000"]


def test_a_field_over_pythons_csv_limit_is_refused_with_its_row(tmp_path):
    assert problems(long_field_csv(tmp_path)) == ["row 2: a field over 131,072 characters (is a quote left open?)"]


def test_a_quote_never_closed_is_refused(tmp_path):
    assert problems(unclosed_quote_csv(tmp_path, megabytes=2)) == [
        "row 2: a field over 131,072 characters (is a quote left open?)"
    ]


def test_a_file_of_more_cells_than_allowed_is_refused_at_the_row_that_passes_the_limit(tmp_path):
    path = many_cells_csv(tmp_path, rows=30, columns=10)
    assert problems(path, max_cells=100) == ["row 11: the file has more than 100 cells in all"]
    assert len(read(path).rows) == 29  # by default, as many cells as full rows allow


def test_a_workbook_with_more_shared_strings_than_it_can_have_cells_is_refused(tmp_path):
    path = shared_strings_xlsx(tmp_path, strings=1_000)
    assert problems(path, max_cells=999) == [
        "the workbook has more than 999 shared strings: more than it can have cells"
    ]
    assert read(path, max_cells=1_000).rows == []


def test_a_cell_with_a_nul_byte_or_a_terminal_escape_is_refused_by_row_and_column(tmp_path):
    assert problems(nul_byte_csv(tmp_path)) == [
        "row 2, column 2: the control character U+0000 at character 10: expected text (is it a binary file?)"
    ]


def test_tabs_and_line_breaks_inside_a_cell_are_text(tmp_path):
    path = tmp_path / "breaks.csv"
    path.write_bytes(b'id,name\nT-1,"two\r\nlines\tand a tab"\n')
    assert read(path).rows == [["T-1", "two\r\nlines\tand a tab"]]


def test_a_row_number_written_in_superscript_digits_is_read_as_the_next_row(tmp_path):
    assert read(superscript_row_xlsx(tmp_path)).header == ["id", "name"]


def test_a_negative_shared_string_index_names_no_string(tmp_path):
    assert problems(negative_shared_string_xlsx(tmp_path)) == ["cell A1 names a shared string that does not exist"]


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 2001)
    assert problems(path, max_bytes=2000) == ["the file is 2,001 bytes: expected at most 2,000 bytes"]


def test_a_fifo_named_csv_is_refused_without_blocking(tmp_path):
    path = fifo_csv(tmp_path)
    outcome = []
    reader = threading.Thread(target=lambda: outcome.append(problems(path)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader so the test ends, then fail
        with open(os.open(path, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
    assert outcome == [["the path is a FIFO (named pipe): expected a regular CSV or XLSX file"]]


def test_a_device_named_csv_is_refused(tmp_path):
    assert problems(device_csv(tmp_path)) == ["the path is a character device: expected a regular CSV or XLSX file"]


def test_a_folder_and_a_missing_file_are_refused(tmp_path):
    (tmp_path / "folder.csv").mkdir()
    assert problems(tmp_path / "folder.csv") == ["the path is a folder: expected a regular CSV or XLSX file"]
    assert problems(tmp_path / "missing.csv") == ["cannot read the file: No such file or directory"]


def test_bytes_from_an_upload_are_read_under_the_same_limits():
    with pytest.raises(TabularFileError, match="expected at most 10 bytes"):
        parse_table_bytes(b"id,name\nT-1,x\n", "upload.csv", TableLimits(**{**LIMITS, "max_bytes": 10}))
    assert parse_table_bytes(b"id\nT-1\n", "upload.csv", TableLimits(**LIMITS)).rows == [["T-1"]]


def test_a_field_limit_above_the_csv_modules_own_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError, match="field_size_limit"):
        read(tmp_path / "x.csv", max_field_chars=10**9)


@pytest.mark.parametrize("hostile", HOSTILE_FILES, ids=[hostile.name for hostile in HOSTILE_FILES])
def test_the_validate_command_refuses_every_crafted_file_with_exit_2_and_a_message(tmp_path, hostile):
    path = hostile.make(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "wsis_data", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == 1
