"""SDG profile: one goal's targets and indicators, the action lines linking it, HLPF years and ITU activities."""

import streamlit as st

from messages import isolated, listed, t
from ui import cached, sidebar
from ui.components import folded, scope_note, table_download
from wsis_data.safe_text import escape_html, safe_colour


def choose_goal() -> None:
    sidebar.set_view_value("sdgs", [st.session_state["profile_goal"]])


request = sidebar.current_request()
lang = request.lang
dataset = cached.dataset(request.edition)

st.title(t("sdg.title", lang))
st.session_state["profile_goal"] = request.sdgs[0] if request.sdgs else st.session_state.get("profile_goal", 1)
goal = st.selectbox(
    t("control.goal", lang),
    list(range(1, 18)),
    key="profile_goal",
    format_func=lambda g: f"{g} · {isolated(dataset.sdg_label('goal', str(g), lang).text, lang)}",
    on_change=choose_goal,
)
profile = cached.sdg(dataset, goal, lang, request.region)

# The goal's colour is the one value placed in HTML: only a #RRGGBB colour reaches the style attribute.
try:
    colour = safe_colour(profile.colour)
except ValueError:
    colour = "#888888"
# An HTML block: Markdown is not read inside it, and its text is escaped as HTML on one line (a blank line in the
# goal's title would end the block).
st.markdown(
    f'<div style="border-inline-start: 12px solid {colour}; padding-inline-start: 12px">'
    f"<h2>{escape_html(t('sdg.heading', lang, goal=goal))}</h2>"
    f"<p>{escape_html(profile.title)}</p></div>",
    unsafe_allow_html=True,
)
scope_note("scope.sdg", request)
years = listed(profile.hlpf_years, lang) or "—"
st.markdown(t("sdg.hlpf_years", lang, years=years))

st.subheader(t("sdg.action_lines", lang, count=len(profile.action_lines)))
table_download(profile.action_lines, f"sdg{goal}_action_lines", lang, "sdg_lines_csv")
st.subheader(t("sdg.targets", lang, count=len(profile.targets)))
table_download(profile.targets, f"sdg{goal}_targets", lang, "sdg_targets_csv")
if box := folded(t("sdg.indicators", lang, count=len(profile.indicators)), "sdg_indicators"):
    with box:
        table_download(profile.indicators, f"sdg{goal}_indicators", lang, "sdg_indicators_csv")
st.subheader(t("sdg.activities", lang, count=len(profile.activities)))
table_download(profile.activities, f"sdg{goal}_activities", lang, "sdg_activities_csv")
