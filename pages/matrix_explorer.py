"""Matrix explorer: the heatmap at goal or target level; clicking a cell shows its targets and rationales."""

import streamlit as st

from analytics.coverage import COVERAGE_VALUES
from messages import t
from ui import cached, sidebar
from ui.components import chart, folded, table_download

filters = sidebar.filters()
lang = filters.lang

st.title(t("explorer.title", lang))
value = (
    st.radio(
        t("control.value", lang),
        COVERAGE_VALUES,
        format_func=lambda v: t("value." + v, lang),
        horizontal=True,
        key="explorer_value",
    )
    if filters.level == "goal"
    else "linked"
)
view = cached.explorer(filters, value)
event = chart(view.heatmap, filters, key="explorer_heatmap", selectable=True)

points = [point for point in (event.selection.points if event else []) if point.get("customdata")]
st.subheader(t("explorer.cell", lang))
if points:
    action_line, column = points[0]["customdata"]
    detail = cached.matrix_cell(action_line, str(column), lang)
    st.markdown(t("explorer.cell.heading", lang, action_line=action_line, column=column))
    if detail.empty:
        st.info(t("explorer.cell.empty", lang), icon=":material/info:")
    for row in detail.itertuples(index=False):
        with st.container(border=True):
            target = row.target or t("explorer.goal_level", lang)
            st.markdown(f"**{target}** — {row.target_text}" if row.target_text else f"**{target}**")
            st.markdown(f"> {row.rationale}" if row.rationale else t("explorer.no_rationale", lang))
else:
    st.caption(t("explorer.cell.hint", lang))

if box := folded(t("explorer.gaps", lang), "explorer_gaps"):
    with box:
        table_download(view.gaps, "gaps_per_goal", lang, "gaps_csv")
        table_download(cached.uncovered(lang), "uncovered_targets", lang, "uncovered_csv")
if box := folded(t("explorer.rankings", lang), "explorer_rankings"):
    with box:
        table_download(view.goal_depth, "goals_by_depth", lang, "depth_csv")
        table_download(view.action_line_breadth, "action_lines_by_breadth", lang, "breadth_csv")
if box := folded(t("explorer.concentration", lang), "explorer_concentration"):
    with box:
        st.caption(view.concentration_note)
        table_download(view.concentration, "concentration", lang, "concentration_csv")
