"""Linkage graph: the network of action lines and SDGs coloured by community, its measures and downloads."""

import streamlit as st

from analytics.request import GRAPH_KINDS
from messages import t
from ui import cached, sidebar
from ui.components import action_line_choice, chart, scope_note, view_part

request = sidebar.current_request()
dataset = cached.dataset(request.edition)
st.title(t("graph.title", request.lang))

scope_note("scope.graph", request)


def network(part: str) -> None:
    """The kind and focus controls, the network and its files: changing a control redraws this part only."""
    request = sidebar.current_request()
    lang = request.lang
    left, right = st.columns(2)
    left.radio(
        t("control.graph_kind", lang),
        GRAPH_KINDS,
        format_func=lambda k: t("graph.kind." + k, lang),
        horizontal=True,
        **sidebar.bind("graph_kind"),
    )
    action_line_choice(right, t("control.graph_focus", lang), lang, sidebar.bind("focus"))
    view = cached.chart("graph", dataset, request)
    chart(view, request, key="graph_chart")
    for column, fmt in zip(st.columns(2), ("graphml", "gexf"), strict=True):
        column.download_button(
            t("download." + fmt, lang),
            # Made when clicked, as the other downloads: a page run does not write the network twice.
            lambda fmt=fmt: cached.graph_downloads(dataset, request)[fmt],
            file_name=f"{view.name}.{fmt}",
            mime="application/xml",
            key=fmt,
            icon=":material/download:",
            on_click="ignore",
        )


view_part("graph_network", network)
