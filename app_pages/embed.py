"""Embed: one registered chart alone, for another site's `<iframe>`: its heading, the chart with its legend, the
caption and a link back to the full view. `/embed?chart=NAME&lang=…&sdg=…` (and Streamlit's `embed=true`)."""

import plotly.graph_objects as go
import streamlit as st

from analytics.chart_registry import CHARTS
from analytics.request import NOTICE_VALUE_CHARACTERS, RequestError
from messages import listed, t
from ui import cached, embed, sidebar
from ui.components import PLOTLY_CONFIG
from wsis_data.safe_text import escape_markdown

request = sidebar.current_request()
lang = request.lang
names = listed(CHARTS, lang)
name = st.query_params.get(embed.CHART_PARAMETER, "")


def refuse(message: str) -> None:
    st.title(t("page.embed", lang), anchor=False)
    st.warning(escape_markdown(message), icon=":material/link_off:")
    st.stop()


if not name:
    refuse(t("embed.missing", lang, names=names))
if name not in CHARTS:
    shown = name if len(name) <= NOTICE_VALUE_CHARACTERS else name[:NOTICE_VALUE_CHARACTERS] + "…"
    refuse(t("embed.unknown", lang, name=repr(shown), names=names))
try:
    view = cached.chart(name, cached.dataset(request.edition), request)
except RequestError as error:
    notice = error.notice
    refuse(t("embed.cannot", lang, param=notice.param, value=notice.value, expected=notice.expected))

# The page heading is the chart's title, so the figure does not repeat it.
st.title(escape_markdown(embed.plain_title(view)), anchor=False)
st.plotly_chart(go.Figure(view.figure).update_layout(title_text=""), key="embed_chart", config=PLOTLY_CONFIG)
st.caption(escape_markdown(view.summary))
st.caption(escape_markdown(view.caption))
st.link_button(t("embed.full_view", lang), embed.full_view_url(name, request), icon=":material/open_in_new:")
