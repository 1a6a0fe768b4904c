"""Data quality: every anomaly the data build found in the sources, and how it was handled."""

import streamlit as st

from messages import t
from ui import sidebar
from ui.components import table, table_download
from wsis_data import loaders

lang = sidebar.filters().lang
st.title(t("data_quality.title", lang))
st.markdown(t("data_quality.intro", lang))
findings = loaders.data_quality()
kinds = findings.groupby(["kind", "severity"]).size().rename("findings").reset_index()
table(kinds, lang)
table_download(findings, "data_quality", lang, "findings_csv")
