"""The chart registry: every chart of the dashboard by name, built from a dataset and a request.

Pages, the per-chart downloads, the command line (`--name`), the HLPF pack and embeds all call
`chart_view(name, dataset, request)`. A builder reads the numbers from `analytics.view_data` (cached without
words) and applies the request's language and palette when it makes the figure. Adding a chart is one entry
in `CHARTS`.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

import pandas as pd
import plotly.graph_objects as go

from analytics import charts, view_data
from analytics.connect import CONNECT_STAGE
from analytics.coverage import coverage_long, row_order
from analytics.edition_diff import CHANGE_KINDS, change_counts
from analytics.evidence import VERDICT_STATUSES
from analytics.export.captions import view_caption
from analytics.request import Notice, RequestError, ViewRequest
from messages import t
from wsis_data.constants import GLOBAL_SCOPE, SDG_GOALS
from wsis_data.dataset import Dataset
from wsis_data.stored_editions import default_base, edition_changes


@dataclass(frozen=True)
class ChartView:
    """A chart in the request's language, the table behind it, a one-line summary, its caption, a file stem and the
    registry name it was built under (embeds and links name it)."""

    figure: go.Figure
    table: pd.DataFrame
    summary: str
    caption: str
    name: str
    chart: str = ""

    @cached_property
    def figure_dict(self) -> dict:
        """Return the figure as plotly's dictionary, made once per view (views are read-only): plotly's `to_dict`
        deep-copies the whole figure on each call, 25 ms for the target-level heatmap."""
        return self.figure.to_dict()


@dataclass(frozen=True)
class ChartSpec:
    """A registered chart: its builder and the optional request fields it reads (the others do not change it)."""

    build: Callable[[Dataset, ViewRequest], ChartView]
    reads: frozenset[str] = frozenset()


# Fields of a request that only some charts read; a chart's request is normalised to the ones it reads, so that
# changing another (the region, on the matrix explorer) finds the chart already built. Every chart reads the
# language, the HLPF year, the C7 mode and the edition (its caption names them).
OPTIONAL_FIELDS: tuple[str, ...] = (
    "region",
    "sdgs",
    "palette",
    "level",
    "action_line",
    "cell",
    "value",
    "graph_kind",
    "focus",
    "sectors",
    "base",
    "evidence_sources",
)


def _view(dataset: Dataset, request: ViewRequest, figure: go.Figure, table, summary: str, name: str) -> ChartView:
    return ChartView(figure, table, summary, view_caption(dataset, request), name)


def _heatmap_summary(matrix: pd.DataFrame, lang: str) -> str:
    linked = int((matrix.to_numpy() > 0).sum())
    return t("summary.heatmap", lang, linked=linked, cells=matrix.size, rows=len(matrix), columns=matrix.shape[1])


def _hlpf_set(dataset: Dataset, request: ViewRequest) -> tuple[int, ...]:
    if request.hlpf is None:
        return ()
    return tuple(view_data.focus_of_year(dataset, request.hlpf, request.c7).sdgs)


def _goal_heatmap(dataset: Dataset, request: ViewRequest, highlight: tuple[int, ...]) -> ChartView:
    lang, value = request.lang, request.value
    numbers = view_data.goal_coverage(dataset, value, request.c7, request.goals)
    figure = charts.coverage_heatmap(
        numbers.matrix,
        lang,
        value,
        "goal",
        highlight,
        request.palette,
        goal_level_only=numbers.goal_level_only if value != "linked" else None,
    )
    table = coverage_long(numbers.matrix, value).assign(
        goal_level_only=coverage_long(numbers.goal_level_only, "flag")["flag"]
    )
    summary = (
        _heatmap_summary(numbers.linked, lang)
        + " "
        + t("summary.goal_level", lang, count=int(numbers.goal_level_only.to_numpy().sum()))
    )
    return _view(dataset, request, figure, table, summary, "coverage_goal")


def coverage(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The coverage heatmap at the request's level; the goals under HLPF review are starred when they are the view."""
    if request.level == "target":
        return coverage_target(dataset, request)
    hlpf_set = _hlpf_set(dataset, request)
    return _goal_heatmap(dataset, request, hlpf_set if hlpf_set and request.sdgs == hlpf_set else ())


def coverage_overview(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The matrix at a glance: distinct linked targets of all 17 goals, the HLPF year's SDGs starred."""
    whole = replace(request, sdgs=(), level="goal", value="targets")
    return _goal_heatmap(dataset, whole, _hlpf_set(dataset, request))


def coverage_target(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The action line × target heatmap (1 where a target-level link exists)."""
    matrix = view_data.target_coverage(dataset, request.c7, request.goals)
    figure = charts.coverage_heatmap(matrix, request.lang, "linked", "target", (), request.palette)
    return _view(
        dataset,
        request,
        figure,
        coverage_long(matrix, "linked"),
        _heatmap_summary(matrix, request.lang),
        "coverage_target",
    )


def sdg_contributions(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The action lines that link one SDG (the request's only SDG), and how many links each has."""
    if len(request.sdgs) != 1:
        raise RequestError(Notice("sdg", ",".join(map(str, request.sdgs)), "exactly one SDG for the chart 'sdg'"))
    lang, goal = request.lang, request.sdgs[0]
    ranking = view_data.goal_ranking(dataset, goal, request.c7)
    title = t("chart.sdg_contributions", lang, goal=goal, title=dataset.sdg_label("goal", str(goal), lang, True).text)
    figure = charts.ranking_bar(ranking, "action_line", "links", lang, title, t("value.links", lang))
    summary = t("summary.sdg_contributions", lang, count=len(ranking), goal=goal)
    return _view(dataset, request, figure, ranking, summary, f"sdg{goal:02d}_contributions")


def linkage_graph(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The linkage network (action line–goal or –target) of the selected SDGs, or of one action line."""
    lang, kind = request.lang, request.graph_kind
    numbers = view_data.linkage_graph(dataset, kind, request.c7, request.goals, request.focus)
    figure = charts.network_figure(
        numbers.graph, numbers.layout, numbers.measures, lang, t("chart.network." + kind, lang)
    )
    summary = t(
        "summary.network",
        lang,
        nodes=numbers.graph.number_of_nodes(),
        edges=numbers.graph.number_of_edges(),
        communities=numbers.measures["community"].nunique() if len(numbers.measures) else 0,
    )
    return _view(dataset, request, figure, numbers.measures, summary, f"linkage_{kind}")


def _region_title(key: str, request: ViewRequest) -> str:
    return t(key, request.lang, region=t("region." + request.region, request.lang))


def _cell_matrix(verdicts: pd.DataFrame, column: str, c7: str, goals: list[int]) -> pd.DataFrame:
    values = verdicts[column].to_numpy().reshape(len(row_order(c7)), len(SDG_GOALS))
    frame = pd.DataFrame(values, index=pd.Index(row_order(c7), name="action_line"), columns=list(SDG_GOALS))
    return frame[goals]


def evidence(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The evidence check: each (action line, goal) cell's status over the chosen sources in the region, with its items."""
    lang, goals = request.lang, list(request.goals)
    verdicts = view_data.evidence_verdict_frame(dataset, request.region, request.c7, request.evidence_sources)
    status = _cell_matrix(verdicts, "status", request.c7, goals)
    figure = charts.evidence_heatmap(
        status,
        _cell_matrix(verdicts, "items", request.c7, goals),
        lang,
        _region_title("chart.evidence.verdicts", request),
    )
    table = verdicts[verdicts["goal"].isin(goals)].reset_index(drop=True)
    counts = {name: int((status.to_numpy() == name).sum()) for name in VERDICT_STATUSES[:3]}
    summary = t("summary.evidence_verdicts", lang, **counts)
    return _view(dataset, request, figure, table, summary, "evidence")


def region_matrix(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The action line × goal matrix of distinct activities in the region scope."""
    counts = view_data.region_activities(dataset, request.region, request.c7).counts[list(request.goals)]
    title = _region_title("chart.region_matrix", request)
    figure = charts.coverage_heatmap(counts, request.lang, "activities", "goal", (), request.palette, title)
    summary = _heatmap_summary(counts, request.lang)
    return _view(dataset, request, figure, coverage_long(counts, "activities"), summary, "region_matrix")


def difference(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The region's share of activity links in each cell minus the share over all activities."""
    numbers = view_data.region_activities(dataset, request.region, request.c7)
    if numbers.difference is None:
        raise RequestError(
            Notice("region", request.region, f"an ITU region other than {GLOBAL_SCOPE} for the chart 'difference'")
        )
    diff = numbers.difference[list(request.goals)]
    figure = charts.difference_heatmap(diff, request.lang, _region_title("chart.difference", request))
    summary = t("summary.difference", request.lang)
    return _view(dataset, request, figure, coverage_long(diff, "difference"), summary, "difference_from_global")


def country_map(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The choropleth of the shown activities per country."""
    lang = request.lang
    countries = view_data.activities_by_country(
        dataset, request.region, request.sectors, request.goals, request.focus
    ).copy()
    countries["country_name"] = [dataset.country_label(iso3, lang).text for iso3 in countries["iso3"]]
    table = countries[countries["activities"] > 0][["iso3", "country_name", "itu_region", "activities"]]
    summary = t("summary.map", lang, countries=int((countries["activities"] > 0).sum()))
    figure = charts.country_map(countries, lang, t("chart.map", lang))
    return _view(dataset, request, figure, table.reset_index(drop=True), summary, "activities_by_country")


def edition_diff(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The links added, removed and changed per action line and goal from an earlier edition to the dataset's."""
    lang = request.lang
    base = int(request.base) if request.base else default_base(dataset)
    counts = change_counts(edition_changes(dataset, base), request.c7, request.goals)
    title = t("chart.edition_diff", lang, before=base, after=dataset.edition)
    figure = charts.change_heatmap(counts, lang, title, request.palette)
    totals = counts[list(CHANGE_KINDS)].sum()
    summary = t("summary.edition_diff", lang, before=base, **{kind: int(totals[kind]) for kind in CHANGE_KINDS})
    table = counts[counts["total"] > 0].reset_index(drop=True)
    return _view(dataset, request, figure, table, summary, "edition_diff")


def connect(dataset: Dataset, request: ViewRequest) -> ChartView:
    """The Sankey Connect goal or target → action line → SDG of the selected SDGs; each Connect link's basis
    (official with its ITU source, or curated by this project) in its hover and in the table."""
    lang = request.lang
    flows = view_data.connect_flows(dataset, request.c7, request.sdgs)
    connect_rows = flows[flows["stage"] == CONNECT_STAGE]
    action_lines = set(connect_rows["target"])
    figure = charts.connect_sankey(
        flows,
        dataset.connect_agenda,
        {code: dataset.action_line_label(code, lang).text for code in action_lines},
        {goal: dataset.sdg_label("goal", str(goal), lang, True).text for goal in SDG_GOALS},
        lang,
        t("chart.connect", lang),
    )
    table = flows.assign(basis_note=[t(f"connect.basis.{basis}", lang) for basis in flows["basis"]])
    curated = int(connect_rows.loc[connect_rows["basis"] == "curated", "links"].sum())
    summary = t(
        "summary.connect",
        lang,
        links=int(connect_rows["links"].sum()),
        codes=connect_rows["source"].nunique(),
        action_lines=len(action_lines),
        goals=flows.loc[flows["stage"] != CONNECT_STAGE, "target"].nunique(),
        curated=curated,
    )
    return _view(dataset, request, figure, table, summary, "connect_sankey")


CHARTS: Mapping[str, ChartSpec] = MappingProxyType(
    {
        "coverage": ChartSpec(coverage, frozenset({"sdgs", "palette", "level", "value"})),
        "coverage_target": ChartSpec(coverage_target, frozenset({"sdgs", "palette"})),
        "coverage_overview": ChartSpec(coverage_overview, frozenset({"palette"})),
        "sdg": ChartSpec(sdg_contributions, frozenset({"sdgs"})),
        "graph": ChartSpec(linkage_graph, frozenset({"sdgs", "graph_kind", "focus"})),
        "evidence": ChartSpec(evidence, frozenset({"region", "sdgs", "evidence_sources"})),
        "region_matrix": ChartSpec(region_matrix, frozenset({"region", "sdgs", "palette"})),
        "difference": ChartSpec(difference, frozenset({"region", "sdgs"})),
        "map": ChartSpec(country_map, frozenset({"region", "sdgs", "sectors", "focus"})),
        "edition_diff": ChartSpec(edition_diff, frozenset({"sdgs", "palette", "base"})),
        "connect": ChartSpec(connect, frozenset({"sdgs"})),
    }
)


def chart_spec(name: str) -> ChartSpec:
    """Return a registered chart, or raise RequestError listing the valid names."""
    if name not in CHARTS:
        raise RequestError(Notice("name", name, "one of " + ", ".join(CHARTS)))
    return CHARTS[name]


def charts_request(names: Iterable[str], request: ViewRequest) -> ViewRequest:
    """Return the request with the optional fields none of the charts reads at their defaults (a cache key)."""
    reads = frozenset().union(*(chart_spec(name).reads for name in names))
    defaults = ViewRequest()
    return replace(request, **{field: getattr(defaults, field) for field in OPTIONAL_FIELDS if field not in reads})


def chart_request(name: str, request: ViewRequest) -> ViewRequest:
    """Return the request with the optional fields the chart does not read at their defaults (a cache key)."""
    return charts_request((name,), request)


def chart_view(name: str, dataset: Dataset, request: ViewRequest) -> ChartView:
    """Return the chart `name` of a request on a dataset: figure, table, summary, caption and file stem."""
    return replace(chart_spec(name).build(dataset, chart_request(name, request)), chart=name)
