"""The append-only audit log: every action of the store writes one entry; nothing in the code updates or deletes one."""

import json
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wsis_data.store.database import Store
from wsis_data.store.models import AuditRow

AUDIT_COLUMNS = ("id", "at", "actor", "action", "subject", "before", "after")


def now() -> datetime:
    """Return the current time in UTC (every timestamp of the store)."""
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str:
    """Return a stored timestamp as ISO 8601 in UTC (SQLite hands timestamps back without their zone)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def record(session: Session, actor: str, action: str, subject: str, before: dict | None, after: dict | None) -> None:
    """Append one entry to the audit log, in the caller's transaction (so it is stored with the change or not at all)."""
    session.add(AuditRow(at=now(), actor=actor, action=action, subject=subject, before=before, after=after))


def audit_entries(store: Store) -> list[dict]:
    """Return the audit log, oldest first, as JSON-ready records."""
    with store.sessions() as session:
        rows = session.scalars(select(AuditRow).order_by(AuditRow.id)).all()
    return [
        {
            "id": row.id,
            "at": iso(row.at),
            "actor": row.actor,
            "action": row.action,
            "subject": row.subject,
            "before": row.before,
            "after": row.after,
        }
        for row in rows
    ]


def audit_log(store: Store) -> pd.DataFrame:
    """Return the audit log as a frame (before/after as JSON text) for display and export."""
    entries = audit_entries(store)
    for entry in entries:
        for column in ("before", "after"):
            entry[column] = "" if entry[column] is None else json.dumps(entry[column], ensure_ascii=False)
    return pd.DataFrame(entries, columns=list(AUDIT_COLUMNS)).astype({"id": "int64"})
