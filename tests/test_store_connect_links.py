"""Connect links in the edition store on SQLite and PostgreSQL: migration, import from the decisions file,
immutability, proposals reviewed and published with the matrix changes, refusals that store nothing."""

import csv
import re

import pandas as pd
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import ROOT
from wsis_data.store import (
    EditConflict,
    InputError,
    PermissionDenied,
    audit_entries,
    edition_connect_diff,
    edition_connect_links,
    edition_diff,
    edition_tables,
    export_edition,
    grant_role,
    proposals,
    propose,
    propose_changes,
    propose_from_folder,
    publish,
    published_edition,
    review,
)
from wsis_data.store.connect_links import decisions_provenance
from wsis_data.store.curation import Change
from wsis_data.store.database import MIGRATIONS, make_engine
from wsis_data.store.editions import import_committed_edition

DECISIONS = ROOT / "wsis_data" / "decisions" / "connect_links.csv"
CURATOR, REVIEWER, ADMIN = "curator@example.org", "reviewer@example.org", "admin@example.org"
ITU_SOURCE = "https://www.itu.int/en/mediacentre/backgrounders/Pages/connect-2030-agenda.aspx"


def decisions() -> list[dict[str, str]]:
    with DECISIONS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def team(store):
    for email, role in ((CURATOR, "curator"), (REVIEWER, "reviewer"), (REVIEWER, "curator"), (ADMIN, "admin")):
        grant_role(store, email, role)
    return store


def test_edition_1_holds_the_decisions_files_links_with_their_provenance(store):
    assert edition_connect_links(store, 1) == decisions()
    assert len(decisions()) == 11
    provenance = published_edition(store, 1).provenance["connect_links"]
    assert provenance == decisions_provenance()
    assert provenance["source"] == "wsis_data/decisions/connect_links.csv" and len(provenance["sha256"]) == 64
    with store.engine.connect() as connection:
        origins = connection.execute(text("SELECT DISTINCT origin FROM edition_connect_links")).scalars().all()
    assert origins == ["wsis_data/decisions/connect_links.csv"]


def test_importing_again_adds_no_connect_link(store):
    assert import_committed_edition(store) is False
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM edition_connect_links")).scalar() == 11


def test_edition_1s_connect_table_equals_the_committed_one(store):
    committed = pd.read_csv(
        ROOT / "wsis_data" / "tables" / "connect_links.csv", dtype="string", keep_default_na=False, na_values=[]
    )
    pd.testing.assert_frame_equal(edition_tables(store, 1)["connect_links"], committed)


@pytest.fixture(params=["sqlite", "postgresql"])
def editions_before_connect_links(request, tmp_path) -> str:
    """A database migrated only to 0002_evidence, holding two published editions (as a store made before 0003)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_server").new_database(template=None)
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002_evidence")
        for number in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO editions (number, status, label, notes, provenance, created_at, version) "
                    "VALUES (:number, 'published', 'old', '', '{}', CURRENT_TIMESTAMP, 1)"
                ),
                {"number": number},
            )
    engine.dispose()
    return url


def test_migrating_a_store_made_before_connect_links_gives_each_edition_the_decisions_files_links(
    editions_before_connect_links,
):
    from wsis_data.store import connect

    store = connect(editions_before_connect_links)
    try:
        assert edition_connect_links(store, 1) == decisions() == edition_connect_links(store, 2)
        imports = [entry for entry in audit_entries(store) if entry["action"] == "connect_links.import"]
        assert [entry["subject"] for entry in imports] == ["edition 1", "edition 2"]
        assert imports[0]["after"]["sha256"] == decisions_provenance()["sha256"]
        with pytest.raises(DBAPIError, match="a published edition is immutable"), store.engine.begin() as connection:
            connection.execute(text("DELETE FROM edition_connect_links"))
    finally:
        store.engine.dispose()


def test_the_database_refuses_changes_to_a_published_editions_connect_links(store):
    for statement in (
        "UPDATE edition_connect_links SET action_line = 'C1'",
        "DELETE FROM edition_connect_links",
        "INSERT INTO edition_connect_links (edition_id, position, connect_code, action_line, basis, rationale, "
        "source, origin, version) VALUES (1, 99, 'C2020-3.1', 'C1', 'curated', 'x', '', 'x', 1)",
    ):
        with pytest.raises(DBAPIError, match="a published edition is immutable"), store.engine.begin() as connection:
            connection.execute(text(statement))
    assert edition_connect_links(store, 1) == decisions()


def test_a_connect_link_is_added_changed_and_removed_through_review_and_published_with_a_matrix_change(team):
    first = decisions()[0]
    ids = propose_changes(
        team,
        CURATOR,
        [
            Change(
                "add_connect_link",
                {
                    "connect_code": "C2020-3.1",
                    "action_line": "C10",
                    "basis": "curated",
                    "rationale": "Our reading, not an ITU mapping: SYNTHETIC test rationale.",
                    "source": "",
                },
            ),
            Change(
                "change_connect_link",
                {**{key: first[key] for key in ("connect_code", "action_line")}, "basis": "official"}
                | {"rationale": first["rationale"], "source": ITU_SOURCE},
            ),
            Change("remove_connect_link", {"connect_code": "C2030-5.1", "action_line": "C11"}),
            Change("set_status", {"link_id": 1, "status": "contested", "evidence": []}),
        ],
        "SYNTHETIC test reason",
    )
    for number in ids:
        review(team, number, REVIEWER, accept=True, comment="checked")
    edition = publish(team, ADMIN, "Revision with Connect links")
    assert edition.number == 2
    links = {(row["connect_code"], row["action_line"]): row for row in edition_connect_links(team, 2)}
    assert links[("C2020-3.1", "C10")]["basis"] == "curated"
    assert (links[(first["connect_code"], first["action_line"])]["basis"], links[("C2020-2.1.A", "C2")]["source"]) == (
        "official",
        ITU_SOURCE,
    )
    assert ("C2030-5.1", "C11") not in links
    assert edition_connect_links(team, 1) == decisions()
    diff = edition_connect_diff(team, 1, 2)
    assert diff[["change", "field", "connect_code", "action_line", "before", "after"]].values.tolist() == [
        ["changed", "basis", "C2020-2.1.A", "C2", "curated", "official"],
        ["changed", "source", "C2020-2.1.A", "C2", "", ITU_SOURCE],
        ["added", "", "C2020-3.1", "C10", "", "curated"],
        ["removed", "", "C2030-5.1", "C11", "curated", ""],
    ]
    assert edition_diff(team, 1, 2)["field"].tolist() == ["status"]
    table = edition_tables(team, 2)["connect_links"]
    assert ("C2020-3.1", "C10", "Connect 2020") in set(
        zip(table["connect_code"], table["action_line"], table["agenda"], strict=True)
    )
    actions = [(entry["actor"], entry["action"]) for entry in audit_entries(team)]
    for step in (
        (CURATOR, "proposal.create"),
        (REVIEWER, "connect_link.add"),
        (REVIEWER, "connect_link.change"),
        (REVIEWER, "connect_link.remove"),
        (ADMIN, "edition.publish"),
    ):
        assert step in actions
    changed = next(entry for entry in audit_entries(team) if entry["action"] == "connect_link.change")
    assert (changed["before"]["basis"], changed["after"]["basis"]) == ("curated", "official")


def test_a_curator_cannot_review_their_own_connect_link_proposal(team):
    number = propose(team, REVIEWER, "remove_connect_link", {"connect_code": "C2030-5.1", "action_line": "C11"}, "r")
    with pytest.raises(PermissionDenied, match="is its author"):
        review(team, number, REVIEWER, accept=True, comment="mine")


def test_two_proposals_changing_one_connect_link_cannot_both_be_accepted(team):
    change = {"connect_code": "C2030-5.1", "action_line": "C11", "basis": "curated", "source": ""}
    first = propose(team, CURATOR, "change_connect_link", change | {"rationale": "First reading."}, "one")
    second = propose(team, REVIEWER, "change_connect_link", change | {"rationale": "Second reading."}, "two")
    review(team, first, REVIEWER, accept=True, comment="ok")
    with pytest.raises(EditConflict, match=f"was changed by proposal {first}"):
        review(team, second, _second_reviewer(team), accept=True, comment="ok")


def _second_reviewer(store) -> str:
    grant_role(store, "third@example.org", "reviewer")
    return "third@example.org"


VALID = {"connect_code": "C2020-3.1", "action_line": "C10", "basis": "curated", "rationale": "A reading.", "source": ""}


@pytest.mark.parametrize(
    ("kind", "payload", "reason", "field"),
    [
        ("add_connect_link", VALID | {"connect_code": "C2020-9.9"}, "r", "connect_code"),
        ("add_connect_link", VALID | {"action_line": "C12"}, "r", "action_line"),
        ("add_connect_link", VALID | {"basis": "ITU"}, "r", "basis"),
        ("add_connect_link", VALID | {"rationale": "  "}, "r", "rationale"),
        ("add_connect_link", VALID | {"basis": "official", "source": ""}, "r", "source"),
        ("add_connect_link", VALID | {"basis": "official", "source": "an ITU report"}, "r", "source"),
        ("add_connect_link", VALID | {"rationale": "x" * 100_000}, "r", "rationale"),
        ("add_connect_link", VALID | {"rationale": "a\u0007b"}, "r", "rationale"),
        ("add_connect_link", VALID | {"rationale": "right\u202eto left"}, "r", "rationale"),
        ("add_connect_link", VALID | {"rationale": "see <img src=x onerror=alert(1)>"}, "r", "rationale"),
        ("add_connect_link", VALID | {"rationale": "[click](https://attacker.example)"}, "r", "rationale"),
        ("add_connect_link", VALID | {"connect_code": "C2020-2.1.A", "action_line": "C2"}, "r", "action_line"),
        ("add_connect_link", VALID, "", "reason"),
        ("remove_connect_link", {"connect_code": "C2020-3.1", "action_line": "C10"}, "r", "action_line"),
        ("change_connect_link", dict(decisions()[0]), "r", "rationale"),
    ],
)
def test_bad_connect_link_input_is_refused_naming_the_field_and_nothing_is_stored(team, kind, payload, reason, field):
    entries = len(audit_entries(team))
    with pytest.raises(InputError) as error:
        propose(team, CURATOR, kind, payload, reason)
    assert error.value.field == field
    assert proposals(team) == [] and len(audit_entries(team)) == entries


def _write_connect_file(folder, rows: list[dict[str, str]]) -> None:
    with (folder / "connect_links.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_an_exported_edition_with_an_edited_connect_file_proposes_exactly_the_connect_changes(team, tmp_path):
    folder = tmp_path / "e1"
    export_edition(team, 1, folder)
    assert propose_from_folder(team, folder, "no change", CURATOR) == []
    rows = decisions()
    rows[0] = rows[0] | {"rationale": "Our reading, not an ITU mapping: a shorter SYNTHETIC rationale."}
    _write_connect_file(folder, rows[:-1])
    ids = propose_from_folder(team, folder, "SYNTHETIC edit", CURATOR)
    assert [(record["kind"], record["payload"]["connect_code"]) for record in proposals(team)] == [
        ("remove_connect_link", "C2030-5.1"),
        ("change_connect_link", "C2020-2.1.A"),
    ]
    assert len(ids) == 2


def test_a_bad_row_of_an_edited_connect_file_is_named_by_row_and_column_and_nothing_is_proposed(team, tmp_path):
    folder = tmp_path / "e1"
    export_edition(team, 1, folder)
    rows = decisions()
    rows[3] = rows[3] | {"basis": "official", "source": ""}
    _write_connect_file(folder, rows)
    with pytest.raises(InputError, match=re.escape("connect_links.csv, row 5, column source: '' — must not be empty")):
        propose_from_folder(team, folder, "SYNTHETIC edit", CURATOR)
    assert proposals(team) == []


def test_a_published_editions_dataset_carries_its_connect_links_into_the_connect_chart_and_its_export(team):
    from analytics.chart_registry import chart_view
    from analytics.export.tables import csv_bytes
    from analytics.request import ViewRequest
    from wsis_data.stored_editions import edition_dataset

    payload = VALID | {"rationale": "Our reading, not an ITU mapping: SYNTHETIC rationale."}
    review(team, propose(team, CURATOR, "add_connect_link", payload, "SYNTHETIC"), REVIEWER, accept=True, comment="ok")
    publish(team, ADMIN, "Revision with a Connect link")
    views = {number: chart_view("connect", edition_dataset(team, number), ViewRequest()) for number in (1, 2)}
    flows = {
        number: set(zip(view.table["source"], view.table["target"], strict=True)) for number, view in views.items()
    }
    assert flows[2] - flows[1] >= {("C2020-3.1", "C10")}
    assert ("C2020-3.1", "C10") not in flows[1]
    assert "\r\nconnect,C2020-3.1,C10,1,curated," in csv_bytes(views[2].table).decode("utf-8-sig")
    assert views[1].summary.startswith("11 Connect links") and views[2].summary.startswith("12 Connect links")
