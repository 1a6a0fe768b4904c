"""Plotly figure builders for the dashboard and the exports: each returns a figure and touches no UI.

Every chart carries its values as text as well as colour, so nothing is conveyed by colour alone, and takes
its words from the message catalog in the chosen language.
"""

from collections.abc import Sequence

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from analytics.evidence import EVIDENCE_STATUSES, REPORTED_STATUSES
from messages import t
from wsis_data.constants import PALETTES, RIGHT_TO_LEFT_LANGUAGES, SDG_COLOURS

FONT_FAMILY = "Noto Sans, Noto Sans Arabic, Noto Sans CJK SC, Arial, sans-serif"
SEQUENTIAL_SCALES = dict(zip(PALETTES, ("Blues", "Cividis"), strict=True))
# Okabe–Ito colours: distinguishable with the common forms of colour blindness.
CATEGORY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Colour and symbol of each evidence status; the statuses and their order are `EVIDENCE_STATUSES`.
EVIDENCE_STYLE = {
    "supported": ("#009E73", "●"),
    "unsupported": ("#E69F00", "○"),
    "candidate": ("#56B4E9", "◆"),
    "none": ("#F4F4F4", ""),
}
TEXT_COLOUR = "#1F2933"
GOAL_LEVEL_MARK = "•"
CLICK_LAYER = "cells"


def _colorbar(title: str, lang: str, **extra: object) -> dict:
    """Return a colour bar; right to left, it sits on the left so that the row labels can read on the right."""
    bar = {"title": {"text": title}, "thickness": 12, **extra}
    if lang in RIGHT_TO_LEFT_LANGUAGES:
        bar.update(x=-0.08, xanchor="right")
    return bar


def _base_layout(figure: go.Figure, title: str, lang: str, height: int) -> go.Figure:
    figure.update_layout(
        title={
            "text": title,
            "xref": "container",
            "x": 0.98 if lang in RIGHT_TO_LEFT_LANGUAGES else 0.02,
            "xanchor": "right" if lang in RIGHT_TO_LEFT_LANGUAGES else "left",
        },
        font={"family": FONT_FAMILY, "color": TEXT_COLOUR, "size": 13},
        height=height,
        margin={"l": 90, "r": 120, "t": 110, "b": 60}
        if lang in RIGHT_TO_LEFT_LANGUAGES
        else {"l": 70, "r": 30, "t": 110, "b": 60},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
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
                    "font": {"color": "white", "size": 11},
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
    figure.update_xaxes(title=x_title, type="category", autorange="reversed" if right_to_left else True, **x_options)
    figure.update_yaxes(
        title=t("axis.action_line", lang),
        type="category",
        autorange="reversed",
        side="right" if right_to_left else "left",
        automargin=True,
        title_standoff=14,
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
            GOAL_LEVEL_MARK if mark else ("" if v == 0 else (f"{v:.0%}" if value == "share" else f"{v:g}"))
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
            colorscale=SEQUENTIAL_SCALES.get(palette, "Blues"),
            zmin=0,
            xgap=1,
            ygap=1,
            hoverinfo="skip",
            colorbar=_colorbar(colour_label, lang),
        )
    )
    cell_x = [column for _ in rows for column in columns]
    cell_y = [row for row in rows for _ in columns]
    cell_values = [text_value or "0" for row in text for text_value in row]
    axis_x = t("axis.goal" if level == "goal" else "axis.target", lang)
    figure.add_trace(
        go.Scatter(
            name=CLICK_LAYER,
            x=cell_x,
            y=cell_y,
            mode="markers",
            marker={"symbol": "square", "size": 22 if level == "goal" else 6, "color": "rgba(0,0,0,0.004)"},
            customdata=list(zip(cell_y, cell_x, strict=True)),
            hovertemplate=f"{t('axis.action_line', lang)}: %{{y}}<br>{axis_x}: %{{x}}<br>{colour_label}: "
            + "%{text}<extra></extra>",
            text=cell_values,
            showlegend=False,
            selected={"marker": {"color": "rgba(0,0,0,0.25)"}},
            unselected={"marker": {"opacity": 1}},
        )
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
    return _base_layout(figure, title or t(f"chart.coverage.{level}", lang), lang, 140 + 30 * len(rows))


def ranking_bar(frame: pd.DataFrame, category: str, value: str, lang: str, title: str, value_label: str) -> go.Figure:
    """Return a horizontal bar chart of a ranking, largest on top, with the values written on the bars."""
    figure = go.Figure(
        go.Bar(
            x=frame[value],
            y=frame[category].astype(str),
            orientation="h",
            text=frame[value],
            textposition="outside",
            marker={"color": CATEGORY_COLOURS[0]},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed", type="category", title="")
    figure.update_xaxes(title=value_label, autorange="reversed" if lang in RIGHT_TO_LEFT_LANGUAGES else True)
    return _base_layout(figure, title, lang, 120 + 26 * len(frame))


def evidence_heatmap(status: pd.DataFrame, counts: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Return the evidence view: each cell coloured and marked by its status, with a legend of the four statuses."""
    order = list(EVIDENCE_STATUSES)
    codes = status.apply(lambda column: column.map(order.index)).to_numpy()
    scale = []
    for index, name in enumerate(order):
        scale += [(index / len(order), EVIDENCE_STYLE[name][0]), ((index + 1) / len(order), EVIDENCE_STYLE[name][0])]
    symbols = status.apply(lambda column: column.map(lambda s: EVIDENCE_STYLE[s][1])).to_numpy()
    columns, rows = [str(c) for c in status.columns], [str(r) for r in status.index]
    hover = [
        [
            f"{t('evidence.' + status.iat[i, j], lang)} · {t('value.activities', lang)}: {counts.iat[i, j]}"
            for j in range(len(columns))
        ]
        for i in range(len(rows))
    ]
    figure = go.Figure(
        go.Heatmap(
            z=codes,
            x=columns,
            y=rows,
            zmin=-0.5,
            zmax=len(order) - 0.5,
            colorscale=scale,
            showscale=False,
            text=symbols,
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{y} × SDG %{x}: %{customdata}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    for name in REPORTED_STATUSES:
        colour, symbol = EVIDENCE_STYLE[name]
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"{symbol} {t('evidence.' + name, lang)}",
                marker={"color": colour, "size": 12, "symbol": "square"},
            )
        )
    _matrix_axes(figure, lang, t("axis.goal", lang))
    figure.update_layout(legend={"orientation": "h", "y": -0.12, "x": 0})
    _goal_headers(figure, columns, set(), "goal")
    return _base_layout(figure, title or t("chart.evidence", lang), lang, 200 + 28 * len(rows))


def difference_heatmap(difference: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Return a diverging heatmap of regional minus global shares, centred on zero, values written in the cells."""
    values = difference.to_numpy()
    limit = max(abs(values).max(), 0.01)
    text = [[("" if v == 0 else f"{v * 100:+.1f}") for v in row] for row in values]
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
            hovertemplate="%{y} × SDG %{x}: %{z:+.2f}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    _matrix_axes(figure, lang, t("axis.goal", lang))
    return _base_layout(figure, title, lang, 140 + 28 * len(difference))


def network_figure(graph: nx.Graph, layout: dict, measures: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Return the linkage network: nodes coloured by community and shaped by kind, labelled, edges by weight."""
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
    for community in sorted(indexed["community"].unique()):
        members = indexed[indexed["community"] == community]
        figure.add_trace(
            go.Scatter(
                x=[layout[node][0] for node in members.index],
                y=[layout[node][1] for node in members.index],
                mode="markers+text",
                name=t("graph.community", lang, number=int(community) + 1),
                # The community number is written beside each label, so it is not told by colour alone.
                text=[f"{label} ·{int(community) + 1}" for label in members["label"]],
                textposition="top center",
                marker={
                    "size": [9 + 1.2 * min(degree, 16) for degree in members["degree"]],
                    "color": CATEGORY_COLOURS[int(community) % len(CATEGORY_COLOURS)],
                    "symbol": ["circle" if kind == "action_line" else "square" for kind in members["kind"]],
                    "line": {"width": 1, "color": "white"},
                },
                customdata=list(zip(members["degree"], members["betweenness"], strict=True)),
                hovertemplate="%{text}<br>"
                + t("measure.degree", lang)
                + ": %{customdata[0]}<br>"
                + t("measure.betweenness", lang)
                + ": %{customdata[1]:.3f}<extra></extra>",
            )
        )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(legend={"title": {"text": t("graph.legend", lang)}, "orientation": "h", "y": -0.02})
    return _base_layout(figure, title, lang, 720)


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
            colorbar=_colorbar(t("value.activities", lang), lang, dtick=1),
            hovertemplate="%{text}: %{z}<extra></extra>",
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
