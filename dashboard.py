"""Entry point: `streamlit run dashboard.py`. Routes over the page registry and sets up the shared sidebar."""

import streamlit as st

from messages import t
from ui import embed, sidebar
from ui.components import apply_language, show_notices
from ui.registry import EMBED_PAGE, PAGES

st.set_page_config(page_title="WSIS–SDG Matrix", page_icon="static/favicon.png", layout="wide")
sidebar.initialise_from_url()
lang = sidebar.view_value("lang")
# An embed shows its one chart: no navigation, no sidebar, and its URL keeps the chart it names.
navigation = st.navigation(
    [
        st.Page(
            spec.path,
            title=t(spec.title_key, lang),
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
            visibility="visible" if spec.listed else "hidden",
        )
        for spec in PAGES
    ],
    position="hidden" if embed.requested() else "sidebar",
)
embedding = navigation.url_path == EMBED_PAGE.url_path
apply_language(lang, embedding)
if not embedding:
    sidebar.render(lang)
show_notices(lang)
navigation.run()
if not embedding:
    sidebar.mirror_to_url(sidebar.current_request())
    sidebar.share_link()
