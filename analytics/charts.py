"""Plotly figure builders for the dashboard and the exports: each returns a figure and touches no UI.

Every chart carries its values as text as well as colour, so nothing is conveyed by colour alone, and takes
its words from the message catalog in the chosen language.
"""

import html
import math
import textwrap
from collections.abc import Mapping, Sequence
from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from analytics.evidence import VERDICT_STATUSES
from analytics.graphs import goal_node
from analytics.localise import verification_label
from messages import number, percent, t
from wsis_data.constants import BABEL_LOCALES, PALETTES, RIGHT_TO_LEFT_LANGUAGES, SDG_COLOURS, SDG_GOALS

FONT_FAMILY = "Noto Sans, Noto Sans Arabic, Noto Sans CJK SC, Arial, sans-serif"
# Each palette runs from its light end to its dark end; an empty cell (0) is near-white in every palette, so that
# the eye reads the linked cells, not the empty ones (Cividis alone would paint 0 dark navy).
SEQUENTIAL_SCALES = dict(zip(PALETTES, ("Blues", "Cividis_r"), strict=True))
EMPTY_CELL = "#F5F7FA"
# Plotly cuts a bar chart's count axis into halves (0.5, 1.5) unless told to step by whole numbers.
COUNT_TICKS = 6
# Okabe–Ito colours: distinguishable with the common forms of colour blindness.
CATEGORY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Colour and symbol of each evidence status; the statuses and their order are `VERDICT_STATUSES`.
EVIDENCE_STYLE = {
    "supported": ("#009E73", "●"),
    "no_evidence": ("#E69F00", "○"),
    "candidate": ("#56B4E9", "◆"),
    "none": ("#F4F4F4", ""),
}
TEXT_COLOUR = "#1F2933"
# A legend below the plot is anchored this many pixels above the figure's bottom edge (the caption goes under it).
LEGEND_GAP = 8
GOAL_LEVEL_MARK = "•"
CLICK_LAYER = "cells"


def sequential_scale(palette: str) -> list[list]:
    """Return a palette's colour scale with an exact 0 near-white and values above it on the palette's light-to-dark
    range."""
    colours = plotly.colors.get_colorscale(SEQUENTIAL_SCALES.get(palette, "Blues"))
    return [[0.0, EMPTY_CELL], *([max(position, 1e-6), colour] for position, colour in colours)]


def two_state_scale(palette: str) -> list[list]:
    """Return a two-colour scale for yes/no cells: near-white for no, the palette's dark end for yes."""
    dark = plotly.colors.get_colorscale(SEQUENTIAL_SCALES.get(palette, "Blues"))[-1][1]
    return [[0.0, EMPTY_CELL], [0.5, EMPTY_CELL], [0.5, dark], [1.0, dark]]


def count_ticks(maximum: float) -> dict:
    """Return axis settings that tick a count in whole numbers, about `COUNT_TICKS` of them from 0."""
    step = max(1, math.ceil(maximum / COUNT_TICKS)) if maximum == maximum else 1
    return {"tick0": 0, "dtick": step, "tickformat": ",d"}


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a colour (`#RRGGBB` or `rgb(r, g, b)`)."""
    red, green, blue = plotly.colors.hex_to_rgb(colour) if colour.startswith("#") else plotly.colors.unlabel_rgb(colour)

    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def label_colour(background: str) -> str:
    """Return white or black, whichever contrasts more with `background` (WCAG ratio)."""
    return max(("#FFFFFF", "#000000"), key=lambda colour: contrast_ratio(colour, background))


def _legend_below(lang: str, **extra: object) -> dict:
    """Return a horizontal legend under the plot, anchored to the figure's bottom edge (the caption shifts it)."""
    right_to_left = lang in RIGHT_TO_LEFT_LANGUAGES
    return {
        "orientation": "h",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
        "x": 1 if right_to_left else 0,
        "xanchor": "right" if right_to_left else "left",
        **extra,
    }


def _colorbar(title: str, lang: str, **extra: object) -> dict:
    """Return a colour bar; right to left, it sits on the left so that the row labels can read on the right."""
    bar = {"title": {"text": title}, "thickness": 12, **extra}
    if lang in RIGHT_TO_LEFT_LANGUAGES:
        bar.update(x=-0.08, xanchor="right")
    return bar


# Pixels between an axis's tick labels and its title, and between the plot and the tick labels.
AXIS_TITLE_STANDOFF = 16
TICK_LABEL_STANDOFF = 6


def _base_layout(figure: go.Figure, title: str, lang: str, height: int) -> go.Figure:
    locale = BABEL_LOCALES[lang]
    figure.update_layout(
        # Decimal sign and digit grouping of the language on every axis and colour bar (French 1 234,5).
        separators=get_decimal_symbol(locale) + get_group_symbol(locale),
        title={
            "text": title,
            "xref": "container",
            "x": 0.98 if lang in RIGHT_TO_LEFT_LANGUAGES else 0.02,
            "xanchor": "right" if lang in RIGHT_TO_LEFT_LANGUAGES else "left",
        },
        font={"family": FONT_FAMILY, "color": TEXT_COLOUR, "size": 13},
        height=height,
        # No padding between the plot and its tick labels: the axis title's standoff is counted from the labels
        # without it, so a theme's padding (Streamlit's is 8 px) pushes the labels under the title.
        margin={"l": 90, "r": 120, "t": 110, "b": 60, "pad": 0}
        if lang in RIGHT_TO_LEFT_LANGUAGES
        else {"l": 70, "r": 30, "t": 110, "b": 60, "pad": 0},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    # Row labels (action line codes) clear of the bars and cells they name, on screen and in every export.
    figure.update_yaxes(ticklabelstandoff=TICK_LABEL_STANDOFF)
    return figure


def _column_box(index: int, bottom: float, top: float, **style: object) -> dict:
    """Return a rectangle over one category column, between two heights given as fractions of the plot."""
    return {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": index - 0.5,
        "x1": index + 0.5,
        "y0": bottom,
        "y1": top,
        **style,
    }


def _goal_headers(figure: go.Figure, columns: Sequence, highlight: set[int], level: str) -> None:
    """Colour a header band above each column by its goal, and outline the goals under HLPF review."""
    goals = [int(str(column).split(".")[0]) for column in columns]
    shapes, annotations = [], []
    for index, goal in enumerate(goals):
        shapes.append(_column_box(index, 1.01, 1.07, fillcolor=SDG_COLOURS[goal], line={"width": 0}))
        if level == "goal" or index == 0 or goals[index - 1] != goal:
            label = f"★{goal}" if goal in highlight else str(goal)
            annotations.append(
                {
                    "x": index if level == "goal" else index - 0.5,
                    "y": 1.04,
                    "xref": "x",
                    "yref": "paper",
                    "text": f"<b>{label}</b>",
                    "showarrow": False,
                    "xanchor": "center" if level == "goal" else "left",
                    "font": {"color": label_colour(SDG_COLOURS[goal]), "size": 11},
                }
            )
    for index, goal in enumerate(goals):
        if goal in highlight:
            shapes.append(_column_box(index, 0, 1.0, line={"color": "#111111", "width": 2}, fillcolor="rgba(0,0,0,0)"))
    # One assignment: add_shape and add_annotation re-validate every item so far on each call, which made the
    # target-level band (about 170 columns) cost seconds.
    figure.update_layout(
        shapes=[*figure.layout.shapes, *shapes], annotations=[*figure.layout.annotations, *annotations]
    )


def _matrix_axes(figure: go.Figure, lang: str, x_title: str, **x_options: object) -> None:
    """Lay out the category axes of an action line matrix: goals left to right (right to left in Arabic),
    action lines top to bottom, their labels on the reading side."""
    right_to_left = lang in RIGHT_TO_LEFT_LANGUAGES
    # No grid lines: the cells are the grid, and a theme's lines (Streamlit's) would stick out beside the matrix.
    figure.update_xaxes(
        title=x_title,
        type="category",
        autorange="reversed" if right_to_left else True,
        showgrid=False,
        zeroline=False,
        **x_options,
    )
    figure.update_yaxes(
        title=t("axis.action_line", lang),
        type="category",
        autorange="reversed",
        side="right" if right_to_left else "left",
        automargin=True,
        title_standoff=AXIS_TITLE_STANDOFF,
        showgrid=False,
        zeroline=False,
    )


def _click_layer(
    figure: go.Figure, rows: list[str], columns: list[str], text: list[str], size: int, hovertemplate: str
) -> None:
    """Add a near-transparent marker over every cell, carrying (row, column), so that a click selects the cell."""
    cell_x = [column for _ in rows for column in columns]
    cell_y = [row for row in rows for _ in columns]
    figure.add_trace(
        go.Scatter(
            name=CLICK_LAYER,
            x=cell_x,
            y=cell_y,
            mode="markers",
            marker={"symbol": "square", "size": size, "color": "rgba(0,0,0,0.004)"},
            customdata=list(zip(cell_y, cell_x, strict=True)),
            hovertemplate=hovertemplate,
            text=text,
            showlegend=False,
            selected={"marker": {"color": "rgba(0,0,0,0.25)"}},
            unselected={"marker": {"opacity": 1}},
        )
    )


def coverage_heatmap(
    matrix: pd.DataFrame,
    lang: str,
    value: str = "targets",
    level: str = "goal",
    highlight_goals: Sequence[int] = (),
    palette: str = "sdg",
    title: str | None = None,
    goal_level_only: pd.DataFrame | None = None,
) -> go.Figure:
    """Return the action line × goal (or target) heatmap with SDG-coloured headers and a clickable cell layer.

    `goal_level_only` marks cells whose only link names the goal and no target: they show `•` rather than 0.
    """
    columns = [str(column) for column in matrix.columns]
    rows = [str(row) for row in matrix.index]
    values = matrix.to_numpy()
    marks = goal_level_only.to_numpy() if goal_level_only is not None else values != values
    text = [
        [
            GOAL_LEVEL_MARK if mark else ("" if v == 0 else _cell_text(v, value, lang))
            for v, mark in zip(row, mark_row, strict=True)
        ]
        for row, mark_row in zip(values, marks, strict=True)
    ]
    colour_label = t(f"value.{value}", lang)
    figure = go.Figure(
        go.Heatmap(
            z=values,
            x=columns,
            y=rows,
            text=text,
            texttemplate="%{text}" if level == "goal" else "",
            xgap=1,
            ygap=1,
            hoverinfo="skip",
            showlegend=False,
            **_cell_colours(values, value, palette, colour_label, lang),
        )
    )
    cell_values = [text_value or "0" for row in text for text_value in row]
    axis_x = t("axis.goal" if level == "goal" else "axis.target", lang)
    _click_layer(
        figure,
        rows,
        columns,
        cell_values,
        22 if level == "goal" else 6,
        f"{t('axis.action_line', lang)}: %{{y}}<br>{axis_x}: %{{x}}<br>{colour_label}: %{{text}}<extra></extra>",
    )
    _matrix_axes(
        figure,
        lang,
        axis_x,
        side="bottom",
        tickangle=0 if level == "goal" else -90,
        tickfont={"size": 11 if level == "goal" else 8},
    )
    _goal_headers(figure, columns, set(highlight_goals), level)
    figure.update_layout(clickmode="event+select", dragmode=False)
    if title is None:
        # The title names the value the cells show: linked targets, linked or not, or the share of targets.
        title = t(
            f"chart.coverage.{level}" if value == "targets" or level == "target" else f"chart.coverage.{value}", lang
        )
    return _base_layout(figure, title, lang, 140 + 30 * len(rows))


def _cell_text(value: float, kind: str, lang: str) -> str:
    """Return a cell's value as written in it: a percentage for shares, a count otherwise."""
    return percent(value, lang) if kind == "share" else number(value, lang)


def _cell_colours(values, kind: str, palette: str, label: str, lang: str) -> dict:
    """Return the colour settings of a matrix heatmap: two states for yes/no cells, else a scale whose ticks
    match the values (whole numbers for counts, percentages for shares)."""
    if kind == "linked":
        ticks = {"tickvals": [0.25, 0.75], "ticktext": [t("value.linked.no", lang), t("value.linked.yes", lang)]}
        return {
            "zmin": 0,
            "zmax": 1,
            "colorscale": two_state_scale(palette),
            "colorbar": _colorbar(label, lang, **ticks),
        }
    maximum = float(values.max()) if values.size else 0.0
    ticks = {"tickformat": ".0%"} if kind == "share" else count_ticks(maximum)
    return {
        "zmin": 0,
        "zmax": max(maximum, 1e-9 if kind == "share" else 1),
        "colorscale": sequential_scale(palette),
        "colorbar": _colorbar(label, lang, **ticks),
    }


def ranking_bar(frame: pd.DataFrame, category: str, value: str, lang: str, title: str, value_label: str) -> go.Figure:
    """Return a horizontal bar chart of a ranking, largest on top, with the values written on the bars."""
    figure = go.Figure(
        go.Bar(
            x=frame[value],
            y=frame[category].astype(str),
            orientation="h",
            text=frame[value],
            textposition="outside",
            # The longest bar's value is written past the plot's edge: kept, not clipped.
            cliponaxis=False,
            marker={"color": CATEGORY_COLOURS[0]},
            hovertemplate="%{y}: %{x}<extra></extra>",
            showlegend=False,
        )
    )
    right_to_left = lang in RIGHT_TO_LEFT_LANGUAGES
    maximum = float(frame[value].max()) if len(frame) else 1.0
    figure.update_yaxes(
        autorange="reversed", type="category", title="", side="right" if right_to_left else "left", automargin=True
    )
    figure.update_xaxes(
        title=value_label,
        range=[maximum * 1.08, 0] if right_to_left else [0, maximum * 1.08],
        **count_ticks(maximum),
    )
    return _base_layout(figure, title, lang, 120 + 26 * len(frame))


def evidence_heatmap(status: pd.DataFrame, items: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Return the evidence view: each cell coloured and marked by its status, its item count written, a legend.

    The statuses are `VERDICT_STATUSES`; a click on a cell selects it (the click layer carries row and goal).
    """
    rows, columns = tuple(str(r) for r in status.index), tuple(str(c) for c in status.columns)
    position = {name: index for index, name in enumerate(VERDICT_STATUSES)}
    cells = list(
        zip([position[name] for name in status.to_numpy().ravel()], items.to_numpy().ravel().tolist(), strict=True)
    )
    marks = [EVIDENCE_STYLE[VERDICT_STATUSES[code]][1] + (f"{count:d}" if count else "") for code, count in cells]
    labels = [
        f"{t('evidence.status.' + name, lang)} · {t('value.evidence_items', lang)}: " for name in VERDICT_STATUSES
    ]
    frame = _evidence_frame(rows, columns, lang)
    heatmap, click_layer, *legend = frame["data"]
    width = len(columns)
    # Each trace and the layout copied one level down, the levels a new figure replaces: plotly pops a trace's
    # `type` while it reads it, and the frame is shared by every session of the process.
    data = [
        {
            **heatmap,
            "z": np.array([code for code, _ in cells], dtype=np.int64).reshape(len(rows), width),
            "text": [marks[start : start + width] for start in range(0, len(marks), width)],
        },
        {**click_layer, "text": [labels[code] + str(count) for code, count in cells]},
        *(dict(trace) for trace in legend),
    ]
    layout = {**frame["layout"], "title": {**frame["layout"]["title"], "text": title}}
    # The frame was validated when it was built, and the cells only fill its arrays with codes and strings: plotly's
    # validation of the whole figure again (the click layer's arrays, the header band) cost ten times the rest.
    return go.Figure({"data": data, "layout": layout}, _validate=False)


# A frame per row set, goal set and language (about 50 KiB with one goal, 120 KiB with all 17): the default view in
# both C7 modes and six languages, and a few SDG choices.
EVIDENCE_FRAMES = 24


@lru_cache(maxsize=EVIDENCE_FRAMES)
def _evidence_frame(rows: tuple[str, ...], columns: tuple[str, ...], lang: str) -> dict:
    """Return the evidence view of empty cells as a figure's dict: what only the rows, goals and language decide
    (axes, header band, legend, the click layer's places) built and validated once; the cells and title fill it."""
    order = list(VERDICT_STATUSES)
    scale = []
    for index, name in enumerate(order):
        scale += [(index / len(order), EVIDENCE_STYLE[name][0]), ((index + 1) / len(order), EVIDENCE_STYLE[name][0])]
    empty = [["" for _ in columns] for _ in rows]
    figure = go.Figure(
        go.Heatmap(
            z=[[0 for _ in columns] for _ in rows],
            x=list(columns),
            y=list(rows),
            zmin=-0.5,
            zmax=len(order) - 0.5,
            colorscale=scale,
            showscale=False,
            text=empty,
            texttemplate="%{text}",
            hoverinfo="skip",
            xgap=1,
            ygap=1,
            showlegend=False,
        )
    )
    hover = [text for row in empty for text in row]
    _click_layer(
        figure,
        list(rows),
        list(columns),
        hover,
        22,
        f"%{{y}} × {t('axis.goal', lang)} %{{x}}: %{{text}}<extra></extra>",
    )
    for name in VERDICT_STATUSES[:3]:
        colour, symbol = EVIDENCE_STYLE[name]
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"{symbol} {t('evidence.status.' + name, lang)}",
                marker={"color": colour, "size": 12, "symbol": "square"},
            )
        )
    _matrix_axes(figure, lang, t("axis.goal", lang))
    _goal_headers(figure, columns, set(), "goal")
    _base_layout(figure, "", lang, 230 + 28 * len(rows))
    figure.update_layout(legend=_legend_below(lang), margin={"b": 110}, clickmode="event+select", dragmode=False)
    return figure.to_dict()


def difference_heatmap(difference: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Return a diverging heatmap of regional minus global shares, centred on zero, values written in the cells."""
    values = difference.to_numpy()
    limit = max(abs(values).max(), 0.01)
    text = [[("" if v == 0 else _signed(v * 100, lang)) for v in row] for row in values]
    figure = go.Figure(
        go.Heatmap(
            z=values * 100,
            x=[str(c) for c in difference.columns],
            y=[str(r) for r in difference.index],
            zmid=0,
            zmin=-limit * 100,
            zmax=limit * 100,
            colorscale="RdBu",
            text=text,
            texttemplate="%{text}",
            colorbar=_colorbar(t("value.difference_points", lang), lang),
            hovertemplate=f"%{{y}} × {t('axis.goal', lang)} %{{x}}: %{{z:+.2f}}<extra></extra>",
            xgap=1,
            ygap=1,
            showlegend=False,
        )
    )
    _matrix_axes(figure, lang, t("axis.goal", lang))
    return _base_layout(figure, title, lang, 140 + 28 * len(difference))


def change_heatmap(counts: pd.DataFrame, lang: str, title: str, palette: str = "sdg") -> go.Figure:
    """Return the action line × goal heatmap of changes between editions, `+added −removed ~changed` in each cell."""
    rows = list(dict.fromkeys(counts["action_line"]))
    goals = list(dict.fromkeys(counts["goal"]))
    grid = counts.set_index(["action_line", "goal"])
    total = grid["total"].unstack("goal").reindex(index=rows, columns=goals)
    words = grid.apply(
        lambda cell: " ".join(
            f"{sign}{cell[kind]}" for sign, kind in (("+", "added"), ("−", "removed"), ("~", "changed")) if cell[kind]
        ),
        axis=1,
    )
    text = words.unstack("goal").reindex(index=rows, columns=goals).fillna("")
    figure = go.Figure(
        go.Heatmap(
            z=total.to_numpy(),
            x=[str(goal) for goal in goals],
            y=rows,
            zmin=0,
            zmax=max(int(total.to_numpy().max()), 1),
            colorscale=SEQUENTIAL_SCALES[palette],
            text=text.to_numpy(),
            texttemplate="%{text}",
            colorbar=_colorbar(t("value.changes", lang), lang, **count_ticks(float(total.to_numpy().max()))),
            hovertemplate=f"%{{y}} × {t('axis.goal', lang)} %{{x}}: %{{z}} · %{{text}}<extra></extra>",
            xgap=1,
            ygap=1,
            showlegend=False,
        )
    )
    _matrix_axes(figure, lang, t("axis.goal", lang))
    return _base_layout(figure, title, lang, 140 + 28 * len(rows))


def _signed(points: float, lang: str) -> str:
    """Return a difference in points with its sign and one decimal, in the language's number format."""
    return ("+" if points > 0 else "−" if points < 0 else "") + number(abs(points), lang, decimals=1)


# The network's size in an export, and about its width in the page's main column at 1280 pixels; label
# placement measures the labels against it, so that they do not collide on screen either.
NETWORK_WIDTH, NETWORK_HEIGHT = 800, 720
NETWORK_MARGIN = {"l": 30, "r": 30, "t": 110, "b": 100}
LABEL_FONT_SIZE = 11
# An estimate of a label's box in pixels: CJK and Arabic glyphs are wider than the Latin average.
LABEL_CHAR_WIDTH, LABEL_HEIGHT = 0.62 * LABEL_FONT_SIZE, 1.35 * LABEL_FONT_SIZE
LABEL_SIDES = ("top center", "bottom center", "middle right", "middle left")
Box = tuple[float, float, float, float]


def _overlaps(box: Box, others: list[Box]) -> bool:
    left, bottom, right, top = box
    return any(
        left < o_right and o_left < right and bottom < o_top and o_bottom < top
        for o_left, o_bottom, o_right, o_top in others
    )


def label_box(x: float, y: float, text: str, radius: float, side: str) -> Box:
    """Return the pixel box (left, bottom, right, top) a label takes on one side of a marker at (x, y)."""
    width, gap = LABEL_CHAR_WIDTH * len(text), radius + 2
    if side == "top center":
        return (x - width / 2, y + gap, x + width / 2, y + gap + LABEL_HEIGHT)
    if side == "bottom center":
        return (x - width / 2, y - gap - LABEL_HEIGHT, x + width / 2, y - gap)
    if side == "middle right":
        return (x + gap, y - LABEL_HEIGHT / 2, x + gap + width, y + LABEL_HEIGHT / 2)
    return (x - gap - width, y - LABEL_HEIGHT / 2, x - gap, y + LABEL_HEIGHT / 2)


def place_labels(points: list[tuple[float, float, str, float]], order: list[int], bounds: Box) -> list[str | None]:
    """Return a side for each point's label so that no label covers another label or a marker, or None where
    no side is free (that node is named in its hover text and the table).

    `points` are (x, y, text, marker radius) in pixels; labels are placed in `order`, most important first.
    """
    markers = [(x - r, y - r, x + r, y + r) for x, y, _text, r in points]
    placed: list[Box] = []
    sides: list[str | None] = [None] * len(points)
    left, bottom, right, top = bounds
    for index in order:
        x, y, text, radius = points[index]
        for side in LABEL_SIDES:
            box = label_box(x, y, text, radius, side)
            inside = box[0] >= left and box[1] >= bottom and box[2] <= right and box[3] <= top
            others = markers[:index] + markers[index + 1 :]
            if inside and not _overlaps(box, placed) and not _overlaps(box, others):
                sides[index] = side
                placed.append(box)
                break
    return sides


def _marker_size(degree: int) -> float:
    return 9 + 1.2 * min(degree, 16)


def network_figure(graph: nx.Graph, layout: dict, measures: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Return the linkage network: nodes coloured by community and shaped by kind, edges by weight; labels that
    would overlap are left to the hover text and the table (action lines and the best-linked nodes first)."""
    figure = go.Figure()
    edge_x, edge_y = [], []
    for first, second in graph.edges:
        edge_x += [layout[first][0], layout[second][0], None]
        edge_y += [layout[first][1], layout[second][1], None]
    figure.add_trace(
        go.Scatter(
            x=edge_x,
            y=edge_y,
            mode="lines",
            line={"width": 0.7, "color": "#9AA5B1"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    indexed = measures.set_index("node")
    xs = [layout[node][0] for node in indexed.index] or [0.0]
    ys = [layout[node][1] for node in indexed.index] or [0.0]
    pad_x, pad_y = 0.08 * ((max(xs) - min(xs)) or 1), 0.08 * ((max(ys) - min(ys)) or 1)
    x_range, y_range = [min(xs) - pad_x, max(xs) + pad_x], [min(ys) - pad_y, max(ys) + pad_y]
    width = NETWORK_WIDTH - NETWORK_MARGIN["l"] - NETWORK_MARGIN["r"]
    height = NETWORK_HEIGHT - NETWORK_MARGIN["t"] - NETWORK_MARGIN["b"]

    def pixel(node: str) -> tuple[float, float]:
        x, y = layout[node]
        return (
            (x - x_range[0]) / (x_range[1] - x_range[0]) * width,
            (y - y_range[0]) / (y_range[1] - y_range[0]) * height,
        )

    # The community number is written beside each label, so it is not told by colour alone.
    # A goal's node is named in the language ("ODD 4"), as everywhere else; action lines and targets are codes.
    goals = {goal_node(goal): t("connect.node.sdg", lang, goal=goal) for goal in SDG_GOALS}
    texts = {
        node: f"{goals.get(node, label)} ·{int(community) + 1}"
        for node, label, community in zip(indexed.index, indexed["label"], indexed["community"], strict=True)
    }
    nodes = list(indexed.index)
    points = [(*pixel(node), texts[node], _marker_size(indexed.at[node, "degree"]) / 2) for node in nodes]
    order = sorted(
        range(len(nodes)),
        key=lambda i: (indexed.at[nodes[i], "kind"] != "action_line", -indexed.at[nodes[i], "degree"], nodes[i]),
    )
    sides = dict(zip(nodes, place_labels(points, order, (0, 0, width, height)), strict=True))
    for community in sorted(indexed["community"].unique()):
        members = indexed[indexed["community"] == community]
        figure.add_trace(
            go.Scatter(
                x=[layout[node][0] for node in members.index],
                y=[layout[node][1] for node in members.index],
                mode="markers+text",
                name=t("graph.community", lang, number=int(community) + 1),
                text=[texts[node] if sides[node] else "" for node in members.index],
                textposition=[sides[node] or "top center" for node in members.index],
                textfont={"size": LABEL_FONT_SIZE},
                hovertext=[texts[node] for node in members.index],
                marker={
                    "size": [_marker_size(degree) for degree in members["degree"]],
                    "color": CATEGORY_COLOURS[int(community) % len(CATEGORY_COLOURS)],
                    "symbol": ["circle" if kind == "action_line" else "square" for kind in members["kind"]],
                    "line": {"width": 1, "color": "white"},
                },
                customdata=list(zip(members["degree"], members["betweenness"], strict=True)),
                hovertemplate="%{hovertext}<br>"
                + t("measure.degree", lang)
                + ": %{customdata[0]}<br>"
                + t("measure.betweenness", lang)
                + ": %{customdata[1]:.3f}<extra></extra>",
            )
        )
    figure.update_xaxes(visible=False, range=x_range)
    figure.update_yaxes(visible=False, range=y_range)
    _base_layout(figure, title, lang, NETWORK_HEIGHT)
    figure.update_layout(
        legend=_legend_below(lang, title={"text": t("graph.legend", lang)}),
        margin=NETWORK_MARGIN,
        width=NETWORK_WIDTH,
    )
    return figure


def country_map(counts: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Return a choropleth of activities per country (ISO3); the map geometry is served by the app itself."""
    figure = go.Figure(
        go.Choropleth(
            locations=counts["iso3"],
            z=counts["activities"],
            text=counts["country_name"],
            locationmode="ISO-3",
            colorscale="Blues",
            zmin=0,
            marker={"line": {"color": "#8795A1", "width": 0.4}},
            colorbar=_colorbar(
                t("value.activities", lang), lang, **count_ticks(float(counts["activities"].max() or 1))
            ),
            zmax=max(1, int(counts["activities"].max() or 0)),
            hovertemplate="%{text}: %{z}<extra></extra>",
            showlegend=False,
        )
    )
    figure.update_geos(
        projection={"type": "natural earth", "rotation": {"lon": 15}},
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        lataxis={"range": [-58, 85]},
    )
    return _base_layout(figure, title, lang, 480)


CONNECT_NODE_COLOUR = "#0B3C6E"
ACTION_LINE_NODE_COLOUR = "#52606D"
# Official Connect links are drawn solid, curated ones lighter, and curated Connect nodes carry a mark as well,
# so that the basis is not told by colour alone.
CONNECT_LINK_COLOURS = {"official": "rgba(11, 60, 110, 0.55)", "curated": "rgba(11, 60, 110, 0.16)"}
CURATED_MARK = "◇"
MATRIX_LINK_ALPHA = 0.4
HOVER_WIDTH = 70


def _rgba(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[index : index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _hover(*lines: str) -> str:
    """Return hover text from plain lines: escaped (the data is never markup) and wrapped."""
    return "<br>".join("<br>".join(textwrap.wrap(html.escape(line), HOVER_WIDTH)) or "" for line in lines if line)


def connect_sankey(
    flows: pd.DataFrame,
    connect_agenda: pd.DataFrame,
    action_line_titles: Mapping[str, str],
    goal_titles: Mapping[int, str],
    lang: str,
    title: str,
) -> go.Figure:
    """Return the Sankey Connect goal or target → action line → SDG of `connect_flows`: widths count links, SDG
    nodes in their colours, the basis of each Connect link in its hover and as a lighter link and a ◇ when
    curated; read right to left in Arabic, the Connect agenda on the right."""
    agenda = connect_agenda.set_index("connect_code")
    connect = flows[flows["stage"] == "connect"]
    curated = set(connect.loc[connect["basis"] == "curated", "source"])
    nodes: dict[tuple[str, str], int] = {}
    labels, colours, hovers = [], [], []

    def node(kind: str, key: str) -> int:
        if (kind, key) not in nodes:
            nodes[(kind, key)] = len(labels)
            if kind == "connect":
                row = agenda.loc[key]
                labels.append(f"{key} {CURATED_MARK}" if key in curated else key)
                colours.append(CONNECT_NODE_COLOUR)
                hovers.append(
                    _hover(
                        f"{row['agenda']} · {row['goal_name']}",
                        row["text"],
                        verification_label(row["verification"], lang),
                    )
                )
            elif kind == "action_line":
                labels.append(key)
                colours.append(ACTION_LINE_NODE_COLOUR)
                hovers.append(_hover(f"{key}: {action_line_titles.get(key, '')}"))
            else:
                goal = int(key)
                labels.append(t("connect.node.sdg", lang, goal=goal))
                colours.append(SDG_COLOURS[goal])
                hovers.append(_hover(t("connect.node.sdg", lang, goal=goal) + f": {goal_titles.get(goal, '')}"))
        return nodes[(kind, key)]

    sources, targets, values, link_colours, link_hovers = [], [], [], [], []
    for flow in flows.itertuples(index=False):
        first_kind, second_kind = ("connect", "action_line") if flow.stage == "connect" else ("action_line", "sdg")
        ends = [node(first_kind, flow.source), node(second_kind, flow.target)]
        sources.append(ends[0])
        targets.append(ends[1])
        values.append(int(flow.links))
        count = t("connect.links", lang, count=int(flow.links))
        if flow.stage == "connect":
            link_colours.append(CONNECT_LINK_COLOURS[flow.basis])
            basis = t(f"connect.basis.{flow.basis}", lang)
            link_hovers.append(
                _hover(f"{flow.source} → {flow.target}: {count}", basis, flow.rationale, flow.source_url)
            )
        else:
            link_colours.append(_rgba(SDG_COLOURS[int(flow.target)], MATRIX_LINK_ALPHA))
            sdg = t("connect.node.sdg", lang, goal=int(flow.target))
            link_hovers.append(_hover(f"{flow.source} → {sdg}: {count}", t("connect.basis.matrix", lang)))
    right_to_left = lang in RIGHT_TO_LEFT_LANGUAGES
    if right_to_left:
        # Ribbons have no direction: drawing them from the SDGs puts the Connect agenda on the right, where
        # Arabic starts reading.
        sources, targets = targets, sources
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": labels,
                "color": colours,
                "customdata": hovers,
                "hovertemplate": "%{customdata}<extra></extra>",
                "pad": 12,
                "thickness": 16,
                "line": {"color": "white", "width": 0.5},
            },
            link={
                "source": sources,
                "target": targets,
                "value": values,
                "color": link_colours,
                "customdata": link_hovers,
                "hovertemplate": "%{customdata}<extra></extra>",
            },
        )
    )
    if curated:
        # plotly writes the line left to right: the mark goes last to stand at the start of an Arabic line.
        words = (CURATED_MARK, html.escape(t("connect.basis.curated", lang)))
        figure.add_annotation(
            text=" ".join(reversed(words) if right_to_left else words),
            xref="paper",
            yref="paper",
            x=1.0 if right_to_left else 0.0,
            y=-0.06,
            xanchor="right" if right_to_left else "left",
            showarrow=False,
            font={"size": 12},
        )
    return _base_layout(figure, title, lang, 160 + 26 * max(len(connect), flows["target"].nunique()))
