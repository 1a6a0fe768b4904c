"""An edition's Connect links (Connect goal or target → action line): import, tables, checks of proposals, diff.

Edition 1's links are the decisions file `wsis_data/decisions/connect_links.csv`, kept unstripped so that an export
gives its bytes back. A link is `official` only with the URL of the ITU source that states it, otherwise `curated`
with the maintainers' rationale: no proposal can store an ITU mapping without its source.
"""

import csv
import hashlib
import re
from functools import cache

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from wsis_data.connect import (
    CONNECT_DECISION_COLUMNS,
    CONNECT_LINK_COLUMNS,
    DECISIONS_FILE,
    LINK_BASES,
    checked_connect_links,
)
from wsis_data.constants import ACTION_LINE_CODES
from wsis_data.facts import read_csv
from wsis_data.loaders import TABLES
from wsis_data.store.errors import InputError
from wsis_data.store.models import ConnectLinkRow, EditionRow
from wsis_data.store.validation import MAX_RATIONALE, check_action_line, check_text

CONNECT_FILE = "connect_links.csv"
DECISIONS_SOURCE = "wsis_data/decisions/connect_links.csv"
CONNECT_IMPORT_ACTION = "connect_links.import"
CONNECT_PROPOSAL_KINDS: tuple[str, ...] = ("add_connect_link", "remove_connect_link", "change_connect_link")
CONNECT_DIFF_COLUMNS = ("change", "field", "connect_code", "action_line", "before", "after")
COMPARED_CONNECT_FIELDS = ("basis", "rationale", "source")
MAX_SOURCE = 500
_URL = re.compile(r"^https?://[^\s<>\"]+$")


def decision_file_rows() -> list[dict[str, str]]:
    """Return the decisions file's rows unstripped (an export writes them back byte for byte)."""
    with DECISIONS_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def decisions_provenance() -> dict:
    """Return where edition 1's Connect links come from: the decisions file, its sha256 and its number of links."""
    return {
        "source": DECISIONS_SOURCE,
        "sha256": hashlib.sha256(DECISIONS_FILE.read_bytes()).hexdigest(),
        "links": len(decision_file_rows()),
    }


def imported_connect_links(edition_id: int) -> list[dict]:
    """Return the decisions file's links as rows of `edition_connect_links` for one edition."""
    return [
        {
            "edition_id": edition_id,
            "position": position,
            **{column: row[column] for column in CONNECT_DECISION_COLUMNS},
            "origin": DECISIONS_SOURCE,
            "version": 1,
            "changed_by_proposal": None,
        }
        for position, row in enumerate(decision_file_rows(), start=1)
    ]


@cache
def connect_agenda() -> tuple[dict[str, str], ...]:
    """Return the committed Connect agenda rows (`wsis_data/tables/connect_agenda.csv`)."""
    return tuple(read_csv(TABLES / "connect_agenda.csv"))


def connect_link_rows(session: Session, edition_id: int) -> list[ConnectLinkRow]:
    """Return an edition's Connect links in table order."""
    return list(
        session.scalars(
            select(ConnectLinkRow).where(ConnectLinkRow.edition_id == edition_id).order_by(ConnectLinkRow.position)
        )
    )


def decision_records(rows: list[ConnectLinkRow]) -> list[dict[str, str]]:
    """Return Connect link rows in the decisions file's columns."""
    return [{column: getattr(row, column) for column in CONNECT_DECISION_COLUMNS} for row in rows]


def connect_table(records: list[dict[str, str]]) -> pd.DataFrame:
    """Return the `connect_links` table of a dataset (string frame, as the committed CSV reads) from decision rows."""
    joined = checked_connect_links(list(connect_agenda()), records)
    return pd.DataFrame(joined, columns=list(CONNECT_LINK_COLUMNS), dtype="string")


def describe_connect_link(connect_code: str, action_line: str) -> str:
    """Return a Connect link as people name it: `Connect link C2020-3.1 → C5`."""
    return f"Connect link {connect_code} → {action_line}"


def connect_diff(before: list[dict[str, str]], after: list[dict[str, str]]) -> pd.DataFrame:
    """Return one row per Connect link added or removed and per changed field (basis, rationale, source).

    Links are matched by (Connect code, action line); a link moved to another action line is a removal and an addition.
    """
    old = {(row["connect_code"], row["action_line"]): row for row in before}
    new = {(row["connect_code"], row["action_line"]): row for row in after}
    rows = [_diff_row("added", "", key, "", new[key]["basis"]) for key in new if key not in old]
    rows += [_diff_row("removed", "", key, old[key]["basis"], "") for key in old if key not in new]
    for key in (key for key in new if key in old):
        rows += [
            _diff_row("changed", field, key, old[key][field], new[key][field])
            for field in COMPARED_CONNECT_FIELDS
            if old[key][field] != new[key][field]
        ]
    order = {code: position for position, code in enumerate(ACTION_LINE_CODES)}
    agenda = {row["connect_code"]: position for position, row in enumerate(connect_agenda())}
    rows.sort(
        key=lambda row: (
            agenda.get(row["connect_code"], len(agenda)),
            order.get(row["action_line"], len(order)),
            row["field"],
        )
    )
    return pd.DataFrame(rows, columns=list(CONNECT_DIFF_COLUMNS))


def _diff_row(change: str, field: str, key: tuple[str, str], before: str, after: str) -> dict[str, str]:
    return dict(zip(CONNECT_DIFF_COLUMNS, (change, field, *key, before, after), strict=True))


# Checks of proposals


def check_connect_code(value: object) -> str:
    """Return a code of the Connect agenda, or raise."""
    if value not in {row["connect_code"] for row in connect_agenda()}:
        raise InputError("connect_code", value, "expected a goal or target code of the Connect agenda, e.g. C2020-3.1")
    return str(value)


def check_basis(basis: object, rationale: object, source: object) -> tuple[str, str, str]:
    """Return (basis, rationale, source): `official` needs the ITU source's URL, `curated` a rationale."""
    if basis not in LINK_BASES:
        raise InputError("basis", basis, "expected official (an ITU source states the link) or curated")
    text = check_text(
        "rationale", rationale if rationale is not None else "", limit=MAX_RATIONALE, required=basis == "curated"
    )
    url = check_text(
        "source", source if source is not None else "", limit=MAX_SOURCE, multiline=False, required=basis == "official"
    )
    if url and not _URL.match(url):
        raise InputError("source", source, "expected the URL (https://…) of the ITU source that states the link")
    return str(basis), text, url


def _stored(session: Session, base: EditionRow, connect_code: str, action_line: str) -> ConnectLinkRow | None:
    return session.scalar(
        select(ConnectLinkRow).where(
            ConnectLinkRow.edition_id == base.id,
            ConnectLinkRow.connect_code == connect_code,
            ConnectLinkRow.action_line == action_line,
        )
    )


def prepared_connect_change(session: Session, base: EditionRow, kind: str, payload: dict) -> tuple[dict, dict]:
    """Return the checked payload of a Connect link proposal and the version it is based on, or raise naming the
    field at fault."""
    connect_code = check_connect_code(payload.get("connect_code"))
    action_line = check_action_line("action_line", payload.get("action_line"))
    existing = _stored(session, base, connect_code, action_line)
    name = describe_connect_link(connect_code, action_line)
    if kind == "add_connect_link":
        if existing is not None:
            raise InputError("action_line", action_line, f"{name} already exists in edition {base.number}")
    elif existing is None:
        raise InputError("action_line", action_line, f"expected a Connect link of edition {base.number}")
    place = {"connect_code": connect_code, "action_line": action_line}
    if kind == "remove_connect_link":
        return place, {"connect_link": existing.version}
    basis, rationale, source = check_basis(payload.get("basis"), payload.get("rationale"), payload.get("source"))
    checked = {**place, "basis": basis, "rationale": rationale, "source": source}
    if kind == "add_connect_link":
        return checked, {}
    if (basis, rationale, source) == (existing.basis, existing.rationale, existing.source):
        raise InputError("rationale", rationale, f"{name} already has this basis, rationale and source")
    return checked, {"connect_link": existing.version}
