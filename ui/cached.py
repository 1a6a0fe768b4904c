"""The cached boundary between the pages and the analytics: every heavy call is made once per set of arguments.

View models are cached as resources (not copied on each run); the pages treat them as read-only.
"""

import streamlit as st

from analytics import views
from analytics.hlpf import hlpf_years
from analytics.profiles import ActionLineProfile, SdgProfile, action_line_profile, cell_detail, sdg_profile
from wsis_data import loaders


@st.cache_resource(show_spinner=False)
def overview(filters: views.Filters) -> views.OverviewView:
    return views.overview_view(filters)


@st.cache_resource(show_spinner=False)
def explorer(filters: views.Filters, value: str) -> views.ExplorerView:
    return views.explorer_view(filters, value)


@st.cache_data(show_spinner=False)
def matrix_cell(action_line: str, column: str, lang: str):
    return cell_detail(loaders.matrix_links(), loaders.rationales(), action_line, column, lang)


@st.cache_resource(show_spinner=False)
def action_line(code: str, lang: str) -> ActionLineProfile:
    return action_line_profile(code, lang)


@st.cache_resource(show_spinner=False)
def sdg(goal: int, lang: str) -> SdgProfile:
    return sdg_profile(goal, lang)


@st.cache_resource(show_spinner=False)
def graph(filters: views.Filters, kind: str, focus_action_line: str | None) -> views.GraphView:
    return views.graph_view(filters, kind, focus_action_line)


@st.cache_resource(show_spinner=False)
def activities(filters: views.Filters, sectors: tuple[str, ...], action_line: str | None) -> views.ActivityView:
    return views.activity_view(filters, sectors, action_line)


@st.cache_data(show_spinner=False)
def uncovered(lang: str):
    return views.uncovered_view(lang)


@st.cache_data(show_spinner=False)
def years() -> list[int]:
    return hlpf_years(loaders.hlpf_cycles())


@st.cache_data(show_spinner=False)
def hlpf_status() -> dict[int, bool]:
    cycles = loaders.hlpf_cycles()
    return dict(zip(cycles["year"].astype(int), cycles["set_verified"], strict=True))


@st.cache_data(show_spinner=False)
def hlpf_with_sets() -> list[int]:
    cycles = loaders.hlpf_cycles()
    return sorted(int(year) for year, sdgs in zip(cycles["year"], cycles["sdgs"], strict=True) if sdgs)


@st.cache_resource(show_spinner=False)
def data_quality() -> views.DataQualityView:
    return views.data_quality_view()


@st.cache_data(show_spinner=False)
def action_line_title(code: str, lang: str) -> str:
    return loaders.action_line_label(code, lang).text


@st.cache_data(show_spinner=False)
def goal_title(goal: int, lang: str) -> str:
    return loaders.sdg_label("goal", str(goal), lang).text


@st.cache_data(show_spinner=False)
def goal_short_titles(lang: str) -> dict[int, str]:
    return dict(zip(range(1, 18), loaders.goal_labels(lang)["text"], strict=True))
