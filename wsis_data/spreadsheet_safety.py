"""Cells that spreadsheet programs show as text: formula injection neutralised (OWASP CSV injection) and the
control characters XLSX cannot hold replaced.

`spreadsheet_cell` is the one rule; `spreadsheet_frame` applies it to a whole table, header included. Every CSV
and XLSX export (`analytics.export.tables`) writes through them. A text cell is prefixed with `'` when it starts
with `=`, `+`, `-`, `@`, a tab or a carriage return, also after leading whitespace (some programs trim it on
import). Numbers, booleans, dates and empty cells are left as they are: a numeric -3 is a number, not a formula.

The canonical tables in `wsis_data/tables/` are the data store, not exports, and are written verbatim.
"""

import datetime
import numbers
import re

import numpy as np
import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"
REPLACEMENT = "\ufffd"
# XML 1.0 (and so XLSX) allows tab, line feed and carriage return among the C0 controls, and no surrogate or
# U+FFFE/U+FFFF; openpyxl raises on the controls and the XML writer on the rest.
_XLSX_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_KEPT_TYPES = (numbers.Number, np.bool_, datetime.date, datetime.time, datetime.timedelta, pd.Timestamp)


def is_formula(text: str) -> bool:
    """Return True when a spreadsheet program could read `text` as a formula (or DDE call)."""
    return text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES)


def xml_text(text: str) -> str:
    """Return `text` with every character XML 1.0 cannot hold (C0 controls but tab and line ends, surrogates,
    U+FFFE, U+FFFF) replaced by U+FFFD, for any XML document (XLSX cells, Word documents)."""
    return _XLSX_FORBIDDEN.sub(REPLACEMENT, text)


def spreadsheet_text(text: str) -> str:
    """Return `text` safe for a spreadsheet cell: forbidden control characters replaced, formulas escaped."""
    text = xml_text(text)
    return FORMULA_ESCAPE + text if is_formula(text) else text


def spreadsheet_cell(value: object) -> object:
    """Return a cell value safe to write: text through `spreadsheet_text`; numbers, dates and empty cells as they are."""
    if value is None or isinstance(value, _KEPT_TYPES) or value is pd.NA or value is pd.NaT:
        return value
    return spreadsheet_text(value if isinstance(value, str) else str(value))


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` with every cell and column name through `spreadsheet_cell`; numbers stay numbers."""
    safe = frame.copy()
    for position in range(safe.shape[1]):
        values = safe.iloc[:, position]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        safe.isetitem(position, values.astype(object).map(spreadsheet_cell))
    safe.columns = [spreadsheet_text(str(column)) for column in safe.columns]
    return safe
