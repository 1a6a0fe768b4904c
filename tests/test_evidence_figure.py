"""The evidence heatmap: its frame (axes, header band, legend, click layer) is built once per rows, goals and
language, and each figure fills in its cells and title; the figures are what plotly's validation makes of them.

The statuses and counts here are SYNTHETIC, made by code.
"""

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import pytest

from analytics import charts
from analytics.evidence import VERDICT_STATUSES
from messages import t

ROWS = ["C1", "C2", "C7.3"]


def synthetic_cells(goals: list[int], seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return a SYNTHETIC status matrix and its item counts (none where no item pairs the cell)."""
    rng = np.random.default_rng(seed)
    status = pd.DataFrame(
        np.asarray(VERDICT_STATUSES, dtype=object)[rng.integers(0, len(VERDICT_STATUSES), (len(ROWS), len(goals)))],
        index=pd.Index(ROWS, name="action_line"),
        columns=goals,
    )
    paired = status.isin(["supported", "candidate"]).to_numpy()
    counts = pd.DataFrame(rng.integers(1, 5000, status.shape) * paired, index=status.index, columns=goals)
    return status, counts


def as_json(figure: go.Figure) -> dict:
    return json.loads(plotly.io.to_json(figure, validate=False))


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_evidence_figure_is_what_plotly_validation_makes_of_it(lang):
    status, counts = synthetic_cells([1, 4, 9, 17], seed=3)
    figure = charts.evidence_heatmap(status, counts, lang, "SYNTHETIC <b>title</b>")
    assert as_json(go.Figure(figure.to_dict())) == as_json(figure)


def test_each_cell_shows_its_status_mark_and_count_and_says_both_on_hover():
    goals = [2, 3, 5, 8, 16]
    status, counts = synthetic_cells(goals, seed=11)
    figure = charts.evidence_heatmap(status, counts, "fr", "Éléments")
    heatmap, click_layer = figure.data[0], figure.data[1]
    cells = [(row, goal) for row in ROWS for goal in goals]
    assert np.asarray(heatmap.z).tolist() == [
        [VERDICT_STATUSES.index(status.loc[row, goal]) for goal in goals] for row in ROWS
    ]
    assert [list(row) for row in heatmap.text] == [
        [
            charts.EVIDENCE_STYLE[status.loc[row, goal]][1]
            + (str(counts.loc[row, goal]) if counts.loc[row, goal] else "")
            for goal in goals
        ]
        for row in ROWS
    ]
    assert list(click_layer.text) == [
        f"{t('evidence.status.' + status.loc[row, goal], 'fr')} · {t('value.evidence_items', 'fr')}: "
        f"{counts.loc[row, goal]}"
        for row, goal in cells
    ]
    assert [tuple(point) for point in click_layer.customdata] == [(row, str(goal)) for row, goal in cells]
    assert figure.layout.title.text == "Éléments"


def test_a_figure_changed_after_it_was_built_leaves_the_next_ones_as_they_were():
    goals = [1, 2, 3]
    first_cells, other_cells = synthetic_cells(goals, seed=1), synthetic_cells(goals, seed=2)
    expected = as_json(charts.evidence_heatmap(*first_cells, "es", "Primera"))
    changed = charts.evidence_heatmap(*other_cells, "es", "Otra")
    changed.update_layout(title_text="x", legend_x=0.5, shapes=[], annotations=[])
    changed.data[1].marker.color = "red"
    changed.layout.xaxis.title.text = "x"
    assert as_json(charts.evidence_heatmap(*first_cells, "es", "Primera")) == expected


def test_regions_with_other_cells_share_everything_but_the_cells_and_the_title():
    goals = list(range(1, 18))
    africa = as_json(charts.evidence_heatmap(*synthetic_cells(goals, seed=5), "ru", "Africa"))
    europe = as_json(charts.evidence_heatmap(*synthetic_cells(goals, seed=6), "ru", "Europe"))
    for figure in (africa, europe):
        figure["data"][0].pop("z"), figure["data"][0].pop("text"), figure["data"][1].pop("text")
        figure["layout"].pop("title")
    assert africa == europe
