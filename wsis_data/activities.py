"""The activity file format (a public interface) and its all-or-nothing validation.

An activity file is CSV (UTF-8) or XLSX with exactly these columns, in this order. List cells use `;`.
A file is read and checked as a whole; if any problem is found, nothing of it is used, and every problem is
reported with its row (as a spreadsheet numbers it: the header is row 1), column, value and what was expected.
The file itself is only ever read, through `wsis_data.tabular_files` within the limits below (bytes, rows,
columns, characters per field), so a crafted file is refused in bounded time and memory.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from wsis_data.codes import LIST_SEPARATOR, goal_number, split_list, year_number
from wsis_data.constants import ACTION_LINE_CODES, ITU_SECTORS, MAPPING_BASES, REGION_SCOPES
from wsis_data.tabular_files import TableLimits, TabularFile, TabularFileError, parse_table_bytes, read_table_file

ACTIVITY_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "sector",
    "region",
    "countries",
    "action_lines",
    "sdg_targets",
    "start_year",
    "source_url",
    "mapping_basis",
)
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
# Room to name unexpected columns, and Excel's own limit on the characters of a cell.
MAX_COLUMNS = 100
MAX_FIELD_CHARS = 32_767
FILE_LIMITS = {
    "max_bytes": MAX_FILE_BYTES,
    "max_rows": MAX_ROWS,
    "max_columns": MAX_COLUMNS,
    "max_field_chars": MAX_FIELD_CHARS,
}
FIRST_DATA_ROW = 2

_ISO3 = re.compile(r"^[A-Z]{3}$")
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an activity or stocktaking file; `row` and `column` are None for file-level problems.

    `expected` is the English line the command line prints (a public contract). `kind` (one of a format's problem
    kinds, as `STOCKTAKING_PROBLEM_KINDS`) and `details` (named values: a column list, the row first using an id)
    let an interface word the same problem in its own language; a problem without a kind is shown in English.
    """

    expected: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    kind: str | None = None
    details: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if self.row is None:
            return self.expected
        return f"row {self.row}, column {self.column}: {self.value!r} — {self.expected}"


class ActivityFileError(ValueError):
    """Raised when an activity file has problems; carries all of them, not just the first."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem(s)\n" + "\n".join(map(str, problems)))


@dataclass(frozen=True)
class ActivityVocabulary:
    """What an activity may refer to: the official SDG targets and the known ISO3 country codes."""

    targets: frozenset[str]
    countries: frozenset[str]


def dataset_vocabulary(dataset) -> ActivityVocabulary:
    """Return what an activity file imported into a dataset (`wsis_data.dataset.Dataset`) may refer to."""
    return ActivityVocabulary(
        targets=frozenset(dataset.source_tables["sdg_targets"]["target"]),
        countries=frozenset(dataset.source_tables["itu_regions"]["iso3"]),
    )


def _check_choice(value: str, allowed: Iterable[str]) -> str | None:
    allowed = tuple(allowed)
    return None if value in allowed else "expected one of " + ", ".join(allowed)


def _check_target(item: str, targets: frozenset[str]) -> str | None:
    if item in targets:
        return None
    goal = item.split(".")[0]
    if goal_number(goal) is None:
        return f"SDG target {item!r} names no goal: expected a goal from 1 to 17, as in 9.c"
    if "." not in item:
        return f"{item!r} is a whole goal: expected one of its targets, as in {goal}.1"
    return f"{item!r} is not an official SDG target of goal {goal}"


def _row_problems(row_number: int, row: dict[str, str], vocabulary: ActivityVocabulary) -> list[Problem]:
    problems = []

    def flag(column: str, expected: str, value: str | None = None) -> None:
        problems.append(Problem(expected, row_number, column, row[column] if value is None else value))

    for column in ("id", "name", "source_url"):
        if not row[column]:
            flag(column, "expected a non-empty value")
    if row["source_url"] and not _URL.match(row["source_url"]):
        flag("source_url", "expected a public http(s) URL")
    for column, allowed in (
        ("sector", ITU_SECTORS),
        ("region", REGION_SCOPES),
        ("mapping_basis", MAPPING_BASES),
    ):
        if expected := _check_choice(row[column], allowed):
            flag(column, expected)
    for country in split_list(row["countries"]):
        if not _ISO3.match(country) or country not in vocabulary.countries:
            flag("countries", "expected ISO 3166-1 alpha-3 codes of ITU members, as in KEN;RWA", country)
    action_lines = split_list(row["action_lines"])
    if not action_lines:
        flag("action_lines", "expected at least one action line code, as in C2;C7.3")
    for code in action_lines:
        if code not in ACTION_LINE_CODES:
            flag("action_lines", "expected an action line code C1–C11 or C7.1–C7.8", code)
    targets = split_list(row["sdg_targets"])
    if not targets:
        flag("sdg_targets", "expected at least one SDG target, as in 4.4;9.c")
    for target in targets:
        if expected := _check_target(target, vocabulary.targets):
            flag("sdg_targets", expected, target)
    year = row["start_year"]
    if year and year_number(year) is None:
        flag("start_year", "expected a four-digit year, or empty where the source gives none")
    return problems


def validate_activity_rows(rows: list[dict[str, str]], vocabulary: ActivityVocabulary) -> list[Problem]:
    """Return every problem of already-split activity rows (row numbers count the header as row 1)."""
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for offset, row in enumerate(rows):
        row_number = FIRST_DATA_ROW + offset
        problems.extend(_row_problems(row_number, row, vocabulary))
        if row["id"] in first_seen:
            problems.append(
                Problem(
                    f"expected a unique id; first used in row {first_seen[row['id']]}",
                    row_number,
                    "id",
                    row["id"],
                )
            )
        first_seen.setdefault(row["id"], row_number)
    return problems


def _header_problems(header: list[str]) -> list[Problem]:
    missing = [column for column in ACTIVITY_COLUMNS if column not in header]
    unexpected = [column for column in header if column not in ACTIVITY_COLUMNS]
    problems = []
    if missing:
        problems.append(Problem("missing required column(s): " + ", ".join(missing)))
    if unexpected:
        problems.append(
            Problem(
                "unexpected column(s): "
                + ", ".join(map(repr, unexpected))
                + "; expected only "
                + ", ".join(ACTIVITY_COLUMNS)
            )
        )
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        problems.append(Problem("column(s) given more than once: " + ", ".join(duplicated)))
    return problems


def _tabular_error(source: str, error: TabularFileError) -> ActivityFileError:
    return ActivityFileError(source, [Problem(problem) for problem in error.problems])


def _activities(table: TabularFile, filename: str, vocabulary: ActivityVocabulary) -> pd.DataFrame:
    header = [cell.strip() for cell in table.header]
    records = [[cell.strip() for cell in record] for record in table.rows]
    if not header and not records:
        raise ActivityFileError(filename, [Problem("the file is empty: expected a header row and activity rows")])
    header_problems = _header_problems(header)
    if header_problems:
        raise ActivityFileError(filename, header_problems)
    if not records:
        raise ActivityFileError(filename, [Problem("the file has a header but no activity rows")])
    problems, rows = [], []
    for offset, record in enumerate(records):
        if len(record) != len(header):
            problems.append(
                Problem(
                    f"expected {len(header)} fields, found {len(record)}",
                    FIRST_DATA_ROW + offset,
                    "(row)",
                    LIST_SEPARATOR.join(record)[:60],
                )
            )
            record = (record + [""] * len(header))[: len(header)]
        rows.append(dict(zip(header, record, strict=True)))
    problems.extend(validate_activity_rows(rows, vocabulary))
    if problems:
        raise ActivityFileError(filename, problems)
    return pd.DataFrame(rows, columns=list(ACTIVITY_COLUMNS), dtype="string")


def parse_activity_bytes(data: bytes, filename: str, vocabulary: ActivityVocabulary) -> pd.DataFrame:
    """Return the validated activities of a CSV or XLSX file's bytes, or raise ActivityFileError with all problems."""
    try:
        table = parse_table_bytes(data, filename, TableLimits(**FILE_LIMITS))
    except TabularFileError as error:
        raise _tabular_error(filename, error) from None
    return _activities(table, filename, vocabulary)


def read_activity_file(path: Path, vocabulary: ActivityVocabulary) -> pd.DataFrame:
    """Return the validated activities of a CSV or XLSX file on disk, or raise ActivityFileError."""
    try:
        table = read_table_file(Path(path), **FILE_LIMITS)
    except TabularFileError as error:
        raise _tabular_error(str(path), error) from None
    return _activities(table, str(path), vocabulary)
