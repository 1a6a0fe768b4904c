"""Linkage graph: the network of action lines and SDGs coloured by community, its measures and downloads."""

import streamlit as st

from messages import t
from ui import cached, sidebar
from ui.components import action_line_choice, chart

filters = sidebar.filters()
lang = filters.lang

st.title(t("graph.title", lang))
left, right = st.columns(2)
kind = left.radio(
    t("control.graph_kind", lang),
    ("goal", "target"),
    format_func=lambda k: t("graph.kind." + k, lang),
    horizontal=True,
    key="graph_kind",
)
focus = action_line_choice(right, t("control.graph_focus", lang), lang, "graph_focus")
view = cached.graph(filters, kind, focus)
chart(view.chart, filters, key="graph_chart")

for column, fmt in zip(st.columns(2), ("graphml", "gexf"), strict=True):
    column.download_button(
        t("download." + fmt, lang),
        view.downloads[fmt],
        file_name=f"{view.chart.name}.{fmt}",
        mime="application/xml",
        key=fmt,
        icon=":material/download:",
    )
