"""Embeds: one registered chart alone at `/embed?chart=NAME&…`, the `<iframe>` snippet that shows it on another
site, and the link from an embed back to its full view.

Every URL here is written from a validated `ViewRequest` (`request_query`), never from the raw query string.
"""

import html
import re
from urllib.parse import urlencode, urlsplit

import streamlit as st

from analytics.chart_registry import ChartView, chart_request
from analytics.request import ViewRequest, request_query
from messages import t
from ui.registry import EMBED_PAGE, full_view_page

CHART_PARAMETER = "chart"
# Room in the frame for the chart's heading, caption and link under the figure's own height.
FRAME_CHROME_HEIGHT = 190
DEFAULT_FIGURE_HEIGHT = 450
FRAME_MAX_WIDTH = 1100
_MARKUP = re.compile(r"<[^>]*>")


def requested() -> bool:
    """Return True when the browser asks for the embed page (its path, or a chart named in the query)."""
    path = urlsplit(st.context.url or "").path.rstrip("/")
    return CHART_PARAMETER in st.query_params or path.endswith("/" + EMBED_PAGE.url_path)


def app_root() -> str:
    """Return the app's root URL as the browser sees it (scheme, host and base path), or "" when unknown."""
    url = urlsplit(st.context.url or "")
    if not url.scheme:
        return ""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{url.scheme}://{url.netloc}/" + (f"{base}/" if base else "")


def plain_title(view: ChartView) -> str:
    """Return a chart's title as plain text (plotly titles may carry line breaks as markup)."""
    return " ".join(_MARKUP.sub(" ", str(view.figure.layout.title.text or "")).split())


def embed_url(chart: str, request: ViewRequest) -> str:
    """Return the stable URL of a chart alone: the request's parameters the chart reads, and `embed=true`."""
    query = {CHART_PARAMETER: chart, **request_query(chart_request(chart, request)), "embed": "true"}
    return f"{app_root()}{EMBED_PAGE.url_path}?{urlencode(query)}"


def full_view_url(chart: str, request: ViewRequest) -> str:
    """Return the URL of the page that shows a chart with all its controls, for the same request."""
    query = urlencode(request_query(request))
    return f"{app_root()}{full_view_page(chart).url_path}" + (f"?{query}" if query else "")


def iframe_snippet(view: ChartView, request: ViewRequest) -> str:
    """Return the `<iframe>` HTML that embeds a chart: sized for the chart, titled for screen readers."""
    height = int(view.figure.layout.height or DEFAULT_FIGURE_HEIGHT) + FRAME_CHROME_HEIGHT
    title = t("embed.frame_title", request.lang, title=plain_title(view))
    return (
        f'<iframe src="{html.escape(embed_url(view.chart, request), quote=True)}" '
        f'title="{html.escape(title, quote=True)}" width="100%" height="{height}" '
        f'style="border:0; max-width:{FRAME_MAX_WIDTH}px" loading="lazy"></iframe>'
    )


def embed_button(view: ChartView, request: ViewRequest) -> None:
    """Render an "Embed" popover with the chart's ready `<iframe>` snippet."""
    lang = request.lang
    with st.popover(t("embed.button", lang), icon=":material/code:"):
        st.caption(t("embed.help", lang))
        st.code(iframe_snippet(view, request), language="html", wrap_lines=True)
