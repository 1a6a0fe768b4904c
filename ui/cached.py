"""The cached boundary between the pages and the analytics: every heavy call is made once per set of arguments.

Every cache is keyed on the dataset's key (`hash_funcs`), never on its frames, so that two editions are served
side by side without stale results. View models are cached as resources (not copied on each run); the pages
treat them as read-only.
"""

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st

from analytics import views
from analytics.chart_registry import ChartView, chart_request, chart_view
from analytics.profiles import ActionLineProfile, SdgProfile, action_line_profile, cell_detail, sdg_profile
from analytics.request import ViewRequest
from wsis_data import loaders
from wsis_data.dataset import Dataset, committed_dataset

BY_KEY = {Dataset: lambda dataset: dataset.key}
T = TypeVar("T")


# Test-only: a folder of canonical tables (e.g. poisoned ones) the dashboard serves instead of the committed edition.
TEST_TABLES_VARIABLE = "WSIS_TEST_TABLES"


def dataset() -> Dataset:
    """Return the dataset the dashboard shows (today the committed tables' edition)."""
    if folder := os.environ.get(TEST_TABLES_VARIABLE):
        return _tables_folder(folder)
    return committed_dataset()


@st.cache_resource(show_spinner=False)
def _tables_folder(folder: str) -> Dataset:
    return Dataset.from_tables(loaders.committed_tables(Path(folder)), edition="test", edition_info={})


def _page_view(view: Callable[[Dataset, ViewRequest], T], chart: str) -> Callable[[Dataset, ViewRequest], T]:
    """Return a page's view model, cached on the request without the page-local choices its chart does not read."""
    cached_view = st.cache_resource(show_spinner=False, hash_funcs=BY_KEY)(view)

    def call(data: Dataset, request: ViewRequest) -> T:
        return cached_view(data, chart_request(chart, request))

    call.clear = cached_view.clear  # type: ignore[attr-defined]
    return call


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY)
def _chart(name: str, data: Dataset, request: ViewRequest) -> ChartView:
    return chart_view(name, data, request)


def chart(name: str, data: Dataset, request: ViewRequest) -> ChartView:
    """Return a registered chart, cached on the request fields it reads."""
    return _chart(name, data, chart_request(name, request))


overview = _page_view(views.overview_view, "coverage_overview")
explorer = _page_view(views.explorer_view, "coverage")
activities = _page_view(views.activity_view, "map")
graph_downloads = _page_view(views.graph_downloads, "graph")


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY)
def matrix_cell(data: Dataset, action_line: str, column: str, lang: str):
    return cell_detail(data, action_line, column, lang)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY)
def action_line(data: Dataset, code: str, lang: str, region: str) -> ActionLineProfile:
    return action_line_profile(data, code, lang, region)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY)
def sdg(data: Dataset, goal: int, lang: str, region: str) -> SdgProfile:
    return sdg_profile(data, goal, lang, region)


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY)
def uncovered(data: Dataset, lang: str):
    return views.uncovered_view(data, lang)


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY)
def hlpf_status(data: Dataset) -> dict[int, bool]:
    cycles = data.hlpf_cycles
    return dict(zip(cycles["year"].astype(int), cycles["set_verified"], strict=True))


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY)
def hlpf_with_sets(data: Dataset) -> list[int]:
    cycles = data.hlpf_cycles
    return sorted(int(year) for year, sdgs in zip(cycles["year"], cycles["sdgs"], strict=True) if sdgs)


@st.cache_resource(show_spinner=False, hash_funcs=BY_KEY)
def data_quality(data: Dataset) -> views.DataQualityView:
    return views.data_quality_view(data)


@st.cache_data(show_spinner=False, hash_funcs=BY_KEY)
def goal_short_titles(data: Dataset, lang: str) -> dict[int, str]:
    return dict(zip(range(1, 18), data.goal_labels(lang)["text"], strict=True))
