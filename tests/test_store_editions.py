"""The edition store on SQLite and on a real PostgreSQL server: edition 1, tables, export, diff and immutability."""

import filecmp
import re

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import ROOT
from wsis_data.store import (
    diff_links,
    draft_edition,
    edition_diff,
    edition_links,
    edition_tables,
    export_edition,
    published_editions,
)
from wsis_data.store.editions import import_committed_edition
from wsis_data.store.errors import NotFound

TABLES = ROOT / "wsis_data" / "tables"


def committed(name: str) -> pd.DataFrame:
    return pd.read_csv(TABLES / f"{name}.csv", dtype="string", keep_default_na=False, na_values=[])


def test_first_start_imports_the_committed_tables_as_published_edition_1_with_provenance(store):
    [edition] = published_editions(store)
    assert (edition.number, edition.status, edition.links) == (1, "published", len(committed("matrix_links")))
    assert edition.provenance["matrix"] == {
        "repository": "uwidcit/WSIS-SDG-Matrix",
        "commit": "09aad16b3103864cb8bf5cc47a5119035a5937a7",
        "date": "2019-04-03",
    }
    assert edition.date == "2019-04-03"
    assert "Edition 1" in edition.title and edition.label in edition.title
    assert draft_edition(store) is None


def test_importing_again_adds_no_edition(store):
    assert import_committed_edition(store) is False
    assert [edition.number for edition in published_editions(store)] == [1]


def test_edition_tables_are_string_frames_equal_to_the_committed_csv_files(store):
    tables = edition_tables(store, 1)
    assert set(tables) == {"matrix_links", "rationales", "connect_links"}
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(frame, committed(name))


def test_exporting_edition_1_writes_files_byte_identical_to_the_committed_tables(store, tmp_path):
    written = export_edition(store, 1, tmp_path / "edition-1")
    assert [path.name for path in written] == [
        "matrix_links.csv",
        "rationales.csv",
        "link_validation.csv",
        "connect_links.csv",
        "edition_info.json",
    ]
    for name in ("matrix_links.csv", "rationales.csv"):
        assert filecmp.cmp(tmp_path / "edition-1" / name, TABLES / name, shallow=False), name
    decisions = ROOT / "wsis_data" / "decisions" / "connect_links.csv"
    assert filecmp.cmp(tmp_path / "edition-1" / "connect_links.csv", decisions, shallow=False)
    validation = pd.read_csv(tmp_path / "edition-1" / "link_validation.csv", dtype="string", keep_default_na=False)
    assert set(validation["status"]) == {"proposed"}
    assert not list((tmp_path / "edition-1").glob(".export-*"))


def test_an_unknown_edition_is_refused_naming_the_published_ones(store, tmp_path):
    for call in (lambda: edition_tables(store, 7), lambda: export_edition(store, 7, tmp_path / "out")):
        with pytest.raises(NotFound, match=re.escape("edition: 7 — expected a published edition (1)")):
            call()
    assert not (tmp_path / "out").exists()


def test_edition_links_carry_a_stable_id_the_rationale_text_and_the_validation_status(store):
    links = edition_links(store, 1)
    assert list(links["link_id"]) == list(range(1, len(links) + 1))
    first = links.iloc[0]
    rationale = committed("rationales").set_index("rationale_id").loc[first["rationale_id"], "text"]
    assert (first["rationale"], first["status"], first["evidence"]) == (rationale, "proposed", "")


def test_the_diff_of_an_edition_with_itself_is_empty(store):
    assert edition_diff(store, 1, 1).empty


def _links(*rows: tuple) -> pd.DataFrame:
    columns = ["link_id", "action_line", "level", "goal", "target", "rationale_id", "rationale", "status", "evidence"]
    return pd.DataFrame(list(rows), columns=columns)


def test_diff_links_lists_added_removed_and_each_changed_field():
    before = _links(
        (1, "C1", "target", 3, "3.8", "R1", "old text", "proposed", ""),
        (2, "C2", "goal", 9, "", "R2", "kept", "proposed", ""),
        (3, "C3", "target", 4, "4.4", "R3", "gone", "proposed", ""),
    )
    after = _links(
        (1, "C1", "target", 3, "3.d", "R1", "new text", "validated", "E1"),
        (2, "C2", "goal", 9, "", "R2", "kept", "proposed", ""),
        (4, "C4", "target", 5, "5.b", "R4", "added", "proposed", ""),
    )
    diff = diff_links(before, after)
    assert diff[["change", "field", "link_id", "before", "after"]].values.tolist() == [
        ["changed", "evidence", 1, "", "E1"],
        ["changed", "rationale", 1, "old text", "new text"],
        ["changed", "status", 1, "proposed", "validated"],
        ["changed", "target", 1, "3.8", "3.d"],
        ["removed", "", 3, "4.4", ""],
        ["added", "", 4, "", "5.b"],
    ]
    assert list(diff.loc[diff["link_id"] == 3, ["action_line", "goal", "target"]].iloc[0]) == ["C3", 4, "4.4"]


def test_the_database_refuses_changes_to_a_published_edition(store):
    for statement in (
        "UPDATE edition_links SET target = '3.d' WHERE link_id = 2",
        "DELETE FROM edition_rationales",
        "UPDATE editions SET label = 'rewritten'",
        "DELETE FROM editions",
    ):
        with pytest.raises(DBAPIError, match="a published edition is immutable"), store.engine.begin() as connection:
            connection.execute(text(statement))
    pd.testing.assert_frame_equal(edition_tables(store, 1)["matrix_links"], committed("matrix_links"))


def test_the_database_refuses_to_update_or_delete_audit_entries(store):
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="audit_log is append-only"), store.engine.begin() as connection:
            connection.execute(text(statement))
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT actor, action FROM audit_log")).all() == [("system", "edition.import")]


def test_no_code_of_the_store_updates_or_deletes_audit_entries():
    source = "\n".join(path.read_text() for path in (ROOT / "wsis_data" / "store").rglob("*.py"))
    assert re.findall(r"(?:update|delete)\(\s*AuditRow", source) == []
    assert re.findall(r"\b(?:UPDATE|DELETE FROM)\s+audit_log\b", source, flags=re.IGNORECASE) == []


def test_without_postgresql_installed_the_store_tests_fail_saying_what_to_install(monkeypatch, tmp_path):
    from tests import postgres_server

    monkeypatch.setattr(postgres_server, "DEBIAN_SERVERS", tmp_path)
    monkeypatch.setattr(postgres_server.shutil, "which", lambda _name: None)
    with pytest.raises(pytest.fail.Exception, match="Install Debian's `postgresql` package"):
        postgres_server.server_binaries()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'new' / 'wsis.sqlite3'}"
    return request.getfixturevalue("postgres_server").new_database(template=None)


def test_instances_starting_together_on_an_empty_database_migrate_once_and_import_edition_1_once(empty_database_url):
    from concurrent.futures import ThreadPoolExecutor

    from wsis_data.store import connect

    with ThreadPoolExecutor(max_workers=3) as pool:
        stores = list(pool.map(lambda _: connect(empty_database_url), range(3)))
    assert [edition.number for edition in published_editions(stores[0])] == [1]
    with stores[0].engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003_connect_links"
    for opened in stores:
        opened.engine.dispose()


def test_published_edition_gives_the_provenance_a_dataset_of_that_edition_carries(store):
    from wsis_data.store import published_edition

    info = published_edition(store, 1).info()
    assert (info["number"], info["status"], info["date"]) == (1, "published", "2019-04-03")
    assert info["provenance"]["matrix"]["commit"].startswith("09aad16")
