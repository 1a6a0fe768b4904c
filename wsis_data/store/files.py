"""Proposals from edited tables: a folder in the export format, compared with the edition being curated.

The folder holds `matrix_links.csv` and `rationales.csv` (the canonical formats) and, optionally,
`link_validation.csv` and `connect_links.csv` (the Connect links, in the format of their decisions file). Rows are matched to links by (action line, level, goal, target, rationale id); a removed and
an added row of the same action line and rationale become one change of target. Every cell is checked first; a
problem names the file, row and column, and nothing is proposed.
"""

import csv
from pathlib import Path

from sqlalchemy.orm import Session

from wsis_data.connect import CONNECT_DECISION_COLUMNS
from wsis_data.matrix import LINK_COLUMNS, RATIONALE_COLUMNS
from wsis_data.store.connect_links import CONNECT_FILE, check_basis, check_connect_code, connect_link_rows
from wsis_data.store.curation import Change, propose_changes, working_edition
from wsis_data.store.database import Store
from wsis_data.store.editions import VALIDATION_COLUMNS, VALIDATION_FILE, link_rows, rationale_rows
from wsis_data.store.errors import InputError, StoreError
from wsis_data.store.validation import (
    MAX_RATIONALE,
    check_action_line,
    check_evidence,
    check_goal_and_target,
    check_rationale_id,
    check_status,
    check_text,
)

MAX_FILE_BYTES = 10 * 1024 * 1024
LinkKey = tuple[str, str, int, str, str]


def _read(folder: Path, name: str, columns: tuple[str, ...], *, required: bool = True) -> list[dict[str, str]] | None:
    path = folder / name
    if not path.is_file():
        if required:
            raise StoreError(f"--from: {str(folder)!r} — expected {name} in the folder")
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        raise StoreError(f"{name}: {path.stat().st_size:,} bytes — at most {MAX_FILE_BYTES:,} bytes expected")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise StoreError(f"{name}: columns {reader.fieldnames} — expected exactly {', '.join(columns)}")
            rows = list(reader)
    except UnicodeDecodeError:
        raise StoreError(f"{name}: not UTF-8 text — expected a UTF-8 CSV file") from None
    except csv.Error as error:
        raise StoreError(f"{name}: {error} — expected a CSV file") from None
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise StoreError(f"{name}, row {number}: wrong number of cells — expected {len(columns)}")
    return rows


def _cell(name: str, number: int, column: str | None, check, *args, **kwargs):
    """Run one check on a cell; a failure names the file, the row and the column (None: the field the check names)."""
    try:
        return check(*args, **kwargs)
    except InputError as error:
        raise InputError(f"{name}, row {number}, column {column or error.field}", error.value, error.expected) from None


def _link_key(name: str, number: int, row: dict[str, str]) -> LinkKey:
    action_line = _cell(name, number, "action_line", check_action_line, "action_line", row["action_line"])
    goal, target = _cell(name, number, None, check_goal_and_target, row["goal"], row["target"])
    level = "target" if target else "goal"
    if row["level"] != level:
        raise InputError(f"{name}, row {number}, column level", row["level"], f"expected {level!r} for this link")
    if row["rationale_id"]:
        _cell(name, number, "rationale_id", check_rationale_id, row["rationale_id"])
    return (action_line, level, goal, target, row["rationale_id"])


def _file_rationales(rows: list[dict[str, str]]) -> dict[str, dict]:
    rationales: dict[str, dict] = {}
    for number, row in enumerate(rows, start=2):
        rationale_id = _cell("rationales.csv", number, "rationale_id", check_rationale_id, row["rationale_id"])
        if rationale_id in rationales:
            raise InputError(f"rationales.csv, row {number}, column rationale_id", rationale_id, "expected a unique id")
        _cell("rationales.csv", number, "action_line", check_action_line, "action_line", row["action_line"])
        _cell("rationales.csv", number, "listed_under_goal", check_goal_and_target, row["listed_under_goal"], "")
        _cell(
            "rationales.csv",
            number,
            "raw_sub_id",
            check_text,
            "raw_sub_id",
            row["raw_sub_id"],
            limit=200,
            required=False,
            multiline=False,
        )
        text = _cell(
            "rationales.csv", number, "text", check_text, "text", row["text"], limit=MAX_RATIONALE, required=False
        )
        rationales[rationale_id] = {**row, "text": text, "row": number}
    return rationales


def connect_changes(session: Session, rows: list[dict[str, str]]) -> list[Change]:
    """Return the Connect link changes that turn the edition being curated into the rows of a `connect_links.csv`.

    Every cell is checked here, so that a problem names the row and column.
    """
    current = {
        (row.connect_code, row.action_line): row for row in connect_link_rows(session, working_edition(session).id)
    }
    wanted: dict[tuple[str, str], dict[str, str]] = {}
    for number, row in enumerate(rows, start=2):
        key = (
            _cell(CONNECT_FILE, number, "connect_code", check_connect_code, row["connect_code"].strip()),
            _cell(CONNECT_FILE, number, "action_line", check_action_line, "action_line", row["action_line"].strip()),
        )
        _cell(CONNECT_FILE, number, None, check_basis, row["basis"], row["rationale"], row["source"])
        if key in wanted:
            raise InputError(f"{CONNECT_FILE}, row {number}", " → ".join(key), "expected each Connect link once")
        wanted[key] = {**row, "connect_code": key[0], "action_line": key[1], "row": number}
    changes = [
        Change("remove_connect_link", {"connect_code": code, "action_line": action_line})
        for code, action_line in current
        if (code, action_line) not in wanted
    ]
    for key, row in wanted.items():
        link = {column: row[column] for column in CONNECT_DECISION_COLUMNS}
        if key not in current:
            changes.append(Change("add_connect_link", link))
        elif (row["basis"], row["rationale"], row["source"]) != (
            current[key].basis,
            current[key].rationale,
            current[key].source,
        ):
            changes.append(Change("change_connect_link", link))
    return changes


def changes_from_folder(session: Session, folder: Path) -> list[Change]:
    """Return the changes that turn the edition being curated into the tables of a folder."""
    connect = _read(folder, CONNECT_FILE, CONNECT_DECISION_COLUMNS, required=False)
    links = _read(folder, "matrix_links.csv", LINK_COLUMNS)
    rationale_file = _read(folder, "rationales.csv", RATIONALE_COLUMNS)
    validation = _read(folder, VALIDATION_FILE, VALIDATION_COLUMNS, required=False)
    rationales = _file_rationales(rationale_file)
    wanted: dict[LinkKey, int] = {}
    for number, row in enumerate(links, start=2):
        key = _link_key("matrix_links.csv", number, row)
        if key in wanted:
            raise InputError(f"matrix_links.csv, row {number}", ", ".join(map(str, key)), "expected each link once")
        if key[4] and key[4] not in rationales:
            raise InputError(
                f"matrix_links.csv, row {number}, column rationale_id", key[4], "expected an id of rationales.csv"
            )
        wanted[key] = number
    checked_statuses = []
    for number, row in enumerate(validation or [], start=2):
        key = _link_key(VALIDATION_FILE, number, row)
        status = _cell(VALIDATION_FILE, number, "status", check_status, row["status"])
        evidence = _cell(VALIDATION_FILE, number, "evidence_items", check_evidence, row["evidence_items"], status)
        checked_statuses.append((number, key, status, evidence))

    base = working_edition(session)
    current = {(r.action_line, r.level, r.goal, r.target, r.rationale_id): r for r in link_rows(session, base.id)}
    current_texts = {row.rationale_id: row for row in rationale_rows(session, base.id)}
    changes: list[Change] = []

    for rationale_id, row in rationales.items():
        known = current_texts.get(rationale_id)
        if known is None:
            if not any(key[4] == rationale_id for key in wanted.keys() - current.keys()):
                raise InputError(
                    f"rationales.csv, row {row['row']}, column rationale_id",
                    rationale_id,
                    "a new rationale is expected to be used by a new link of matrix_links.csv",
                )
            continue
        fixed = (known.action_line, str(known.listed_under_goal), known.raw_sub_id)
        if (row["action_line"], row["listed_under_goal"], row["raw_sub_id"]) != fixed:
            raise InputError(
                f"rationales.csv, row {row['row']}", rationale_id, "only the text of an existing rationale can change"
            )
        if row["text"] != known.text:
            changes.append(Change("change_rationale", {"rationale_id": rationale_id, "rationale": row["text"]}))

    removed = [key for key in current if key not in wanted]
    added = [key for key in wanted if key not in current]
    moved: list[tuple[LinkKey, LinkKey]] = []
    for key in list(added):
        partners = [old for old in removed if key[4] and (old[0], old[4]) == (key[0], key[4])]
        if len(partners) == 1:
            moved.append((partners[0], key))
            removed.remove(partners[0])
            added.remove(key)
    statuses = _statuses(checked_statuses, wanted, dict(moved), removed)
    for old, new in moved:
        changes.append(Change("change_target", {"link_id": current[old].link_id, "goal": new[2], "target": new[3]}))
    changes.extend(Change("remove_link", {"link_id": current[key].link_id}) for key in removed)
    for key in added:
        status, evidence = statuses.get(key, ("proposed", []))
        rationale = rationales.get(key[4])
        payload = {
            "action_line": key[0],
            "goal": key[2],
            "target": key[3],
            "rationale_id": key[4],
            "rationale": rationale["text"] if rationale else "",
            "status": status,
            "evidence": evidence,
        }
        if rationale and key[4] not in current_texts:
            payload |= {"listed_under_goal": int(rationale["listed_under_goal"]), "raw_sub_id": rationale["raw_sub_id"]}
        changes.append(Change("add_link", payload))
    kept = [(old, old) for old in current if old in wanted] + moved
    for old, new in kept:
        if new in statuses and statuses[new] != (current[old].status, current[old].evidence):
            status, evidence = statuses[new]
            changes.append(
                Change("set_status", {"link_id": current[old].link_id, "status": status, "evidence": evidence})
            )
    return changes + (connect_changes(session, connect) if connect is not None else [])


def _statuses(
    checked: list[tuple[int, LinkKey, str, list[str]]],
    wanted: dict[LinkKey, int],
    moved: dict[LinkKey, LinkKey],
    removed: list[LinkKey],
) -> dict[LinkKey, tuple[str, list[str]]]:
    """Return the status of each link of the new tables; a row may still name a link by its place before a move."""
    statuses = {}
    for number, key, status, evidence in checked:
        if key in removed:
            continue
        link = moved.get(key, key)
        if link not in wanted:
            raise InputError(
                f"{VALIDATION_FILE}, row {number}", ", ".join(map(str, key)), "expected a link of matrix_links.csv"
            )
        statuses[link] = (status, evidence)
    return statuses


def propose_from_folder(store: Store, folder: Path, reason: str, author: str) -> list[int]:
    """Propose the changes between the edition being curated and the tables of a folder; return the proposal ids."""
    with store.sessions() as session:
        changes = changes_from_folder(session, folder)
    return propose_changes(store, author, changes, reason) if changes else []
