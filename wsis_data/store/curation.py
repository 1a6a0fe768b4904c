"""Curation: roles, proposals with a reason, review by someone other than the author, drafts and publication.

No lost update: a proposal records the versions of the link or rationale it was based on, and accepting it changes
the draft with UPDATE … WHERE version = that version. If someone else's accepted change came first, nothing is
stored and `EditConflict` names that change. Accepts are serialised on the draft's row (its version is bumped
first), so concurrent reviewers queue rather than interleave.
"""

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wsis_data.connect import CONNECT_DECISION_COLUMNS
from wsis_data.store.audit import iso, now, record
from wsis_data.store.connect_links import (
    CONNECT_PROPOSAL_KINDS,
    connect_link_rows,
    decision_records,
    describe_connect_link,
    prepared_connect_change,
)
from wsis_data.store.database import Store
from wsis_data.store.diff import link_place
from wsis_data.store.editions import (
    Edition,
    as_edition,
    edition_row,
    link_rows,
    rationale_rows,
)
from wsis_data.store.errors import EditConflict, InputError, NotFound, PermissionDenied, StoreError
from wsis_data.store.models import ConnectLinkRow, EditionRow, LinkRow, ProposalRow, RationaleRow, RoleRow
from wsis_data.store.roles import require_role, roles_of
from wsis_data.store.validation import (
    MAX_LABEL,
    MAX_NOTES,
    MAX_RATIONALE,
    MAX_REASON,
    check_action_line,
    check_email,
    check_evidence,
    check_goal_and_target,
    check_rationale_id,
    check_role,
    check_status,
    check_text,
)

PROPOSAL_KINDS: tuple[str, ...] = ("add_link", "remove_link", "change_rationale", "change_target", "set_status")
_ATTEMPTS = 3  # two accepts may both try to open the draft; the loser retries and finds it


@dataclass(frozen=True)
class Change:
    """One proposed change: its kind and its payload (see `PROPOSAL_KINDS`)."""

    kind: str
    payload: dict


# Roles


def grant_role(store: Store, email: str, role: str, *, granted_by: str = "command line") -> bool:
    """Grant a role to a user; return False if they already had it."""
    email, role = check_email("email", email), check_role(role)
    with store.transaction() as session:
        before = roles_of(session, email)
        if role in before:
            return False
        session.add(RoleRow(email=email, role=role, granted_at=now(), granted_by=granted_by))
        record(session, granted_by, "role.grant", email, {"roles": before}, {"roles": sorted({*before, role})})
    return True


def user_roles(store: Store) -> dict[str, list[str]]:
    """Return each user's roles."""
    with store.sessions() as session:
        rows = session.execute(select(RoleRow.email, RoleRow.role).order_by(RoleRow.email, RoleRow.role)).all()
    users: dict[str, list[str]] = {}
    for email, role in rows:
        users.setdefault(email, []).append(role)
    return users


# The edition proposals are made against


def working_edition(session: Session) -> EditionRow:
    """Return the draft if there is one, else the latest published edition."""
    draft = session.scalar(select(EditionRow).where(EditionRow.status == "draft"))
    if draft is not None:
        return draft
    return session.scalars(
        select(EditionRow).where(EditionRow.status == "published").order_by(EditionRow.number.desc())
    ).first()


def working_connect_links(store: Store) -> list[dict[str, str]]:
    """Return the Connect links that proposals are made against (the draft's, else the latest published edition's)."""
    with store.sessions() as session:
        return decision_records(connect_link_rows(session, working_edition(session).id))


def _link(session: Session, edition_id: int, link_id: object) -> LinkRow:
    try:
        number = int(str(link_id))
    except ValueError:
        raise InputError("link_id", link_id, "expected a link number") from None
    row = session.scalar(select(LinkRow).where(LinkRow.edition_id == edition_id, LinkRow.link_id == number))
    if row is None:
        raise InputError("link_id", link_id, "expected a link of the current edition")
    return row


def _rationale(session: Session, edition_id: int, rationale_id: str) -> RationaleRow | None:
    return session.scalar(
        select(RationaleRow).where(RationaleRow.edition_id == edition_id, RationaleRow.rationale_id == rationale_id)
    )


def _same_place(session: Session, edition_id: int, action_line: str, goal: int, target: str) -> LinkRow | None:
    return session.scalars(
        select(LinkRow).where(
            LinkRow.edition_id == edition_id,
            LinkRow.action_line == action_line,
            LinkRow.goal == goal,
            LinkRow.target == target,
        )
    ).first()


def describe_link(row: LinkRow) -> str:
    """Return a link as people name it: `link 17 (C1 → 3.8)`."""
    return f"link {row.link_id} ({row.action_line} → {link_place(row.goal, row.target)})"


# Proposals


def _prepared(session: Session, base: EditionRow, change: Change) -> tuple[dict, dict]:
    """Return the checked payload and the versions it is based on, or raise naming the field at fault."""
    kind, payload = change.kind, change.payload
    if kind in CONNECT_PROPOSAL_KINDS:
        return prepared_connect_change(session, base, kind, payload)
    if kind not in PROPOSAL_KINDS:
        raise InputError("kind", kind, f"expected one of {', '.join((*PROPOSAL_KINDS, *CONNECT_PROPOSAL_KINDS))}")
    if kind == "add_link":
        action_line = check_action_line("action_line", payload.get("action_line"))
        goal, target = check_goal_and_target(payload.get("goal"), payload.get("target"))
        if existing := _same_place(session, base.id, action_line, goal, target):
            raise InputError(
                "target", target or goal, f"{describe_link(existing)} already exists in edition {base.number}"
            )
        status = check_status(payload.get("status", "proposed"))
        evidence = check_evidence(payload.get("evidence", []), status)
        rationale_id = payload.get("rationale_id") or ""
        text = check_text("rationale", payload.get("rationale", ""), limit=MAX_RATIONALE, required=not rationale_id)
        if rationale_id:
            check_rationale_id(rationale_id)
            known = _rationale(session, base.id, rationale_id)
            if known is not None and text and text != known.text:
                raise InputError(
                    "rationale", text, f"rationale {rationale_id} exists with another text: change it separately"
                )
            if known is None and not text:
                raise InputError("rationale", text, f"a text for the new rationale {rationale_id} is expected")
        checked = {
            "action_line": action_line,
            "goal": goal,
            "target": target,
            "rationale_id": rationale_id,
            "rationale": text,
            "status": status,
            "evidence": evidence,
        }
        for optional in ("listed_under_goal", "raw_sub_id"):
            if optional in payload:
                checked[optional] = payload[optional]
        return checked, {}
    if kind == "change_rationale":
        rationale_id = check_rationale_id(payload.get("rationale_id"))
        known = _rationale(session, base.id, rationale_id)
        if known is None:
            raise InputError("rationale_id", rationale_id, f"expected a rationale of edition {base.number}")
        text = check_text("rationale", payload.get("rationale"), limit=MAX_RATIONALE)
        if text == known.text:
            raise InputError("rationale", text, f"the same text as rationale {rationale_id} now: nothing to change")
        return {"rationale_id": rationale_id, "rationale": text}, {"rationale": known.version}
    link = _link(session, base.id, payload.get("link_id"))
    if kind == "remove_link":
        return {"link_id": link.link_id}, {"link": link.version}
    if kind == "change_target":
        goal, target = check_goal_and_target(payload.get("goal"), payload.get("target"))
        if (goal, target) == (link.goal, link.target):
            raise InputError("target", target or goal, f"{describe_link(link)} already points there")
        if existing := _same_place(session, base.id, link.action_line, goal, target):
            raise InputError("target", target or goal, f"{describe_link(existing)} already exists")
        return {"link_id": link.link_id, "goal": goal, "target": target}, {"link": link.version}
    status = check_status(payload.get("status"))
    evidence = check_evidence(payload.get("evidence", []), status)
    if (status, evidence) == (link.status, link.evidence):
        raise InputError("status", status, f"{describe_link(link)} already has this status and evidence")
    return {"link_id": link.link_id, "status": status, "evidence": evidence}, {"link": link.version}


def propose_changes(store: Store, author: str, changes: list[Change], reason: str) -> list[int]:
    """Record proposals for a curator, all in one transaction (one bad change stores none); return their ids."""
    author = check_email("as", author)
    reason = check_text("reason", reason, limit=MAX_REASON)
    with store.transaction() as session:
        require_role(session, author, "curator")
        base = working_edition(session)
        ids = []
        for change in changes:
            payload, versions = _prepared(session, base, change)
            proposal = ProposalRow(
                kind=change.kind,
                payload=payload,
                reason=reason,
                author=author,
                created_at=now(),
                base_edition=base.number,
                base_versions=versions,
                status="open",
                version=1,
            )
            session.add(proposal)
            session.flush()
            ids.append(proposal.id)
            record(
                session,
                author,
                "proposal.create",
                f"proposal {proposal.id}",
                None,
                {"kind": change.kind, "payload": payload, "reason": reason, "base_edition": base.number},
            )
    return ids


def propose(store: Store, author: str, kind: str, payload: dict, reason: str) -> int:
    """Record one proposal by a curator; return its id."""
    return propose_changes(store, author, [Change(kind, payload)], reason)[0]


def proposals(store: Store, status: str | None = None) -> list[dict]:
    """Return proposals (all, or those with a status: open, accepted, rejected), oldest first."""
    with store.sessions() as session:
        query = select(ProposalRow).order_by(ProposalRow.id)
        if status is not None:
            query = query.where(ProposalRow.status == status)
        return [_proposal_record(row) for row in session.scalars(query)]


def _proposal_record(row: ProposalRow) -> dict:
    return {
        "id": row.id,
        "kind": row.kind,
        "payload": row.payload,
        "reason": row.reason,
        "author": row.author,
        "created_at": iso(row.created_at),
        "base_edition": row.base_edition,
        "status": row.status,
        "reviewer": row.reviewer or "",
        "review_comment": row.review_comment or "",
        "reviewed_at": iso(row.reviewed_at),
        "edition": row.edition_number,
    }


# Review


def review(store: Store, proposal_id: object, reviewer: str, *, accept: bool, comment: str) -> dict:
    """Accept (into the draft edition) or reject a proposal; the reviewer needs the role and must not be its author."""
    reviewer = check_email("as", reviewer)
    comment = check_text("comment", comment, limit=MAX_REASON)
    attempts = _ATTEMPTS
    while True:
        try:
            with store.transaction() as session:
                return _review(session, proposal_id, reviewer, accept, comment)
        except IntegrityError:
            attempts -= 1
            if not attempts:
                raise StoreError("the draft edition is being opened by another review: try again") from None


def _review(session: Session, proposal_id: object, reviewer: str, accept: bool, comment: str) -> dict:
    require_role(session, reviewer, "reviewer")
    proposal = _proposal(session, proposal_id)
    if proposal.author == reviewer:
        raise PermissionDenied(f"proposal {proposal.id}: {reviewer} is its author; another reviewer must review it")
    draft = _locked_draft(session, reviewer) if accept else None
    status = "accepted" if accept else "rejected"
    claimed = session.execute(
        update(ProposalRow)
        .where(ProposalRow.id == proposal.id, ProposalRow.status == "open", ProposalRow.version == proposal.version)
        .values(
            status=status,
            reviewer=reviewer,
            review_comment=comment,
            reviewed_at=now(),
            edition_number=draft.number if draft else None,
            version=ProposalRow.version + 1,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        session.expire(proposal)
        raise EditConflict(
            f"proposal {proposal.id} was {proposal.status} by {proposal.reviewer} meanwhile; nothing was changed"
        )
    if draft is not None:
        _apply(session, draft, proposal, reviewer)
    record(
        session,
        reviewer,
        f"proposal.{'accept' if accept else 'reject'}",
        f"proposal {proposal.id}",
        {"status": "open"},
        {"status": status, "comment": comment, "edition": draft.number if draft else None},
    )
    session.flush()
    session.refresh(proposal)
    return _proposal_record(proposal)


def _proposal(session: Session, proposal_id: object) -> ProposalRow:
    try:
        number = int(str(proposal_id))
    except ValueError:
        raise InputError("proposal", proposal_id, "expected a proposal number") from None
    proposal = session.get(ProposalRow, number)
    if proposal is None:
        raise NotFound(f"proposal: {proposal_id!r} — no such proposal")
    if proposal.status != "open":
        raise StoreError(f"proposal {proposal.id} was already {proposal.status} by {proposal.reviewer}")
    return proposal


def _locked_draft(session: Session, actor: str) -> EditionRow:
    """Return the draft edition, opening it from the latest published one if needed, with its row locked."""
    draft = session.scalar(select(EditionRow).where(EditionRow.status == "draft"))
    if draft is None:
        return _open_draft(session, actor)
    bumped = session.execute(
        update(EditionRow)
        .where(EditionRow.id == draft.id, EditionRow.status == "draft")
        .values(version=EditionRow.version + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not bumped:
        raise EditConflict(f"draft edition {draft.number} was published meanwhile; review the proposal again")
    session.refresh(draft)
    return draft


def _open_draft(session: Session, actor: str) -> EditionRow:
    latest = working_edition(session)
    draft = EditionRow(
        number=latest.number + 1,
        status="draft",
        label="",
        notes="",
        provenance={**latest.provenance, "source": "curation", "based_on_edition": latest.number},
        created_at=now(),
        version=1,
    )
    session.add(draft)
    session.flush()  # the unique edition number makes a concurrent second draft fail here
    columns = ("link_id", "position", "action_line", "level", "goal", "target", "rationale_id", "status", "evidence")
    links = [
        {"edition_id": draft.id, "version": row.version, "changed_by_proposal": row.changed_by_proposal}
        | {column: getattr(row, column) for column in columns}
        for row in link_rows(session, latest.id)
    ]
    columns = ("position", "rationale_id", "action_line", "listed_under_goal", "raw_sub_id", "text")
    rationales = [
        {"edition_id": draft.id, "version": row.version, "changed_by_proposal": row.changed_by_proposal}
        | {column: getattr(row, column) for column in columns}
        for row in rationale_rows(session, latest.id)
    ]
    columns = ("position", "connect_code", "action_line", "basis", "rationale", "source", "origin")
    connect = [
        {"edition_id": draft.id, "version": row.version, "changed_by_proposal": row.changed_by_proposal}
        | {column: getattr(row, column) for column in columns}
        for row in connect_link_rows(session, latest.id)
    ]
    session.execute(insert(LinkRow), links)
    session.execute(insert(RationaleRow), rationales)
    if connect:
        session.execute(insert(ConnectLinkRow), connect)
    record(session, actor, "edition.draft", f"edition {draft.number}", None, {"based_on_edition": latest.number})
    return draft


def _apply(session: Session, draft: EditionRow, proposal: ProposalRow, actor: str) -> None:
    payload, versions = proposal.payload, proposal.base_versions
    subject = f"edition {draft.number}"
    if proposal.kind == "add_link":
        _add_link(session, draft, proposal, actor)
        return
    if proposal.kind in CONNECT_PROPOSAL_KINDS:
        _apply_connect(session, draft, proposal, actor)
        return
    if proposal.kind == "change_rationale":
        row = _rationale(session, draft.id, payload["rationale_id"])
        changed = _versioned_update(
            session,
            RationaleRow,
            draft,
            proposal,
            versions["rationale"],
            "rationale_id",
            payload["rationale_id"],
            {"text": payload["rationale"]},
        )
        if not changed:
            raise _conflict(session, proposal, f"rationale {payload['rationale_id']}", row)
        record(
            session,
            actor,
            "rationale.change",
            f"{subject} rationale {row.rationale_id}",
            {"text": row.text},
            {"text": payload["rationale"], "proposal": proposal.id},
        )
        return
    row = session.scalar(select(LinkRow).where(LinkRow.edition_id == draft.id, LinkRow.link_id == payload["link_id"]))
    before = _link_state(row) if row else None
    if proposal.kind == "remove_link":
        removed = session.execute(
            delete(LinkRow)
            .where(LinkRow.edition_id == draft.id, LinkRow.link_id == payload["link_id"])
            .where(LinkRow.version == versions["link"])
            .execution_options(synchronize_session=False)
        ).rowcount
        if not removed:
            raise _conflict(session, proposal, f"link {payload['link_id']}", row)
        record(session, actor, "link.remove", f"{subject} link {payload['link_id']}", before, {"proposal": proposal.id})
        return
    if proposal.kind == "change_target":
        if row and (existing := _same_place(session, draft.id, row.action_line, payload["goal"], payload["target"])):
            raise _conflict(
                session, proposal, f"{row.action_line} → {link_place(payload['goal'], payload['target'])}", existing
            )
        values = {
            "goal": payload["goal"],
            "target": payload["target"],
            "level": "target" if payload["target"] else "goal",
        }
    else:
        values = {"status": payload["status"], "evidence": payload["evidence"]}
    changed = _versioned_update(
        session, LinkRow, draft, proposal, versions["link"], "link_id", payload["link_id"], values
    )
    if not changed:
        raise _conflict(session, proposal, f"link {payload['link_id']}", row)
    action = "link.change_target" if proposal.kind == "change_target" else "link.set_status"
    record(session, actor, action, f"{subject} link {payload['link_id']}", before, {**values, "proposal": proposal.id})


def _connect_state(row: ConnectLinkRow) -> dict:
    return {column: getattr(row, column) for column in CONNECT_DECISION_COLUMNS}


def _apply_connect(session: Session, draft: EditionRow, proposal: ProposalRow, actor: str) -> None:
    """Add, remove or change a Connect link of the draft; a change someone else made first is a conflict."""
    payload = proposal.payload
    code, action_line = payload["connect_code"], payload["action_line"]
    where = (
        ConnectLinkRow.edition_id == draft.id,
        ConnectLinkRow.connect_code == code,
        ConnectLinkRow.action_line == action_line,
    )
    row = session.scalar(select(ConnectLinkRow).where(*where))
    name = describe_connect_link(code, action_line)
    subject = f"edition {draft.number} {name}"
    if proposal.kind == "add_connect_link":
        if row is not None:
            raise _conflict(session, proposal, name, row)
        position = session.scalar(
            select(func.coalesce(func.max(ConnectLinkRow.position), 0)).where(ConnectLinkRow.edition_id == draft.id)
        )
        added = ConnectLinkRow(
            edition_id=draft.id,
            position=position + 1,
            **{column: payload[column] for column in CONNECT_DECISION_COLUMNS},
            origin=f"proposal {proposal.id}",
            version=1,
            changed_by_proposal=proposal.id,
        )
        session.add(added)
        session.flush()
        record(session, actor, "connect_link.add", subject, None, {**_connect_state(added), "proposal": proposal.id})
        return
    before = _connect_state(row) if row is not None else None
    version = ConnectLinkRow.version == proposal.base_versions["connect_link"]
    if proposal.kind == "remove_connect_link":
        done = session.execute(
            delete(ConnectLinkRow).where(*where, version).execution_options(synchronize_session=False)
        ).rowcount
        after = {"proposal": proposal.id}
    else:
        values = {key: payload[key] for key in ("basis", "rationale", "source")}
        done = session.execute(
            update(ConnectLinkRow)
            .where(*where, version)
            .values(**values, version=ConnectLinkRow.version + 1, changed_by_proposal=proposal.id)
            .execution_options(synchronize_session=False)
        ).rowcount
        after = {**values, "proposal": proposal.id}
    if not done:
        raise _conflict(session, proposal, name, row)
    action = "connect_link.remove" if proposal.kind == "remove_connect_link" else "connect_link.change"
    record(session, actor, action, subject, before, after)


def _versioned_update(
    session: Session,
    model: type[LinkRow] | type[RationaleRow],
    draft: EditionRow,
    proposal: ProposalRow,
    version: int,
    key: str,
    value: object,
    values: dict,
) -> bool:
    """Change one row of the draft only if it still has the version the proposal was based on."""
    return bool(
        session.execute(
            update(model)
            .where(model.edition_id == draft.id, getattr(model, key) == value, model.version == version)
            .values(**values, version=model.version + 1, changed_by_proposal=proposal.id)
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def _link_state(row: LinkRow) -> dict:
    return {
        "link_id": row.link_id,
        "action_line": row.action_line,
        "goal": row.goal,
        "target": row.target,
        "rationale_id": row.rationale_id,
        "status": row.status,
        "evidence": row.evidence,
    }


def _conflict(
    session: Session, proposal: ProposalRow, what: str, before_row: LinkRow | RationaleRow | ConnectLinkRow | None
) -> EditConflict:
    """Return the error for a lost race: names the change that came first and what the thing looks like now."""
    if before_row is not None:
        session.expire(before_row)
    current = (
        session.scalar(select(type(before_row)).where(type(before_row).id == before_row.id))
        if before_row is not None
        else None
    )
    other_id = current.changed_by_proposal if current is not None else _last_change_of(session, proposal)
    other = session.get(ProposalRow, other_id) if other_id else None
    by = (
        f"proposal {other.id} ({other.kind} by {other.author}, accepted by {other.reviewer}: {other.reason!r})"
        if other
        else "another change"
    )
    state = "it no longer exists" if current is None else f"it is now: {_shown_state(current)}"
    return EditConflict(
        f"conflict: {what} was changed by {by} after proposal {proposal.id} was made; {state}. "
        f"Proposal {proposal.id} stays open: reject it or propose again from the current edition"
    )


def _last_change_of(session: Session, proposal: ProposalRow) -> int | None:
    # A removed link leaves no row: the latest accepted proposal on the same link is the one that removed it.
    keys = ("link_id", "connect_code", "action_line")
    link = {key: proposal.payload.get(key) for key in keys}
    candidates = session.scalars(
        select(ProposalRow)
        .where(
            ProposalRow.status == "accepted",
            ProposalRow.kind.in_(("remove_link", "remove_connect_link")),
            ProposalRow.id != proposal.id,
        )
        .order_by(ProposalRow.id.desc())
    )
    return next((row.id for row in candidates if {key: row.payload.get(key) for key in keys} == link), None)


def _shown_state(row: LinkRow | RationaleRow | ConnectLinkRow) -> str:
    if isinstance(row, RationaleRow):
        return f"text {row.text[:120]!r}"
    if isinstance(row, ConnectLinkRow):
        return f"{describe_connect_link(row.connect_code, row.action_line)}, {row.basis}, rationale {row.rationale[:120]!r}"
    return f"{describe_link(row)}, status {row.status}, evidence {row.evidence or 'none'}"


def _add_link(session: Session, draft: EditionRow, proposal: ProposalRow, actor: str) -> None:
    payload = proposal.payload
    goal, target = payload["goal"], payload["target"]
    if existing := _same_place(session, draft.id, payload["action_line"], goal, target):
        raise _conflict(session, proposal, f"{payload['action_line']} → {link_place(goal, target)}", existing)
    rationale_id = payload["rationale_id"] or _next_rationale_id(session, draft.id, payload["action_line"], goal)
    known = _rationale(session, draft.id, rationale_id)
    if known is None:
        position = session.scalar(
            select(func.coalesce(func.max(RationaleRow.position), 0)).where(RationaleRow.edition_id == draft.id)
        )
        session.add(
            RationaleRow(
                edition_id=draft.id,
                position=position + 1,
                rationale_id=rationale_id,
                action_line=payload["action_line"],
                listed_under_goal=int(payload.get("listed_under_goal") or goal),
                raw_sub_id=str(payload.get("raw_sub_id") or target or goal),
                text=payload["rationale"],
                version=1,
                changed_by_proposal=proposal.id,
            )
        )
    elif payload["rationale"] and payload["rationale"] != known.text:
        raise _conflict(session, proposal, f"rationale {rationale_id}", known)
    link_id = (session.scalar(select(func.max(LinkRow.link_id))) or 0) + 1
    position = session.scalar(
        select(func.coalesce(func.max(LinkRow.position), 0)).where(LinkRow.edition_id == draft.id)
    )
    row = LinkRow(
        edition_id=draft.id,
        link_id=link_id,
        position=position + 1,
        action_line=payload["action_line"],
        level="target" if target else "goal",
        goal=goal,
        target=target,
        rationale_id=rationale_id,
        status=payload["status"],
        evidence=payload["evidence"],
        version=1,
        changed_by_proposal=proposal.id,
    )
    session.add(row)
    session.flush()
    record(
        session,
        actor,
        "link.add",
        f"edition {draft.number} link {link_id}",
        None,
        {**_link_state(row), "proposal": proposal.id},
    )


def _next_rationale_id(session: Session, edition_id: int, action_line: str, goal: int) -> str:
    prefix = f"{action_line}-G{goal:02d}-"
    used = session.scalars(
        select(RationaleRow.rationale_id).where(
            RationaleRow.edition_id == edition_id, RationaleRow.rationale_id.startswith(prefix)
        )
    )
    numbers = [int(suffix) for rid in used if (suffix := rid.removeprefix(prefix)).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


# Publication


def publish(store: Store, admin: str, label: str, notes: str = "") -> Edition:
    """Publish the draft edition under a label; an admin only. The edition is immutable from then on."""
    admin = check_email("as", admin)
    label = check_text("label", label, limit=MAX_LABEL, multiline=False)
    notes = check_text("notes", notes, limit=MAX_NOTES, required=False)
    with store.transaction() as session:
        require_role(session, admin, "admin")
        draft = session.scalar(select(EditionRow).where(EditionRow.status == "draft"))
        if draft is None:
            raise StoreError("there is no draft edition to publish: accept a proposal first")
        accepted = sorted(
            session.scalars(
                select(ProposalRow.id).where(
                    ProposalRow.edition_number == draft.number, ProposalRow.status == "accepted"
                )
            )
        )
        published = session.execute(
            update(EditionRow)
            .where(EditionRow.id == draft.id, EditionRow.status == "draft", EditionRow.version == draft.version)
            .values(
                status="published",
                label=label,
                notes=notes,
                edition_date=now().date(),
                published_at=now(),
                published_by=admin,
                provenance={**draft.provenance, "proposals": accepted},
                version=EditionRow.version + 1,
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if not published:
            raise EditConflict(
                f"draft edition {draft.number} changed while it was being published (another review or "
                "publication came first); look at it again and publish again"
            )
        record(
            session,
            admin,
            "edition.publish",
            f"edition {draft.number}",
            {"status": "draft"},
            {"status": "published", "label": label, "notes": notes, "proposals": accepted},
        )
        session.flush()
        session.refresh(draft)
        return as_edition(session, edition_row(session, draft.number))
