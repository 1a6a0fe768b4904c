"""View models: what each dashboard page shows, computed in one call from the filters, without any UI.

Each function returns frozen data (frames and figures) that a page renders as it is. The pages cache these
calls; the figures are built here so that the exports can use exactly the same ones.
"""

from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import plotly.graph_objects as go

from analytics import charts
from analytics.coverage import coverage_long, coverage_matrix, target_matrix
from analytics.evidence import (
    activity_cells,
    activity_counts,
    country_counts,
    evidence_by_region,
    evidence_cells,
    evidence_matrix,
    region_difference,
    status_counts,
)
from analytics.gaps import (
    CONCENTRATION_EXPLANATION,
    action_line_breadth_ranking,
    concentration,
    gaps_per_goal,
    goal_depth_ranking,
    uncovered_targets,
)
from analytics.graphs import (
    action_line_goal_graph,
    action_line_target_graph,
    export_graph,
    graph_measures,
    stable_layout,
    with_measures,
)
from analytics.hlpf import HlpfFocus, hlpf_focus
from messages import t
from wsis_data import loaders
from wsis_data.activities import split_list
from wsis_data.constants import DEFAULT_HLPF_YEAR, GLOBAL_SCOPE
from wsis_data.summary import data_summary


@dataclass(frozen=True)
class Filters:
    """The global filters of the dashboard, as plain hashable values."""

    lang: str = "en"
    region: str = GLOBAL_SCOPE
    goals: tuple[int, ...] = tuple(range(1, 18))
    hlpf: int = DEFAULT_HLPF_YEAR
    level: str = "goal"
    c7: str = "split"
    palette: str = "sdg"


@dataclass(frozen=True)
class ChartView:
    """A chart with the table behind it, a one-line text summary and a file stem for downloads."""

    figure: go.Figure
    table: pd.DataFrame
    summary: str
    name: str


@dataclass(frozen=True)
class OverviewView:
    """The overview page: headline figures, the matrix at a glance, the HLPF set and the data-quality findings."""

    headline: dict
    heatmap: ChartView
    focus: HlpfFocus
    findings: pd.DataFrame


@dataclass(frozen=True)
class ExplorerView:
    """The matrix explorer: the heatmap at goal or target level and its table."""

    heatmap: ChartView
    gaps: pd.DataFrame
    goal_depth: pd.DataFrame
    action_line_breadth: pd.DataFrame
    concentration: pd.DataFrame
    concentration_note: str


@dataclass(frozen=True)
class GraphView:
    """The linkage graph page: the network chart with its measures, and the graph as GraphML and GEXF."""

    chart: ChartView
    downloads: dict[str, bytes]


@dataclass(frozen=True)
class ActivityView:
    """The activities and regions page."""

    activities: pd.DataFrame
    provenance: pd.DataFrame
    evidence: ChartView
    evidence_by_region: pd.DataFrame
    region_matrix: ChartView
    difference: ChartView | None
    country_map: ChartView
    counts: dict = field(default_factory=dict)


def _heatmap_summary(matrix: pd.DataFrame, lang: str) -> str:
    linked = int((matrix.to_numpy() > 0).sum())
    return t("summary.heatmap", lang, linked=linked, cells=matrix.size, rows=len(matrix), columns=matrix.shape[1])


def _matrix_summary(linked: pd.DataFrame, goal_level_only: pd.DataFrame, lang: str) -> str:
    return (
        _heatmap_summary(linked, lang)
        + " "
        + t("summary.goal_level", lang, count=int(goal_level_only.to_numpy().sum()))
    )


def coverage_chart(filters: Filters, value: str = "targets", highlight: tuple[int, ...] = ()) -> ChartView:
    """Return the coverage heatmap of the filters with its long table."""
    links, targets = loaders.matrix_links(), loaders.sdg_targets()
    if filters.level == "target":
        matrix = target_matrix(links, targets, filters.c7, goals=filters.goals)
        figure = charts.coverage_heatmap(matrix, filters.lang, "linked", "target", highlight, filters.palette)
        return ChartView(
            figure, coverage_long(matrix, "linked"), _heatmap_summary(matrix, filters.lang), "coverage_target"
        )
    target_counts = coverage_matrix(links, targets, "targets", filters.c7, goals=filters.goals)
    linked = coverage_matrix(links, targets, "linked", filters.c7, goals=filters.goals)
    matrix = {"targets": target_counts, "linked": linked}.get(value)
    if matrix is None:
        matrix = coverage_matrix(links, targets, value, filters.c7, goals=filters.goals)
    goal_level_only = (linked > 0) & (target_counts == 0)
    figure = charts.coverage_heatmap(
        matrix,
        filters.lang,
        value,
        "goal",
        highlight,
        filters.palette,
        goal_level_only=goal_level_only if value != "linked" else None,
    )
    table = coverage_long(matrix, value).assign(goal_level_only=coverage_long(goal_level_only, "flag")["flag"])
    return ChartView(figure, table, _matrix_summary(linked, goal_level_only, filters.lang), "coverage_goal")


def overview_view(filters: Filters) -> OverviewView:
    """Return the overview page's content for the filters."""
    focus = hlpf_focus(filters.hlpf, loaders.hlpf_cycles(), loaders.matrix_links(), loaders.rationales(), filters.c7)
    counts = data_summary()
    headline = {
        "action_lines": counts["action_lines"],
        "al_goal_pairs": counts["al_goal_pairs"],
        "al_target_links": counts["al_target_links"],
        "distinct_targets_linked": counts["distinct_targets_linked"],
        "uncovered_targets": len(uncovered_targets(loaders.matrix_links(), loaders.sdg_targets())),
        "activities": counts["activities"],
        "data_quality_findings": counts["data_quality_findings"],
    }
    heatmap = coverage_chart(
        Filters(**{**filters.__dict__, "level": "goal", "goals": tuple(range(1, 18))}), "targets", tuple(focus.sdgs)
    )
    return OverviewView(headline, heatmap, focus, loaders.data_quality())


def explorer_view(filters: Filters, value: str) -> ExplorerView:
    """Return the matrix explorer's heatmap, gaps per goal and concentration for the filters."""
    links, targets = loaders.matrix_links(), loaders.sdg_targets()
    heatmap = coverage_chart(filters, value, ())
    gaps = gaps_per_goal(links, targets)
    return ExplorerView(
        heatmap,
        gaps[gaps["goal"].isin(filters.goals)].reset_index(drop=True),
        goal_depth_ranking(links, targets),
        action_line_breadth_ranking(links, filters.c7),
        concentration(links, filters.c7),
        CONCENTRATION_EXPLANATION,
    )


def graph_view(filters: Filters, kind: str, focus_action_line: str | None) -> GraphView:
    """Return the linkage network (action line–goal or –target) restricted to the selected SDGs or one action line."""
    links = loaders.matrix_links()
    links = links[links["goal"].isin(filters.goals)]
    if focus_action_line:
        links = links[links["action_line"].astype(str) == focus_action_line]
    build = action_line_goal_graph if kind == "goal" else action_line_target_graph
    graph = build(links, filters.c7)
    graph.remove_nodes_from([node for node, degree in dict(graph.degree).items() if degree == 0])
    measures = graph_measures(graph)
    title = t("chart.network." + kind, filters.lang)
    figure = charts.network_figure(graph, stable_layout(graph), measures, filters.lang, title)
    summary = t(
        "summary.network",
        filters.lang,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        communities=measures["community"].nunique() if len(measures) else 0,
    )
    annotated = with_measures(graph)
    downloads = {fmt: export_graph(annotated, fmt) for fmt in ("graphml", "gexf")}
    return GraphView(ChartView(figure, measures, summary, f"linkage_{kind}"), downloads)


@cache
def _curated_cells(c7: str) -> pd.DataFrame:
    return activity_cells(loaders.activity_links(loaders.itu_activities()), c7)


def filter_activities(
    activities: pd.DataFrame, region: str, sectors: tuple[str, ...], goals: tuple[int, ...], action_line: str | None
) -> pd.DataFrame:
    """Return the activities in a region scope (all for Global), of the sectors, touching the goals and action line."""
    mask = activities["sector"].isin(sectors) if sectors else pd.Series(True, index=activities.index)
    if region != GLOBAL_SCOPE:
        mask &= activities["region"] == region
    mask &= activities["sdg_targets"].map(
        lambda cell: any(int(item.split(".")[0]) in goals for item in split_list(cell))
    )
    if action_line:
        mask &= activities["action_lines"].map(lambda cell: action_line in split_list(cell))
    return activities[mask].reset_index(drop=True)


def activity_view(filters: Filters, sectors: tuple[str, ...], action_line: str | None) -> ActivityView:
    """Return the activities page: filtered activities, evidence, region matrix, difference from global and map."""
    lang, region = filters.lang, filters.region
    activities = loaders.itu_activities()
    shown = filter_activities(activities, region, sectors, filters.goals, action_line)
    cells = _curated_cells(filters.c7)
    scope = None if region == GLOBAL_SCOPE else region
    linked = coverage_matrix(loaders.matrix_links(), loaders.sdg_targets(), "linked", filters.c7)
    counts = activity_counts(cells, scope, filters.c7)
    status = evidence_matrix(linked, counts)
    goal_columns = list(filters.goals)
    evidence_table = evidence_cells(linked, counts)
    evidence_table = evidence_table[evidence_table["goal"].isin(goal_columns)].reset_index(drop=True)
    evidence = ChartView(
        charts.evidence_heatmap(
            status[goal_columns],
            counts[goal_columns],
            lang,
            t("chart.evidence.region", lang, region=t("region." + region, lang)),
        ),
        evidence_table,
        t("summary.evidence", lang, **status_counts(status[goal_columns])),
        "evidence",
    )
    region_title = t("chart.region_matrix", lang, region=t("region." + region, lang))
    region_matrix = ChartView(
        charts.coverage_heatmap(counts[goal_columns], lang, "activities", "goal", (), filters.palette, region_title),
        coverage_long(counts[goal_columns], "activities"),
        _heatmap_summary(counts[goal_columns], lang),
        "region_matrix",
    )
    difference = None
    if scope is not None:
        diff = region_difference(cells, scope, filters.c7)[goal_columns]
        difference = ChartView(
            charts.difference_heatmap(diff, lang, t("chart.difference", lang, region=t("region." + region, lang))),
            coverage_long(diff, "difference"),
            t("summary.difference", lang),
            "difference_from_global",
        )
    countries = country_counts(shown, loaders.itu_regions())
    countries["country_name"] = [loaders.country_label(iso3, lang).text for iso3 in countries["iso3"]]
    map_view = ChartView(
        charts.country_map(countries, lang, t("chart.map", lang)),
        countries[countries["activities"] > 0][["iso3", "country_name", "itu_region", "activities"]].reset_index(
            drop=True
        ),
        t("summary.map", lang, countries=int((countries["activities"] > 0).sum())),
        "activities_by_country",
    )
    provenance = loaders.activity_provenance()
    return ActivityView(
        activities=shown,
        provenance=provenance[provenance["id"].isin(shown["id"])].reset_index(drop=True),
        evidence=evidence,
        evidence_by_region=evidence_by_region(linked, cells, filters.c7),
        region_matrix=region_matrix,
        difference=difference,
        country_map=map_view,
        counts={"shown": len(shown), "total": len(activities)},
    )


def uncovered_view(lang: str) -> pd.DataFrame:
    """Return the uncovered targets with their official text in `lang`."""
    frame = uncovered_targets(loaders.matrix_links(), loaders.sdg_targets())
    frame["text"] = [loaders.sdg_label("target", str(code), lang).text for code in frame["target"]]
    return frame


@dataclass(frozen=True)
class DataQualityView:
    """The data-quality page: the findings, and how many there are of each kind and severity."""

    findings: pd.DataFrame
    by_kind: pd.DataFrame


def data_quality_view() -> DataQualityView:
    """Return the data build's findings and their counts by kind and severity."""
    findings = loaders.data_quality()
    by_kind = findings.groupby(["kind", "severity"]).size().rename("findings").reset_index()
    return DataQualityView(findings, by_kind)
