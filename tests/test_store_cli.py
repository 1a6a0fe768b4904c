"""The edition store's command line, run as a curator, a reviewer and an admin would (embedded SQLite)."""

import csv
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from wsis_data.__main__ import main


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run `python -m wsis_data …` in process against a fresh SQLite store; return (status, stdout, stderr)."""
    monkeypatch.setenv("WSIS_DATABASE_URL", f"sqlite:///{tmp_path / 'wsis.sqlite3'}")

    def run(*args: str) -> tuple[int, str, str]:
        try:
            status = main(list(args))
        except SystemExit as exit_:
            status = exit_.code
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture
def team(cli):
    for email, role in (("cur@example.org", "curator"), ("rev@example.org", "reviewer"), ("adm@example.org", "admin")):
        assert cli("users", "grant", email, role) == (0, f"granted {role} to {email}\n", "")
    return cli


def _edit_first_status(folder, status: str, evidence: str) -> None:
    path = folder / "link_validation.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0] |= {"status": status, "evidence_items": evidence}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_curator_proposes_a_reviewer_accepts_an_admin_publishes_and_the_diff_shows_the_change(team, tmp_path):
    cli = team
    status, out, _ = cli("editions", "export", "1", "--out", str(tmp_path / "e1"))
    assert status == 0 and out.startswith("edition 1 exported to ")
    _edit_first_status(tmp_path / "e1", "validated", "ITU-2024-17")
    status, out, _ = cli(
        "editions",
        "propose",
        "--from",
        str(tmp_path / "e1"),
        "--reason",
        "ITU report",
        "--as",
        "cur@example.org",
        "--json",
    )
    [proposal] = json.loads(out)
    assert (status, proposal["kind"], proposal["payload"]) == (
        0,
        "set_status",
        {"link_id": 1, "status": "validated", "evidence": ["ITU-2024-17"]},
    )
    assert cli(
        "editions", "review", str(proposal["id"]), "--accept", "--comment", "checked", "--as", "rev@example.org"
    ) == (
        0,
        f"proposal {proposal['id']} accepted into draft edition 2\n",
        "",
    )
    status, out, _ = cli("editions", "publish", "--label", "Revision after HLPF 2027", "--as", "adm@example.org")
    assert (status, out) == (0, "edition 2 published: Revision after HLPF 2027 (191 links)\n")

    status, out, _ = cli("editions", "list", "--json")
    assert [(e["number"], e["status"], e["label"]) for e in json.loads(out)] == [
        (1, "published", "WSIS–SDG Matrix, uwidcit/WSIS-SDG-Matrix 09aad16"),
        (2, "published", "Revision after HLPF 2027"),
    ]
    status, out, _ = cli("editions", "diff", "1", "2")
    assert out.splitlines() == [
        "edition 1 → edition 2: 0 added, 0 removed, 2 changes; Connect links: 0 added, 0 removed, 0 changes",
        "changed\tlink 1\tC1 → goal 1  evidence: '' → 'ITU-2024-17'",
        "changed\tlink 1\tC1 → goal 1  status: 'proposed' → 'validated'",
    ]
    status, out, _ = cli("editions", "diff", "1", "2", "--json")
    assert [(row["field"], row["after"]) for row in json.loads(out)] == [
        ("evidence", "ITU-2024-17"),
        ("status", "validated"),
    ]
    status, out, _ = cli("audit", "--json")
    assert [(e["actor"], e["action"]) for e in json.loads(out)][-5:] == [
        ("cur@example.org", "proposal.create"),
        ("rev@example.org", "edition.draft"),
        ("rev@example.org", "link.set_status"),
        ("rev@example.org", "proposal.accept"),
        ("adm@example.org", "edition.publish"),
    ]
    status, out, _ = cli("users", "list", "--json")
    assert json.loads(out) == {
        "adm@example.org": ["admin"],
        "cur@example.org": ["curator"],
        "rev@example.org": ["reviewer"],
    }


BAD_COMMANDS = {
    "unknown edition": (
        ("editions", "export", "9", "--out", "OUT"),
        "error: edition: '9' — expected a published edition (1)",
    ),
    "edition not a number": (
        ("editions", "diff", "1", "x"),
        "error: edition: 'x' — expected an edition number such as 1",
    ),
    "missing argument": (
        ("editions", "diff", "1"),
        "error: the following arguments are required: B (see python -m wsis_data editions diff --help)",
    ),
    "bad e-mail": (
        ("users", "grant", "nobody", "curator"),
        "error: email: 'nobody' — expected an e-mail address such as name@example.org",
    ),
    "unknown role": (
        ("users", "grant", "a@example.org", "king"),
        "error: role: 'king' — expected one of curator, reviewer, admin",
    ),
    "no role": (
        ("editions", "review", "1", "--accept", "--comment", "ok", "--as", "a@example.org"),
        "error: a@example.org does not have the reviewer role (grant it with: python -m wsis_data users grant a@example.org reviewer)",
    ),
    "both decisions": (
        ("editions", "review", "1", "--accept", "--reject", "--comment", "ok", "--as", "a@example.org"),
        "error: argument --reject: not allowed with argument --accept (see python -m wsis_data editions review --help)",
    ),
    "missing folder": (
        ("editions", "propose", "--from", "OUT", "--reason", "why", "--as", "cur@example.org"),
        "error: --from: ",
    ),
    "official Connect link without a source": (
        (
            "editions",
            "propose-connect",
            "add",
            "C2020-3.1",
            "C10",
            "--basis",
            "official",
            "--reason",
            "r",
            "--as",
            "cur@example.org",
        ),
        "error: source: '' — must not be empty",
    ),
    "unknown Connect code": (
        ("editions", "propose-connect", "remove", "C2020-9.9", "C2", "--reason", "r", "--as", "cur@example.org"),
        "error: connect_code: 'C2020-9.9' — expected a goal or target code of the Connect agenda",
    ),
    "nothing to publish": (
        ("editions", "publish", "--label", "x", "--as", "adm@example.org"),
        "error: there is no draft edition to publish: accept a proposal first",
    ),
}


@pytest.mark.parametrize("case", list(BAD_COMMANDS))
def test_bad_input_exits_2_with_one_error_line_and_leaves_no_file(team, tmp_path, case):
    args, expected = BAD_COMMANDS[case]
    out_dir = tmp_path / "out"
    status, out, err = team(*(str(out_dir) if arg == "OUT" else arg for arg in args))
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith(expected), err
    assert not out_dir.exists()


def test_an_empty_reason_is_refused_before_anything_is_proposed(team, tmp_path):
    team("editions", "export", "1", "--out", str(tmp_path / "e1"))
    _edit_first_status(tmp_path / "e1", "contested", "")
    status, _, err = team(
        "editions", "propose", "--from", str(tmp_path / "e1"), "--reason", " ", "--as", "cur@example.org"
    )
    assert (status, err) == (2, "error: reason: ' ' — must not be empty\n")
    assert team("editions", "proposals", "--json")[1] == "[]\n"


def test_the_module_runs_as_a_command_with_the_database_from_the_environment(tmp_path):
    database = tmp_path / "elsewhere.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "wsis_data", "editions", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"WSIS_DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1\tpublished\t2019-04-03\t191 links\tWSIS–SDG Matrix, uwidcit/WSIS-SDG-Matrix 09aad16\n"
    assert database.exists()


def test_without_a_database_url_the_store_is_a_git_ignored_sqlite_file_of_the_project(monkeypatch):
    from wsis_data.store import database_url

    monkeypatch.delenv("WSIS_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{ROOT / 'var' / 'wsis.sqlite3'}"
    ignored = subprocess.run(["git", "check-ignore", "-q", "var/wsis.sqlite3"], cwd=ROOT, check=False)
    assert ignored.returncode == 0


def test_an_unwritable_export_folder_exits_2_and_leaves_nothing(team, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status, out, err = team("editions", "export", "1", "--out", str(blocker / "sub"))
    assert (status, out) == (2, "")
    assert err.startswith(f"error: --out: '{blocker / 'sub'}' — cannot write there") and len(err.splitlines()) == 1
    assert [path.name for path in tmp_path.iterdir() if not path.name.startswith("wsis.sqlite3")] == ["a-file"]


def test_connect_links_are_proposed_from_an_edited_export_and_one_by_one_and_the_diff_lists_them(team, tmp_path):
    cli = team
    cli("editions", "export", "1", "--out", str(tmp_path / "e1"))
    path = tmp_path / "e1" / "connect_links.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows[:-1])  # C2030-5.1 → C11 removed
    status, out, _ = cli(
        "editions", "propose", "--from", str(tmp_path / "e1"), "--reason", "r", "--as", "cur@example.org"
    )
    assert (status, out) == (
        0,
        'proposal 1: remove_connect_link {"connect_code": "C2030-5.1", "action_line": "C11"}\n',
    )
    status, out, _ = cli(
        "editions",
        "propose-connect",
        "add",
        "C2020-3.1",
        "C10",
        "--rationale",
        "SYNTHETIC reading.",
        "--reason",
        "r",
        "--as",
        "cur@example.org",
        "--json",
    )
    assert status == 0 and json.loads(out)["payload"]["basis"] == "curated"
    for number in ("1", "2"):
        assert cli("editions", "review", number, "--accept", "--comment", "ok", "--as", "rev@example.org")[0] == 0
    assert cli("editions", "publish", "--label", "Connect revision", "--as", "adm@example.org")[0] == 0
    status, out, _ = cli("editions", "diff", "1", "2")
    assert out.splitlines() == [
        "edition 1 → edition 2: 0 added, 0 removed, 0 changes; Connect links: 1 added, 1 removed, 0 changes",
        "added\tConnect link\tC2020-3.1 → C10 (curated)",
        "removed\tConnect link\tC2030-5.1 → C11 (curated)",
    ]
    status, out, _ = cli("editions", "diff", "1", "2", "--json")
    assert [(row["table"], row["change"], row["connect_code"]) for row in json.loads(out)] == [
        ("connect_links", "added", "C2020-3.1"),
        ("connect_links", "removed", "C2030-5.1"),
    ]
