"""The SDG header band over the matrix heatmaps: built in one pass, drawn exactly as before."""

import json
from pathlib import Path

import pandas as pd
import pytest

from analytics import charts

# Shapes and annotations that the per-column `add_shape`/`add_annotation` band produced for the figures below.
RECORDED = json.loads((Path(__file__).parent / "fixtures" / "charts" / "goal_headers.json").read_text())


def _figures():
    """Return the heatmaps of small SYNTHETIC matrices: only their labels and shape matter to the band."""
    goal = pd.DataFrame(
        [[1, 0, 2] * 5 + [0, 3], [0, 4, 0] * 5 + [1, 0]],
        index=["C1", "C7.1"],
        columns=[str(goal) for goal in range(1, 18)],
    )
    target = pd.DataFrame(
        [[1, 0, 1, 0, 1, 1, 0, 1]], index=["C3"], columns=["1.1", "1.2", "1.a", "2.1", "4.4", "4.a", "9.c", "17.8"]
    )
    goals = ["1", "2", "3", "4", "5"]
    status = pd.DataFrame([["supported", "none", "candidate", "unsupported", "none"]], index=["C1"], columns=goals)
    counts = pd.DataFrame([[3, 0, 1, 0, 0]], index=["C1"], columns=goals)
    return {
        "goal_level": charts.coverage_heatmap(goal, "en", highlight_goals=(4, 9, 17)),
        "target_level_arabic": charts.coverage_heatmap(
            target, "ar", value="linked", level="target", highlight_goals=(1,)
        ),
        "evidence": charts.evidence_heatmap(status, counts, "fr"),
    }


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_the_header_band_draws_the_same_shapes_and_annotations_as_the_per_column_band_did(name):
    layout = _figures()[name].to_plotly_json()["layout"]
    assert layout["shapes"] == RECORDED[name]["shapes"]
    assert layout["annotations"] == RECORDED[name]["annotations"]


def test_the_header_band_has_one_box_per_column_and_one_outline_per_highlighted_column():
    shapes = _figures()["goal_level"].layout.shapes
    header_boxes = [shape for shape in shapes if shape.y0 == 1.01]
    outlines = [shape for shape in shapes if shape.y0 == 0]
    assert [box.fillcolor for box in header_boxes] == [charts.SDG_COLOURS[goal] for goal in range(1, 18)]
    assert [(outline.x0 + outline.x1) / 2 for outline in outlines] == [3, 8, 16]
