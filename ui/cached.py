"""The cached boundary between the pages and the analytics: every heavy call is made once per set of arguments.

Every cache is keyed on the dataset's key (`hash_funcs`), never on its frames, so that two editions are served
side by side without stale results, and on the request fields its content reads (a region change on the matrix
explorer finds its views built). View models are cached as resources (not copied on each run); the pages treat
them as read-only.

Every cache is bounded, least recently used out first, so that a server's memory reaches a plateau however many
distinct views its visitors ask for. A page's view takes 0.1–0.6 MiB (the activities page's is the largest); a
room follows a few views in six languages, so 64 per page keeps its working set and bounds the views at about
100 MiB together. The numbers behind them (`analytics.view_data`) are smaller and kept longer. No entry expires
by age: the default views warmed at start (`ui.server`) stay until pushed out.
"""

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from analytics import views
from analytics.chart_registry import ChartView, chart_request, chart_view, charts_request
from analytics.connect import connect_coverage as coverage_of_connect
from analytics.evidence_search import ListingMatches
from analytics.profiles import ActionLineProfile, SdgProfile, action_line_profile, cell_detail, sdg_profile
from analytics.request import ViewRequest
from wsis_data import loaders
from wsis_data.constants import ACTION_LINE_CODES, LANGUAGES
from wsis_data.dataset import Dataset
from wsis_data.loaded_evidence import evidence_state, with_loaded_evidence
from wsis_data.store import (
    Edition,
    Store,
    database_url,
    open_store,
    published_editions,
)
from wsis_data.store.evidence import existing_database_repository
from wsis_data.stored_editions import edition_changes as changes_from
from wsis_data.stored_editions import edition_connect_changes as connect_changes_from
from wsis_data.stored_editions import edition_dataset

# A dataset hashes by its content key; a request by its text (Streamlit's own hashing of a dataclass took about
# 1 ms a call, and a page run makes several cached calls with a request).
BY_KEY = {Dataset: lambda dataset: dataset.key, ViewRequest: repr}
T = TypeVar("T")
# Entries per cache. A page's views and charts: see above. Profiles: every action line (or goal) in every
# language of one edition. Per-edition figures: a few editions in every language.
VIEW_ENTRIES = 64
PROFILE_ENTRIES = len(ACTION_LINE_CODES) * len(LANGUAGES)
CELL_ENTRIES = 512
EDITION_ENTRIES = 8 * len(LANGUAGES)


# How long the imported sources' versions are trusted before the database is asked again.
EVIDENCE_STATE_SECONDS = 10


# Resources, not data: every page run reads them (sometimes several times), and cached data would be unpickled
# into a fresh copy on each read. The values are tuples of frozen dataclasses and strings, never changed in place.
@st.cache_resource(show_spinner=False, ttl=EVIDENCE_STATE_SECONDS)
def _evidence_state() -> tuple[tuple[str, int], ...]:
    repository = existing_database_repository()
    return evidence_state(repository) if repository is not None else ()


def forget_evidence_state() -> None:
    """Read the imported sources' versions again on the next call (after an import from the app)."""
    _evidence_state.clear()
    _recent_datasets.clear()


# Another instance sharing the database may publish an edition: the list is read again after this many seconds.
EDITIONS_TTL_S = 30


@st.cache_resource(show_spinner=False, ttl=EDITIONS_TTL_S)
def _published(url: str) -> tuple[Edition, ...]:
    return tuple(published_editions(open_store(url)))


def editions() -> tuple[Edition, ...]:
    """Return the published editions of the store (`WSIS_DATABASE_URL`, opened once per process), oldest first."""
    return _published(database_url())


def edition_numbers() -> tuple[str, ...]:
    """Return the published editions' numbers as the URL writes them (`edition=2`)."""
    return tuple(str(edition.number) for edition in editions())


def forget_editions() -> None:
    """Read the published editions again on the next call (after a publication)."""
    _published.clear()
    _recent_datasets.clear()


@st.cache_resource(show_spinner=False, max_entries=8)
def _edition_dataset(url: str, number: int, state: tuple[tuple[str, int], ...]) -> Dataset:
    # A published edition never changes: its dataset is built once per process, database and evidence state.
    edition = edition_dataset(open_store(url), number)
    repository = existing_database_repository()
    return with_loaded_evidence(edition, repository) if state and repository else edition


# Test-only: a folder of canonical tables (e.g. poisoned ones) the dashboard serves instead of the store's editions.
TEST_TABLES_VARIABLE = "WSIS_TEST_TABLES"


@st.cache_resource(show_spinner=False)
def _tables_folder(folder: str) -> Dataset:
    return Dataset.from_tables(loaders.committed_tables(Path(folder)), edition="test", edition_info={})


# A page run asks for its dataset several times (the sidebar, the page, each reading of the request), and each
# answer takes three cached lookups (about 0.3 ms each, mostly hashing their arguments): an answer is kept this
# long, well under the lifetimes of the editions list and the evidence state it depends on.
DATASET_MEMO_S = 1.0
_recent_datasets: dict[tuple[str | None, str], tuple[float, Dataset]] = {}


def dataset(edition: str | None = None) -> Dataset:
    """Return the dataset of a published edition (any other value, None or `committed`, gives the latest), with
    the evidence imported into the database; rebuilt when an import changes a source's version. The test-only
    tables folder (`WSIS_TEST_TABLES`), when set, is served instead of every edition."""
    if folder := os.environ.get(TEST_TABLES_VARIABLE):
        return _tables_folder(folder)
    url, now = database_url(), time.monotonic()
    if (recent := _recent_datasets.get((edition, url))) and recent[0] > now:
        return recent[1]
    numbers = edition_numbers()
    number = int(edition if edition in numbers else numbers[-1])
    data = _edition_dataset(url, number, _evidence_state())
    if len(_recent_datasets) > EDITION_ENTRIES:
        _recent_datasets.clear()
    _recent_datasets[(edition, url)] = (now + DATASET_MEMO_S, data)
    return data


def _page_view(view: Callable[[Dataset, ViewRequest], T], *charts: str) -> Callable[[Dataset, ViewRequest], T]:
    """Return a page's view model, cached on the request without the optional fields none of its charts reads."""
    cached_view = st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=VIEW_ENTRIES)(view)

    def call(data: Dataset, request: ViewRequest) -> T:
        return cached_view(data, charts_request(charts, request))

    call.clear = cached_view.clear  # type: ignore[attr-defined]
    return call


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=VIEW_ENTRIES)
def _chart(name: str, data: Dataset, request: ViewRequest) -> ChartView:
    return chart_view(name, data, request)


def chart(name: str, data: Dataset, request: ViewRequest) -> ChartView:
    """Return a registered chart, cached on the request fields it reads."""
    return _chart(name, data, chart_request(name, request))


overview = _page_view(views.overview_view, "coverage_overview")
explorer = _page_view(views.explorer_view, "coverage")
activities = _page_view(views.activity_view, "evidence", "region_matrix", "difference", "map")


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=VIEW_ENTRIES)
def _graph_files(data: Dataset, kind: str, c7: str, sdgs: tuple[int, ...], focus: str | None) -> dict[str, bytes]:
    return views.graph_downloads(data, ViewRequest(graph_kind=kind, c7=c7, sdgs=sdgs, focus=focus))


def graph_downloads(data: Dataset, request: ViewRequest) -> dict[str, bytes]:
    """Return the network of a request as GraphML and GEXF, cached on the network alone (not its language)."""
    return _graph_files(data, request.graph_kind, request.c7, request.sdgs, request.focus)


def _evidence_scope(request: ViewRequest) -> ViewRequest:
    """Return the request reduced to what a cell's evidence reads: its region, C7 mode and sources."""
    return ViewRequest(region=request.region, c7=request.c7, evidence_sources=request.evidence_sources)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=VIEW_ENTRIES)
def _evidence_cell(data: Dataset, scope: ViewRequest, action_line: str, goal: int) -> views.EvidenceCellView:
    return views.evidence_cell_view(data, scope, action_line, goal)


def evidence_cell(data: Dataset, request: ViewRequest, action_line: str, goal: int) -> views.EvidenceCellView:
    """Return one cell's verdict and item lists, cached on its region, C7 mode and sources (not the language)."""
    return _evidence_cell(data, _evidence_scope(request), action_line, goal)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=CELL_ENTRIES)
def _evidence_cell_page(
    data: Dataset, scope: ViewRequest, action_line: str, goal: int, listing: str, page: int
) -> pd.DataFrame:
    return views.evidence_cell_page(data, _evidence_cell(data, scope, action_line, goal).listings[listing], page)


def evidence_cell_page(
    data: Dataset, request: ViewRequest, action_line: str, goal: int, listing: str, page: int
) -> pd.DataFrame:
    """Return one page of one of a cell's item lists (`analytics.evidence_listing.LISTINGS`), cached likewise."""
    return _evidence_cell_page(data, _evidence_scope(request), action_line, goal, listing, page)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=CELL_ENTRIES)
def _evidence_cell_matches(
    data: Dataset, scope: ViewRequest, action_line: str, goal: int, words: tuple[str, ...]
) -> dict[str, ListingMatches]:
    return views.evidence_cell_matches(data, _evidence_cell(data, scope, action_line, goal), words)


def evidence_cell_matches(
    data: Dataset, request: ViewRequest, action_line: str, goal: int, words: tuple[str, ...]
) -> dict[str, ListingMatches]:
    """Return a cell's item lists narrowed to the entries holding every query word, cached per cell and words."""
    return _evidence_cell_matches(data, _evidence_scope(request), action_line, goal, words)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=CELL_ENTRIES)
def _evidence_matches_page(
    data: Dataset, scope: ViewRequest, action_line: str, goal: int, words: tuple[str, ...], listing: str, page: int
) -> pd.DataFrame:
    matches = _evidence_cell_matches(data, scope, action_line, goal, words)[listing]
    return views.evidence_matches_page(data, matches, page)


def evidence_matches_page(
    data: Dataset, request: ViewRequest, action_line: str, goal: int, words: tuple[str, ...], listing: str, page: int
) -> pd.DataFrame:
    """Return one page of one of a cell's lists narrowed to a query's matches, cached likewise."""
    return _evidence_matches_page(data, _evidence_scope(request), action_line, goal, words, listing, page)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=VIEW_ENTRIES)
def _evidence_sources(data: Dataset, scope: ViewRequest) -> views.EvidenceSourcesView:
    return views.evidence_sources_view(data, scope)


def evidence_sources(data: Dataset, request: ViewRequest) -> views.EvidenceSourcesView:
    """Return the sources behind a request's verdicts, cached on its region, C7 mode and sources (a cell, a value or
    a language chosen on the explorer finds them built)."""
    return _evidence_sources(data, _evidence_scope(request))


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY, max_entries=CELL_ENTRIES)
def matrix_cell(data: Dataset, action_line: str, column: str, lang: str):
    return cell_detail(data, action_line, column, lang)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=PROFILE_ENTRIES)
def action_line(data: Dataset, code: str, lang: str, region: str) -> ActionLineProfile:
    return action_line_profile(data, code, lang, region)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=PROFILE_ENTRIES)
def sdg(data: Dataset, goal: int, lang: str, region: str) -> SdgProfile:
    return sdg_profile(data, goal, lang, region)


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY, max_entries=EDITION_ENTRIES)
def uncovered(data: Dataset, lang: str):
    return views.uncovered_view(data, lang)


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY, max_entries=EDITION_ENTRIES)
def hlpf_status(data: Dataset) -> dict[int, bool]:
    cycles = data.hlpf_cycles
    return dict(zip(cycles["year"].astype(int), cycles["set_verified"], strict=True))


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY, max_entries=EDITION_ENTRIES)
def hlpf_with_sets(data: Dataset) -> list[int]:
    cycles = data.hlpf_cycles
    return sorted(int(year) for year, sdgs in zip(cycles["year"], cycles["sdgs"], strict=True) if sdgs)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY, max_entries=EDITION_ENTRIES)
def data_quality(data: Dataset) -> views.DataQualityView:
    return views.data_quality_view(data)


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY, max_entries=EDITION_ENTRIES)
def goal_short_titles(data: Dataset, lang: str) -> dict[int, str]:
    return dict(zip(range(1, 18), data.goal_labels(lang)["text"], strict=True))


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY, max_entries=EDITION_ENTRIES)
def connect_coverage(data: Dataset):
    return coverage_of_connect(data.connect_agenda, data.connect_links)


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY, max_entries=EDITION_ENTRIES)
def edition_changes(data: Dataset, base: int) -> pd.DataFrame:
    return changes_from(data, base)


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY, max_entries=EDITION_ENTRIES)
def connect_changes(data: Dataset, base: int) -> pd.DataFrame:
    return connect_changes_from(data, base)


def store() -> Store:
    """Return the edition store (`WSIS_DATABASE_URL`, or the embedded SQLite file), opened once per process."""
    return open_store(database_url())
