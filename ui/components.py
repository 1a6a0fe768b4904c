"""Rendering pieces shared by the pages: a chart with its summary, table and downloads; notices."""

import json
from collections.abc import Callable

import streamlit as st
from plotly.basedatatypes import BaseFigure

from analytics.chart_registry import ChartView
from analytics.export.captions import export_context, with_caption
from analytics.export.images import IMAGE_FORMATS, INSTALL_HINT, document_title, find_browser, image_session
from analytics.export.tables import csv_bytes, xlsx_bytes
from analytics.localise import (
    english_only_columns,
    localised_expected,
    localised_values,
    plotly_locale,
    streamlit_texts,
)
from analytics.request import ViewRequest
from messages import catalog, listed, t
from ui import cached, sidebar
from ui.embed import embed_button
from ui.plain import plain
from wsis_data.constants import ACTION_LINE_CODES, RIGHT_TO_LEFT_LANGUAGES
from wsis_data.safe_text import escape_markdown

PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    # Map geometry is served by this app (static/, enableStaticServing), never fetched from a CDN.
    "topojsonURL": "app/static/topojson/",
}
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@st.cache_data(show_spinner=False)
def browser_installed() -> bool:
    return find_browser() is not None


def _context(request: ViewRequest):
    return export_context(cached.dataset(request.edition), request)


def _image(view: ChartView, request: ViewRequest, fmt: str):
    def render() -> bytes:
        with image_session() as session:
            return session.render(with_caption(view.figure, _context(request)), fmt)

    return render


def downloads(view: ChartView, request: ViewRequest, key: str) -> None:
    """Render the export buttons of a chart: images with caption (when a browser is installed), CSV and XLSX, and
    the Embed snippet of a registered chart.

    Every file is made when its button is clicked (deferred data), not on each rerun of the page.
    """
    lang = request.lang
    # One row that wraps, each button as wide as its label: equal columns cut long labels ("XLSX avec métadonnées").
    row = st.container(horizontal=True, wrap=True)
    if browser_installed():
        for fmt in IMAGE_FORMATS:
            row.download_button(
                t("download." + fmt, lang),
                _image(view, request, fmt),
                file_name=f"{view.name}.{fmt}",
                mime=MIME[fmt],
                key=f"{key}_{fmt}",
                icon=":material/image:",
                on_click="ignore",
            )
    else:
        st.caption(t("export.no_browser", lang, command=INSTALL_HINT))
    table_buttons(row, view.table, view.name, request, key, document_title(view.figure))
    if view.chart:
        embed_button(view, request)


class PreparedFigure(BaseFigure):
    """A finished figure as Streamlit's `st.plotly_chart` reads it: it asks a plotly figure for `to_dict` alone,
    here the dictionary its view made once. A cached figure handed as it is was deep-copied on every page run that
    showed it, and a dictionary would be validated again by plotly, which costs more."""

    def __init__(self, figure: dict):
        # Not BaseFigure.__init__: it would validate the whole figure again.
        self._figure = figure

    def to_dict(self) -> dict:
        return self._figure


def chart(view: ChartView, request: ViewRequest, key: str, on_select=None):
    """Render a chart, its one-line text summary, its table and its downloads; `on_select` is called on a click."""
    lang = request.lang
    st.caption(view.summary)
    # The caption names the data edition, whose label a curator wrote: shown literally.
    st.caption(escape_markdown(view.caption))
    # The table runs only while its tab is open: a hidden grid still costs the first page load its script and render.
    chart_tab, table_tab = st.tabs([t("tab.chart", lang), t("tab.table", lang)], key=f"{key}_tabs", on_change="rerun")
    with chart_tab:
        st.plotly_chart(
            PreparedFigure(view.figure_dict),
            key=key,
            on_select=on_select or "ignore",
            selection_mode="points",
            config={**PLOTLY_CONFIG, **plotly_locale(lang)},
        )
    if table_tab.open:
        with table_tab:
            table(view.table, lang)
    downloads(view, request, key)


def view_part(key: str, body: Callable[[str], None]) -> None:
    """Render `body` as a fragment: a control inside it reruns only this part and the share link, which follows the
    change. `body` gets the part's key, for callbacks of its own (`sidebar.rerun_part`)."""

    def part() -> None:
        with sidebar.drawing_part(key):
            body(key)
        # A fragment's run skips the entry point, which mirrors the request to the URL after a full run.
        sidebar.mirror_to_url(sidebar.current_request())

    st.fragment(part, key=key)()


def folded(label: str, key: str, icon: str | None = None):
    """Render an expander and return its container while it is open, else None (its content then does not run)."""
    box = st.expander(label, key=key, icon=icon, on_change="rerun")
    return box if box.open else None


def action_line_choice(container, label: str, lang: str, binding: dict) -> str | None:
    """Render a choice of one action line or all of them in `container`, bound to a view setting."""
    return container.selectbox(
        label,
        (None, *ACTION_LINE_CODES),
        format_func=lambda code: code or t("graph.all_action_lines", lang),
        # Streamlit shows its own English placeholder when the value is None ("all"): say "all" in the language.
        placeholder=t("graph.all_action_lines", lang),
        **binding,
    )


def headers(table, lang: str) -> dict[str, str]:
    """Return the column labels of a table in `lang`; the CSV keeps the stable column names."""
    return {str(column): t(f"header.{column}", lang) for column in table.columns if f"header.{column}" in catalog("en")}


# Pixels of a grid's header row and borders.
EMPTY_TABLE_HEIGHT = 38


def table(frame, lang: str) -> None:
    """Render a table with its column headers and codes (regions, finding kinds, severities, sectors) in the chosen
    language; text that exists only in English is marked so, and an empty table says it is empty."""
    if frame.empty:
        st.caption(t("table.empty", lang))
    if lang != "en" and english_only_columns(frame):
        labels = headers(frame, lang)
        columns = listed((labels.get(column, column) for column in english_only_columns(frame)), lang)
        label = f":material/translate: **{t('original_english', lang)}** ({columns})"
        st.caption(t("common.labelled", lang, label=label, value=t("original_english.help", lang)))
    # An empty grid draws Streamlit's English "empty" in its one row (on its canvas, out of reach of the page's
    # script): only the header row is shown, under the caption that says the table is empty.
    height = EMPTY_TABLE_HEIGHT if frame.empty else "auto"
    st.dataframe(localised_values(frame, lang), hide_index=True, column_config=headers(frame, lang), height=height)


def table_download(table_frame, name: str, lang: str, key: str) -> None:
    """Render a table with a CSV download button."""
    table(table_frame, lang)
    csv_button(t("download.csv", lang), lambda: table_frame, f"{name}.csv", key)


def csv_button(label: str, build_table: Callable, file_name: str, key: str, where=st) -> None:
    """Render in `where` a button that downloads the table `build_table()` makes as formula-safe CSV, made only when
    the button is clicked."""
    where.download_button(
        label,
        lambda: csv_bytes(build_table()),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def table_downloads(frame, name: str, request: ViewRequest, key: str) -> None:
    """Render CSV and XLSX downloads of a table (formula-safe cells, the XLSX with its metadata sheet)."""
    table_buttons(st.container(horizontal=True, wrap=True), frame, name, request, key)


def table_buttons(row, frame, name: str, request: ViewRequest, key: str, title: str | None = None) -> None:
    """Render in `row` the CSV and XLSX download buttons of a table, each file made when its button is clicked;
    the workbook's document title is `title` (a chart's), else its source and table."""
    lang = request.lang
    csv_button(t("download.csv", lang), lambda: frame, f"{name}.csv", f"{key}_csv", where=row)
    row.download_button(
        t("download.xlsx", lang),
        lambda: xlsx_bytes({name: frame}, _context(request), title),
        file_name=f"{name}.xlsx",
        mime=MIME["xlsx"],
        key=f"{key}_xlsx",
        icon=":material/table:",
        on_click="ignore",
    )


# Right to left, text, tables and the sidebar mirror; charts and code keep their own direction. Streamlit draws a
# Markdown quote's bar with `border-left` and pads its left side (physical sides, not logical ones): in Arabic the
# bar and the padding move to the right, where the line starts; its lists are set `text-align: left`, now `start`.
RIGHT_TO_LEFT_CSS = """
  [data-testid="stSidebar"] { border-inline-start: 1px solid #E4E7EB; }
  [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stAlertContainer"],
  [data-testid="stMetric"], [data-testid="stExpander"] summary, [data-testid="stTable"] th, h1, h2, h3, h4 {
    text-align: start;
  }
  [data-testid="stMarkdownContainer"] blockquote {
    border-left: none !important;
    border-right: 0.15em solid #D5DAE1 !important;
    padding: 0 0.75em 0 0 !important;
    text-align: right;
  }
  [data-testid="stMarkdownContainer"] > ul, [data-testid="stMarkdownContainer"] > ol { text-align: start; }
  [data-testid="stPlotlyChart"], [data-testid="stCode"], .js-plotly-plot { direction: ltr; }
  /* plotly measures text in a hidden SVG of the page's body: measured right to left, the tick labels' widths come
     out wrong and an axis title lands on its labels. */
  #js-plotly-tester { direction: ltr; }
"""


# An embed fills its frame: no header bar, no page padding above the chart.
EMBED_CSS = """
  [data-testid="stHeader"] { display: none; }
  [data-testid="stMainBlockContainer"] { padding: 0.5rem 1rem; max-width: 100%; }
  h1 { font-size: 1.25rem !important; padding: 0 0 0.25rem !important; }
"""


# Streamlit draws captions in grey at 60 % opacity (under 3:1 on white); WCAG 2.1 AA asks for 4.5:1.
CONTRAST_CSS = """
  [data-testid="stCaptionContainer"] { opacity: 1 !important; }
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4A5560 !important; }
"""
PAGE_SETUP = """<script>
{ // a block: the script runs again on each language change, and its `let` must not be declared twice globally
  document.documentElement.lang = %(lang)s;
  document.documentElement.dir = %(direction)s;
  let style = document.getElementById("wsis-page-style");
  if (!style) {
    style = document.createElement("style");
    style.id = "wsis-page-style";
    document.head.appendChild(style);
  }
  style.textContent = %(css)s;
  window.wsisStreamlit = %(streamlit_texts)s;
  // Streamlit's own texts (toolbars, menus, placeholders, status, help icons) in the page's language: each title,
  // label or placeholder, and each text of Streamlit's outside the pages' Markdown, that is a known English text is
  // reworded; the English original is kept, so a later language change (English too) rewords it again. Inside a
  // chart only Streamlit's own button (Fullscreen) is one of these texts: plotly words its toolbar (config.locales).
  if (!window.wsisRelabel) {
    const NAMES = ["title", "aria-label", "placeholder", "data-title"];
    const CONTENT = '[data-testid="stMarkdownContainer"], .js-plotly-plot, [data-testid="stCode"]';
    const originals = new WeakMap();  // node → {name: [english, shown]}
    const translated = (english) => {
      const texts = window.wsisStreamlit.texts;
      if (Object.hasOwn(texts, english)) return texts[english];
      for (const [prefix, suffix, text] of window.wsisStreamlit.patterns) {
        if (english.length > prefix.length + suffix.length && english.startsWith(prefix) && english.endsWith(suffix)) {
          return text.replace("{label}", english.slice(prefix.length, english.length - suffix.length));
        }
      }
      return null;
    };
    const reword = (node, name, value, set) => {
      const saved = originals.get(node) || {};
      const known = saved[name];
      const english = known && known[1] === value.trim() ? known[0] : value.trim();
      const shown = translated(english) ?? (known ? english : null);
      if (shown === null) return;
      saved[name] = [english, shown];
      originals.set(node, saved);
      if (value.trim() !== shown) set(value.replace(value.trim(), shown));
    };
    const relabelElement = (element) => {
      for (const name of NAMES) {
        const value = element.getAttribute(name);
        if (value) reword(element, name, value, (shown) => element.setAttribute(name, shown));
      }
    };
    const relabelText = (text) => {
      if (text.nodeValue.trim() && text.parentElement && !text.parentElement.closest(CONTENT)) {
        reword(text, "text", text.nodeValue, (shown) => { text.nodeValue = shown; });
      }
    };
    window.wsisRelabel = (root) => {
      if (root.nodeType === Node.TEXT_NODE) return relabelText(root);
      if (root.nodeType !== Node.ELEMENT_NODE) return;
      relabelElement(root);
      root.querySelectorAll(NAMES.map((name) => `[${name}]`).join(", ")).forEach(relabelElement);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) relabelText(walker.currentNode);
    };
    new MutationObserver((changes) => changes.forEach((change) => {
      if (change.type === "childList") change.addedNodes.forEach(window.wsisRelabel);
      else if (change.type === "attributes") relabelElement(change.target);
      else relabelText(change.target);
    })).observe(document.body, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: NAMES,
    });
  }
  window.wsisRelabel(document.body);
  window.wsisSvgLabel = %(svg_label)s;
  window.wsisPngLabel = %(png_label)s;
  // The plotly toolbar has one image button (PNG, from the config). Add an SVG one beside it in every chart:
  // it asks plotly's own download for SVG by switching the chart's image format for that one click.
  if (!window.wsisSvgObserver) {
    const addSvgButtons = () => document.querySelectorAll(".js-plotly-plot").forEach((chart) => {
      // The toolbar's buttons stay out of the tab order (nine stops per chart): every one of its downloads is
      // also a button under the chart, and zoom and pan need a pointer anyway.
      chart.querySelectorAll('.modebar-btn:not([tabindex="-1"])').forEach((button) => button.tabIndex = -1);
      const camera = chart.querySelector(`.modebar-btn[data-title="${window.wsisPngLabel}"]`);
      if (!camera || chart.querySelector(".wsis-svg-button")) return;
      const button = camera.cloneNode(true);
      button.classList.add("wsis-svg-button");
      button.setAttribute("data-title", window.wsisSvgLabel);
      button.setAttribute("aria-label", window.wsisSvgLabel);
      button.addEventListener("click", (event) => {
        event.stopPropagation();
        const options = chart._context.toImageButtonOptions;
        chart._context.toImageButtonOptions = Object.assign({}, options, {format: "svg", scale: 1});
        camera.click();
        chart._context.toImageButtonOptions = options;
      });
      camera.after(button);
    });
    window.wsisSvgObserver = new MutationObserver(addSvgButtons);
    window.wsisSvgObserver.observe(document.body, {childList: true, subtree: true});
    addSvgButtons();
  }
}
</script>"""


def apply_language(lang: str, embedding: bool = False) -> None:
    """Set the document's language and direction (right to left for Arabic) so browsers and screen readers follow;
    an embed also fills its frame."""
    direction = "rtl" if lang in RIGHT_TO_LEFT_LANGUAGES else "ltr"
    css = CONTRAST_CSS + (RIGHT_TO_LEFT_CSS if direction == "rtl" else "") + (EMBED_CSS if embedding else "")
    # The style goes into the document's head: st.html content is isolated from the rest of the page.
    values = {
        "lang": json.dumps(lang),
        "direction": json.dumps(direction),
        "css": json.dumps(css),
        "streamlit_texts": json.dumps(streamlit_texts(lang)),
        "svg_label": json.dumps(t("download.svg_toolbar", lang)),
        # The toolbar's PNG button, as plotly words it in this language (config.locales).
        "png_label": json.dumps(t("toolbar.download_png", lang)),
    }
    # Streamlit runs an st.html script when the element is mounted, not when its content changes: a container keyed
    # by the language is a new element on each change, so the switch takes effect in the same run, both ways.
    with st.container(key=f"page-setup-{lang}"):
        st.html(PAGE_SETUP % values, unsafe_allow_javascript=True)


def scope_note(key: str, request: ViewRequest) -> None:
    """Say plainly which filters a page (or part of it) follows and which it does not."""
    st.caption(t(key, request.lang, region=t("region." + request.region, request.lang)))


SCROLL_INTO_VIEW = """<script>
  // %(nonce)s: a new cell gives new content, so the script runs again.
  setTimeout(() => document.getElementById(%(anchor)s)?.scrollIntoView({block: "start"}), 300);
</script>"""


def scroll_into_view(anchor: str, nonce: object) -> None:
    """Bring the element with id `anchor` to the top of the window (after a click on a chart far above it)."""
    values = {"anchor": json.dumps(anchor), "nonce": json.dumps(str(nonce)).replace("<", "\\u003c")}
    st.html(SCROLL_INTO_VIEW % values, unsafe_allow_javascript=True)


def show_notices(lang: str) -> None:
    """Show, once, a short notice for each URL parameter that was ignored."""
    for notice in st.session_state.pop("notices", []):
        st.warning(
            t(
                "notice.invalid_param",
                lang,
                param=plain(notice.param, lang),
                value=plain(notice.value, lang),
                expected=plain(localised_expected(notice, lang), lang),
            ),
            icon=":material/link_off:",
        )
