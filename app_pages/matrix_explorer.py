"""Matrix explorer: the heatmap at goal or target level; clicking a cell (or choosing it in the list of linked
cells, by keyboard) shows its targets and rationales."""

import streamlit as st

from analytics.coverage import COVERAGE_VALUES
from analytics.profiles import linked_cells
from messages import isolated, t
from ui import cached, sidebar
from ui.components import chart, folded, scope_note, scroll_into_view, table_download, view_part
from ui.evidence import cell_block, sources_block
from ui.plain import plain

HEATMAP_KEY = "explorer_heatmap"
DETAIL_ANCHOR = "cell-detail"


def choose_cell(part: str) -> None:
    """Keep the clicked cell in the view (and so in the link); a click outside the cells clears it."""
    points = [point for point in st.session_state[HEATMAP_KEY].selection.points if point.get("customdata")]
    sidebar.set_view_value("cell", tuple(map(str, points[0]["customdata"])) if points else None)
    st.session_state["explorer.scroll"] = True
    sidebar.rerun_part(part)


def choose_listed_cell(part: str) -> None:
    """Keep the cell chosen in the list, as a click on it would."""
    sidebar.set_view_value("cell", st.session_state["widget.cell"])
    st.session_state["explorer.scroll"] = True
    sidebar.rerun_part(part)


request = sidebar.current_request()
lang = request.lang
dataset = cached.dataset(request.edition)

st.title(t("explorer.title", lang))
scope_note("scope.explorer", request)


def heatmap_and_cell(part: str) -> None:
    """The value control, the list of linked cells, the heatmap and the chosen cell's rationales and evidence: a
    click or a choice redraws this part only."""
    request = sidebar.current_request()
    lang = request.lang
    view = cached.explorer(dataset, request)
    value_column, cell_column = st.columns(2)
    if request.level == "goal":
        value_column.radio(
            t("control.value", lang),
            COVERAGE_VALUES,
            format_func=lambda v: t("value." + v, lang),
            horizontal=True,
            **sidebar.bind("value"),
        )
    # The same choice as a click on the heatmap, reachable by keyboard (type to filter, arrows, Enter).
    cells = linked_cells(view.heatmap.table)
    if request.cell and request.cell not in cells:
        cells.insert(0, request.cell)
    cell_column.selectbox(
        t("explorer.cell.choose", lang, count=len(cells)),
        [None, *cells],
        format_func=lambda cell: (
            t("explorer.cell.option", lang, action_line=isolated(cell[0], lang), column=isolated(cell[1], lang))
            if cell
            else t("explorer.cell.none", lang)
        ),
        **{**sidebar.bind("cell"), "on_change": choose_listed_cell, "args": (part,)},
    )
    chart(view.heatmap, request, key=HEATMAP_KEY, on_select=lambda: choose_cell(part))

    st.subheader(t("explorer.cell", lang), anchor=DETAIL_ANCHOR)
    if request.cell:
        action_line, column = request.cell
        detail = cached.matrix_cell(dataset, action_line, column, lang)
        st.markdown(t("explorer.cell.heading", lang, action_line=plain(action_line, lang), column=plain(column, lang)))
        if detail.empty:
            st.info(t("explorer.cell.empty", lang), icon=":material/info:")
        for row in detail.itertuples(index=False):
            with st.container(border=True):
                target = plain(row.target, lang) if row.target else t("explorer.goal_level", lang)
                st.markdown(f"**{target}** — {plain(row.target_text, lang)}" if row.target_text else f"**{target}**")
                st.markdown(f"> {plain(row.rationale, lang)}" if row.rationale else t("explorer.no_rationale", lang))
        # A target's cell kept from the target level has no goal-level evidence.
        if request.level == "goal" and column.isdigit():
            st.subheader(t("explorer.evidence", lang))
            cell_block(dataset, request, action_line, int(column), "explorer_cell_items")
            sources_block(cached.evidence_sources(dataset, request), lang)
        if st.session_state.pop("explorer.scroll", False):
            scroll_into_view(DETAIL_ANCHOR, request.cell)
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
