"""The stocktaking file format (a public interface): WSIS Stocktaking projects as evidence items.

A stocktaking file is CSV (UTF-8) or XLSX with these columns, in any order, one project per row:
  id            the project's identifier in the source (letters, digits, `.`, `_`, `:`, `-`; at most 100)
  title         the project's title (required)
  organisation  who runs it (may be empty)
  countries     ISO 3166-1 alpha-3 codes of ITU members, `;`-separated (may be empty)
  action_lines  `C1`…`C11`, `C7.1`…`C7.8`, `;`-separated
  sdg_targets   SDG targets (`4.4`) or whole goals (`4`), `;`-separated
  year          four digits, or empty
  url           a public http(s) URL, or empty
  pairs         optional column: the (action line, target or goal) pairs the source states, as in `C7.3>4.4;C2>9.c`;
                each side must also be listed in action_lines and sdg_targets
A project needs at least one action line or SDG. Only stated pairs support a matrix cell: the action lines and
SDGs that no pair uses count at their own level, never as their cross product.

A file (`read_stocktaking_file`) or an upload (`read_stocktaking_upload`) is read through the bounded reader
`wsis_data.tabular_files` and checked whole; any problem rejects all of it, with one line per problem:
`row R, column C: <value> — <what was expected>` (the header is row 1). Cells missing at the end of a row are
empty. Nothing is evaluated: a CSV cell that looks like a spreadsheet formula is stored as written, and an XLSX
formula cell gives its stored result (empty when the workbook stored none).
"""

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from wsis_data.activities import FIRST_DATA_ROW, LIST_SEPARATOR, Problem, split_list
from wsis_data.codes import year_number
from wsis_data.constants import ACTION_LINE_CODES
from wsis_data.evidence import item_regions
from wsis_data.tabular_files import (
    TableLimits,
    TabularFile,
    TabularFileError,
    parse_table_bytes,
    read_table_file,
    refuse_oversized,
)

STOCKTAKING_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "organisation",
    "countries",
    "action_lines",
    "sdg_targets",
    "year",
    "url",
)
OPTIONAL_COLUMNS: tuple[str, ...] = ("pairs",)
RECORD_COLUMNS: tuple[str, ...] = (*STOCKTAKING_COLUMNS, *OPTIONAL_COLUMNS)
PAIR_SEPARATOR = ">"

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 64
MAX_FIELD_CHARS = 10_000
# Cells in all: the rows' own columns, not MAX_COLUMNS in every row (a file of 500,000 rows of 64 two-letter cells,
# 96 MB, would hold some 2.7 GB as cells).
MAX_CELLS = (MAX_ROWS + 1) * len(RECORD_COLUMNS)
STOCKTAKING_LIMITS = TableLimits(MAX_FILE_BYTES, MAX_ROWS, MAX_COLUMNS, MAX_FIELD_CHARS, max_cells=MAX_CELLS)

# The sources a stocktaking file may be imported into, with their name and licence/attribution line.
IMPORTABLE_SOURCES = {
    "wsis_stocktaking": {
        "name": "WSIS Stocktaking projects (imported exports)",
        "licence": (
            "WSIS Stocktaking Platform, kept by ITU (www.itu.int/net4/wsis/stocktaking); no licence is recorded "
            "here: each project is attributed to the platform and to its organisation, with its URL."
        ),
    }
}

# Every kind of problem a stocktaking file can have, with the English words the command line prints for it (a
# public contract); an interface words each kind in its own language from the kind and the problem's details.
STOCKTAKING_PROBLEMS: dict[str, str] = {
    "unreadable": "{detail}",
    "empty_file": "the file is empty: expected a header row and project rows",
    "no_rows": "the file has a header but no project rows",
    "missing_columns": "missing required column(s): {columns}",
    "unexpected_columns": "unexpected column(s): {columns}; expected only {expected}",
    "unexpected_columns_more": "unexpected column(s): {columns} and {more} more; expected only {expected}",
    "duplicated_columns": "column(s) given more than once: {columns}",
    "field_count": "expected {fields} fields, found {found}",
    "invalid_id": "expected an id of letters, digits, '.', '_', ':' or '-' (at most 100)",
    "duplicate_id": "expected a unique id; first used in row {first_row}",
    "empty_title": "expected a non-empty title",
    "invalid_url": "expected a public http(s) URL, or an empty cell",
    "invalid_year": "expected a four-digit year, or an empty cell",
    "unknown_country": "expected ISO 3166-1 alpha-3 codes of ITU members, as in KEN;RWA",
    "unknown_action_line": "expected an action line code C1–C11 or C7.1–C7.8",
    "unknown_sdg": "expected an official SDG target (as in 9.c) or a goal 1–17",
    "no_link": "expected at least one action line or SDG target",
    "malformed_pair": "expected a pair like C7.3>4.4 (action line > target or goal)",
    "unlisted_pair": "expected a pair whose action line is listed in action_lines and whose SDG is listed in sdg_targets",
}
STOCKTAKING_PROBLEM_KINDS: tuple[str, ...] = tuple(STOCKTAKING_PROBLEMS)
# A problem names a header's columns up to this many, each up to this many characters: enough to find them.
SHOWN_COLUMNS = 10
NAME_CHARACTERS = 60

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
_URL = re.compile(r"^https?://\S+$")
_GOALS = frozenset(str(goal) for goal in range(1, 18))
_ACTION_LINES = frozenset(ACTION_LINE_CODES)


class StocktakingFileError(ValueError):
    """Raised when a stocktaking file has problems; carries all of them, not just the first."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem(s)\n" + "\n".join(map(str, problems)))


def _items(cell: str) -> list[str]:
    """Return the distinct stripped items of a `;`-separated list cell, in their order."""
    return list(dict.fromkeys(split_list(cell))) if cell else []


def _pair(pair: str, action_lines: list[str], sdgs: list[str]) -> tuple[str, str | None]:
    """Return a pair written as `C7.3>4.4`, and the kind of what is wrong with it (None when nothing)."""
    line, separator, sdg = (part.strip() for part in pair.partition(PAIR_SEPARATOR))
    if not separator or not line or not sdg:
        return pair, "malformed_pair"
    if line not in action_lines or sdg not in sdgs:
        return pair, "unlisted_pair"
    return f"{line}{PAIR_SEPARATOR}{sdg}", None


class _RowChecker:
    """Checks one stocktaking row against the vocabulary; collects problems with row, column and value."""

    def __init__(self, targets: frozenset[str], countries: frozenset[str]):
        self.sdgs = targets | _GOALS
        self.countries = countries
        self.problems: list[Problem] = []

    def flag(self, row_number: int, column: str, value: str, kind: str, **details: object) -> None:
        expected = STOCKTAKING_PROBLEMS[kind].format(**details)
        named = tuple((name, str(detail)) for name, detail in details.items())
        self.problems.append(Problem(expected, row_number, column, value, kind, named))

    def check(self, row_number: int, row: dict[str, str]) -> None:
        """Flag the row's problems, and write its list cells back normalised (stripped, each item once)."""
        if not _ID.match(row["id"]):
            self.flag(row_number, "id", row["id"], "invalid_id")
        if not row["title"]:
            self.flag(row_number, "title", "", "empty_title")
        if row["url"] and not _URL.match(row["url"]):
            self.flag(row_number, "url", row["url"], "invalid_url")
        if row["year"] and year_number(row["year"]) is None:
            self.flag(row_number, "year", row["year"], "invalid_year")
        countries, action_lines, sdgs = (_items(row[column]) for column in ("countries", "action_lines", "sdg_targets"))
        for country in countries:
            if country not in self.countries:
                self.flag(row_number, "countries", country, "unknown_country")
        for code in action_lines:
            if code not in _ACTION_LINES:
                self.flag(row_number, "action_lines", code, "unknown_action_line")
        for code in sdgs:
            if code not in self.sdgs:
                self.flag(row_number, "sdg_targets", code, "unknown_sdg")
        if not action_lines and not sdgs:
            self.flag(row_number, "action_lines", "", "no_link")
        pairs = []
        for written in _items(row["pairs"]):
            pair, kind = _pair(written, action_lines, sdgs)
            if kind:
                self.flag(row_number, "pairs", written, kind)
            pairs.append(pair)
        row["countries"], row["action_lines"] = LIST_SEPARATOR.join(countries), LIST_SEPARATOR.join(action_lines)
        row["sdg_targets"], row["pairs"] = LIST_SEPARATOR.join(sdgs), LIST_SEPARATOR.join(dict.fromkeys(pairs))


def _header_problems(header: list[str]) -> list[Problem]:
    problems = []
    if missing := [column for column in STOCKTAKING_COLUMNS if column not in header]:
        problems.append(_file_problem("missing_columns", columns=", ".join(missing)))
    if unexpected := [column for column in header if column not in RECORD_COLUMNS]:
        more = len(unexpected) - SHOWN_COLUMNS
        kind = "unexpected_columns_more" if more > 0 else "unexpected_columns"
        shown = _column_names(unexpected)
        problems.append(_file_problem(kind, columns=shown, more=f"{more:,}", expected=", ".join(RECORD_COLUMNS)))
    if duplicated := sorted({column for column in header if header.count(column) > 1}):
        ellipsis = ", …" if len(duplicated) > SHOWN_COLUMNS else ""
        problems.append(_file_problem("duplicated_columns", columns=_column_names(duplicated) + ellipsis))
    return problems


def _column_names(names: list[str]) -> str:
    """Return the first names of a header's columns as a problem shows them: quoted, each cut when long."""
    # Quoted with repr, a name's line break or direction control is shown as an escape, never acted on.
    cut = [name if len(name) <= NAME_CHARACTERS else name[:NAME_CHARACTERS] + "…" for name in names[:SHOWN_COLUMNS]]
    return ", ".join(map(repr, cut))


def _file_problem(kind: str, **details: str) -> Problem:
    """Return a problem of the whole file, of a kind and its named values."""
    named = tuple((name, value) for name, value in details.items() if "{" + name + "}" in STOCKTAKING_PROBLEMS[kind])
    return Problem(STOCKTAKING_PROBLEMS[kind].format(**details), kind=kind, details=named)


def _unreadable(error: TabularFileError) -> list[Problem]:
    """Return the bounded reader's problems (their own English words: the file could not be read as a table)."""
    return [Problem(problem, kind="unreadable", details=(("detail", problem),)) for problem in error.problems]


def validate_stocktaking(
    header: list[str], records: list[list[str]], targets: frozenset[str], countries: frozenset[str], name: str
) -> pd.DataFrame:
    """Return the validated, normalised records of a read table, or raise StocktakingFileError with every problem."""
    header = [cell.strip() for cell in header]
    if problems := _header_problems(header):
        raise StocktakingFileError(name, problems)
    while records and not any(cell.strip() for cell in records[-1]):
        records = records[:-1]
    if not records:
        raise StocktakingFileError(name, [_file_problem("no_rows")])
    checker, rows, first_seen = _RowChecker(targets, countries), [], {}
    for offset, record in enumerate(records):
        row_number = FIRST_DATA_ROW + offset
        if len(record) < len(header):
            # A row ends with its last cell (worksheets drop empty cells on the right): the rest are empty fields.
            record = record + [""] * (len(header) - len(record))
        if len(record) != len(header):
            checker.flag(
                row_number,
                "(row)",
                LIST_SEPARATOR.join(record)[:60],
                "field_count",
                fields=len(header),
                found=len(record),
            )
            record = (record + [""] * len(header))[: len(header)]
        row = {"pairs": "", **{column: cell.strip() for column, cell in zip(header, record, strict=True)}}
        checker.check(row_number, row)
        if row["id"] in first_seen:
            checker.flag(row_number, "id", row["id"], "duplicate_id", first_row=first_seen[row["id"]])
        first_seen.setdefault(row["id"], row_number)
        rows.append(row)
    if checker.problems:
        raise StocktakingFileError(name, checker.problems)
    return pd.DataFrame(rows, columns=list(RECORD_COLUMNS), dtype="string")


def read_stocktaking_file(path: Path, targets: frozenset[str], countries: frozenset[str]) -> pd.DataFrame:
    """Return the validated, normalised records of a stocktaking file, or raise StocktakingFileError."""
    limits = STOCKTAKING_LIMITS
    try:
        table = read_table_file(
            Path(path),
            max_bytes=limits.max_bytes,
            max_rows=limits.max_rows,
            max_columns=limits.max_columns,
            max_field_chars=limits.max_field_chars,
            max_cells=limits.max_cells,
        )
    except TabularFileError as error:
        raise StocktakingFileError(str(path), _unreadable(error)) from None
    return _validated_table(table, targets, countries, str(path))


def read_stocktaking_upload(
    read: Callable[[], bytes],
    size: int,
    filename: str,
    targets: frozenset[str],
    countries: frozenset[str],
    max_bytes: int = MAX_FILE_BYTES,
) -> pd.DataFrame:
    """Return the validated, normalised records of an uploaded stocktaking file, or raise StocktakingFileError.

    The upload is refused by its stated `size` before `read` is called, then read within the limits of a file on
    disk (at most `max_bytes`); its type comes from `filename`'s suffix.
    """
    limits = TableLimits(min(max_bytes, MAX_FILE_BYTES), MAX_ROWS, MAX_COLUMNS, MAX_FIELD_CHARS)
    try:
        refuse_oversized(size, limits.max_bytes)
        table = parse_table_bytes(read(), filename, limits)
    except TabularFileError as error:
        raise StocktakingFileError(filename, _unreadable(error)) from None
    return _validated_table(table, targets, countries, filename)


def _validated_table(table: TabularFile, targets: frozenset[str], countries: frozenset[str], name: str) -> pd.DataFrame:
    if not table.header and not table.rows:
        raise StocktakingFileError(name, [_file_problem("empty_file")])
    return validate_stocktaking(table.header, table.rows, targets, countries, name)


def _exploded(records: pd.DataFrame, column: str) -> pd.DataFrame:
    frame = records[["id", column]].assign(code=records[column].str.split(LIST_SEPARATOR)).explode("code")
    return frame[frame["code"].notna() & (frame["code"] != "")][["id", "code"]]


def stocktaking_evidence(
    records: pd.DataFrame, source: str, region_of: dict[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the evidence items and links of stocktaking records: stated pairs, and single levels for the rest."""
    regions = [item_regions(split_list(cell), region_of) for cell in records["countries"]]
    items = pd.DataFrame(
        {
            "source": source,
            "item_id": records["id"],
            "kind": "project",
            "title": records["title"],
            "organisation": records["organisation"],
            "countries": records["countries"],
            "regions": [region for region, _ in regions],
            "region_basis": [basis for _, basis in regions],
            "year": records["year"],
            "url": records["url"],
            "note": "",
        }
    )
    pairs = _exploded(records, "pairs")
    parts = pairs["code"].str.split(PAIR_SEPARATOR, n=1)
    pairs = pd.DataFrame({"id": pairs["id"], "action_line": parts.str[0], "sdg": parts.str[1]})
    used = pd.concat(
        [
            pairs[["id", "action_line"]].set_axis(["id", "code"], axis=1),
            pairs[["id", "sdg"]].set_axis(["id", "code"], axis=1),
        ]
    )
    lines, sdgs = (_unused(_exploded(records, column), used) for column in ("action_lines", "sdg_targets"))
    frames = [
        pd.DataFrame(
            {"item_id": pairs["id"], "action_line": pairs["action_line"], "sdg": pairs["sdg"], "level": "pair"}
        ),
        pd.DataFrame({"item_id": lines["id"], "action_line": lines["code"], "sdg": "", "level": "action_line_only"}),
        pd.DataFrame({"item_id": sdgs["id"], "action_line": "", "sdg": sdgs["code"], "level": "goal_only"}),
    ]
    links = pd.concat(frames, ignore_index=True)
    sdg = links["sdg"].astype("string")
    links = pd.DataFrame(
        {
            "source": source,
            "item_id": links["item_id"],
            "action_line": links["action_line"],
            "goal": sdg.str.split(".").str[0],
            "target": sdg.where(sdg.str.contains(".", regex=False), ""),
            "level": links["level"],
            "basis": "official",
            "note": "as the stocktaking file states",
        }
    )
    return items.astype("string"), links.astype("string")


def _unused(codes: pd.DataFrame, used: pd.DataFrame) -> pd.DataFrame:
    merged = codes.merge(used.drop_duplicates(), on=["id", "code"], how="left", indicator=True)
    return merged[merged["_merge"] == "left_only"][["id", "code"]]
