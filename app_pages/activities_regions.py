"""Activities and regions: filtered ITU activities, the evidence check, the region matrix and the country map."""

import streamlit as st

from analytics.evidence import ALL_REGIONS
from messages import number, t
from ui import cached, sidebar
from ui.components import action_line_choice, chart, folded, scope_note, table_download
from ui.evidence import cell_block, sources_block
from wsis_data.constants import GLOBAL_SCOPE, ITU_SECTORS
from wsis_data.safe_text import escape_markdown

EVIDENCE_KEY = "evidence_chart"
CELL_CHOICE = "evidence_cell"


def choose_evidence_cell() -> None:
    """Show the clicked cell's items: the click sets the cell list's choice (a click outside the cells clears it)."""
    points = [point for point in st.session_state[EVIDENCE_KEY].selection.points if point.get("customdata")]
    st.session_state[CELL_CHOICE] = f"{points[0]['customdata'][0]}:{points[0]['customdata'][1]}" if points else None


request = sidebar.current_request()
lang = request.lang

st.title(t("activities.title", lang))
left, right = st.columns(2)
left.multiselect(
    t("control.sector", lang),
    ITU_SECTORS,
    format_func=lambda s: t("sector." + s, lang),
    placeholder=t("control.sector.all", lang),
    **sidebar.bind("sectors"),
)
action_line_choice(right, t("control.action_line", lang), lang, sidebar.bind("focus"))
dataset = cached.dataset(request.edition)
view = cached.activities(dataset, request)

st.metric(
    t("activities.count", lang),
    number(view.counts["shown"], lang),
    help=t("activities.count.help", lang, total=view.counts["total"]),
)
table_download(view.activities, "itu_activities", lang, "activities_csv")
if box := folded(t("activities.provenance", lang), "activities_provenance"):
    with box:
        table_download(view.provenance, "activity_evidence", lang, "provenance_csv")

st.subheader(t("activities.evidence", lang))
st.caption(escape_markdown(t("evidence.help", lang)))
names = dict(zip(dataset.evidence_source_details["source"], dataset.evidence_source_details["name"], strict=True))
st.multiselect(
    t("evidence.control.sources", lang),
    dataset.evidence_sources,
    format_func=lambda source: names.get(source, source),
    placeholder=t("evidence.control.sources.all", lang),
    **sidebar.bind("evidence_sources"),
)
region_row = view.evidence_by_region.set_index("region").loc[
    ALL_REGIONS if request.region == GLOBAL_SCOPE else request.region
]
st.caption(
    escape_markdown(
        t(
            "evidence.region.rests_on",
            lang,
            region=t("region." + request.region, lang),
            count=number(region_row["items"], lang),
        )
    )
)
scope_note("scope.activities_charts", request)
chart(view.evidence, request, key=EVIDENCE_KEY, on_select=choose_evidence_cell)
sources_block(view.evidence_sources, lang)

cells = dict(zip(view.evidence_cells["key"], view.evidence_cells["label"], strict=True))
if st.session_state.get(CELL_CHOICE) not in cells:
    st.session_state[CELL_CHOICE] = None
chosen = st.selectbox(
    t("evidence.control.cell", lang),
    tuple(cells),
    placeholder=t("evidence.control.cell.none", lang),
    format_func=cells.__getitem__,
    key=CELL_CHOICE,
)
if chosen:
    action_line, goal = chosen.split(":")
    with st.container(border=True):
        cell_block(dataset, request, action_line, int(goal), "evidence_cell_items")
if box := folded(t("activities.evidence_by_region", lang), "activities_evidence_by_region"):
    with box:
        st.caption(escape_markdown(t("evidence.region.basis", lang)))
        scope_note("scope.evidence_by_region", request)
        table_download(view.evidence_by_region, "evidence_by_region", lang, "evidence_regions_csv")

st.subheader(t("activities.region_matrix", lang))
chart(view.region_matrix, request, key="region_chart")
if view.difference is not None:
    chart(view.difference, request, key="difference_chart")
elif request.region == GLOBAL_SCOPE:
    st.caption(t("activities.difference.pick_region", lang))

st.subheader(t("activities.map", lang))
chart(view.country_map, request, key="map_chart")
