"""Bounded lists of one cell's evidence items, read from an index made once per dataset instead of a scan of the items.

An entry is a distinct (item, place), where a place is what an item's link bears on at its level (the levels
`cell_items` lists): a cell (action line row × goal) for a pair, an action line row for an action-line-only link,
a goal for a goal-only link. Each entry is held once per scope it counts in (every item, then each ITU region the
item is located in) and sorted by (place, scope, source), then newest year first, title and id. A cell's list at
some levels in a scope is then one run of consecutive entries per (level, source), whose bounds are stored: its
counts are the runs' lengths, and a page of it is a slice of the runs.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from analytics.coverage import C7Mode, row_order
from analytics.evidence import _REGION_BITS, _SCOPES, LINK_ORDER, EvidenceLookup, _scope
from wsis_data.constants import C7_MODES, SDG_GOALS

PAGE_SIZE = 25
# A cell's two lists: the items that pair it (support), and those naming only its action line or only its goal.
LISTINGS: dict[str, tuple[str, ...]] = {"supporting": LINK_ORDER[:1], "level_only": LINK_ORDER[1:]}
LISTED_COLUMNS: tuple[str, ...] = ("source", "item_id", "title", "organisation", "year", "url", "level", "target")
LISTED_COLUMNS += ("basis", "note")
_GOALS = len(SDG_GOALS)


@dataclass(frozen=True)
class ListingIndex:
    """The entries of every place, scope and source, per C7 mode, with each item's links for the entries' details.

    The entries of run `key = (place * scopes + scope) * sources + source` are `entries[c7][bounds[c7][key]:
    bounds[c7][key + 1]]`, as positions in the items frame. `places[c7]` is each link's place (-1 for none), and
    `link_order[item_links[i]:item_links[i + 1]]` the positions of item i's links. Positions are 32-bit: the index
    of 200,000 items takes about 25 MiB.
    """

    sources: tuple[str, ...]
    bounds: dict[str, np.ndarray]
    entries: dict[str, np.ndarray]
    places: dict[str, np.ndarray]
    link_order: np.ndarray
    item_links: np.ndarray


def _place_offsets(c7: C7Mode) -> tuple[int, int, int]:
    """Return where each level's places start: cells, then action line rows, then goals; and how many there are."""
    rows = len(row_order(c7))
    return rows * _GOALS, rows * _GOALS + rows, rows * _GOALS + rows + _GOALS


def _link_places(lookup: EvidenceLookup, c7: C7Mode) -> np.ndarray:
    rows, goals, levels = lookup.rows[c7], lookup.goals, lookup.levels
    line_start, goal_start, _ = _place_offsets(c7)
    places = np.full(len(levels), -1, dtype=np.int64)
    pair, line, goal = (
        (levels == 0) & (rows >= 0) & (goals >= 1),
        (levels == 1) & (rows >= 0),
        (levels == 2) & (goals >= 1),
    )
    places[pair] = rows[pair] * _GOALS + goals[pair] - 1
    places[line] = line_start + rows[line]
    places[goal] = goal_start + goals[goal] - 1
    return places


def _listing_order(items: pd.DataFrame) -> np.ndarray:
    """Return the items' positions in listing order: newest year first (no year last), then title, then id."""
    year = pd.to_numeric(items["year"], errors="coerce").fillna(-1).to_numpy()
    order = pd.DataFrame(
        {"year": -year, "title": items["title"].astype(str).to_numpy(), "item_id": items["item_id"].astype(str)}
    ).sort_values(["year", "title", "item_id"], kind="stable")
    return order.index.to_numpy()


def _distinct(values: np.ndarray) -> np.ndarray:
    """Return the distinct values, ascending (a sort: numpy's hashing `unique` is several times slower here)."""
    values = np.sort(values)
    return values[np.concatenate([[True], values[1:] != values[:-1]])] if len(values) else values


def listing_index(items: pd.DataFrame, lookup: EvidenceLookup) -> ListingIndex:
    """Return the listing index of the evidence items and their links' arrays (`evidence_lookup` of the same frames)."""
    sources = lookup.source_names
    item_source = pd.Categorical(items["source"].astype(str), categories=sources).codes.astype(np.int64)
    order, count = _listing_order(items), len(items)
    rank = np.empty(count, dtype=np.int64)
    rank[order] = np.arange(count)
    bounds, entries, places = {}, {}, {}
    for c7 in C7_MODES:
        link_places = _link_places(lookup, c7)
        places[c7] = link_places.astype(np.int16)
        bearing = link_places >= 0
        distinct = _distinct(link_places[bearing] * count + lookup.items[bearing])
        place, item = distinct // count, distinct % count
        bits = lookup.item_bits[item]
        # Each entry as one number, run key then the item's rank, so that one sort puts both in order.
        ranked = []
        for scope, region in enumerate(_SCOPES):
            inside = slice(None) if region is None else (bits & _REGION_BITS[region]) != 0
            key = (place[inside] * len(_SCOPES) + scope) * len(sources) + item_source[item[inside]]
            ranked.append(key * count + rank[item[inside]])
        ordered = np.sort(np.concatenate(ranked))
        runs = _place_offsets(c7)[2] * len(_SCOPES) * len(sources)
        bounds[c7] = np.searchsorted(ordered // count, np.arange(runs + 1)).astype(np.int32)
        entries[c7] = order[ordered % count].astype(np.int32)
    link_order = np.argsort(lookup.items, kind="stable")
    item_links = np.searchsorted(lookup.items[link_order], np.arange(count + 1)).astype(np.int32)
    return ListingIndex(sources, bounds, entries, places, link_order.astype(np.int32), item_links)


@dataclass(frozen=True)
class ItemListing:
    """One cell's list at some levels, in a scope and over chosen sources: runs `[starts, ends)` of the index's
    entries in listing order, each of one level (`levels`, positions in `LINK_ORDER`) and one source (`sources`)."""

    c7: str
    places: np.ndarray
    levels: np.ndarray
    sources: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    @property
    def total(self) -> int:
        """Return how many distinct (item, level) entries the list holds."""
        return int((self.ends - self.starts).sum())

    def pages(self, size: int = PAGE_SIZE) -> int:
        """Return how many pages of `size` entries the list takes (one, empty, for an empty list)."""
        return page_count(self.total, size)


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """Return how many pages of `size` entries `total` entries take (one, empty, for none)."""
    return max(1, -(-total // size))


def page_bounds(total: int, page: int, size: int = PAGE_SIZE) -> tuple[int, int]:
    """Return the first and past-the-last entry of page `page` (from 0; clamped to the last) of `total` entries."""
    page = min(max(page, 0), page_count(total, size) - 1)
    return page * size, (page + 1) * size


def cell_listing(
    index: ListingIndex,
    action_line: str,
    goal: int,
    levels: tuple[str, ...],
    c7: C7Mode = "split",
    region: str | None = None,
    sources: tuple[str, ...] | None = None,
) -> ItemListing:
    """Return where one cell's items at `levels` lie in the index, for a region scope (None: all) and sources."""
    row = row_order(c7).index(action_line)
    if goal not in SDG_GOALS:
        raise ValueError(f"unknown goal {goal!r}: expected 1 to {_GOALS}")
    line_start, goal_start, _ = _place_offsets(c7)
    place_of = {
        "pair": row * _GOALS + goal - 1,
        "action_line_only": line_start + row,
        "goal_only": goal_start + goal - 1,
    }
    chosen = [index.sources.index(source) for source in (index.sources if sources is None else sources)]
    scope = _scope(region)
    runs = [(place_of[level], LINK_ORDER.index(level), source) for level in levels for source in chosen]
    places, level_codes, source_codes = (np.array([run[i] for run in runs], dtype=np.int64) for i in range(3))
    runs = (places * len(_SCOPES) + scope) * len(index.sources) + source_codes
    bounds = index.bounds[c7]
    return ItemListing(
        c7, places, level_codes, source_codes, bounds[runs].astype(np.int64), bounds[runs + 1].astype(np.int64)
    )


def listing_counts(listing: ItemListing, index: ListingIndex) -> pd.DataFrame:
    """Return the distinct items of a list by source (rows, in the list's source order) and level (columns)."""
    levels = [LINK_ORDER[code] for code in dict.fromkeys(listing.levels.tolist())]
    sources = [index.sources[code] for code in dict.fromkeys(listing.sources.tolist())]
    lengths = (listing.ends - listing.starts).reshape(len(levels), len(sources))
    return pd.DataFrame(lengths.T, index=pd.Index(sources, name="source"), columns=levels)


def _entry_positions(listing: ItemListing, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the index positions of the list's entries first…last-1 and the run each comes from."""
    lengths = listing.ends - listing.starts
    before = np.concatenate([[0], np.cumsum(lengths)])
    positions, runs = [], []
    for run in np.flatnonzero((before[:-1] < last) & (before[1:] > first)):
        start = listing.starts[run] + max(first - before[run], 0)
        end = listing.starts[run] + min(last - before[run], lengths[run])
        positions.append(np.arange(start, end))
        runs.append(np.full(end - start, run))
    if not positions:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(positions), np.concatenate(runs)


def _values_at(column: pd.Series, positions: np.ndarray) -> np.ndarray:
    """Return a column's values at `positions`, taken from each Arrow chunk apart: a take over a whole chunked
    column first joins its chunks, a copy of the column on every call."""
    if not hasattr(column.array, "__arrow_array__"):
        return column.to_numpy(dtype=object)[positions]
    chunked = pa.chunked_array(column.array.__arrow_array__())
    bounds = np.cumsum([0, *(len(chunk) for chunk in chunked.chunks)])
    chunk_of = np.searchsorted(bounds, positions, side="right") - 1
    values = np.empty(len(positions), dtype=object)
    for chunk in np.unique(chunk_of):
        inside = chunk_of == chunk
        taken = chunked.chunks[chunk].take(pa.array(positions[inside] - bounds[chunk]))
        values[inside] = taken.to_numpy(zero_copy_only=False)
    return values


def _joined(owners: np.ndarray, values: np.ndarray, entries: int) -> list[str]:
    """Return, for each entry, its distinct non-empty values in order, joined with "; "."""
    found: list[dict[str, None]] = [{} for _ in range(entries)]
    for owner, value in zip(owners.tolist(), values.tolist(), strict=True):
        if value is not None and value == value and value != "":
            found[owner][str(value)] = None
    return ["; ".join(values) for values in found]


def listing_rows(
    index: ListingIndex,
    items: pd.DataFrame,
    links: pd.DataFrame,
    listing: ItemListing,
    first: int = 0,
    last: int | None = None,
) -> pd.DataFrame:
    """Return the list's entries first…last-1 (all by default) as rows of `LISTED_COLUMNS`: one per item and level,
    with the targets, bases and notes of the item's links at that place joined."""
    last = listing.total if last is None else min(last, listing.total)
    positions, runs = _entry_positions(listing, first, max(first, last))
    return entry_rows(index, items, links, listing, positions, runs)


def entry_positions(listing: ItemListing) -> tuple[np.ndarray, np.ndarray]:
    """Return the index positions of all the list's entries, in listing order, and the run each comes from."""
    return _entry_positions(listing, 0, listing.total)


def entry_rows(
    index: ListingIndex,
    items: pd.DataFrame,
    links: pd.DataFrame,
    listing: ItemListing,
    positions: np.ndarray,
    runs: np.ndarray,
) -> pd.DataFrame:
    """Return the list's entries at index `positions` (each from its run of `runs`) as rows of `LISTED_COLUMNS`."""
    item = index.entries[listing.c7][positions].astype(np.int64)
    place = listing.places[runs]
    # The item's links at that place: gather every link of the entries' items, keep those at the entry's place.
    starts = index.item_links[item].astype(np.int64)
    counts = index.item_links[item + 1] - starts
    owner = np.repeat(np.arange(len(item)), counts)
    offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    link = index.link_order[np.repeat(starts, counts) + offset]
    at_place = index.places[listing.c7][link] == place[owner]
    owner, link = owner[at_place], link[at_place]
    rows = {column: _values_at(items[column], item) for column in LISTED_COLUMNS[:6]}
    rows["level"] = np.asarray(LINK_ORDER, dtype=object)[listing.levels[runs]]
    for column in LISTED_COLUMNS[7:]:
        rows[column] = _joined(owner, _values_at(links[column], link), len(item))
    return pd.DataFrame(rows, columns=list(LISTED_COLUMNS))


def listing_page(
    index: ListingIndex,
    items: pd.DataFrame,
    links: pd.DataFrame,
    listing: ItemListing,
    page: int,
    size: int = PAGE_SIZE,
) -> pd.DataFrame:
    """Return page `page` (from 0; clamped to the last) of a list: at most `size` rows of `LISTED_COLUMNS`."""
    return listing_rows(index, items, links, listing, *page_bounds(listing.total, page, size))
