"""Rendering pieces shared by the pages: a chart with its table, text summary and downloads; notices."""

import streamlit as st

from analytics.views import ChartView
from messages import t
from wsis_data.spreadsheet_safety import neutralise_formulas

PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    # Map geometry is served by this app (static/, enableStaticServing), never fetched from a CDN.
    "topojsonURL": "app/static/topojson/",
}


def csv_bytes(table) -> bytes:
    """Return a table as UTF-8 CSV (with BOM, for spreadsheet programs) with formula cells neutralised."""
    return neutralise_formulas(table).to_csv(index=False).encode("utf-8-sig")


def chart(view: ChartView, lang: str, key: str, selectable: bool = False):
    """Render a chart, its one-line text summary, and its table with a CSV download; return the selection event."""
    st.caption(view.summary)
    chart_tab, table_tab = st.tabs([t("tab.chart", lang), t("tab.table", lang)])
    with chart_tab:
        event = st.plotly_chart(
            view.figure,
            key=key,
            on_select="rerun" if selectable else "ignore",
            selection_mode="points",
            config=PLOTLY_CONFIG,
        )
    with table_tab:
        st.dataframe(view.table, hide_index=True)
    st.download_button(
        t("download.csv", lang),
        csv_bytes(view.table),
        file_name=f"{view.name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    return event


def table_download(table, name: str, lang: str, key: str) -> None:
    """Render a table with a CSV download button."""
    st.dataframe(table, hide_index=True)
    st.download_button(
        t("download.csv", lang),
        csv_bytes(table),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )


def show_notices(lang: str) -> None:
    """Show, once, a short notice for each URL parameter that was ignored."""
    for notice in st.session_state.pop("notices", []):
        st.warning(
            t("notice.invalid_param", lang, param=notice.param, value=notice.value, expected=notice.expected),
            icon=":material/link_off:",
        )
