"""No lost update: reviewers accepting changes to the same link at the same moment, on PostgreSQL and SQLite."""

import threading

import pytest

from wsis_data.store import EditConflict, audit_entries, grant_role, proposals, propose, review
from wsis_data.store.editions import draft_edition, link_rows
from wsis_data.store.models import EditionRow

CURATORS = ("first@example.org", "second@example.org")
REVIEWERS = ("reviewer-a@example.org", "reviewer-b@example.org")


@pytest.fixture
def shared_store(store):
    """The store with two curators and two reviewers; each thread opens its own connections from its pool."""
    for email in CURATORS:
        grant_role(store, email, "curator")
    for email in REVIEWERS:
        grant_role(store, email, "reviewer")
    return store


def accept_together(store, proposal_ids: tuple[int, int]) -> list[object]:
    """Accept two proposals from two threads released at the same instant; return each outcome."""
    start = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def reviewer(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = review(store, proposal_ids[index], REVIEWERS[index], accept=True, comment="checked")
        except EditConflict as conflict:
            outcomes[index] = conflict

    threads = [threading.Thread(target=reviewer, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("link_id", [2, 40, 41, 120, 191])
def test_two_reviewers_accepting_changes_to_the_same_link_at_once_one_wins_and_the_other_gets_a_conflict(
    shared_store, link_id
):
    store = shared_store
    ids = (
        propose(
            store, CURATORS[0], "set_status", {"link_id": link_id, "status": "validated", "evidence": ["E-1"]}, "A"
        ),
        propose(
            store, CURATORS[1], "set_status", {"link_id": link_id, "status": "contested", "evidence": ["E-2"]}, "B"
        ),
    )
    outcomes = accept_together(store, ids)

    conflicts = [index for index, outcome in enumerate(outcomes) if isinstance(outcome, EditConflict)]
    assert len(conflicts) == 1, outcomes
    winner, loser = 1 - conflicts[0], conflicts[0]
    assert f"was changed by proposal {ids[winner]} (set_status by {CURATORS[winner]}" in str(outcomes[loser])
    assert [p["status"] for p in proposals(store)] == ["accepted" if i == winner else "open" for i in (0, 1)]
    with store.sessions() as session:
        [row] = [row for row in link_rows(session, _draft_id(session)) if row.link_id == link_id]
        assert (row.status, row.evidence, row.version) == (("validated", "contested")[winner], [f"E-{winner + 1}"], 2)
    changes = [e for e in audit_entries(store) if e["action"] == "link.set_status"]
    assert len(changes) == 1 and changes[0]["after"]["proposal"] == ids[winner]
    assert draft_edition(store).number == 2


def _draft_id(session) -> int:
    return session.query(EditionRow.id).filter(EditionRow.status == "draft").scalar()


def test_two_reviewers_accepting_different_links_at_once_both_succeed_in_one_draft(shared_store):
    store = shared_store
    ids = (
        propose(store, CURATORS[0], "set_status", {"link_id": 10, "status": "contested", "evidence": []}, "A"),
        propose(store, CURATORS[1], "remove_link", {"link_id": 11}, "B"),
    )
    outcomes = accept_together(store, ids)
    assert [outcome["status"] for outcome in outcomes] == ["accepted", "accepted"]
    assert {outcome["edition"] for outcome in outcomes} == {2}
    with store.sessions() as session:
        links = {row.link_id: row for row in link_rows(session, _draft_id(session))}
    assert links[10].status == "contested" and 11 not in links


@pytest.mark.parametrize("kind", ["change_connect_link", "remove_connect_link"])
def test_two_reviewers_accepting_changes_to_the_same_connect_link_at_once_one_wins_and_the_other_gets_a_conflict(
    shared_store, kind
):
    store = shared_store
    place = {"connect_code": "C2020-3.1", "action_line": "C5"}
    ids = (
        propose(
            store, CURATORS[0], "change_connect_link", place | {"basis": "curated", "rationale": "Reading A."}, "A"
        ),
        propose(store, CURATORS[1], kind, place | {"basis": "curated", "rationale": "Reading B."}, "B"),
    )
    outcomes = accept_together(store, ids)

    conflicts = [index for index, outcome in enumerate(outcomes) if isinstance(outcome, EditConflict)]
    assert len(conflicts) == 1, outcomes
    winner, loser = 1 - conflicts[0], conflicts[0]
    assert f"was changed by proposal {ids[winner]}" in str(outcomes[loser])
    assert [p["status"] for p in proposals(store)] == ["accepted" if i == winner else "open" for i in (0, 1)]
    changes = [e for e in audit_entries(store) if e["action"].startswith("connect_link.")]
    assert len(changes) == 1 and changes[0]["after"]["proposal"] == ids[winner]
