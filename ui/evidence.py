"""The evidence check on a page: the sources behind the verdicts, and one cell's verdict with its items.

Every text from the evidence tables (source names, licences, coverage, titles, notes, addresses) is data: it is
shown through `escape_markdown` or in a table, never as Markdown of its own.
"""

import streamlit as st

from analytics.views import EvidenceCellView, EvidenceSourcesView
from messages import number, t
from ui.components import table
from wsis_data.safe_text import escape_markdown

ITEM_COLUMNS = ["source", "title", "organisation", "year", "url", "target", "basis", "note"]


def sources_block(view: EvidenceSourcesView, lang: str) -> None:
    """Render each source the verdicts use: name, items in the view, licence/attribution and coverage."""
    st.markdown("**" + escape_markdown(t("evidence.sources.heading", lang)) + "**")
    st.caption(escape_markdown(t("evidence.not_absence", lang)))
    for source in view.sources.itertuples(index=False):
        items = t("evidence.sources.items", lang, count=number(source.items, lang))
        st.caption(escape_markdown(f"{source.name} — {items}\n{source.licence}\n{source.coverage}"))
    if not view.coverage.empty:
        with st.expander(t("evidence.coverage_by_period", lang), key="evidence_coverage_periods"):
            table(view.coverage, lang)


def cell_block(view: EvidenceCellView, lang: str) -> None:
    """Render one cell's verdict, its distinct items by source, the items pairing it and those at one level only."""
    status = t("evidence.status." + view.status, lang)
    st.markdown(
        escape_markdown(t("evidence.cell.heading", lang, action_line=view.action_line, goal=view.goal, status=status))
    )
    table(view.by_source[["name", "items"]], lang)
    supporting, level_only = _worded(view.supporting, lang), _worded(view.level_only, lang)
    st.markdown("**" + escape_markdown(t("evidence.cell.supporting", lang, count=_items(supporting))) + "**")
    if supporting.empty:
        st.caption(escape_markdown(t("evidence.cell.empty", lang)))
    else:
        table(supporting[ITEM_COLUMNS], lang)
    if not level_only.empty:
        st.markdown("**" + escape_markdown(t("evidence.cell.level_only", lang, count=_items(level_only))) + "**")
        table(level_only[[*ITEM_COLUMNS[:5], "level", "basis", "note"]], lang)


def _worded(links, lang: str):
    """Return the links with their level and basis in the page's language."""
    return links.assign(
        level=[t("evidence.level." + level, lang) for level in links["level"]],
        basis=[t("evidence.basis." + basis, lang) for basis in links["basis"]],
    )


def _items(links) -> int:
    return int(links[["source", "item_id"]].drop_duplicates().shape[0])
