"""Editions of the matrix: the committed tables as edition 1, published editions, their tables and their export.

An edition's tables come back exactly in the committed CSV formats (`matrix_links`, `rationales`), so exporting
edition 1 gives files byte-identical to `wsis_data/tables/`. Validation status and evidence, which the canonical
tables do not carry, are exported beside them in `link_validation.csv`, and the Connect links in `connect_links.csv`
in the format of their decisions file (edition 1's export is byte-identical to it).
"""

import csv
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wsis_data.build import write_csv
from wsis_data.connect import CONNECT_DECISION_COLUMNS
from wsis_data.loaders import TABLES
from wsis_data.matrix import LINK_COLUMNS, RATIONALE_COLUMNS
from wsis_data.store.audit import iso, now, record
from wsis_data.store.connect_links import (
    CONNECT_FILE,
    connect_diff,
    connect_link_rows,
    connect_table,
    decision_records,
    decisions_provenance,
    imported_connect_links,
)
from wsis_data.store.database import Store
from wsis_data.store.diff import diff_links
from wsis_data.store.errors import NotFound, StoreError
from wsis_data.store.models import ConnectLinkRow, EditionRow, LinkRow, RationaleRow

VALIDATION_COLUMNS = (*LINK_COLUMNS, "status", "evidence_items")
VALIDATION_FILE = "link_validation.csv"
INFO_FILE = "edition_info.json"
EVIDENCE_SEPARATOR = ";"
SYSTEM_ACTOR = "system"


@dataclass(frozen=True)
class Edition:
    """An edition as callers see it: number, status, label, date, notes, provenance and its link count."""

    number: int
    status: str
    label: str
    date: str
    notes: str
    provenance: dict
    published_at: str
    published_by: str
    links: int

    @property
    def title(self) -> str:
        """Return the caption name of the edition, e.g. `Edition 2: Revision after HLPF 2023 (2027-09-01)`."""
        if self.status == "draft":
            return f"Draft edition {self.number}"
        return f"Edition {self.number}: {self.label} ({self.date})"

    def info(self) -> dict:
        """Return the edition's metadata and provenance as a JSON-ready dict (a dataset's `edition_info`)."""
        return {
            "number": self.number,
            "status": self.status,
            "label": self.label,
            "date": self.date,
            "notes": self.notes,
            "published_at": self.published_at,
            "published_by": self.published_by,
            "links": self.links,
            "provenance": self.provenance,
        }


def _read_committed(name: str) -> list[dict[str, str]]:
    # Read unstripped, so that the stored edition gives back the committed bytes.
    with (TABLES / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def import_committed_edition(store: Store) -> bool:
    """Import the committed tables as published edition 1 unless the store has it; return True if imported."""
    with store.sessions() as session:
        if session.scalar(select(EditionRow.id).where(EditionRow.number == 1)) is not None:
            return False
    provenance_file = json.loads((TABLES / "edition.json").read_text(encoding="utf-8"))
    matrix = provenance_file["matrix"]
    links, rationales = _read_committed("matrix_links"), _read_committed("rationales")
    try:
        with store.transaction() as session:
            edition = EditionRow(
                number=1,
                status="draft",
                label=f"WSIS–SDG Matrix, {matrix['repository']} {matrix['commit'][:7]}",
                edition_date=pd.Timestamp(matrix["date"]).date(),
                notes=(
                    "The committed canonical tables (wsis_data/tables), normalised by the data build from the "
                    "matrix of the UN Action Line Facilitators; every link as they proposed it, not yet validated "
                    "against evidence."
                ),
                provenance={
                    "source": "wsis_data/tables",
                    "matrix": matrix,
                    "sdg_texts": provenance_file["sdg_texts"],
                    "connect_links": decisions_provenance(),
                },
                created_at=now(),
                version=1,
            )
            session.add(edition)
            session.flush()
            session.add_all(
                LinkRow(
                    edition_id=edition.id,
                    link_id=position,
                    position=position,
                    action_line=row["action_line"],
                    level=row["level"],
                    goal=int(row["goal"]),
                    target=row["target"],
                    rationale_id=row["rationale_id"],
                    status="proposed",
                    evidence=[],
                    version=1,
                )
                for position, row in enumerate(links, start=1)
            )
            session.add_all(
                RationaleRow(
                    edition_id=edition.id,
                    position=position,
                    rationale_id=row["rationale_id"],
                    action_line=row["action_line"],
                    listed_under_goal=int(row["listed_under_goal"]),
                    raw_sub_id=row["raw_sub_id"],
                    text=row["text"],
                    version=1,
                )
                for position, row in enumerate(rationales, start=1)
            )
            session.add_all(ConnectLinkRow(**row) for row in imported_connect_links(edition.id))
            session.flush()
            session.execute(
                update(EditionRow)
                .where(EditionRow.id == edition.id)
                .values(status="published", published_at=now(), published_by=SYSTEM_ACTOR)
            )
            record(
                session,
                SYSTEM_ACTOR,
                "edition.import",
                "edition 1",
                None,
                {"number": 1, "label": edition.label, "links": len(links), "rationales": len(rationales)},
            )
    except IntegrityError:
        # Another process imported edition 1 at the same moment: the store has it, which is all that matters.
        return False
    return True


def as_edition(session: Session, row: EditionRow) -> Edition:
    """Return the public view of an edition row."""
    links = session.scalar(select(func.count()).select_from(LinkRow).where(LinkRow.edition_id == row.id)) or 0
    return Edition(
        number=row.number,
        status=row.status,
        label=row.label,
        date=row.edition_date.isoformat() if row.edition_date else "",
        notes=row.notes,
        provenance=row.provenance,
        published_at=iso(row.published_at),
        published_by=row.published_by or "",
        links=links,
    )


def published_editions(store: Store) -> list[Edition]:
    """Return the published editions, oldest first."""
    with store.sessions() as session:
        rows = session.scalars(
            select(EditionRow).where(EditionRow.status == "published").order_by(EditionRow.number)
        ).all()
        return [as_edition(session, row) for row in rows]


def published_edition(store: Store, number: int) -> Edition:
    """Return one published edition (its `info()` is the provenance a dataset of that edition carries)."""
    with store.sessions() as session:
        return as_edition(session, edition_row(session, number))


def draft_edition(store: Store) -> Edition | None:
    """Return the draft edition that accepted proposals are building, if there is one."""
    with store.sessions() as session:
        row = session.scalar(select(EditionRow).where(EditionRow.status == "draft"))
        return as_edition(session, row) if row else None


def edition_row(session: Session, number: object) -> EditionRow:
    """Return a published edition's row by number, or raise naming the published editions."""
    row = session.scalar(
        select(EditionRow).where(EditionRow.number == _number(number), EditionRow.status == "published")
    )
    if row is None:
        numbers = session.scalars(
            select(EditionRow.number).where(EditionRow.status == "published").order_by(EditionRow.number)
        ).all()
        raise NotFound(f"edition: {number!r} — expected a published edition ({', '.join(map(str, numbers))})")
    return row


def _number(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise NotFound(f"edition: {value!r} — expected an edition number such as 1") from None


def link_rows(session: Session, edition_id: int) -> list[LinkRow]:
    """Return an edition's links in table order."""
    return list(session.scalars(select(LinkRow).where(LinkRow.edition_id == edition_id).order_by(LinkRow.position)))


def rationale_rows(session: Session, edition_id: int) -> list[RationaleRow]:
    """Return an edition's rationales in table order."""
    return list(
        session.scalars(
            select(RationaleRow).where(RationaleRow.edition_id == edition_id).order_by(RationaleRow.position)
        )
    )


def _canonical_rows(session: Session, edition_id: int) -> dict[str, list[dict[str, str]]]:
    links, rationales = link_rows(session, edition_id), rationale_rows(session, edition_id)
    return {
        "matrix_links": [
            {
                "action_line": row.action_line,
                "level": row.level,
                "goal": str(row.goal),
                "target": row.target,
                "rationale_id": row.rationale_id,
            }
            for row in links
        ],
        "rationales": [
            {
                "rationale_id": row.rationale_id,
                "action_line": row.action_line,
                "listed_under_goal": str(row.listed_under_goal),
                "raw_sub_id": row.raw_sub_id,
                "text": row.text,
            }
            for row in rationales
        ],
        CONNECT_FILE.removesuffix(".csv"): decision_records(connect_link_rows(session, edition_id)),
        VALIDATION_FILE.removesuffix(".csv"): [
            {
                "action_line": row.action_line,
                "level": row.level,
                "goal": str(row.goal),
                "target": row.target,
                "rationale_id": row.rationale_id,
                "status": row.status,
                "evidence_items": EVIDENCE_SEPARATOR.join(row.evidence),
            }
            for row in links
        ],
    }


_TABLE_COLUMNS = {
    "matrix_links": LINK_COLUMNS,
    "rationales": RATIONALE_COLUMNS,
    VALIDATION_FILE.removesuffix(".csv"): VALIDATION_COLUMNS,
    CONNECT_FILE.removesuffix(".csv"): CONNECT_DECISION_COLUMNS,
}


def edition_tables(store: Store, number: int) -> dict[str, pd.DataFrame]:
    """Return a published edition's `matrix_links`, `rationales` and `connect_links` as string frames, as the
    committed CSVs read."""
    with store.sessions() as session:
        rows = _canonical_rows(session, edition_row(session, number).id)
    tables = {
        name: pd.DataFrame(rows[name], columns=list(_TABLE_COLUMNS[name]), dtype="string")
        for name in ("matrix_links", "rationales")
    }
    return tables | {"connect_links": connect_table(rows[CONNECT_FILE.removesuffix(".csv")])}


def edition_connect_links(store: Store, number: int) -> list[dict[str, str]]:
    """Return a published edition's Connect links in the decisions file's columns, in table order."""
    with store.sessions() as session:
        return decision_records(connect_link_rows(session, edition_row(session, number).id))


def edition_links(store: Store, number: int) -> pd.DataFrame:
    """Return a published edition's links with their id, rationale text, validation status and evidence."""
    with store.sessions() as session:
        return links_frame(session, edition_row(session, number).id)


def links_frame(session: Session, edition_id: int) -> pd.DataFrame:
    """Return the links of an edition (by row id) as the frame `diff_links` compares."""
    texts = {row.rationale_id: row.text for row in rationale_rows(session, edition_id)}
    return pd.DataFrame(
        [
            {
                "link_id": row.link_id,
                "action_line": row.action_line,
                "level": row.level,
                "goal": row.goal,
                "target": row.target,
                "rationale_id": row.rationale_id,
                "rationale": texts.get(row.rationale_id, ""),
                "status": row.status,
                "evidence": EVIDENCE_SEPARATOR.join(row.evidence),
            }
            for row in link_rows(session, edition_id)
        ],
        columns=[
            "link_id",
            "action_line",
            "level",
            "goal",
            "target",
            "rationale_id",
            "rationale",
            "status",
            "evidence",
        ],
    )


def edition_diff(store: Store, before: int, after: int) -> pd.DataFrame:
    """Return the changes from one published edition to another (see `diff_links`)."""
    with store.sessions() as session:
        old = links_frame(session, edition_row(session, before).id)
        new = links_frame(session, edition_row(session, after).id)
    return diff_links(old, new)


def edition_connect_diff(store: Store, before: int, after: int) -> pd.DataFrame:
    """Return the Connect links added, removed and changed from one published edition to another (`connect_diff`)."""
    return connect_diff(edition_connect_links(store, before), edition_connect_links(store, after))


def export_edition(store: Store, number: int, out: Path) -> list[Path]:
    """Write a published edition's canonical tables, `link_validation.csv` and `edition_info.json` into a folder.

    The files are written into a temporary folder beside them and moved at the end, so a failure leaves no file.
    """
    with store.sessions() as session:
        row = edition_row(session, number)
        rows, info = _canonical_rows(session, row.id), as_edition(session, row).info()
    created = not out.exists()
    staging = None
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out, prefix=".export-"))
        for name, columns in _TABLE_COLUMNS.items():
            write_csv(staging / f"{name}.csv", columns, rows[name])
        _write_json(staging / INFO_FILE, info)
        names = [*(f"{name}.csv" for name in _TABLE_COLUMNS), INFO_FILE]
        for name in names:
            os.replace(staging / name, out / name)
    except OSError as error:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise StoreError(f"--out: {str(out)!r} — cannot write there ({error.strerror or error})") from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names]


def _write_json(path: Path, content: dict) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
