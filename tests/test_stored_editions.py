"""Published editions as datasets, the changes between two of them, and their export on the command line."""

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analytics.edition_diff import change_counts
from tests.conftest import ROOT
from wsis_data.store import connect, grant_role, propose, publish, review
from wsis_data.stored_editions import edition_changes, edition_dataset

CURATOR, REVIEWER, ADMIN = "ana@example.org", "ben@example.org", "ada@example.org"


@pytest.fixture
def two_editions(tmp_path, monkeypatch, sqlite_template):
    """A store with edition 2: link 3 contested (status changed) and link 5 removed; WSIS_DATABASE_URL names it."""
    path = tmp_path / "wsis.sqlite3"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("WSIS_DATABASE_URL", url)
    store = connect(url)
    for email, role in ((CURATOR, "curator"), (REVIEWER, "reviewer"), (ADMIN, "admin")):
        grant_role(store, email, role)
    changed = propose(store, CURATOR, "set_status", {"link_id": 3, "status": "contested"}, "No activity found")
    removed = propose(store, CURATOR, "remove_link", {"link_id": 5}, "Duplicate of another link")
    for proposal in (changed, removed):
        review(store, proposal, REVIEWER, accept=True, comment="Agreed")
    publish(store, ADMIN, "Revision after HLPF 2027")
    yield store
    store.engine.dispose()


def test_an_editions_dataset_has_its_links_and_names_the_edition_in_its_label(two_editions):
    first, second = edition_dataset(two_editions, 1), edition_dataset(two_editions, 2)
    assert len(second.matrix_links) == len(first.matrix_links) - 1
    assert second.edition == "2" and second.edition_label.startswith("Edition 2: Revision after HLPF 2027 (")
    assert first.key != second.key


def test_the_changes_from_edition_1_to_2_are_a_status_change_and_a_removal(two_editions):
    changes = edition_changes(edition_dataset(two_editions, 2), 1)
    assert sorted(zip(changes["change"], changes["field"], changes["link_id"], strict=True)) == [
        ("changed", "status", 3),
        ("removed", "", 5),
    ]


def test_change_counts_count_each_kind_per_action_line_and_goal_and_merge_c7():
    changes = pd.DataFrame(
        {
            "change": ["added", "changed", "changed", "removed"],
            "action_line": ["C1", "C7.1", "C7.2", "C1"],
            "goal": [3, 4, 4, 3],
        }
    )
    split = change_counts(changes, "split", tuple(range(1, 18))).set_index(["action_line", "goal"])
    assert split.loc[("C1", 3)].to_dict() == {"added": 1, "removed": 1, "changed": 0, "total": 2}
    assert split.loc[("C7.1", 4), "changed"] == 1 and len(split) == 18 * 17
    merged = change_counts(changes, "merged", (3, 4)).set_index(["action_line", "goal"])
    assert merged.loc[("C7", 4), "changed"] == 2 and len(merged) == 11 * 2


def export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics.export", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_the_export_command_writes_the_changes_of_edition_2_as_a_table(two_editions, tmp_path):
    out = tmp_path / "changes.csv"
    done = export(
        "chart", "--name", "edition_diff", "--format", "csv", "--edition", "2", "--base", "1", "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table["total"].sum() == 2 and set(table["removed"]) | set(table["changed"]) == {0, 1}


def test_an_edition_the_store_does_not_have_exits_2_naming_the_option(two_editions, tmp_path):
    out = tmp_path / "coverage.csv"
    done = export("chart", "--name", "coverage", "--format", "csv", "--edition", "9", "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["error: --edition='9': expected an edition the dashboard holds: 1, 2"]
    assert not out.exists()


def test_two_stores_editions_of_one_number_never_share_a_cache_key(two_editions, tmp_path, sqlite_template):
    path = tmp_path / "other.sqlite3"
    shutil.copyfile(sqlite_template, path)
    other = connect(f"sqlite:///{path}")
    for email, role in ((CURATOR, "curator"), (REVIEWER, "reviewer"), (ADMIN, "admin")):
        grant_role(other, email, role)
    review(
        other,
        propose(other, CURATOR, "set_status", {"link_id": 3, "status": "contested"}, "Other"),
        REVIEWER,
        accept=True,
        comment="ok",
    )
    publish(other, ADMIN, "Another revision")
    assert edition_dataset(other, 2).key != edition_dataset(two_editions, 2).key
    other.engine.dispose()
