"""Reading the committed canonical tables (`wsis_data/tables/*.csv` and `edition.json`) as string frames.

This is the only place that opens those files. Everything else gets its tables from a `Dataset`
(`wsis_data.dataset`), which types and parses them once.
"""

import json
from pathlib import Path

import pandas as pd

TABLES = Path(__file__).parent / "tables"


def read_table(path: Path) -> pd.DataFrame:
    """Return one canonical table as a frame of strings (empty cells as empty strings, never NaN)."""
    return pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[])


def committed_tables(folder: Path = TABLES) -> dict[str, pd.DataFrame]:
    """Return every committed table by its file stem (`matrix_links`, `rationales`, …)."""
    return {path.stem: read_table(path) for path in sorted(folder.glob("*.csv"))}


def committed_edition_info(folder: Path = TABLES) -> dict:
    """Return the committed edition's provenance: source commits and dates, and checksums of the facts."""
    return json.loads((folder / "edition.json").read_text(encoding="utf-8"))
