"""The evidence check on a page: the sources behind the verdicts, and one cell's verdict with its items.

Every text from the evidence tables (source names, licences, coverage, titles, notes, addresses) is data: it is
shown through `escape_markdown` or in a table, never as Markdown of its own.
"""

import streamlit as st

from analytics import views
from analytics.evidence_listing import LISTED_COLUMNS, PAGE_SIZE, page_count
from analytics.evidence_search import QueryError, query_words
from analytics.request import ViewRequest
from analytics.views import EvidenceSourcesView
from messages import number, t
from ui import cached
from ui.components import csv_button, table
from ui.plain import plain
from wsis_data.dataset import Dataset
from wsis_data.safe_text import escape_markdown


def sources_block(view: EvidenceSourcesView, lang: str) -> None:
    """Render each source the verdicts use: name, items in the view, licence/attribution and coverage."""
    st.markdown("**" + escape_markdown(t("evidence.sources.heading", lang)) + "**")
    st.caption(escape_markdown(t("evidence.not_absence", lang)))
    # A source's licence and coverage are its own words, published in English only.
    english = "" if lang == "en" else " " + escape_markdown(f"({t('original_english', lang)})")
    for source in view.sources.itertuples(index=False):
        items = escape_markdown(t("evidence.sources.items", lang, count=number(source.items, lang)))
        # Each isolated, an English sentence keeps its full stop and quotes at its end inside Arabic text; a
        # backslash before a line break is a hard break between them.
        name, licence, coverage = (plain(text, lang) for text in (source.name, source.licence, source.coverage))
        st.caption(f"{name} — {items}\\\n{licence}\\\n{coverage}{english}")
    if not view.coverage.empty:
        with st.expander(t("evidence.coverage_by_period", lang), key="evidence_coverage_periods"):
            table(view.coverage, lang)


def cell_block(dataset: Dataset, request: ViewRequest, action_line: str, goal: int, key: str) -> None:
    """Render one cell's verdict, its distinct items by source and level, a box that narrows its item lists to the
    items holding every word typed, a page of each list (the items pairing it, then those at one level only) with a
    page choice, and CSVs of the matches and of the whole cell built on click."""
    lang = request.lang
    view = cached.evidence_cell(dataset, request, action_line, goal)
    status = t("evidence.status." + view.status, lang)
    st.markdown(
        escape_markdown(t("evidence.cell.heading", lang, action_line=view.action_line, goal=view.goal, status=status))
    )
    table(view.by_source[["name", "pairing_items", "action_line_only_items", "goal_only_items"]], lang)
    total = sum(listing.total for listing in view.listings.values())
    words = _query_words(f"{key}.search.{action_line}:{goal}", lang) if total else ()
    matches = cached.evidence_cell_matches(dataset, request, action_line, goal, words) if words else None
    if matches is not None:
        found = sum(match.total for match in matches.values())
        # An element whose role is "status": a screen reader reads the new count when the query changes.
        st.info(plain(t("evsearch.found", lang, count=found, total=total), lang), icon=":material/search:")
    for name, listing in view.listings.items():
        if name == "level_only" and not listing.total:
            continue
        heading = t(f"evidence.cell.{name}", lang, count=listing.total)
        st.markdown("**" + escape_markdown(heading) + "**")
        if not listing.total:
            st.caption(escape_markdown(t("evidence.cell.empty", lang)))
            continue
        if matches is None:
            _page_of_list(dataset, request, action_line, goal, name, listing.total, key)
        elif not matches[name].total:
            st.caption(plain(t("evsearch.none", lang, total=listing.total), lang))
        else:
            _page_of_list(dataset, request, action_line, goal, name, listing.total, key, words, matches[name].total)
    if matches is not None and found:
        csv_button(
            t("evsearch.download", lang, count=found),
            lambda: views.evidence_matches_table(dataset, matches),
            f"evidence_{action_line}_sdg{goal}_search.csv",
            f"{key}.found_csv.{action_line}:{goal}",
        )
    if total:
        csv_button(
            t("evidence.cell.download", lang, total=total),
            lambda: views.evidence_cell_table(dataset, view),
            f"evidence_{action_line}_sdg{goal}.csv",
            f"{key}.csv.{action_line}:{goal}",
        )


def _query_words(key: str, lang: str) -> tuple[str, ...]:
    """Render the search box of a cell's items and return the query's words (none when blank or refused)."""
    # No `max_chars`: its counter overlaps right-to-left text; a longer query is refused below, naming the bound.
    query = st.text_input(
        t("evsearch.label", lang), placeholder=t("evsearch.placeholder", lang), help=t("evsearch.help", lang), key=key
    )
    try:
        return query_words(query)
    except QueryError as error:
        message = "evsearch.too_long" if error.bound == "characters" else "evsearch.too_many_words"
        st.warning(plain(t(message, lang, limit=error.limit), lang), icon=":material/warning:")
        return ()


def _page_of_list(
    dataset: Dataset,
    request: ViewRequest,
    action_line: str,
    goal: int,
    name: str,
    total: int,
    key: str,
    words: tuple[str, ...] = (),
    found: int | None = None,
) -> None:
    """Render the chosen page of one of a cell's lists (`total` entries), or of its `found` matches of `words`."""
    lang = request.lang
    paged = total if found is None else found
    pages = page_count(paged)
    # A list of another length (another region, sources or query) opens at its first page.
    found_key = "" if found is None else f".found{found}"
    page = _page_choice(pages, f"{key}.{name}.{action_line}:{goal}.{total}{found_key}", lang)
    if words:
        rows = cached.evidence_matches_page(dataset, request, action_line, goal, words, name, page)
    else:
        rows = cached.evidence_cell_page(dataset, request, action_line, goal, name, page)
    first, last = page * PAGE_SIZE + 1, page * PAGE_SIZE + len(rows)
    if found is None:
        shown = t("evidence.cell.showing", lang, first=first, last=last, total=total)
    else:
        shown = t("evsearch.showing", lang, first=first, last=last, count=found, total=total)
    st.caption(escape_markdown(shown))
    table(_worded(rows, lang)[list(LISTED_COLUMNS[:1] + LISTED_COLUMNS[2:])], lang)


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
