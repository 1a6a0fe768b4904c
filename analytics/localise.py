"""Tables in the reader's language: codes shown as words, headers translated, English-only text marked as such.

Downloads as CSV keep the stable column names and codes (a script reads them); what a person reads on screen and
in an XLSX sheet carries the words of the chosen language.
"""

import pandas as pd

from messages import catalog, t

# Columns whose values are codes with a catalog label: the catalog key is the prefix plus the code.
CODE_LABELS = {
    "region": "region.",
    "itu_region": "region.",
    "kind": "finding.kind.",
    "severity": "finding.severity.",
    "sector": "sector.",
}
# Columns whose text exists only in English in the sources (rationales, data-quality details, curation notes).
ENGLISH_ONLY_COLUMNS: tuple[str, ...] = ("rationale", "detail", "curation_notes")


def code_label(column: str, code: object, lang: str) -> object:
    """Return the label of a code in `lang` where the catalog has one, else the code as it is."""
    key = f"{CODE_LABELS.get(column, '')}{code}"
    return t(key, lang) if column in CODE_LABELS and key in catalog("en") else code


def localised_values(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return a copy of a table with its code columns (regions, finding kinds and severities, sectors) in words."""
    shown = frame.copy()
    for column in shown.columns:
        if str(column) in CODE_LABELS:
            shown[column] = [code_label(str(column), code, lang) for code in shown[column]]
    return shown


def header_labels(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Return the column headers of a table in `lang` (stable names where the catalog has no header)."""
    english = catalog("en")
    return {
        str(column): t(f"header.{column}", lang) if f"header.{column}" in english else str(column)
        for column in frame.columns
    }


def english_only_columns(frame: pd.DataFrame) -> list[str]:
    """Return the columns of a table whose text the sources give only in English."""
    return [str(column) for column in frame.columns if str(column) in ENGLISH_ONLY_COLUMNS]


def with_text_language(frame: pd.DataFrame, columns: tuple[str, ...] = ENGLISH_ONLY_COLUMNS) -> pd.DataFrame:
    """Return a table with a `text_language` column (`en`) when it holds text that exists only in English."""
    if "text_language" in frame.columns or not any(str(column) in columns for column in frame.columns):
        return frame
    return frame.assign(text_language="en")
