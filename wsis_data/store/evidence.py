"""Imported evidence in the database: the records of each imported source, and an `EvidenceRepository` over them.

`evidence_imports` holds one row per source with a `version` that each import raises by one; an import applies only
if the version is still the one its plan was made against, so two imports of the same source at once cannot
silently overwrite each other (the second is refused and must be planned again). `evidence_records` holds the
validated records of the stocktaking file format, one per (source, id). Every applied import writes an audit entry:
who (`command line`, or the signed-in curator importing from the app), the file's name and sha256, and the counts.
"""

import os
from datetime import datetime

import pandas as pd
from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from wsis_data.evidence_import import ImportPlan, empty_records
from wsis_data.stocktaking import RECORD_COLUMNS
from wsis_data.store.audit import iso, now, record
from wsis_data.store.database import DATABASE_URL_VARIABLE, DEFAULT_SQLITE_PATH, Store
from wsis_data.store.errors import EditConflict
from wsis_data.store.models import Base
from wsis_data.store.roles import require_role

IMPORT_ACTOR = "command line"


class EvidenceImportRow(Base):
    """An imported evidence source: the file its records came from, when, and its version."""

    __tablename__ = "evidence_imports"

    source: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EvidenceRecordRow(Base):
    """One imported record (a stocktaking project) of a source, in the stocktaking file format."""

    __tablename__ = "evidence_records"
    __table_args__ = (UniqueConstraint("source", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(ForeignKey("evidence_imports.source"), index=True)
    item_id: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text)
    countries: Mapped[str] = mapped_column(Text)
    action_lines: Mapped[str] = mapped_column(Text)
    sdg_targets: Mapped[str] = mapped_column(Text)
    year: Mapped[str] = mapped_column(String(4))
    url: Mapped[str] = mapped_column(Text)
    pairs: Mapped[str] = mapped_column(Text)


# The record columns by their database names (`id` of a record is `item_id` in the table).
_FIELDS = {column: ("item_id" if column == "id" else column) for column in RECORD_COLUMNS}


def _rows(source: str, records: pd.DataFrame) -> list[dict[str, str]]:
    frame = records[list(RECORD_COLUMNS)].rename(columns=_FIELDS).assign(source=source)
    return frame.astype(object).to_dict("records")


class DatabaseEvidenceRepository:
    """The evidence repository of an edition store (SQLite or PostgreSQL)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def sources(self) -> list[str]:
        """Return the sources that hold records, sorted."""
        with self.store.sessions() as session:
            held = select(EvidenceRecordRow.source).distinct().order_by(EvidenceRecordRow.source)
            return list(session.scalars(held))

    def version(self, source: str) -> int:
        """Return the source's version: how many imports have changed it (0 before the first)."""
        with self.store.sessions() as session:
            found = session.scalar(select(EvidenceImportRow.version).where(EvidenceImportRow.source == source))
        return found or 0

    def items(self, source: str) -> pd.DataFrame:
        """Return a source's records (no rows when it has none), ordered by id."""
        columns = [getattr(EvidenceRecordRow, name).label(column) for column, name in _FIELDS.items()]
        query = select(*columns).where(EvidenceRecordRow.source == source).order_by(EvidenceRecordRow.item_id)
        with self.store.engine.connect() as connection:
            rows = connection.execute(query).all()
        if not rows:
            return empty_records()
        return pd.DataFrame(rows, columns=list(RECORD_COLUMNS), dtype="string")

    def import_details(self, source: str) -> dict[str, str]:
        """Return where a source's records came from: `origin` and `imported_at`."""
        with self.store.sessions() as session:
            row = session.get(EvidenceImportRow, source)
        return {"origin": row.origin, "imported_at": iso(row.imported_at)} if row else {}

    def apply(self, plan: ImportPlan, *, curator: str | None = None) -> None:
        """Store the plan's changes in one transaction, if the source is still at the plan's base version and the
        `curator` (an app user's e-mail; None for the command line) holds the curator role; audited as theirs."""
        if plan.changes_nothing and plan.base_version:
            return
        try:
            with self.store.transaction() as session:
                if curator is not None:
                    require_role(session, curator, "curator")
                moved = session.execute(
                    update(EvidenceImportRow)
                    .where(EvidenceImportRow.source == plan.source, EvidenceImportRow.version == plan.base_version)
                    .values(version=plan.base_version + 1, origin=plan.origin, imported_at=now())
                ).rowcount
                if not moved and plan.base_version:
                    raise EditConflict(self._conflict(plan))
                if not moved:
                    session.add(EvidenceImportRow(source=plan.source, version=1, origin=plan.origin, imported_at=now()))
                    session.flush()
                self._write(session, plan)
                file = {"file": plan.file_name, "sha256": plan.sha256}
                after = {"origin": plan.origin, **file, **plan.counts()}
                record(session, curator or IMPORT_ACTOR, "evidence_import", plan.source, None, after)
        except IntegrityError:
            raise EditConflict(self._conflict(plan)) from None

    def _conflict(self, plan: ImportPlan) -> str:
        return (
            f"evidence source {plan.source!r} was changed by another import (now version {self.version(plan.source)}, "
            f"this import was planned against version {plan.base_version}); nothing stored: import the file again"
        )

    @staticmethod
    def _write(session, plan: ImportPlan) -> None:
        table = EvidenceRecordRow.__table__
        gone = [*plan.withdrawn["id"], *plan.changed["id"]]
        if gone:
            session.execute(
                delete(table).where(table.c.source == bindparam("s"), table.c.item_id == bindparam("i")),
                [{"s": plan.source, "i": item_id} for item_id in gone],
            )
        fresh = pd.concat([plan.changed, plan.added], ignore_index=True)
        if len(fresh):
            session.execute(insert(table), _rows(plan.source, fresh))


def existing_database_repository() -> DatabaseEvidenceRepository | None:
    """Return the evidence repository of the configured database, or None when none is configured or created yet.

    A dashboard without a database shows the committed evidence and does not create the embedded SQLite file.
    """
    if not os.environ.get(DATABASE_URL_VARIABLE, "").strip() and not DEFAULT_SQLITE_PATH.exists():
        return None
    from wsis_data.store.opening import (
        open_store,  # opening imports the edition store, which needs this module's tables
    )

    return DatabaseEvidenceRepository(open_store())
