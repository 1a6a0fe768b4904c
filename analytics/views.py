"""View models: what each dashboard page shows, computed in one call from a dataset and a request, without any UI.

Each function returns frozen data (frames and chart views) that a page renders as it is. Charts come from the
chart registry, so the pages, the downloads and the exports show exactly the same ones.
"""

from dataclasses import dataclass, field

import pandas as pd

from analytics import view_data
from analytics.chart_registry import ChartView, chart_view
from analytics.evidence_listing import (
    LISTINGS,
    PAGE_SIZE,
    ItemListing,
    listing_counts,
    listing_page,
    listing_rows,
    page_bounds,
)
from analytics.evidence_search import ListingMatches, listing_matches, matches_rows
from analytics.gaps import CONCENTRATION_EXPLANATION, uncovered_targets
from analytics.graphs import export_graph, with_measures
from analytics.hlpf import HlpfFocus
from analytics.request import ViewRequest
from messages import number, t
from wsis_data.constants import GLOBAL_SCOPE
from wsis_data.dataset import Dataset
from wsis_data.summary import data_summary


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
class ActivityView:
    """The activities and regions page."""

    activities: pd.DataFrame
    provenance: pd.DataFrame
    evidence: ChartView
    evidence_by_region: pd.DataFrame
    evidence_sources: "EvidenceSourcesView"
    evidence_cells: pd.DataFrame
    region_matrix: ChartView
    difference: ChartView | None
    country_map: ChartView
    counts: dict = field(default_factory=dict)


def overview_view(dataset: Dataset, request: ViewRequest) -> OverviewView:
    """Return the overview page's content for a request."""
    counts = data_summary(dataset)
    headline = {
        "action_lines": counts["action_lines"],
        "al_goal_pairs": counts["al_goal_pairs"],
        "al_target_links": counts["al_target_links"],
        "distinct_targets_linked": counts["distinct_targets_linked"],
        "uncovered_targets": len(uncovered_targets(dataset.matrix_links, dataset.sdg_targets)),
        "activities": counts["activities"],
        "data_quality_findings": counts["data_quality_findings"],
    }
    focus = view_data.focus_of_year(dataset, request.hlpf, request.c7)
    heatmap = chart_view("coverage_overview", dataset, request)
    return OverviewView(headline, heatmap, focus, dataset.data_quality)


def explorer_view(dataset: Dataset, request: ViewRequest) -> ExplorerView:
    """Return the matrix explorer's heatmap, gaps per goal and concentration for a request."""
    tables = view_data.explorer_tables(dataset, request.c7)
    return ExplorerView(
        chart_view("coverage", dataset, request),
        tables.gaps[tables.gaps["goal"].isin(request.goals)].reset_index(drop=True),
        tables.goal_depth,
        tables.action_line_breadth,
        tables.concentration,
        CONCENTRATION_EXPLANATION,
    )


def graph_downloads(dataset: Dataset, request: ViewRequest) -> dict[str, bytes]:
    """Return the linkage network of a request, with its measures, as GraphML and GEXF."""
    numbers = view_data.linkage_graph(dataset, request.graph_kind, request.c7, request.goals, request.focus)
    annotated = with_measures(numbers.graph)
    return {fmt: export_graph(annotated, fmt) for fmt in ("graphml", "gexf")}


def activity_view(dataset: Dataset, request: ViewRequest) -> ActivityView:
    """Return the activities page: filtered activities, evidence, region matrix, difference from global and map."""
    shown = view_data.shown_activities(dataset, request.region, request.sectors, request.goals, request.focus)
    provenance = dataset.activity_provenance
    return ActivityView(
        activities=shown,
        provenance=provenance[provenance["id"].isin(shown["id"])].reset_index(drop=True),
        evidence=chart_view("evidence", dataset, request),
        evidence_by_region=view_data.evidence_by_region(dataset, request.c7, request.evidence_sources),
        evidence_sources=evidence_sources_view(dataset, request),
        evidence_cells=evidence_cell_choices(dataset, request),
        region_matrix=chart_view("region_matrix", dataset, request),
        difference=None if request.region == GLOBAL_SCOPE else chart_view("difference", dataset, request),
        country_map=chart_view("map", dataset, request),
        counts={"shown": len(shown), "total": len(dataset.itu_activities)},
    )


def uncovered_view(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Return the uncovered targets with their official text in `lang`."""
    frame = uncovered_targets(dataset.matrix_links, dataset.sdg_targets)
    frame["text"] = [dataset.sdg_label("target", str(code), lang).text for code in frame["target"]]
    return frame


@dataclass(frozen=True)
class DataQualityView:
    """The data-quality page: the findings, and how many there are of each kind and severity."""

    findings: pd.DataFrame
    by_kind: pd.DataFrame


def data_quality_view(dataset: Dataset) -> DataQualityView:
    """Return the data build's findings and their counts by kind and severity."""
    findings = dataset.data_quality
    by_kind = findings.groupby(["kind", "severity"]).size().rename("findings").reset_index()
    return DataQualityView(findings, by_kind)


@dataclass(frozen=True)
class EvidenceSourcesView:
    """The sources a verdict uses: name, licence/attribution line, coverage statement and items in the view."""

    sources: pd.DataFrame
    coverage: pd.DataFrame


def evidence_sources_view(dataset: Dataset, request: ViewRequest) -> EvidenceSourcesView:
    """Return the sources the request's evidence verdicts rest on, with the items of each in its region scope."""
    chosen = view_data.chosen_sources(dataset, request.evidence_sources)
    details = dataset.evidence_source_details
    details = details[details["source"].isin(chosen)]
    located = view_data.evidence_by_source(dataset, request.region)
    sources = details[["source", "name", "licence", "coverage"]].assign(
        items=[int(located.get(source, 0)) for source in details["source"]]
    )
    coverage = dataset.evidence_coverage
    coverage = coverage[coverage["source"].isin(chosen)][["source", "period", "coverage"]]
    return EvidenceSourcesView(sources.reset_index(drop=True), coverage.reset_index(drop=True))


def evidence_cell_choices(dataset: Dataset, request: ViewRequest) -> pd.DataFrame:
    """Return the cells of the shown goals that the matrix links or an item pairs, with status and item count, and
    each as the cell list names it (`key`, as in `C7.3:4`) and shows it in the request's language (`label`)."""
    verdicts = view_data.evidence_verdict_frame(dataset, request.region, request.c7, request.evidence_sources)
    shown = verdicts[verdicts["goal"].isin(request.goals) & (verdicts["status"] != "none")]
    shown = shown[["action_line", "goal", "status", "items"]].reset_index(drop=True)
    # Worded once per view, not on every run of the page: with every cell holding items, the list's 306 counts
    # written in the language's digits took some 5 ms a run.
    lang = request.lang
    statuses = {status: t("evidence.status." + status, lang) for status in set(shown["status"])}
    labels = [
        t(
            "evidence.control.cell.option",
            lang,
            action_line=line,
            goal=goal,
            status=statuses[status],
            count=number(n, lang),
        )
        for line, goal, status, n in shown.itertuples(index=False)
    ]
    return shown.assign(key=shown["action_line"].astype(str) + ":" + shown["goal"].astype(str), label=labels)


@dataclass(frozen=True)
class EvidenceCellView:
    """One cell's verdict: status, distinct items by source and level, and where its two item lists lie (`LISTINGS`:
    the items pairing it, then those naming only its action line or only its goal), read a page at a time."""

    action_line: str
    goal: int
    status: str
    by_source: pd.DataFrame
    listings: dict[str, ItemListing]


def evidence_cell_view(dataset: Dataset, request: ViewRequest, action_line: str, goal: int) -> EvidenceCellView:
    """Return the verdict of one (action line row, goal) cell and its item lists, in the request's scope."""
    verdicts = view_data.evidence_verdict_frame(dataset, request.region, request.c7, request.evidence_sources)
    row = verdicts[(verdicts["action_line"] == action_line) & (verdicts["goal"] == goal)]
    if row.empty:
        raise KeyError(f"no cell {action_line} × {goal} in the {request.c7} matrix")
    listings = {
        name: view_data.evidence_cell_listing(
            dataset, action_line, goal, levels, request.c7, request.region, request.evidence_sources
        )
        for name, levels in LISTINGS.items()
    }
    index = view_data.evidence_listing(dataset)
    counts = pd.concat([listing_counts(listing, index) for listing in listings.values()], axis=1)
    names = dataset.evidence_source_details.set_index("source")["name"]
    by_source = pd.DataFrame(
        {
            "source": list(counts.index),
            "name": [names.get(source, source) for source in counts.index],
            "pairing_items": counts["pair"].to_numpy(),
            "action_line_only_items": counts["action_line_only"].to_numpy(),
            "goal_only_items": counts["goal_only"].to_numpy(),
        }
    )
    return EvidenceCellView(action_line, goal, str(row["status"].iloc[0]), by_source, listings)


def _named_sources(dataset: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    names = dataset.evidence_source_details.set_index("source")["name"]
    return rows.assign(source=rows["source"].map(lambda source: names.get(source, source)))


def evidence_cell_page(dataset: Dataset, listing: ItemListing, page: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Return one page of a cell's item list (clamped to its last page), with the sources' names."""
    index = view_data.evidence_listing(dataset)
    return _named_sources(
        dataset, listing_page(index, dataset.evidence_items, dataset.evidence_links, listing, page, size)
    )


def evidence_cell_table(dataset: Dataset, view: EvidenceCellView) -> pd.DataFrame:
    """Return every item of a cell's lists, one row per item and level (the cell's CSV), with the sources' names."""
    index = view_data.evidence_listing(dataset)
    items, links = dataset.evidence_items, dataset.evidence_links
    rows = [listing_rows(index, items, links, listing) for listing in view.listings.values()]
    return _named_sources(dataset, pd.concat(rows, ignore_index=True))


def evidence_cell_matches(
    dataset: Dataset, view: EvidenceCellView, words: tuple[str, ...]
) -> dict[str, ListingMatches]:
    """Return, for each of a cell's item lists, its entries whose item holds every query word (`query_words`)."""
    index, text = view_data.evidence_listing(dataset), view_data.evidence_search_text(dataset)
    return {name: listing_matches(index, text, listing, words) for name, listing in view.listings.items()}


def evidence_matches_page(dataset: Dataset, matches: ListingMatches, page: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Return one page of a list's matches (clamped to its last page), with the sources' names."""
    index = view_data.evidence_listing(dataset)
    first, last = page_bounds(matches.total, page, size)
    return _named_sources(
        dataset, matches_rows(index, dataset.evidence_items, dataset.evidence_links, matches, first, last)
    )


def evidence_matches_table(dataset: Dataset, matches: dict[str, ListingMatches]) -> pd.DataFrame:
    """Return every match of a cell's lists, one row per item and level (the CSV of a search), with sources' names."""
    index = view_data.evidence_listing(dataset)
    items, links = dataset.evidence_items, dataset.evidence_links
    rows = [matches_rows(index, items, links, found) for found in matches.values()]
    return _named_sources(dataset, pd.concat(rows, ignore_index=True))
