"""The evidence check on a page: the sources behind the verdicts, and one cell's verdict with its items.

Every text from the evidence tables (source names, licences, coverage, titles, notes, addresses) is data: it is
shown through `escape_markdown` or in a table, never as Markdown of its own.
"""

import streamlit as st

from analytics import views
from analytics.evidence_listing import LISTED_COLUMNS, PAGE_SIZE
from analytics.export.tables import csv_bytes
from analytics.request import ViewRequest
from analytics.views import EvidenceSourcesView
from messages import number, t
from ui import cached
from ui.components import table
from wsis_data.dataset import Dataset
from wsis_data.safe_text import escape_markdown


def sources_block(view: EvidenceSourcesView, lang: str) -> None:
    """Render each source the verdicts use: name, items in the view, licence/attribution and coverage."""
    st.markdown("**" + escape_markdown(t("evidence.sources.heading", lang)) + "**")
    st.caption(escape_markdown(t("evidence.not_absence", lang)))
    # A source's licence and coverage are its own words, published in English only.
    english = "" if lang == "en" else f" ({t('original_english', lang)})"
    for source in view.sources.itertuples(index=False):
        items = t("evidence.sources.items", lang, count=number(source.items, lang))
        st.caption(escape_markdown(f"{source.name} — {items}\n{source.licence}\n{source.coverage}{english}"))
    if not view.coverage.empty:
        with st.expander(t("evidence.coverage_by_period", lang), key="evidence_coverage_periods"):
            table(view.coverage, lang)


def cell_block(dataset: Dataset, request: ViewRequest, action_line: str, goal: int, key: str) -> None:
    """Render one cell's verdict, its distinct items by source and level, a page of each of its item lists (the
    items pairing it, then those at one level only) with a page choice, and a CSV of all of them built on click."""
    lang = request.lang
    view = cached.evidence_cell(dataset, request, action_line, goal)
    status = t("evidence.status." + view.status, lang)
    st.markdown(
        escape_markdown(t("evidence.cell.heading", lang, action_line=view.action_line, goal=view.goal, status=status))
    )
    table(view.by_source[["name", "pairing_items", "action_line_only_items", "goal_only_items"]], lang)
    for name, listing in view.listings.items():
        if name == "level_only" and not listing.total:
            continue
        heading = t(f"evidence.cell.{name}", lang, count=listing.total)
        st.markdown("**" + escape_markdown(heading) + "**")
        if not listing.total:
            st.caption(escape_markdown(t("evidence.cell.empty", lang)))
            continue
        # A list of another length (another region or sources) opens at its first page.
        page = _page_choice(listing.pages(), f"{key}.{name}.{action_line}:{goal}.{listing.total}", lang)
        rows = cached.evidence_cell_page(dataset, request, action_line, goal, name, page)
        first = page * PAGE_SIZE + 1
        shown = t("evidence.cell.showing", lang, first=first, last=first + len(rows) - 1, total=listing.total)
        st.caption(escape_markdown(shown))
        table(_worded(rows, lang)[list(LISTED_COLUMNS[:1] + LISTED_COLUMNS[2:])], lang)
    total = sum(listing.total for listing in view.listings.values())
    if total:
        st.download_button(
            t("evidence.cell.download", lang, total=total),
            lambda: csv_bytes(views.evidence_cell_table(dataset, view)),
            file_name=f"evidence_{action_line}_sdg{goal}.csv",
            mime="text/csv",
            key=f"{key}.csv.{action_line}:{goal}",
            icon=":material/download:",
            on_click="ignore",
        )


def _page_choice(pages: int, key: str, lang: str) -> int:
    """Return the page (from 0) chosen for a list of `pages` pages; a list of one page has no choice."""
    if pages == 1:
        return 0
    return st.number_input(t("evidence.cell.page", lang, pages=pages), 1, pages, 1, 1, key=key) - 1


def _worded(rows, lang: str):
    """Return the rows with their level and basis in the page's language."""
    return rows.assign(
        level=[t("evidence.level." + level, lang) for level in rows["level"]],
        basis=["; ".join(t("evidence.basis." + b, lang) for b in basis.split("; ") if b) for basis in rows["basis"]],
    )
