"""Matrix explorer: the heatmap at goal or target level; clicking a cell shows its targets and rationales."""

import streamlit as st

from analytics.coverage import COVERAGE_VALUES
from messages import t
from ui import cached, sidebar
from ui.components import chart, folded, table_download, view_part
from ui.evidence import cell_block, sources_block

HEATMAP_KEY = "explorer_heatmap"


def choose_cell() -> None:
    """Keep the clicked cell in the view (and so in the link); a click outside the cells clears it."""
    points = [point for point in st.session_state[HEATMAP_KEY].selection.points if point.get("customdata")]
    sidebar.set_view_value("cell", tuple(map(str, points[0]["customdata"])) if points else None)


request = sidebar.current_request()
lang = request.lang
dataset = cached.dataset(request.edition)

st.title(t("explorer.title", lang))


def heatmap_and_cell() -> None:
    """The value control, the heatmap and the clicked cell's rationales: a click redraws this part only."""
    request = sidebar.current_request()
    lang = request.lang
    if request.level == "goal":
        st.radio(
            t("control.value", lang),
            COVERAGE_VALUES,
            format_func=lambda v: t("value." + v, lang),
            horizontal=True,
            **sidebar.bind("value"),
        )
    chart(cached.explorer(dataset, request).heatmap, request, key=HEATMAP_KEY, on_select=choose_cell)

    st.subheader(t("explorer.cell", lang))
    if request.cell:
        action_line, column = request.cell
        detail = cached.matrix_cell(dataset, action_line, column, lang)
        st.markdown(t("explorer.cell.heading", lang, action_line=action_line, column=column))
        if detail.empty:
            st.info(t("explorer.cell.empty", lang), icon=":material/info:")
        for row in detail.itertuples(index=False):
            with st.container(border=True):
                target = row.target or t("explorer.goal_level", lang)
                st.markdown(f"**{target}** — {row.target_text}" if row.target_text else f"**{target}**")
                st.markdown(f"> {row.rationale}" if row.rationale else t("explorer.no_rationale", lang))
        # A target's cell kept from the target level has no goal-level evidence.
        if request.level == "goal" and column.isdigit():
            st.subheader(t("explorer.evidence", lang))
            cell_block(cached.evidence_cell(dataset, request, action_line, int(column)), lang)
            sources_block(cached.evidence_sources(dataset, request), lang)
    else:
        st.caption(t("explorer.cell.hint", lang))


view_part("explorer_heatmap_and_cell", heatmap_and_cell)
view = cached.explorer(dataset, request)
if box := folded(t("explorer.gaps", lang), "explorer_gaps"):
    with box:
        table_download(view.gaps, "gaps_per_goal", lang, "gaps_csv")
        table_download(cached.uncovered(dataset, lang), "uncovered_targets", lang, "uncovered_csv")
if box := folded(t("explorer.rankings", lang), "explorer_rankings"):
    with box:
        table_download(view.goal_depth, "goals_by_depth", lang, "depth_csv")
        table_download(view.action_line_breadth, "action_lines_by_breadth", lang, "breadth_csv")
if box := folded(t("explorer.concentration", lang), "explorer_concentration"):
    with box:
        st.caption(view.concentration_note)
        table_download(view.concentration, "concentration", lang, "concentration_csv")
