"""Data quality: every anomaly the data build found in the sources, and how it was handled."""

import streamlit as st

from messages import t
from ui import cached, sidebar
from ui.components import table, table_download

request = sidebar.current_request()
lang = request.lang
st.title(t("data_quality.title", lang))
st.markdown(t("data_quality.intro", lang))
view = cached.data_quality(cached.dataset(request.edition))
table(view.by_kind, lang)
table_download(view.findings, "data_quality", lang, "findings_csv")
