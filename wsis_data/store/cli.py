"""Command line of the edition store: `editions …`, `users …` and `audit`, added to `python -m wsis_data`.

Every command that prints data takes `--json`. A refused request (bad argument, missing role, conflict) prints one
`error: …` line on stderr and exits with status 2.
"""

import argparse
import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.exc import OperationalError

from wsis_data.store import (
    CONNECT_PROPOSAL_KINDS,
    audit_entries,
    draft_edition,
    edition_connect_diff,
    edition_diff,
    export_edition,
    grant_role,
    open_store,
    proposals,
    propose,
    propose_from_folder,
    publish,
    published_editions,
    review,
    user_roles,
)
from wsis_data.store.database import DATABASE_URL_VARIABLE
from wsis_data.store.errors import StoreError
from wsis_data.store.validation import ROLES

SHOWN_TEXT = 70


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _output(args: argparse.Namespace, data: object, lines: Iterable[str]) -> int:
    """Print the data as JSON with `--json`, else the text lines (made only when needed)."""
    if args.json:
        _print_json(data)
    else:
        for line in lines:
            print(line)
    return 0


def _short(text: str) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= SHOWN_TEXT else flat[: SHOWN_TEXT - 1] + "…"


def _store():
    try:
        return open_store()
    except OperationalError as error:
        raise StoreError(f"{DATABASE_URL_VARIABLE}: cannot open the database ({error.orig or error})") from None


def _list(args: argparse.Namespace) -> int:
    store = _store()
    editions = [edition.info() for edition in published_editions(store)]
    if draft := draft_edition(store):
        editions.append(draft.info())
    return _output(
        args,
        editions,
        (
            f"{edition['number']}\t{edition['status']}\t{edition['date'] or '-'}\t{edition['links']} links\t"
            f"{edition['label'] or '(not yet published)'}"
            for edition in editions
        ),
    )


def _export(args: argparse.Namespace) -> int:
    paths = export_edition(_store(), args.number, args.out)
    if args.json:
        _print_json({"edition": int(args.number), "files": [str(path) for path in paths]})
    else:
        print(f"edition {args.number} exported to {args.out}: {', '.join(path.name for path in paths)}")
    return 0


def _counts(frame) -> str:
    counts = frame["change"].value_counts()
    return f"{counts.get('added', 0)} added, {counts.get('removed', 0)} removed, {counts.get('changed', 0)} changes"


def _detail(row) -> str:
    return f"  {row.field}: {_short(row.before)!r} → {_short(row.after)!r}" if row.field else ""


def _diff(args: argparse.Namespace) -> int:
    store = _store()
    frame, connect = edition_diff(store, args.a, args.b), edition_connect_diff(store, args.a, args.b)
    if args.json:
        # One list: each row says which table it changes (the matrix links or the Connect links).
        _print_json(
            [{"table": "matrix_links", **row} for row in frame.to_dict(orient="records")]
            + [{"table": "connect_links", **row} for row in connect.to_dict(orient="records")]
        )
        return 0
    print(f"edition {args.a} → edition {args.b}: {_counts(frame)}; Connect links: {_counts(connect)}")
    for row in frame.itertuples():
        place = row.after or row.before if not row.field else (row.target or f"goal {row.goal}")
        print(f"{row.change}\tlink {row.link_id}\t{row.action_line} → {place}{_detail(row)}")
    for row in connect.itertuples():
        basis = f" ({row.after or row.before})" if not row.field else ""
        print(f"{row.change}\tConnect link\t{row.connect_code} → {row.action_line}{basis}{_detail(row)}")
    return 0


def _propose(args: argparse.Namespace) -> int:
    store = _store()
    ids = propose_from_folder(store, args.source, args.reason, args.author)
    created = [record for record in proposals(store) if record["id"] in ids]
    if args.json:
        _print_json(created)
        return 0
    if not created:
        print("no changes: the tables equal the edition being curated")
    for record in created:
        print(f"proposal {record['id']}: {record['kind']} {json.dumps(record['payload'], ensure_ascii=False)}")
    return 0


def _propose_connect(args: argparse.Namespace) -> int:
    store = _store()
    payload = {"connect_code": args.connect_code, "action_line": args.action_line}
    if args.change != "remove":
        payload |= {"basis": args.basis, "rationale": args.rationale, "source": args.source}
    number = propose(store, args.author, f"{args.change}_connect_link", payload, args.reason)
    [record] = [record for record in proposals(store) if record["id"] == number]
    if args.json:
        _print_json(record)
    else:
        print(f"proposal {number}: {record['kind']} {json.dumps(record['payload'], ensure_ascii=False)}")
    return 0


def _proposals(args: argparse.Namespace) -> int:
    records = proposals(_store(), args.status)
    return _output(
        args,
        records,
        (
            f"{record['id']}\t{record['status']}\t{record['kind']}\t{record['author']}\t"
            f"{json.dumps(record['payload'], ensure_ascii=False)}\t{_short(record['reason'])}"
            for record in records
        ),
    )


def _review(args: argparse.Namespace) -> int:
    record = review(_store(), args.proposal, args.author, accept=args.accept, comment=args.comment)
    if args.json:
        _print_json(record)
    elif record["status"] == "accepted":
        print(f"proposal {record['id']} accepted into draft edition {record['edition']}")
    else:
        print(f"proposal {record['id']} rejected")
    return 0


def _publish(args: argparse.Namespace) -> int:
    edition = publish(_store(), args.author, args.label, args.notes)
    if args.json:
        _print_json(edition.info())
    else:
        print(f"edition {edition.number} published: {edition.label} ({edition.links} links)")
    return 0


def _grant(args: argparse.Namespace) -> int:
    granted = grant_role(_store(), args.email, args.role)
    email = args.email.strip().lower()
    print(f"granted {args.role} to {email}" if granted else f"{email} already has the {args.role} role")
    return 0


def _users(args: argparse.Namespace) -> int:
    users = user_roles(_store())
    return _output(args, users, (f"{email}\t{', '.join(roles)}" for email, roles in users.items()))


def _audit(args: argparse.Namespace) -> int:
    entries = audit_entries(_store())
    return _output(
        args,
        entries,
        (f"{e['id']}\t{e['at']}\t{e['actor']}\t{e['action']}\t{e['subject']}" for e in entries),
    )


def _with_json(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--json", action="store_true", help="print JSON")
    return parser


def add_store_commands(commands) -> None:
    """Add `editions`, `users` and `audit` to the data layer's command line."""
    editions = commands.add_parser("editions", help="editions of the matrix and their curation").add_subparsers(
        dest="editions_command", required=True
    )
    _with_json(editions.add_parser("list", help="list the editions")).set_defaults(run=_list)
    export = _with_json(editions.add_parser("export", help="write an edition's canonical CSV tables"))
    export.add_argument("number", metavar="N")
    export.add_argument("--out", type=Path, required=True, metavar="DIR")
    export.set_defaults(run=_export)
    diff = _with_json(editions.add_parser("diff", help="links added, removed and changed between two editions"))
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B")
    diff.set_defaults(run=_diff)
    propose = _with_json(editions.add_parser("propose", help="propose the changes made in edited tables"))
    propose.add_argument("--from", dest="source", type=Path, required=True, metavar="DIR")
    propose.add_argument("--reason", required=True)
    propose.add_argument("--as", dest="author", required=True, metavar="EMAIL")
    propose.set_defaults(run=_propose)
    connect = _with_json(
        editions.add_parser("propose-connect", help="propose adding, removing or changing one Connect link")
    )
    connect.add_argument("change", choices=[kind.removesuffix("_connect_link") for kind in CONNECT_PROPOSAL_KINDS])
    connect.add_argument("connect_code", metavar="CONNECT_CODE", help="a Connect goal or target, e.g. C2020-3.1")
    connect.add_argument("action_line", metavar="ACTION_LINE", help="C1…C11 or C7.1…C7.8")
    connect.add_argument("--basis", default="curated", help="official (with --source) or curated (with --rationale)")
    connect.add_argument("--rationale", default="")
    connect.add_argument("--source", default="", help="the URL of the ITU source that states the link")
    connect.add_argument("--reason", required=True)
    connect.add_argument("--as", dest="author", required=True, metavar="EMAIL")
    connect.set_defaults(run=_propose_connect)
    listed = _with_json(editions.add_parser("proposals", help="list proposals"))
    listed.add_argument("--status", choices=("open", "accepted", "rejected"))
    listed.set_defaults(run=_proposals)
    reviewing = _with_json(editions.add_parser("review", help="accept or reject a proposal"))
    reviewing.add_argument("proposal", metavar="PROPOSAL_ID")
    decision = reviewing.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", action="store_true")
    decision.add_argument("--reject", action="store_true")
    reviewing.add_argument("--comment", required=True)
    reviewing.add_argument("--as", dest="author", required=True, metavar="EMAIL")
    reviewing.set_defaults(run=_review)
    publishing = _with_json(editions.add_parser("publish", help="publish the draft edition"))
    publishing.add_argument("--label", required=True)
    publishing.add_argument("--notes", default="")
    publishing.add_argument("--as", dest="author", required=True, metavar="EMAIL")
    publishing.set_defaults(run=_publish)

    users = commands.add_parser("users", help="curators, reviewers and admins").add_subparsers(
        dest="users_command", required=True
    )
    grant = users.add_parser("grant", help="grant a role")
    grant.add_argument("email", metavar="EMAIL")
    grant.add_argument("role", metavar="ROLE", help=f"one of {', '.join(ROLES)}")
    grant.set_defaults(run=_grant)
    _with_json(users.add_parser("list", help="list users and their roles")).set_defaults(run=_users)

    _with_json(commands.add_parser("audit", help="print the audit log")).set_defaults(run=_audit)
