"""`python -m analytics summary --json` on the committed data, and the rule that analytics never imports Streamlit."""

import ast
import json
import subprocess
import sys

from tests.conftest import ROOT


def test_summary_json_prints_the_headline_figures():
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "summary", "--json"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == {
        "coverage_pairs",
        "uncovered_targets",
        "top_action_lines_by_goal_degree",
        "communities",
        "evidence",
        "hlpf_2025_top_action_lines",
    }
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "wsis_data", "summary", "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert summary["coverage_pairs"] == data["al_goal_pairs"]
    assert summary["uncovered_targets"] == 169 - data["distinct_targets_linked"]
    assert summary["top_action_lines_by_goal_degree"][0] == max(data["goals_per_al"], key=data["goals_per_al"].get)
    assert set(summary["evidence"]) == {"supported", "unsupported", "candidate"}
    assert summary["evidence"]["supported"] + summary["evidence"]["unsupported"] == summary["coverage_pairs"]
    assert len(summary["hlpf_2025_top_action_lines"]) == 3


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_analytics_and_the_data_layer_never_import_streamlit():
    for package in ("analytics", "wsis_data"):
        for path in (ROOT / package).rglob("*.py"):
            assert "streamlit" not in imported_modules(path), path
