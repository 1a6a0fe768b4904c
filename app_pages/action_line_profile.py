"""Action line profile: facilitators, SDGs and targets with rationales, ICT indicators and ITU activities."""

import streamlit as st

from analytics.localise import list_items, verification_label
from messages import isolated, listed, t
from ui import cached, sidebar
from ui.components import scope_note, table_download
from ui.plain import plain
from wsis_data.constants import ACTION_LINE_CODES

request = sidebar.current_request()
lang = request.lang
dataset = cached.dataset(request.edition)

st.title(t("action_line.title", lang))
if sidebar.view_value("action_line") not in ACTION_LINE_CODES:
    sidebar.set_view_value("action_line", ACTION_LINE_CODES[0])
code = st.selectbox(
    t("control.action_line", lang),
    ACTION_LINE_CODES,
    format_func=lambda c: f"{c} · {isolated(dataset.action_line_label(c, lang).text, lang)}",
    **sidebar.bind("action_line"),
)
profile = cached.action_line(dataset, code, lang, request.region)

st.header(f"{profile.code} · {plain(profile.title, lang)}")
scope_note("scope.action_line", request)
if profile.title_is_fallback:
    st.caption(t("action_line.title_fallback", lang))
elif profile.title_status == "unofficial":
    st.caption(t("action_line.unofficial", lang))
facilitators = profile.facilitators
st.markdown(
    t(
        "action_line.facilitators",
        lang,
        lead=listed((plain(name, lang) for name in list_items(facilitators["lead"], lang)), lang),
        co=listed((plain(name, lang) for name in list_items(facilitators["co"], lang)), lang) or "—",
        verification=plain(verification_label(facilitators["verification"], lang), lang),
    )
)
sources = listed((plain(source, lang) for source in list_items(facilitators["source"], lang)), lang)
st.caption(t("common.source", lang, source=sources))

st.subheader(t("action_line.links", lang, count=len(profile.links)))
table_download(profile.links, f"{code}_links", lang, "al_links_csv")
st.subheader(t("action_line.indicators", lang))
if profile.indicators.empty:
    st.caption(t("action_line.no_indicators", lang))
else:
    table_download(profile.indicators, f"{code}_ict_indicators", lang, "al_indicators_csv")
st.subheader(t("action_line.activities", lang, count=len(profile.activities)))
table_download(profile.activities, f"{code}_activities", lang, "al_activities_csv")
