"""The evidence check: the matrix's (action line, goal) links against the evidence items, overall and by region.

Verdicts over the evidence table model (`wsis_data.evidence`). Only an item's `pair` links support a cell; an item
that names action lines or goals without pairing them is reported at that level and never counted for a cell.
Each cell of action line × goal falls in one of:
  supported    the matrix links them, and at least one item of the loaded sources pairs them;
  no_evidence  the matrix links them, and no item of the loaded sources pairs them (not "unsupported": the
               sources are partial);
  candidate    items pair them, and the matrix does not link them;
  none         neither.
An item's regions are the ITU regions of the countries its source names (or the region it states); a region view
counts only the items located there.

The older functions below them (`activity_cells` …) still serve the activities page over the ITU activity table,
with the statuses supported, unsupported, candidate and none.
"""

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from analytics.coverage import C7Mode, row_codes, row_order
from wsis_data.constants import C7_MODES, ITU_REGIONS, SDG_GOALS

VERDICT_STATUSES: tuple[str, ...] = ("supported", "no_evidence", "candidate", "none")
UNLOCATED = "(no region)"
_GOALS = len(SDG_GOALS)
_REGION_BITS = {region: np.uint8(1 << position) for position, region in enumerate(ITU_REGIONS)}
# Count scopes of the index: every item, then the items located in each ITU region.
_SCOPES: tuple[str | None, ...] = (None, *ITU_REGIONS)
# The scope a region filter of "Global" selects is every item: named apart from the programmes a source tags Global.
ALL_REGIONS = "All regions"


@dataclass(frozen=True)
class EvidenceIndex:
    """Evidence counted once for every filter a view offers, so a filter change only reads and compares.

    The region is the one filter that selects items, and there are seven scopes (all items, and each ITU region),
    so the index holds the distinct-item counts of each scope: `cells[c7]` as scope × source × (row × goal),
    `lines[c7]` (items naming an action line row without a pair) as scope × source × row, and `goals` (items
    naming a goal without a pair) as scope × source × goal. Sources and goals are chosen after counting.
    `pairs` holds the distinct (item, cell) pairs of the split matrix as `source * cells + cell`, one entry each.
    """

    sources: tuple[str, ...]
    cells: dict[str, np.ndarray]
    lines: dict[str, np.ndarray]
    goals: np.ndarray
    pairs: np.ndarray


def _region_bits(regions: pd.Series) -> np.ndarray:
    bits = np.zeros(len(regions), dtype=np.uint8)
    padded = ";" + regions.astype(str) + ";"
    for region, bit in _REGION_BITS.items():
        bits[padded.str.contains(f";{region};", regex=False).to_numpy()] |= bit
    return bits


def _scope_counts(
    item: np.ndarray, slot: np.ndarray, slots: int, item_source: np.ndarray, item_bits: np.ndarray, sources: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return distinct (item, slot) entries as `source * slots + slot`, and their counts per scope × source × slot."""
    distinct = np.unique(item.astype(np.int64) * slots + slot)
    owner = distinct // slots
    entries = item_source[owner] * slots + distinct % slots
    bits = item_bits[owner]
    counts = [
        np.bincount(
            entries if region is None else entries[(bits & _REGION_BITS[region]) != 0], minlength=sources * slots
        )
        for region in _SCOPES
    ]
    return entries, np.stack(counts).reshape(len(_SCOPES), sources, slots)


def evidence_index(items: pd.DataFrame, links: pd.DataFrame) -> EvidenceIndex:
    """Return the evidence of item and link frames (the evidence table model) counted for every scope and C7 mode."""
    sources = tuple(dict.fromkeys(items["source"].astype(str)))
    keys = pd.Index(items["source"].astype(str) + "\x1f" + items["item_id"].astype(str))
    if not keys.is_unique:
        raise ValueError("evidence items: an item id is given twice in one source")
    item_source = pd.Categorical(items["source"].astype(str), categories=sources).codes.astype(np.int64)
    item_bits = _region_bits(items["regions"])
    item = keys.get_indexer(links["source"].astype(str) + "\x1f" + links["item_id"].astype(str))
    if (item < 0).any():
        raise ValueError("evidence links: a link names an item that is not in the items")
    level, action_line = links["level"].astype(str).to_numpy(), links["action_line"].astype(str)
    goal = pd.to_numeric(links["goal"].replace("", "0")).to_numpy(dtype=np.int64)
    paired, named_line, named_goal = level == "pair", level == "action_line_only", level == "goal_only"
    cells, lines, pairs = {}, {}, np.empty(0, dtype=np.int64)
    for c7 in C7_MODES:
        rows = len(row_order(c7))
        # Goal-only links have no action line; any valid code keeps the categorical whole, and they are masked out.
        row = row_codes(action_line.where(action_line != "", "C1"), c7).cat.codes.to_numpy(dtype=np.int64)
        entries, cells[c7] = _scope_counts(
            item[paired], row[paired] * _GOALS + goal[paired] - 1, rows * _GOALS, item_source, item_bits, len(sources)
        )
        pairs = entries if c7 == "split" else pairs
        _, lines[c7] = _scope_counts(item[named_line], row[named_line], rows, item_source, item_bits, len(sources))
    _, goals = _scope_counts(item[named_goal], goal[named_goal] - 1, _GOALS, item_source, item_bits, len(sources))
    return EvidenceIndex(sources=sources, cells=cells, lines=lines, goals=goals, pairs=pairs)


def _scope(region: str | None) -> int:
    if region not in _SCOPES:
        raise ValueError(f"unknown region {region!r}: expected one of {', '.join(ITU_REGIONS)}")
    return _SCOPES.index(region)


def cell_counts(index: EvidenceIndex, c7: C7Mode = "split", region: str | None = None) -> np.ndarray:
    """Return distinct items pairing each cell, as an array source × action line row × goal."""
    return index.cells[c7][_scope(region)].reshape(len(index.sources), len(row_order(c7)), _GOALS)


def verdict_columns(
    index: EvidenceIndex,
    has_link: np.ndarray,
    c7: C7Mode = "split",
    region: str | None = None,
    sources: tuple[str, ...] | None = None,
) -> dict[str, np.ndarray]:
    """Return the verdict of every cell (row-major, goals inner) as arrays; `has_link` is the 0/1 matrix flattened."""
    chosen = list(index.sources if sources is None else sources)
    if unknown := [source for source in chosen if source not in index.sources]:
        raise ValueError(f"unknown evidence source(s) {unknown}: expected some of {', '.join(index.sources)}")
    positions = [index.sources.index(source) for source in chosen]
    scope, rows = _scope(region), len(row_order(c7))
    by_source = index.cells[c7][scope][positions]
    total = by_source.sum(axis=0)
    has_link = has_link > 0
    status = np.select(
        [has_link & (total > 0), has_link, total > 0], list(VERDICT_STATUSES[:3]), default=VERDICT_STATUSES[3]
    )
    return {
        "matrix_link": has_link,
        "status": status,
        "items": total,
        "action_line_only_items": np.repeat(index.lines[c7][scope][positions].sum(axis=0), _GOALS),
        "goal_only_items": np.tile(index.goals[scope][positions].sum(axis=0), rows),
        **dict(zip(chosen, by_source, strict=True)),
    }


def evidence_verdicts(
    index: EvidenceIndex,
    linked: pd.DataFrame,
    c7: C7Mode = "split",
    region: str | None = None,
    sources: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Return one row per cell: matrix link, status, items pairing it (total and per source), unpaired items."""
    rows = row_order(c7)
    if list(linked.index) != rows or list(linked.columns) != list(SDG_GOALS):
        linked = linked.reindex(index=rows, columns=list(SDG_GOALS), fill_value=0)
    action_lines, goals = _cell_labels(c7)
    columns = verdict_columns(index, linked.to_numpy().ravel(), c7, region, sources)
    return pd.DataFrame({"action_line": action_lines, "goal": goals, **columns})


@cache
def _cell_labels(c7: C7Mode) -> tuple[np.ndarray, np.ndarray]:
    rows = row_order(c7)
    return np.repeat(np.asarray(rows, dtype=object), _GOALS), np.tile(np.asarray(SDG_GOALS), len(rows))


def items_by_region(items: pd.DataFrame) -> pd.DataFrame:
    """Return how many items of each source each ITU region rests on, and how many have no region."""
    bits = _region_bits(items["regions"])
    sources = list(dict.fromkeys(items["source"].astype(str)))
    source = items["source"].astype(str).to_numpy()
    rows = []
    for region, bit in [*_REGION_BITS.items(), (UNLOCATED, None)]:
        located = bits == 0 if bit is None else (bits & bit) != 0
        rows.append({"region": region, **{name: int((located & (source == name)).sum()) for name in sources}})
    frame = pd.DataFrame(rows)
    frame["items"] = frame[sources].sum(axis=1)
    return frame


def verdicts_by_region(
    index: EvidenceIndex, has_link: np.ndarray, located: pd.DataFrame, c7: C7Mode, sources: tuple[str, ...]
) -> pd.DataFrame:
    """Return, for all regions and for each ITU region, the cells of each status and the items the verdicts rest on.

    `located` is `located_items` of the dataset's items.
    """
    rows = []
    for region in _SCOPES:
        status = verdict_columns(index, has_link, c7, region, sources)["status"]
        counts = {name: int((status == name).sum()) for name in VERDICT_STATUSES[:3]}
        rests_on = int(located.loc[region or "Global", list(sources)].sum())
        rows.append({"region": region or ALL_REGIONS, **counts, "items": rests_on})
    return pd.DataFrame(rows)


EVIDENCE_STATUSES: tuple[str, ...] = ("supported", "unsupported", "candidate", "none")
REPORTED_STATUSES: tuple[str, ...] = EVIDENCE_STATUSES[:3]


def activity_cells(activity_links: pd.DataFrame, c7: C7Mode = "split") -> pd.DataFrame:
    """Return one row per (activity, region, action line row, goal): the cells an activity gives evidence for."""
    cells = pd.DataFrame(
        {
            "activity_id": activity_links["activity_id"],
            "region": activity_links["region"],
            "action_line": row_codes(activity_links["action_line"], c7),
            "goal": activity_links["goal"].astype("int64"),
        }
    )
    return cells.drop_duplicates(ignore_index=True)


def activity_counts(cells: pd.DataFrame, region: str | None = None, c7: C7Mode = "split") -> pd.DataFrame:
    """Return the action line × goal matrix of distinct activities, for one region scope or for all when None."""
    rows = row_order(c7)
    if region is not None:
        cells = cells[cells["region"] == region]
    flat = cells["action_line"].cat.codes.to_numpy(dtype=np.int64) * len(SDG_GOALS) + cells["goal"].to_numpy() - 1
    counts = np.bincount(flat, minlength=len(rows) * len(SDG_GOALS)).reshape(len(rows), len(SDG_GOALS))
    return pd.DataFrame(
        counts,
        index=pd.Index(rows, name="action_line"),
        columns=pd.Index(list(SDG_GOALS), name="goal"),
    )


def evidence_matrix(linked: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Return the status of each cell given the 0/1 matrix of links and the matching matrix of activity counts."""
    has_link, has_activity = linked.to_numpy() > 0, counts.to_numpy() > 0
    status = np.select(
        [has_link & has_activity, has_link & ~has_activity, ~has_link & has_activity],
        list(REPORTED_STATUSES),
        default="none",
    )
    return pd.DataFrame(status, index=linked.index, columns=linked.columns)


def status_counts(status: pd.DataFrame) -> dict[str, int]:
    """Return the number of supported, unsupported and candidate cells of a status matrix."""
    values = status.to_numpy().ravel()
    return {name: int((values == name).sum()) for name in REPORTED_STATUSES}


def region_difference(cells: pd.DataFrame, region: str, c7: C7Mode = "split") -> pd.DataFrame:
    """Return the region's share of activity links in each cell minus the share over all activities."""
    regional, worldwide = activity_counts(cells, region, c7), activity_counts(cells, None, c7)
    regional_share = regional / regional.to_numpy().sum() if regional.to_numpy().sum() else regional * 0.0
    worldwide_share = worldwide / worldwide.to_numpy().sum() if worldwide.to_numpy().sum() else worldwide * 0.0
    return (regional_share - worldwide_share).round(4)


def country_counts(activity_countries: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Return per ISO3 country the number of activities whose source names it, with its ITU region.

    `activity_countries` has one row per (activity_id, iso3), as a dataset parses the activities' country lists.
    """
    counts = activity_countries.drop_duplicates().groupby("iso3").size().rename("activities")
    frame = regions[["iso3", "country_name_en", "itu_region"]].copy()
    frame["activities"] = frame["iso3"].map(counts).fillna(0).astype("int64")
    return frame


# The order items are listed in under a cell: the links that support it first.
LINK_ORDER: tuple[str, ...] = ("pair", "action_line_only", "goal_only")
CELL_ITEM_COLUMNS: tuple[str, ...] = (
    "source",
    "item_id",
    "title",
    "organisation",
    "year",
    "url",
    "level",
    "target",
    "basis",
    "note",
)


@dataclass(frozen=True)
class EvidenceLookup:
    """The links as arrays, made once per dataset, so that finding one cell's items is a numeric mask.

    `rows[c7]` is each link's action line row (-1 for a goal-only link), `goals` its goal (0 for an action-line-only
    link), `levels` its position in `LINK_ORDER`, `sources` its source's position in `source_names`, `items` the
    position of its item in the items frame and `item_bits` each item's ITU regions as bits.
    """

    rows: dict[str, np.ndarray]
    goals: np.ndarray
    levels: np.ndarray
    sources: np.ndarray
    source_names: tuple[str, ...]
    items: np.ndarray
    item_bits: np.ndarray


def evidence_lookup(items: pd.DataFrame, links: pd.DataFrame) -> EvidenceLookup:
    """Return the links of the evidence table model as arrays for `cell_items`."""
    keys = pd.Index(items["source"].astype(str) + "\x1f" + items["item_id"].astype(str))
    position = keys.get_indexer(links["source"].astype(str) + "\x1f" + links["item_id"].astype(str))
    if (position < 0).any():
        raise ValueError("evidence links: a link names an item that is not in the items")
    action_line = links["action_line"].astype(str)
    named = (action_line != "").to_numpy()
    rows = {}
    for c7 in C7_MODES:
        codes = row_codes(action_line.where(named, "C1"), c7).cat.codes.to_numpy(dtype=np.int64)
        rows[c7] = np.where(named, codes, -1)
    source_names = tuple(dict.fromkeys(items["source"].astype(str)))
    return EvidenceLookup(
        rows=rows,
        goals=pd.to_numeric(links["goal"].replace("", "0")).to_numpy(dtype=np.int64),
        levels=pd.Categorical(links["level"].astype(str), categories=LINK_ORDER).codes.astype(np.int8),
        sources=pd.Categorical(links["source"].astype(str), categories=source_names).codes.astype(np.int64),
        source_names=source_names,
        items=position,
        item_bits=_region_bits(items["regions"]),
    )


def cell_items(
    items: pd.DataFrame,
    links: pd.DataFrame,
    lookup: EvidenceLookup,
    action_line: str,
    goal: int,
    c7: C7Mode = "split",
    region: str | None = None,
    sources: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Return the links of the items in scope that bear on one cell: its pairs, then action-line-only and goal-only.

    A scan of every link: the pages list a cell's items from `analytics.evidence_listing` instead, which is tested
    against this.

    A row per link (an item pairing two targets of the goal has two), with the item's title, organisation, year
    and address; `level` says whether the link supports the cell (`pair`) or only names its action line or goal.
    """
    row = row_order(c7).index(action_line)
    on_row, on_goal = lookup.rows[c7] == row, lookup.goals == goal
    level = lookup.levels
    bears = ((level == 0) & on_row & on_goal) | ((level == 1) & on_row) | ((level == 2) & on_goal)
    if sources is not None:
        bears &= np.isin(lookup.sources, [lookup.source_names.index(s) for s in sources if s in lookup.source_names])
    if region is not None:
        bears &= (lookup.item_bits[lookup.items] & _REGION_BITS[region]) != 0
    chosen = np.flatnonzero(bears)
    order = np.lexsort((chosen, lookup.levels[chosen]))
    chosen = chosen[order]
    detail = items.iloc[lookup.items[chosen]][["title", "organisation", "year", "url"]].reset_index(drop=True)
    found = links.iloc[chosen][["source", "item_id", "level", "target", "basis", "note"]].reset_index(drop=True)
    return pd.concat([found, detail], axis=1)[list(CELL_ITEM_COLUMNS)]


def located_items(items: pd.DataFrame) -> pd.DataFrame:
    """Return the items of each source that each scope rests on: Global (all items), each ITU region, no region."""
    by_region = items_by_region(items).set_index("region")
    everywhere = items.groupby(items["source"].astype(str)).size()
    total = pd.DataFrame([{**everywhere.to_dict(), "items": len(items)}], index=pd.Index(["Global"], name="region"))
    return pd.concat([total, by_region]).fillna(0).astype("int64")
