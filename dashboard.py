"""Entry point: `streamlit run dashboard.py`. Routes over the page registry and sets up the shared sidebar."""

import streamlit as st

from messages import t
from ui import sidebar
from ui.components import apply_language, show_notices
from ui.registry import PAGES

st.set_page_config(page_title="WSIS–SDG Matrix", page_icon="static/favicon.png", layout="wide")
sidebar.initialise_from_url()
lang = sidebar.view_value("lang")
navigation = st.navigation(
    [
        st.Page(spec.path, title=t(spec.title_key, lang), icon=spec.icon, url_path=spec.url_path, default=spec.default)
        for spec in PAGES
    ]
)
apply_language(lang)
sidebar.render(lang)
show_notices(lang)
navigation.run()
request = sidebar.current_request()
sidebar.mirror_to_url(request)
sidebar.share_link(request)
