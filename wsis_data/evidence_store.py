"""Where imported evidence records live: the `EvidenceRepository` interface, and an implementation in memory.

The database implementation is `wsis_data.store.evidence.DatabaseEvidenceRepository` (the edition store's
SQLite or PostgreSQL); `InMemoryEvidenceRepository` serves tests and benchmarks. Both apply a plan all at once,
and only if the source is still at the version the plan was made against.
"""

from datetime import UTC, datetime
from typing import Protocol

import pandas as pd

from wsis_data.evidence_import import ImportPlan, empty_records
from wsis_data.store.errors import EditConflict


class EvidenceRepository(Protocol):
    """A store of imported evidence records, by source."""

    def sources(self) -> list[str]:
        """Return the sources that hold records, sorted."""
        ...

    def version(self, source: str) -> int:
        """Return the source's version: how many imports have changed it (0 before the first)."""
        ...

    def items(self, source: str) -> pd.DataFrame:
        """Return a source's records (no rows when it has none), ordered by id."""
        ...

    def import_details(self, source: str) -> dict[str, str]:
        """Return where a source's records came from: `origin` (file and checksum) and `imported_at`."""
        ...

    def apply(self, plan: ImportPlan, *, curator: str | None = None) -> None:
        """Store the records the plan leads to, all at once; EditConflict if the source changed since the plan.

        `curator` is the e-mail address of the signed-in user importing from the app (None: the command line);
        a store that keeps roles refuses it (PermissionDenied) unless the user holds the curator role.
        """
        ...


class InMemoryEvidenceRepository:
    """An evidence repository held in memory."""

    def __init__(self) -> None:
        self._records: dict[str, pd.DataFrame] = {}
        self._details: dict[str, dict[str, str]] = {}
        self._versions: dict[str, int] = {}

    def sources(self) -> list[str]:
        """Return the sources that hold records, sorted."""
        return sorted(self._records)

    def version(self, source: str) -> int:
        """Return the source's version: how many imports have changed it (0 before the first)."""
        return self._versions.get(source, 0)

    def items(self, source: str) -> pd.DataFrame:
        """Return a source's records (no rows when it has none), ordered by id."""
        return self._records.get(source, empty_records()).copy()

    def import_details(self, source: str) -> dict[str, str]:
        """Return where a source's records came from: `origin` and `imported_at`."""
        return dict(self._details.get(source, {}))

    def apply(self, plan: ImportPlan, *, curator: str | None = None) -> None:
        """Store the records the plan leads to, all at once; EditConflict if the source changed since the plan.
        Memory keeps neither roles nor an audit log: `curator` is not checked."""
        if plan.base_version != self.version(plan.source):
            raise EditConflict(f"evidence source {plan.source!r} was changed by another import; nothing stored")
        if plan.changes_nothing and plan.base_version:
            return
        self._records[plan.source] = plan.records_after()
        imported_at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        self._details[plan.source] = {"origin": plan.origin, "imported_at": imported_at}
        self._versions[plan.source] = plan.base_version + 1
