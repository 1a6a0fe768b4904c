"""Reading tabular files (CSV or XLSX) from untrusted sources with bounded time and memory.

    read_table_file(path, *, max_bytes, max_rows, max_columns, max_field_chars[, max_expanded_bytes, max_cells])
        -> TabularFile
    parse_table_bytes(data, filename, TableLimits(max_bytes, max_rows, max_columns, max_field_chars)) -> TabularFile

The second is for bytes already in memory (an upload); both apply the same limits and give the same messages.
`refuse_oversized(size, max_bytes)` refuses an upload by its stated size before its bytes are read.

`TabularFile.header` is the first row and `TabularFile.rows` the rows after it, every cell as text, as written
(nothing stripped); row numbers in messages count as a spreadsheet does (the header is row 1) and columns from 1.
Blank rows inside the table are kept (as empty lists); blank rows at the end are dropped. A row is as long as its
last cell: rows may differ in length, which the caller checks against its own format.

Any problem raises `TabularFileError`, whose `problems` are messages such as
`row 7, column 3: a field of 200,001 characters: expected at most 131,072` or file-level ones such as
`the file is not UTF-8 text: byte 0xe9 at offset 17 (line 3); save it as CSV UTF-8`. The caller decides how to
show them; the reader never prints. A cell holding a control character other than tab and line breaks (a NUL, an
escape) is refused by row and column, as is a row number or a shared-string index not written in ASCII digits.

The limits hold whatever the file claims about itself:
- only a regular file is opened (a FIFO, a device or a folder is refused from `os.stat`, before opening), and it
  is opened non-blocking, so an input swapped for a FIFO in between cannot block either; at most `max_bytes` are
  read, whatever the size the file system reported;
- CSV: UTF-8 (a UTF-8 byte-order mark is allowed and dropped), parsed with the `csv` module (its field limit,
  `csv.field_size_limit()`, bounds `max_field_chars`); reading stops at the first row or column over the
  limits. Memory is a small multiple of `max_bytes`.
- XLSX: the first worksheet is parsed as a stream (`xml.etree.ElementTree.iterparse`), not through a workbook
  model, so the sheet's declared `<dimension>` is ignored and only cells actually present are counted. Before
  anything is expanded, the zip's declared sizes are checked (each part and all together at most
  `max_expanded_bytes`, default ten times `max_bytes`, and no part compressed more than `MAX_COMPRESSION_RATIO`
  times); while reading, the bytes actually expanded are counted against the same budget, so a zip that
  declares false sizes stops there too. Cell values are the stored ones: shared and inline strings, numbers as
  written (a date is its serial number), booleans as TRUE/FALSE, and the cached result of a formula.
"""

import codecs
import csv
import io
import os
import posixpath
import re
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MAX_COMPRESSION_RATIO = 200
# Parts small enough that their compression ratio says nothing (XML headers compress very well).
RATIO_CHECKED_FROM = 1024 * 1024
SUPPORTED_SUFFIXES = (".csv", ".xlsx")
READ_CHUNK = 1024 * 1024

_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})", re.ASCII)
# A row number or a shared-string index as the sheet writes it: ASCII digits, bounded (not `str.isdigit()`, which
# also accepts `²`, refused by `int()`), so that a crafted value is a message, never an exception.
_INDEX = re.compile(r"[0-9]{1,9}", re.ASCII)
# Control characters no text cell holds (tab and line breaks aside): a NUL, which PostgreSQL refuses to store,
# an escape sequence for a terminal, or the remains of a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TabularFileError(ValueError):
    """Raised when a tabular file cannot be read within its limits; `problems` holds one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class TabularFile:
    """The cells of a CSV file or of an XLSX workbook's first sheet, as text: its header row and the rows after."""

    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class TableLimits:
    """How much of a file is read: bytes on disk, rows after the header, columns, characters in one field,
    (XLSX) bytes once expanded, by default ten times `max_bytes`, and cells in all, by default `max_rows` full
    rows. Every cell held costs some 80 bytes besides its text: an importer whose rows are narrower than
    `max_columns` bounds its memory with `max_cells`."""

    max_bytes: int
    max_rows: int
    max_columns: int
    max_field_chars: int
    max_expanded_bytes: int | None = None
    max_cells: int | None = None

    def __post_init__(self) -> None:
        if self.max_field_chars > csv.field_size_limit():
            raise ValueError(
                f"max_field_chars {self.max_field_chars:,} is over csv.field_size_limit() {csv.field_size_limit():,}"
            )
        if self.max_expanded_bytes is None:
            object.__setattr__(self, "max_expanded_bytes", 10 * self.max_bytes)
        if self.max_cells is None:
            object.__setattr__(self, "max_cells", (self.max_rows + 1) * self.max_columns)


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def _refuse_irregular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise TabularFileError([f"the path is {_file_kind(mode)}: expected a regular CSV or XLSX file"])


def _too_large(size_text: str, max_bytes: int) -> TabularFileError:
    return TabularFileError([f"the file is {size_text} bytes: expected at most {max_bytes:,} bytes"])


def refuse_oversized(size: int, max_bytes: int) -> None:
    """Raise TabularFileError when a file of `size` bytes (as its sender states it) is over `max_bytes`, before
    anything of it is read."""
    if size > max_bytes:
        raise _too_large(f"{size:,}", max_bytes)


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)
    except OSError as error:
        raise TabularFileError([f"cannot read the file: {error.strerror}"]) from None
    _refuse_irregular(info.st_mode)
    if info.st_size > max_bytes:
        raise _too_large(f"{info.st_size:,}", max_bytes)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise TabularFileError([f"cannot read the file: {error.strerror}"]) from None
    try:
        # The path may have been replaced between stat and open: check what was actually opened.
        _refuse_irregular(os.fstat(descriptor).st_mode)
        chunks, total = [], 0
        while chunk := os.read(descriptor, min(READ_CHUNK, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise _too_large(f"more than {max_bytes:,}", max_bytes)
        return b"".join(chunks)
    except OSError as error:
        raise TabularFileError([f"cannot read the file: {error.strerror}"]) from None
    finally:
        os.close(descriptor)


def _check_field(limits: TableLimits, number: int, column: int, cell: str) -> None:
    if len(cell) > limits.max_field_chars:
        raise TabularFileError(
            [
                f"row {number}, column {column}: a field of {len(cell):,} characters: "
                f"expected at most {limits.max_field_chars:,}"
            ]
        )
    if control := _CONTROL.search(cell):
        raise TabularFileError(
            [
                f"row {number}, column {column}: the control character U+{ord(control.group()):04X} at character "
                f"{control.start() + 1:,}: expected text (is it a binary file?)"
            ]
        )


class _TableBuilder:
    """Collects rows under the limits; blank rows count only when a row with a value follows them."""

    def __init__(self, limits: TableLimits):
        self.limits = limits
        self.rows: list[list[str]] = []
        self.cells = 0

    def add(self, number: int, cells: list[str]) -> None:
        """Add row `number` (the header is row 1), checking its columns, its fields and the row count."""
        limits = self.limits
        if len(cells) > limits.max_columns:
            raise TabularFileError([f"row {number}: {len(cells):,} columns: expected at most {limits.max_columns:,}"])
        for column, cell in enumerate(cells, start=1):
            _check_field(limits, number, column, cell)
        self.cells += len(cells)
        if self.cells > limits.max_cells:
            raise TabularFileError([f"row {number}: the file has more than {limits.max_cells:,} cells in all"])
        if not any(cells):
            return
        if number - 1 > limits.max_rows:
            raise TabularFileError([f"the file has more than {limits.max_rows:,} rows after its header"])
        if number <= len(self.rows):
            raise TabularFileError([f"row {number} comes after row {len(self.rows)}: rows out of order"])
        self.rows.extend([] for _ in range(number - 1 - len(self.rows)))
        self.rows.append(cells)

    def table(self) -> TabularFile:
        rows = self.rows
        return TabularFile(header=rows[0] if rows else [], rows=rows[1:])


# ---- CSV ----


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TabularFileError(["the file is UTF-16 text: save it as CSV UTF-8"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TabularFileError(
            [
                f"the file is not UTF-8 text: byte 0x{data[error.start]:02x} at offset {error.start} (line {line}); "
                "save it as CSV UTF-8"
            ]
        ) from None


def _csv_table(data: bytes, limits: TableLimits) -> TabularFile:
    builder = _TableBuilder(limits)
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            builder.add(number, record)
    except csv.Error as error:
        reason = str(error)
        if "field larger than field limit" in reason:
            reason = f"a field over {csv.field_size_limit():,} characters (is a quote left open?)"
        raise TabularFileError([f"row {number + 1}: {reason}"]) from None
    return builder.table()


# ---- XLSX ----


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _CountedStream(io.RawIOBase):
    """A zip member read through the shared budget of expanded bytes; raises once the budget is spent."""

    def __init__(self, member: io.BufferedIOBase, name: str, budget: list[int], limit: int):
        self.member, self.name, self.budget, self.limit = member, name, budget, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.member.read(min(len(buffer), READ_CHUNK))
        self.budget[0] -= len(data)
        if self.budget[0] < 0:
            raise TabularFileError(
                [f"the workbook expands to more than {self.limit:,} bytes ({self.name}): it may be a zip bomb"]
            )
        buffer[: len(data)] = data
        return len(data)


def _check_declared_sizes(archive: zipfile.ZipFile, limits: TableLimits) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > limits.max_expanded_bytes or total > limits.max_expanded_bytes:
            raise TabularFileError(
                [
                    f"the workbook declares {total:,} bytes once expanded ({info.filename}): "
                    f"expected at most {limits.max_expanded_bytes:,}"
                ]
            )
        if info.file_size >= RATIO_CHECKED_FROM and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise TabularFileError(
                [
                    f"the workbook part {info.filename} is compressed {info.file_size // max(info.compress_size, 1):,} "
                    f"times: expected at most {MAX_COMPRESSION_RATIO} (it may be a zip bomb)"
                ]
            )


def _events(
    archive: zipfile.ZipFile, name: str, budget: list[int], limits: TableLimits
) -> Iterator[tuple[str, object]]:
    try:
        member = archive.open(name)
    except KeyError:
        raise TabularFileError([f"the workbook has no part {name}: not a readable XLSX workbook"]) from None
    with member:
        stream = io.BufferedReader(_CountedStream(member, name, budget, limits.max_expanded_bytes))
        try:
            yield from ElementTree.iterparse(stream, events=("start", "end"))
        except ElementTree.ParseError as error:
            raise TabularFileError([f"the workbook part {name} is not valid XML ({error})"]) from None


def _relationships(archive, name: str, budget, limits) -> dict[str, tuple[str, str]]:
    """Return the relationships in a `.rels` part: id → (type, target resolved to a path in the zip)."""
    folder = posixpath.dirname(posixpath.dirname(name))
    found = {}
    for event, element in _events(archive, name, budget, limits):
        if event == "end" and _local(element.tag) == "Relationship":
            target = element.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[element.get("Id", "")] = (element.get("Type", ""), path)
    return found


def _first_sheet(archive, budget, limits) -> tuple[str, str | None]:
    """Return the zip path of the workbook's first sheet and of its shared strings (None when it has none)."""
    package = _relationships(archive, "_rels/.rels", budget, limits)
    workbook = next((path for kind, path in package.values() if kind.endswith("/officeDocument")), "xl/workbook.xml")
    folder, name = posixpath.split(workbook)
    relationships = _relationships(archive, posixpath.join(folder, "_rels", name + ".rels"), budget, limits)
    first = None
    for event, element in _events(archive, workbook, budget, limits):
        if event == "end" and _local(element.tag) == "sheet" and first is None:
            first = next((value for key, value in element.attrib.items() if _local(key) == "id"), None)
    if first not in relationships:
        raise TabularFileError(["the workbook has no worksheet: not a readable XLSX workbook"])
    shared = next((path for kind, path in relationships.values() if kind.endswith("/sharedStrings")), None)
    return relationships[first][1], shared


def _text_of(element) -> str:
    """Return the text of a string item (`<si>` or `<is>`): its `<t>` or the `<t>` of its runs, not phonetics."""
    parts = []
    for child in element:
        kind = _local(child.tag)
        if kind == "t":
            parts.append(child.text or "")
        elif kind == "r":
            parts.extend(run.text or "" for run in child if _local(run.tag) == "t")
    return "".join(parts)


def _shared_strings(archive, name: str | None, budget, limits) -> list[str]:
    strings: list[str] = []
    if name is None or name not in archive.NameToInfo:
        return strings
    root = None
    for event, element in _events(archive, name, budget, limits):
        if root is None:
            root = element
        if event == "end" and _local(element.tag) == "si":
            # A cell names one string: more strings than cells can only fill memory (some 60 bytes each).
            if len(strings) == limits.max_cells:
                raise TabularFileError(
                    [f"the workbook has more than {limits.max_cells:,} shared strings: more than it can have cells"]
                )
            strings.append(_text_of(element))
            root.clear()
    return strings


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _cell_value(cell, strings: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(_text_of(child) for child in cell if _local(child.tag) == "is")
    value = next((child.text or "" for child in cell if _local(child.tag) == "v"), "")
    if kind == "s":
        index = int(value) if _INDEX.fullmatch(value) else -1
        if not 0 <= index < len(strings):
            raise TabularFileError([f"cell {cell.get('r', '?')} names a shared string that does not exist"])
        return strings[index]
    if kind == "b":
        return "TRUE" if value == "1" else "FALSE"
    return value


def _sheet_rows(archive, name: str, strings: list[str], budget, limits: TableLimits) -> Iterable[tuple[int, list[str]]]:
    row_number, row, row_element, sheet_data = 0, [], None, None
    for event, element in _events(archive, name, budget, limits):
        tag = _local(element.tag)
        if event == "start":
            if tag == "sheetData":
                sheet_data = element
            elif tag == "row":
                declared = element.get("r", "")
                row_number = int(declared) if _INDEX.fullmatch(declared) else row_number + 1
                row, row_element = [], element
            continue
        if tag == "c" and row_element is not None:
            reference = _CELL_REFERENCE.fullmatch(element.get("r", ""))
            column = _column_number(reference.group(1)) if reference else len(row) + 1
            if column > limits.max_columns:
                raise TabularFileError(
                    [f"row {row_number}, column {column:,}: more than {limits.max_columns:,} columns"]
                )
            value = _cell_value(element, strings)
            _check_field(limits, row_number, column, value)
            if value:
                row.extend("" for _ in range(column - 1 - len(row)))
                if column <= len(row):
                    row[column - 1] = value
                else:
                    row.append(value)
            row_element.clear()
        elif tag == "row":
            yield row_number, row
            row_element = None
            if sheet_data is not None:
                sheet_data.clear()


def _xlsx_table(data: bytes, limits: TableLimits) -> TabularFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise TabularFileError([f"the file is not a readable XLSX workbook ({error})"]) from None
    with archive:
        _check_declared_sizes(archive, limits)
        budget = [limits.max_expanded_bytes]
        try:
            sheet, shared = _first_sheet(archive, budget, limits)
            strings = _shared_strings(archive, shared, budget, limits)
            builder = _TableBuilder(limits)
            for number, cells in _sheet_rows(archive, sheet, strings, budget, limits):
                builder.add(number, cells)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
            raise TabularFileError([f"the file is not a readable XLSX workbook ({error})"]) from None
    return builder.table()


def _checked_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise TabularFileError([f"unsupported file type {suffix!r}: expected .csv or .xlsx"])
    return suffix


def _table(data: bytes, suffix: str, limits: TableLimits) -> TabularFile:
    refuse_oversized(len(data), limits.max_bytes)
    return _xlsx_table(data, limits) if suffix == ".xlsx" else _csv_table(data, limits)


def parse_table_bytes(data: bytes, filename: str, limits: TableLimits) -> TabularFile:
    """Return the cells of CSV or XLSX bytes (the type from `filename`'s suffix), or raise TabularFileError."""
    return _table(data, _checked_suffix(filename), limits)


def read_table_file(
    path: Path,
    *,
    max_bytes: int,
    max_rows: int,
    max_columns: int,
    max_field_chars: int,
    max_expanded_bytes: int | None = None,
    max_cells: int | None = None,
) -> TabularFile:
    """Return the cells of a CSV or XLSX file on disk, read within the limits, or raise TabularFileError."""
    limits = TableLimits(max_bytes, max_rows, max_columns, max_field_chars, max_expanded_bytes, max_cells)
    path = Path(path)
    suffix = _checked_suffix(path.name)
    return _table(_read_regular_file(path, limits.max_bytes), suffix, limits)
