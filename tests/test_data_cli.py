"""The data layer's command line: summary and validate, run as a user would."""

import json
import subprocess
import sys

from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wsis_data", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_summary_json_prints_the_canonical_counts():
    result = run("summary", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["action_lines"] == 18
    assert summary["al_goal_pairs"] == sum(summary["goals_per_al"].values()) == sum(summary["als_per_goal"].values())
    assert summary["sdg_targets"] == {lang: 169 for lang in ("ar", "zh", "en", "es", "fr", "ru")}
    assert summary["activities"] == sum(summary["activities_per_region"].values())


def test_summary_needs_no_shared_folder(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, wsis_data.summary as s, wsis_data.dataset as d; print(json.dumps(s.data_summary(d.committed_dataset())))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rationale_entries"] == 146


def test_validate_accepts_a_good_file(activity_fixture):
    result = run("validate", str(activity_fixture("valid.csv")))
    assert (result.returncode, result.stdout) == (0, "ok: 2 activities\n")


def test_validate_exits_2_with_one_problem_per_line(activity_fixture):
    result = run("validate", str(activity_fixture("unknown_codes.csv")))
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert lines[0] == "row 2, column action_lines: 'C12' — expected an action line code C1–C11 or C7.1–C7.8"


def test_validate_reports_file_level_problems_without_row_or_column(activity_fixture):
    result = run("validate", str(activity_fixture("missing_column.csv")))
    assert (result.returncode, result.stdout) == (2, "missing required column(s): sdg_targets\n")


def test_validate_reports_a_missing_file(tmp_path):
    result = run("validate", str(tmp_path / "nope.csv"))
    assert result.returncode == 2
    assert "cannot read the file" in result.stdout
