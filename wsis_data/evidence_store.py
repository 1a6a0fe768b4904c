"""Where imported evidence records live: the `EvidenceRepository` interface and two implementations.

`InMemoryEvidenceRepository` keeps records in the process (tests, benchmarks). `DirectoryEvidenceRepository`
keeps one CSV of records and one JSON of import details per source in a folder (by default `var/evidence/` in
the project, git-ignored; `WSIS_EVIDENCE_DIR` names another), each replaced atomically, so a failed import
leaves the previous records whole.
"""

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pandas as pd

from wsis_data.evidence_import import ImportPlan, empty_records
from wsis_data.stocktaking import RECORD_COLUMNS

DEFAULT_EVIDENCE_DIR = Path(__file__).resolve().parent.parent / "var" / "evidence"


class EvidenceRepository(Protocol):
    """A store of imported evidence records, by source."""

    def sources(self) -> list[str]:
        """Return the sources that hold records, sorted."""
        ...

    def items(self, source: str) -> pd.DataFrame:
        """Return a source's records (no rows when it has none), ordered by id."""
        ...

    def import_details(self, source: str) -> dict[str, str]:
        """Return where a source's records came from: `origin` (file and checksum) and `imported_at`."""
        ...

    def apply(self, plan: ImportPlan) -> None:
        """Store the records the plan leads to, all at once."""
        ...


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class InMemoryEvidenceRepository:
    """An evidence repository held in memory."""

    def __init__(self) -> None:
        self._records: dict[str, pd.DataFrame] = {}
        self._details: dict[str, dict[str, str]] = {}

    def sources(self) -> list[str]:
        """Return the sources that hold records, sorted."""
        return sorted(source for source, records in self._records.items() if len(records))

    def items(self, source: str) -> pd.DataFrame:
        """Return a source's records (no rows when it has none), ordered by id."""
        return self._records.get(source, empty_records()).copy()

    def import_details(self, source: str) -> dict[str, str]:
        """Return where a source's records came from: `origin` and `imported_at`."""
        return dict(self._details.get(source, {}))

    def apply(self, plan: ImportPlan) -> None:
        """Store the records the plan leads to, all at once."""
        if plan.changes_nothing and plan.source in self._records:
            return
        self._records[plan.source] = plan.records_after()
        self._details[plan.source] = {"origin": plan.origin, "imported_at": _now()}


def _replace(path: Path, write) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class DirectoryEvidenceRepository:
    """An evidence repository in a folder: `<source>.csv` (records) and `<source>.json` (import details)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder or os.environ.get("WSIS_EVIDENCE_DIR") or DEFAULT_EVIDENCE_DIR)

    def sources(self) -> list[str]:
        """Return the sources that hold records, sorted."""
        return sorted(path.stem for path in self.folder.glob("*.csv")) if self.folder.is_dir() else []

    def items(self, source: str) -> pd.DataFrame:
        """Return a source's records (no rows when it has none), ordered by id."""
        path = self.folder / f"{source}.csv"
        if not path.is_file():
            return empty_records()
        return pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[])[list(RECORD_COLUMNS)]

    def import_details(self, source: str) -> dict[str, str]:
        """Return where a source's records came from: `origin` and `imported_at`."""
        path = self.folder / f"{source}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def apply(self, plan: ImportPlan) -> None:
        """Store the records the plan leads to: the records file first, then its details, each replaced whole."""
        if plan.changes_nothing and (self.folder / f"{plan.source}.csv").is_file():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        records = plan.records_after()
        _replace(
            self.folder / f"{plan.source}.csv", lambda path: records.to_csv(path, index=False, lineterminator="\n")
        )
        details = json.dumps({"origin": plan.origin, "imported_at": _now()}, ensure_ascii=False)
        _replace(self.folder / f"{plan.source}.json", lambda path: path.write_text(details + "\n", encoding="utf-8"))
