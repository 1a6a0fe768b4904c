"""About: what the dashboard is for, the data sources and their licences, and the data edition."""

import streamlit as st

from messages import t
from ui import sidebar
from ui.components import table
from wsis_data import loaders

lang = sidebar.filters().lang
st.title(t("about.title", lang))
st.markdown(t("about.body", lang))
st.subheader(t("about.sources", lang))
st.markdown(t("about.sources.body", lang))
st.subheader(t("about.connect", lang))
st.caption(t("about.connect.help", lang))
table(loaders.connect_agenda(), lang)
st.subheader(t("about.edition", lang))
st.code(loaders.edition_label(), language=None)
table(loaders.table_sources(), lang)
