"""The evidence commands, run as a user would, with the store in a temporary folder.

The stocktaking projects here are SYNTHETIC (ids `SYN-…`), written by the tests.
"""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from wsis_data.stocktaking import RECORD_COLUMNS

HEADER = ",".join(RECORD_COLUMNS)
FIRST = f"{HEADER}\nSYN-1,Synthetic project one,,KEN,C7.3;C2,4.4;9.c,2020,,C7.3>4.4\nSYN-2,Synthetic two,,,C1;C3,1.1;2.1,,,\n"
NEWER = f"{HEADER}\nSYN-1,Synthetic project one,,KEN,C7.3;C2,4.4;9.c,2021,,C7.3>4.4\nSYN-3,Synthetic three,,,C6,,,,\n"


@pytest.fixture
def run(tmp_path):
    env = {**os.environ, "WSIS_DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}"}

    def run(module: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, check=False, env=env
        )

    return run


def test_import_prints_what_it_adds_and_a_second_import_of_the_same_file_changes_nothing(run, tmp_path):
    path = tmp_path / "projects.csv"
    path.write_text(FIRST, encoding="utf-8")
    first = run("wsis_data", "evidence", "import", str(path), "--source", "wsis_stocktaking")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[:4] == ["added: 2 (SYN-1, SYN-2)", "changed: 0", "withdrawn: 0", "unchanged: 0"]
    again = run("wsis_data", "evidence", "import", str(path), "--source", "wsis_stocktaking")
    assert again.stdout.splitlines() == [
        "added: 0",
        "changed: 0",
        "withdrawn: 0",
        "unchanged: 2",
        "wsis_stocktaking: nothing changed",
    ]


def test_a_newer_file_reports_changed_and_withdrawn_and_a_dry_run_stores_nothing(run, tmp_path):
    (tmp_path / "v1.csv").write_text(FIRST, encoding="utf-8")
    (tmp_path / "v2.csv").write_text(NEWER, encoding="utf-8")
    run("wsis_data", "evidence", "import", str(tmp_path / "v1.csv"), "--source", "wsis_stocktaking")
    dry = run("wsis_data", "evidence", "import", str(tmp_path / "v2.csv"), "--source", "wsis_stocktaking", "--dry-run")
    assert dry.stdout.splitlines() == [
        "added: 1 (SYN-3)",
        "changed: 1 (SYN-1)",
        "withdrawn: 1 (SYN-2)",
        "unchanged: 0",
        "dry run: nothing stored",
    ]
    sources = json.loads(run("wsis_data", "evidence", "sources", "--json").stdout)
    assert {source["source"]: source["items"] for source in sources}["wsis_stocktaking"] == 2


def test_a_file_with_problems_exits_2_with_one_line_per_problem_and_stores_nothing(run, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\nSYN-1,,,,C99,,,,\n", encoding="utf-8")
    result = run("wsis_data", "evidence", "import", str(path), "--source", "wsis_stocktaking")
    assert result.returncode == 2
    assert result.stderr == f"error: {path}: 2 problem(s); nothing imported\n"
    assert result.stdout.splitlines() == [
        "row 2, column title: '' — expected a non-empty title",
        "row 2, column action_lines: 'C99' — expected an action line code C1–C11 or C7.1–C7.8",
    ]
    sources = json.loads(run("wsis_data", "evidence", "sources", "--json").stdout)
    assert [source["source"] for source in sources] == ["itu_activities", "wsis_prizes"]


def test_an_unknown_source_exits_2_with_one_error_line(run, tmp_path):
    result = run("wsis_data", "evidence", "import", str(tmp_path / "x.csv"), "--source", "itu_activities")
    assert (result.returncode, result.stderr) == (
        2,
        "error: --source 'itu_activities': expected one of wsis_stocktaking\n",
    )


def test_sources_json_gives_each_source_its_name_item_count_licence_and_coverage(run, tmp_path):
    (tmp_path / "v1.csv").write_text(FIRST, encoding="utf-8")
    run("wsis_data", "evidence", "import", str(tmp_path / "v1.csv"), "--source", "wsis_stocktaking")
    sources = json.loads(run("wsis_data", "evidence", "sources", "--json").stdout)
    assert [(source["source"], source["items"]) for source in sources] == [
        ("itu_activities", 60),
        ("wsis_prizes", 155),
        ("wsis_stocktaking", 2),
    ]
    assert all(source["name"] and source["licence"] and source["coverage"] for source in sources)
    assert sources[2]["coverage"].startswith("2 projects imported from v1.csv (sha256 ")


def test_analytics_evidence_gives_one_record_per_cell_with_counts_by_source(run, tmp_path):
    (tmp_path / "v1.csv").write_text(FIRST, encoding="utf-8")
    run("wsis_data", "evidence", "import", str(tmp_path / "v1.csv"), "--source", "wsis_stocktaking")
    result = run("analytics", "evidence", "--json", "--region", "Africa", "--c7", "merged")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 11 * 17
    cell = next(record for record in records if (record["action_line"], record["goal"]) == ("C7", 4))
    assert cell["items_by_source"] == {"itu_activities": 1, "wsis_prizes": 0, "wsis_stocktaking": 1}
    assert cell["items"] == 2 and cell["region"] == "Africa"
    assert cell["region_items"] == {"itu_activities": 9, "wsis_prizes": 12, "wsis_stocktaking": 1}
    assert {record["status"] for record in records} <= {"supported", "no_evidence", "candidate", "none"}


def test_analytics_evidence_for_one_source_counts_that_source_only(run):
    records = json.loads(run("analytics", "evidence", "--json", "--source", "wsis_prizes").stdout)
    assert len(records) == 18 * 17
    assert all(list(record["items_by_source"]) == ["wsis_prizes"] for record in records)
    assert records[0]["region_items"] == {"wsis_prizes": 155}
    assert sum(record["items"] for record in records) == 0


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ("--region", "Mars"),
            "error: --region 'Mars': expected one of Africa, Americas, Arab States, Asia-Pacific, CIS, Europe\n",
        ),
        (("--source", "nope"), "error: --source 'nope': expected one of itu_activities, wsis_prizes\n"),
        (("--c7", "half"), "error: --c7 'half': expected one of split, merged\n"),
    ],
)
def test_analytics_evidence_refuses_a_bad_argument_with_one_error_line(run, args, error):
    result = run("analytics", "evidence", "--json", *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", error)
