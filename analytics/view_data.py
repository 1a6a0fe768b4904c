"""The numbers behind the views, with no words: computed once per dataset and filters, whatever the language.

Every function is cached on `(dataset.key, the filters that change its numbers)` (a `Dataset` hashes by its key),
so the language and the palette of a request never recompute a matrix, and two editions never share an entry.
The results are shared: callers treat them as read-only.
"""

import threading
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import pandas as pd
import pyarrow as pa

from analytics.connect import connect_flows as flows_of_connect
from analytics.coverage import coverage_matrix, target_matrix
from analytics.evidence import (
    EvidenceIndex,
    activity_cells,
    activity_counts,
    country_counts,
    evidence_index,
    evidence_lookup,
    evidence_verdicts,
    located_items,
    region_difference,
    verdicts_by_region,
)
from analytics.evidence_listing import ItemListing, ListingIndex, cell_listing, listing_index
from analytics.evidence_search import search_text
from analytics.gaps import action_line_breadth_ranking, concentration, gaps_per_goal, goal_depth_ranking
from analytics.graphs import action_line_goal_graph, action_line_target_graph, graph_measures, stable_layout
from analytics.hlpf import HlpfFocus, contribution_ranking, hlpf_focus
from wsis_data.constants import GLOBAL_SCOPE, SDG_GOALS
from wsis_data.dataset import Dataset

CACHE_SIZE = 256
ALL_GOALS: tuple[int, ...] = tuple(SDG_GOALS)


@dataclass(frozen=True)
class CoverageNumbers:
    """A goal-level coverage heatmap's numbers: the values shown, the links, and the goal-level-only cells."""

    matrix: pd.DataFrame
    linked: pd.DataFrame
    goal_level_only: pd.DataFrame


@lru_cache(maxsize=CACHE_SIZE)
def goal_coverage(dataset: Dataset, value: str, c7: str, goals: tuple[int, ...]) -> CoverageNumbers:
    """Return the action line × goal matrix of `value`, the 0/1 link matrix and the goal-level-only marks."""
    links, targets = dataset.matrix_links, dataset.sdg_targets
    target_counts = coverage_matrix(links, targets, "targets", c7, goals=goals)
    linked = coverage_matrix(links, targets, "linked", c7, goals=goals)
    matrix = {"targets": target_counts, "linked": linked}.get(value)
    if matrix is None:
        matrix = coverage_matrix(links, targets, value, c7, goals=goals)  # type: ignore[arg-type]
    return CoverageNumbers(matrix, linked, (linked > 0) & (target_counts == 0))


@lru_cache(maxsize=CACHE_SIZE)
def target_coverage(dataset: Dataset, c7: str, goals: tuple[int, ...]) -> pd.DataFrame:
    """Return the action line × target matrix with 1 where a target-level link exists."""
    return target_matrix(dataset.matrix_links, dataset.sdg_targets, c7, goals=goals)  # type: ignore[arg-type]


@lru_cache(maxsize=CACHE_SIZE)
def focus_of_year(dataset: Dataset, year: int, c7: str) -> HlpfFocus:
    """Return the HLPF focus of a year (its SDGs, the contribution ranking and the rationales behind it)."""
    return hlpf_focus(year, dataset.hlpf_cycles, dataset.matrix_links, dataset.rationales, c7)  # type: ignore[arg-type]


@lru_cache(maxsize=CACHE_SIZE)
def goal_ranking(dataset: Dataset, goal: int, c7: str) -> pd.DataFrame:
    """Return the action lines that link one SDG, ranked by their links into it."""
    ranking = contribution_ranking(dataset.matrix_links, [goal], c7)[["action_line", "links", "rank"]]  # type: ignore[arg-type]
    return ranking.assign(action_line=ranking["action_line"].astype(str))


@dataclass(frozen=True)
class ExplorerTables:
    """The matrix explorer's tables, which no page-local choice and no language changes: gaps, rankings, spread."""

    gaps: pd.DataFrame
    goal_depth: pd.DataFrame
    action_line_breadth: pd.DataFrame
    concentration: pd.DataFrame


@lru_cache(maxsize=CACHE_SIZE)
def explorer_tables(dataset: Dataset, c7: str) -> ExplorerTables:
    """Return the gaps per goal (all 17), the goals by depth, the action lines by breadth and the concentration."""
    links, targets = dataset.matrix_links, dataset.sdg_targets
    return ExplorerTables(
        gaps_per_goal(links, targets),
        goal_depth_ranking(links, targets),
        action_line_breadth_ranking(links, c7),  # type: ignore[arg-type]
        concentration(links, c7),  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class GraphNumbers:
    """A linkage network with its measures and its stable layout."""

    graph: nx.Graph
    measures: pd.DataFrame
    layout: dict


@lru_cache(maxsize=CACHE_SIZE)
def linkage_graph(dataset: Dataset, kind: str, c7: str, goals: tuple[int, ...], focus: str | None) -> GraphNumbers:
    """Return the action line–goal (or –target) network of the goals, or of one action line, with its measures."""
    links = dataset.matrix_links
    links = links[links["goal"].isin(goals)]
    if focus:
        links = links[links["action_line"].astype(str) == focus]
    build = action_line_goal_graph if kind == "goal" else action_line_target_graph
    graph = build(links, c7)  # type: ignore[arg-type]
    graph.remove_nodes_from([node for node, degree in dict(graph.degree).items() if degree == 0])
    return GraphNumbers(graph, graph_measures(graph), stable_layout(graph))


@lru_cache(maxsize=CACHE_SIZE)
def curated_cells(dataset: Dataset, c7: str) -> pd.DataFrame:
    """Return the (activity, region, row, goal) cells of the dataset's activities."""
    return activity_cells(dataset.activity_links, c7)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ActivityNumbers:
    """The ITU activities of a region scope by cell, and their shares' difference from global."""

    counts: pd.DataFrame
    difference: pd.DataFrame | None


@lru_cache(maxsize=CACHE_SIZE)
def region_activities(dataset: Dataset, region: str, c7: str) -> ActivityNumbers:
    """Return the activity counts of a region scope by cell (all activities for Global) and the difference."""
    cells = curated_cells(dataset, c7)
    scope = None if region == GLOBAL_SCOPE else region
    counts = activity_counts(cells, scope, c7)  # type: ignore[arg-type]
    difference = region_difference(cells, scope, c7) if scope else None  # type: ignore[arg-type]
    return ActivityNumbers(counts, difference)


@lru_cache(maxsize=8)
def evidence_counts(dataset: Dataset) -> EvidenceIndex:
    """Return the evidence index of the dataset's items and links: built once per dataset, read by every filter."""
    return evidence_index(dataset.evidence_items, dataset.evidence_links)


@lru_cache(maxsize=8)
def evidence_located(dataset: Dataset) -> pd.DataFrame:
    """Return the items of each source located in each scope (Global, the ITU regions, no region), counted once."""
    return located_items(dataset.evidence_items)


@lru_cache(maxsize=8)
def _evidence_listing(dataset: Dataset) -> ListingIndex:
    # The links' arrays are only the listing's material: not kept (30 MiB with 200,000 items in every worker).
    index = listing_index(dataset.evidence_items, evidence_lookup(dataset.evidence_items, dataset.evidence_links))
    # The last of the builds a dataset's evidence takes (its frames, their counts, this index): arrow's allocator
    # keeps the blocks the builds freed for reuse, about 100 MiB with 200,000 items, which no view asks for again.
    pa.default_memory_pool().release_unused()
    return index


# Several sessions opening their first cell at once wait for one build (seconds with 200,000 items) instead of
# each making its own.
_LISTING_BUILD = threading.Lock()


def evidence_listing(dataset: Dataset) -> ListingIndex:
    """Return the index of every cell's items by level, region scope and source: a cell's list is read, not scanned."""
    with _LISTING_BUILD:
        return _evidence_listing(dataset)


@lru_cache(maxsize=8)
def evidence_search_text(dataset: Dataset) -> pa.Array:
    """Return every evidence item's searched text, folded once per dataset (`analytics.evidence_search`)."""
    return search_text(dataset.evidence_items)


@lru_cache(maxsize=CACHE_SIZE)
def evidence_cell_listing(
    dataset: Dataset,
    action_line: str,
    goal: int,
    levels: tuple[str, ...],
    c7: str,
    region: str,
    sources: tuple[str, ...],
) -> ItemListing:
    """Return where one cell's items at `levels` in a region scope and over the chosen sources lie in the index."""
    chosen = chosen_sources(dataset, sources)
    return cell_listing(evidence_listing(dataset), action_line, goal, levels, c7, _region_scope(region), chosen)  # type: ignore[arg-type]


def chosen_sources(dataset: Dataset, sources: tuple[str, ...]) -> tuple[str, ...]:
    """Return the sources a view uses: the chosen ones that hold items, or every source with items when none is chosen."""
    held = evidence_counts(dataset).sources
    return tuple(source for source in held if not sources or source in sources)


def _region_scope(region: str) -> str | None:
    return None if region == GLOBAL_SCOPE else region


@lru_cache(maxsize=CACHE_SIZE)
def evidence_verdict_frame(dataset: Dataset, region: str, c7: str, sources: tuple[str, ...]) -> pd.DataFrame:
    """Return the verdict of every (action line row, goal) cell over the chosen sources, in matrix order."""
    linked = goal_coverage(dataset, "linked", c7, ALL_GOALS).linked
    chosen = chosen_sources(dataset, sources)
    return evidence_verdicts(evidence_counts(dataset), linked, c7, _region_scope(region), chosen)  # type: ignore[arg-type]


@lru_cache(maxsize=CACHE_SIZE)
def evidence_by_region(dataset: Dataset, c7: str, sources: tuple[str, ...]) -> pd.DataFrame:
    """Return the cells of each status and the items located, for all items and for each ITU region."""
    linked = goal_coverage(dataset, "linked", c7, ALL_GOALS).linked.to_numpy().ravel()
    chosen = chosen_sources(dataset, sources)
    return verdicts_by_region(evidence_counts(dataset), linked, evidence_located(dataset), c7, chosen)  # type: ignore[arg-type]


def evidence_by_source(dataset: Dataset, region: str) -> pd.Series:
    """Return the items of each source that a region scope's verdicts rest on (all items for Global)."""
    return evidence_located(dataset).loc[region].drop("items")


@lru_cache(maxsize=CACHE_SIZE)
def shown_activities(
    dataset: Dataset, region: str, sectors: tuple[str, ...], goals: tuple[int, ...], action_line: str | None
) -> pd.DataFrame:
    """Return the activities in a region scope (all for Global), of the sectors, touching the goals and action line."""
    activities, links = dataset.itu_activities, dataset.activity_links
    mask = activities["sector"].isin(sectors) if sectors else pd.Series(True, index=activities.index)
    if region != GLOBAL_SCOPE:
        mask &= activities["region"] == region
    mask &= activities["id"].isin(links.loc[links["goal"].isin(goals), "activity_id"])
    if action_line:
        mask &= activities["id"].isin(links.loc[links["action_line"] == action_line, "activity_id"])
    return activities[mask].reset_index(drop=True)


@lru_cache(maxsize=CACHE_SIZE)
def activities_by_country(
    dataset: Dataset, region: str, sectors: tuple[str, ...], goals: tuple[int, ...], action_line: str | None
) -> pd.DataFrame:
    """Return per ISO3 country the number of shown activities whose source names it, with its ITU region."""
    shown = shown_activities(dataset, region, sectors, goals, action_line)
    countries = dataset.activity_countries
    return country_counts(countries[countries["activity_id"].isin(shown["id"])], dataset.itu_regions)


@lru_cache(maxsize=CACHE_SIZE)
def connect_flows(dataset: Dataset, c7: str, goals: tuple[int, ...]) -> pd.DataFrame:
    """Return the flows Connect goal or target → action line → SDG, of the given SDGs (all when none)."""
    return flows_of_connect(dataset.connect_links, dataset.matrix_links, goals or None, c7)  # type: ignore[arg-type]
