"""Curation rules on SQLite and PostgreSQL: roles, proposals with reasons, review, publication, conflicts, audit."""

import pandas as pd
import pytest

from wsis_data.store import (
    EditConflict,
    InputError,
    PermissionDenied,
    StoreError,
    audit_entries,
    draft_edition,
    edition_diff,
    edition_links,
    edition_tables,
    export_edition,
    grant_role,
    proposals,
    propose,
    propose_from_folder,
    publish,
    published_editions,
    review,
)

CURATOR, SECOND_CURATOR, REVIEWER, ADMIN = (
    "curator@example.org",
    "other@example.org",
    "reviewer@example.org",
    "admin@example.org",
)


@pytest.fixture
def team(store):
    """The store with a curator, a second curator, a reviewer (also a curator) and an admin."""
    for email, role in (
        (CURATOR, "curator"),
        (SECOND_CURATOR, "curator"),
        (REVIEWER, "reviewer"),
        (REVIEWER, "curator"),
        (ADMIN, "admin"),
    ):
        grant_role(store, email, role)
    return store


def link(store, number: int, link_id: int) -> pd.Series:
    links = edition_links(store, number)
    return links.loc[links["link_id"] == link_id].iloc[0]


def test_granting_a_role_twice_grants_it_once(store):
    assert grant_role(store, "Someone@Example.org", "curator") is True
    assert grant_role(store, "someone@example.org", "curator") is False
    assert [entry["subject"] for entry in audit_entries(store) if entry["action"] == "role.grant"] == [
        "someone@example.org"
    ]


def test_a_proposal_accepted_and_published_becomes_edition_2_and_edition_1_stays_as_it_was(team):
    before = edition_tables(team, 1)
    proposal = propose(
        team, CURATOR, "set_status", {"link_id": 2, "status": "validated", "evidence": ["E-17"]}, "ITU report 2024"
    )
    assert draft_edition(team) is None
    record = review(team, proposal, REVIEWER, accept=True, comment="Evidence checked")
    assert (record["status"], record["edition"]) == ("accepted", 2)
    assert draft_edition(team).number == 2
    edition = publish(team, ADMIN, "Revision after HLPF 2027", notes="First curated edition")
    assert (edition.number, edition.label, edition.notes) == (2, "Revision after HLPF 2027", "First curated edition")
    assert edition.provenance["based_on_edition"] == 1 and edition.provenance["proposals"] == [proposal]
    assert [e.number for e in published_editions(team)] == [1, 2] and draft_edition(team) is None
    assert (link(team, 2, 2)["status"], link(team, 2, 2)["evidence"]) == ("validated", "E-17")
    assert link(team, 1, 2)["status"] == "proposed"
    for name, frame in edition_tables(team, 1).items():
        pd.testing.assert_frame_equal(frame, before[name])
    diff = edition_diff(team, 1, 2)
    assert diff[["change", "field", "link_id", "before", "after"]].values.tolist() == [
        ["changed", "evidence", 2, "", "E-17"],
        ["changed", "status", 2, "proposed", "validated"],
    ]


def test_every_kind_of_change_lands_in_the_draft(team):
    added = propose(
        team,
        CURATOR,
        "add_link",
        {"action_line": "C3", "goal": 4, "target": "4.4", "rationale": "Access to knowledge builds skills."},
        "new evidence",
    )
    removed = propose(team, CURATOR, "remove_link", {"link_id": 5}, "not supported")
    moved = propose(team, CURATOR, "change_target", {"link_id": 3, "goal": 3, "target": "3.c"}, "better fit")
    reworded = propose(
        team, CURATOR, "change_rationale", {"rationale_id": "C1-G01-1", "rationale": "Clearer wording."}, "typo"
    )
    for proposal in (added, removed, moved, reworded):
        review(team, proposal, REVIEWER, accept=True, comment="ok")
    publish(team, ADMIN, "Edition 2")
    changes = edition_diff(team, 1, 2)
    assert sorted(zip(changes["change"], changes["field"], strict=True)) == [
        ("added", ""),
        ("changed", "rationale"),
        ("changed", "target"),
        ("removed", ""),
    ]
    new_link = changes.loc[changes["change"] == "added"].iloc[0]
    assert (new_link["action_line"], new_link["target"]) == ("C3", "4.4")
    rationales = edition_tables(team, 2)["rationales"].set_index("rationale_id")
    assert rationales.loc["C3-G04-1", "text"] == "Access to knowledge builds skills."


def test_a_reviewer_cannot_review_their_own_proposal(team):
    proposal = propose(team, REVIEWER, "remove_link", {"link_id": 5}, "duplicate")
    with pytest.raises(PermissionDenied, match="is its author"):
        review(team, proposal, REVIEWER, accept=True, comment="self-approval")
    assert proposals(team)[0]["status"] == "open"


@pytest.mark.parametrize(
    ("action", "role"),
    [
        (lambda s: propose(s, ADMIN, "remove_link", {"link_id": 5}, "why"), "curator"),
        (
            lambda s: review(
                s, propose(s, CURATOR, "remove_link", {"link_id": 5}, "why"), SECOND_CURATOR, accept=True, comment="ok"
            ),
            "reviewer",
        ),
        (lambda s: publish(s, REVIEWER, "Edition 2"), "admin"),
    ],
)
def test_each_step_needs_its_role(team, action, role):
    with pytest.raises(PermissionDenied, match=f"does not have the {role} role"):
        action(team)


def test_a_proposal_is_reviewed_only_once(team):
    proposal = propose(team, CURATOR, "remove_link", {"link_id": 5}, "why")
    review(team, proposal, REVIEWER, accept=False, comment="keep it")
    with pytest.raises(StoreError, match=f"proposal {proposal} was already rejected by {REVIEWER}"):
        review(team, proposal, REVIEWER, accept=True, comment="changed my mind")
    assert draft_edition(team) is None


def test_publishing_without_a_draft_is_refused(team):
    with pytest.raises(StoreError, match="no draft edition to publish"):
        publish(team, ADMIN, "Empty edition")


BAD_PROPOSALS = {
    "SDG 18": ("add_link", {"action_line": "C1", "goal": 18, "target": "", "rationale": "x"}, "reason", "goal"),
    "unknown target": (
        "add_link",
        {"action_line": "C1", "goal": 4, "target": "4.99", "rationale": "x"},
        "reason",
        "target",
    ),
    "target of another goal": (
        "add_link",
        {"action_line": "C1", "goal": 4, "target": "5.1", "rationale": "x"},
        "reason",
        "target",
    ),
    "unknown action line": (
        "add_link",
        {"action_line": "C12", "goal": 4, "target": "4.4", "rationale": "x"},
        "reason",
        "action_line",
    ),
    "existing link": (
        "add_link",
        {"action_line": "C1", "goal": 3, "target": "3.8", "rationale": "x"},
        "reason",
        "target",
    ),
    "empty reason": ("remove_link", {"link_id": 5}, "   ", "reason"),
    "rationale of 100 kB": (
        "change_rationale",
        {"rationale_id": "C1-G01-1", "rationale": "a" * 100_000},
        "reason",
        "rationale",
    ),
    "rationale just over the bound": (
        "change_rationale",
        {"rationale_id": "C1-G01-1", "rationale": "a" * 5_001},
        "reason",
        "rationale",
    ),
    "control character": (
        "change_rationale",
        {"rationale_id": "C1-G01-1", "rationale": "bell\x07"},
        "reason",
        "rationale",
    ),
    "bidirectional override": ("remove_link", {"link_id": 5}, "see \u202eevil", "reason"),
    "HTML markup": (
        "change_rationale",
        {"rationale_id": "C1-G01-1", "rationale": "<script>alert(1)</script>"},
        "reason",
        "rationale",
    ),
    "markdown image": ("remove_link", {"link_id": 5}, "see ![x](https://example.org/x.png)", "reason"),
    "validated without evidence": (
        "set_status",
        {"link_id": 2, "status": "validated", "evidence": []},
        "reason",
        "evidence",
    ),
    "unknown status": ("set_status", {"link_id": 2, "status": "approved"}, "reason", "status"),
    "bad evidence id": ("set_status", {"link_id": 2, "status": "contested", "evidence": ["<b>"]}, "reason", "evidence"),
    "unknown link": ("remove_link", {"link_id": 9999}, "reason", "link_id"),
    "unknown kind": ("rename_link", {"link_id": 2}, "reason", "kind"),
}


@pytest.mark.parametrize("case", list(BAD_PROPOSALS))
def test_bad_curator_input_is_refused_naming_the_field_and_nothing_is_stored(team, case):
    kind, payload, reason, field = BAD_PROPOSALS[case]
    audit_before = len(audit_entries(team))
    with pytest.raises(InputError) as error:
        propose(team, CURATOR, kind, payload, reason)
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ")
    assert len(str(error.value)) < 300  # a 100 kB value is not echoed back
    assert proposals(team) == [] and len(audit_entries(team)) == audit_before


def test_an_unknown_e_mail_address_form_is_refused(team):
    with pytest.raises(InputError, match="as: 'not an address'"):
        propose(team, "not an address", "remove_link", {"link_id": 5}, "why")


def test_the_second_change_to_the_same_link_gets_a_conflict_naming_the_first(team):
    first = propose(team, CURATOR, "set_status", {"link_id": 2, "status": "validated", "evidence": ["E-1"]}, "report A")
    second = propose(
        team, SECOND_CURATOR, "set_status", {"link_id": 2, "status": "contested", "evidence": ["E-2"]}, "report B"
    )
    review(team, first, REVIEWER, accept=True, comment="ok")
    with pytest.raises(EditConflict) as conflict:
        review(team, second, REVIEWER, accept=True, comment="ok")
    message = str(conflict.value)
    assert f"proposal {first} (set_status by {CURATOR}, accepted by {REVIEWER}: 'report A')" in message
    assert "status validated" in message and f"Proposal {second} stays open" in message
    assert [p["status"] for p in proposals(team)] == ["accepted", "open"]
    publish(team, ADMIN, "Edition 2")
    assert (link(team, 2, 2)["status"], link(team, 2, 2)["evidence"]) == ("validated", "E-1")


def test_a_change_to_a_link_removed_meanwhile_is_a_conflict_naming_the_removal(team):
    removal = propose(team, CURATOR, "remove_link", {"link_id": 2}, "unsupported")
    retarget = propose(team, SECOND_CURATOR, "change_target", {"link_id": 2, "goal": 3, "target": "3.c"}, "fits better")
    review(team, removal, REVIEWER, accept=True, comment="ok")
    with pytest.raises(EditConflict, match=f"proposal {removal} \\(remove_link by {CURATOR}.*it no longer exists"):
        review(team, retarget, REVIEWER, accept=True, comment="ok")


def test_every_action_is_in_the_audit_log_with_who_when_before_and_after(team):
    proposal = propose(team, CURATOR, "change_rationale", {"rationale_id": "C1-G01-1", "rationale": "Clearer."}, "typo")
    review(team, proposal, REVIEWER, accept=True, comment="fine")
    publish(team, ADMIN, "Edition 2")
    entries = audit_entries(team)
    assert [(e["actor"], e["action"]) for e in entries[-5:]] == [
        (CURATOR, "proposal.create"),
        (REVIEWER, "edition.draft"),
        (REVIEWER, "rationale.change"),
        (REVIEWER, "proposal.accept"),
        (ADMIN, "edition.publish"),
    ]
    change = entries[-3]
    assert change["before"]["text"].startswith("Increased Internet use") and change["after"]["text"] == "Clearer."
    assert all(entry["at"].endswith("Z") for entry in entries)


def test_edited_tables_become_proposals_and_an_unchanged_export_proposes_nothing(team, tmp_path):
    folder = tmp_path / "tables"
    export_edition(team, 1, folder)
    assert propose_from_folder(team, folder, "nothing changed", CURATOR) == []
    links = pd.read_csv(folder / "matrix_links.csv", dtype="string", keep_default_na=False)
    links.loc[2, "target"] = "3.c"
    links.drop(index=5).to_csv(folder / "matrix_links.csv", index=False, lineterminator="\n")
    ids = propose_from_folder(team, folder, "HLPF review", CURATOR)
    assert [(p["kind"], p["payload"]["link_id"]) for p in proposals(team)] == [("change_target", 3), ("remove_link", 6)]
    for proposal in ids:
        review(team, proposal, REVIEWER, accept=True, comment="ok")
    publish(team, ADMIN, "Edition 2")
    export_edition(team, 2, tmp_path / "again")
    assert propose_from_folder(team, tmp_path / "again", "round trip", CURATOR) == []
    for name in ("matrix_links.csv", "rationales.csv"):
        assert (tmp_path / "again" / name).read_bytes() == (folder / name).read_bytes()


def test_a_folder_with_one_bad_cell_proposes_nothing_and_names_file_row_and_column(team, tmp_path):
    folder = tmp_path / "tables"
    export_edition(team, 1, folder)
    links = pd.read_csv(folder / "matrix_links.csv", dtype="string", keep_default_na=False)
    links.loc[3, ["goal", "target"]] = ["18", "18.1"]
    links.to_csv(folder / "matrix_links.csv", index=False, lineterminator="\n")
    with pytest.raises(
        InputError, match=r"^matrix_links.csv, row 5, column goal: '18' — expected an SDG number from 1 to 17"
    ):
        propose_from_folder(team, folder, "bad", CURATOR)
    assert proposals(team) == []
