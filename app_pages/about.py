"""About: what the dashboard is for, the data sources and their licences, and the data edition."""

import streamlit as st

from analytics.export.captions import edition_text
from messages import t
from ui import cached, sidebar
from ui.components import table

request = sidebar.current_request()
lang = request.lang
dataset = cached.dataset(request.edition)
st.title(t("about.title", lang))
st.markdown(t("about.body", lang))
st.subheader(t("about.sources", lang))
st.markdown(t("about.sources.body", lang))
st.subheader(t("about.connect", lang))
st.caption(t("about.connect.help", lang))
table(dataset.connect_agenda, lang)
st.subheader(t("about.edition", lang))
st.code(edition_text(dataset, lang), language=None)
table(dataset.table_sources, lang)
