"""Overview: the headline figures, the matrix at a glance with the HLPF year's SDGs, and the data-quality findings."""

import streamlit as st

from messages import listed, number, t
from ui import cached, sidebar
from ui.components import chart, folded, scope_note, table
from ui.plain import plain

request = sidebar.current_request()
lang = request.lang
view = cached.overview(cached.dataset(request.edition), request)

st.title(t("overview.title", lang))
st.markdown(t("overview.intro", lang))
scope_note("scope.overview", request)

columns = st.columns(4)
for column, key in zip(
    columns * 2,
    (
        "al_goal_pairs",
        "al_target_links",
        "distinct_targets_linked",
        "uncovered_targets",
        "activities",
        "data_quality_findings",
    ),
    strict=False,
):
    column.metric(t("metric." + key, lang), number(view.headline[key], lang), help=t("metric." + key + ".help", lang))

focus = view.focus
if focus.set_verified and focus.sdgs:
    st.info(
        t("overview.hlpf", lang, year=focus.year, sdgs=listed(focus.sdgs, lang), theme=plain(focus.theme, lang)),
        icon=":material/star:",
    )
elif focus.set_verified:
    st.info(t("overview.hlpf_no_set", lang, year=focus.year, theme=plain(focus.theme, lang)), icon=":material/info:")
else:
    st.warning(t("overview.hlpf_unconfirmed", lang, year=focus.year), icon=":material/help:")

chart(view.heatmap, request, key="overview_heatmap")

findings_label = t("overview.findings", lang, count=number(len(view.findings), lang))
if box := folded(findings_label, "overview_findings", icon=":material/fact_check:"):
    with box:
        table(view.findings, lang)
        st.page_link(
            "app_pages/data_quality.py", label=t("overview.findings.link", lang), icon=":material/arrow_forward:"
        )
