"""Editions: what changed from one published edition of the matrix to another, as a heatmap and a table."""

import streamlit as st

from messages import t
from ui import cached, sidebar
from ui.components import chart, table, table_downloads
from wsis_data.safe_text import escape_markdown
from wsis_data.stored_editions import default_base

request = sidebar.current_request()
lang = request.lang
dataset = cached.dataset(request.edition)
titles = {str(edition.number): sidebar.edition_title(edition, lang) for edition in cached.editions()}
if request.base not in titles:
    sidebar.set_view_value("base", str(default_base(dataset)))
    request = sidebar.current_request()

st.title(t("editions.title", lang))
st.markdown(t("editions.intro", lang))
left, right = st.columns(2)
left.selectbox(t("editions.base", lang), list(titles), format_func=titles.get, **sidebar.bind("base"))
# The edition compared is the sidebar's, which every other page shows too; labels are curators' text.
right.caption(t("editions.after", lang, edition=escape_markdown(titles[dataset.edition])))
request = sidebar.current_request()

chart(cached.chart("edition_diff", dataset, request), request, key="edition_diff")

changes = cached.edition_changes(dataset, int(request.base))
changes = changes[changes["goal"].isin(request.goals)].reset_index(drop=True)
st.subheader(t("editions.changes", lang))
if changes.empty:
    st.info(t("editions.no_changes", lang, before=request.base, after=dataset.edition), icon=":material/info:")
else:
    # Rationales are curators' text: a dataframe shows them as plain text.
    table(changes, lang)
    table_downloads(changes, f"changes_{request.base}_to_{dataset.edition}", request, key="edition_changes")

st.subheader(t("editions.connect_changes", lang))
connect_changes = cached.connect_changes(dataset, int(request.base))
if connect_changes.empty:
    st.info(t("editions.no_connect_changes", lang, before=request.base, after=dataset.edition), icon=":material/info:")
else:
    # Connect rationales and sources are curators' text too: shown in a dataframe, as plain text.
    table(connect_changes, lang)
    table_downloads(
        connect_changes,
        f"connect_changes_{request.base}_to_{dataset.edition}",
        request,
        key="edition_connect_changes",
    )
