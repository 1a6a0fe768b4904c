"""Activities and regions: filtered ITU activities, the evidence check, the region matrix and the country map."""

import streamlit as st

from messages import number, t
from ui import cached, sidebar
from ui.components import action_line_choice, chart, folded, scope_note, table_download
from wsis_data.constants import GLOBAL_SCOPE, ITU_SECTORS

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
view = cached.activities(cached.dataset(), request)

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
st.caption(t("activities.evidence.help", lang))
scope_note("scope.activities_charts", request)
chart(view.evidence, request, key="evidence_chart")
if box := folded(t("activities.evidence_by_region", lang), "activities_evidence_by_region"):
    with box:
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
