"""Tables in the reader's language: codes shown as words, headers translated, English-only text marked as such.

Downloads as CSV keep the stable column names and codes (a script reads them); what a person reads on screen and
in an XLSX sheet carries the words of the chosen language.
"""

import re

import pandas as pd

from analytics.request import Notice
from messages import catalog, isolated, listed, t
from wsis_data.constants import DEFAULT_LANGUAGE, RIGHT_TO_LEFT_LANGUAGES

# Columns whose values are codes with a catalog label: the catalog key is a prefix plus the code, the first prefix
# the catalog knows (a `kind` is a data-quality finding's or an SDG target's).
CODE_LABELS: dict[str, tuple[str, ...]] = {
    "region": ("region.",),
    "itu_region": ("region.",),
    "kind": ("finding.kind.", "target.kind."),
    "severity": ("finding.severity.",),
    "sector": ("sector.",),
    "level": ("link.level.", "evidence.level."),
    "basis": ("evidence.basis.",),
    "mapping_basis": ("mapping_basis.",),
    "region_basis": ("region_basis.",),
    "target_code": ("connect.target_code.",),
}
# A value that reads differently in a table row: an activity tagged Global is a global programme, while the
# region filter's "Global" means all activities.
VALUE_KEYS = {("region", "Global"): "table.region.Global", ("itu_region", "Global"): "table.region.Global"}
# Columns whose text starts with a verification code ("verified", "partial: …"), then a note in English.
VERIFICATION_COLUMNS = frozenset({"verification", "facilitators_verification"})
# The verification codes the facts use, longest first so that "lead verified" is not read as "lead".
VERIFICATION_CODES: tuple[str, ...] = (
    "lead+ITU verified",
    "lead verified",
    "verified earlier",
    "unverified-secondary",
    "verified",
    "unverified",
    "partial",
    "secondary",
    "unofficial",
)
_VERIFICATION = re.compile(
    r"^(" + "|".join(map(re.escape, VERIFICATION_CODES)) + r")(?![\w+-])[:;]?\s*(.*)$", re.DOTALL
)
# Columns whose text exists only in English in the sources (rationales, data-quality details, curation notes, and
# the notes after a verification code).
ENGLISH_ONLY_COLUMNS: tuple[str, ...] = ("rationale", "detail", "curation_notes", *sorted(VERIFICATION_COLUMNS))
# Columns whose cells are lists of codes separated by ";" (a script reads them so; targets, ISO country codes): shown
# as the language lists them.
LIST_COLUMNS = frozenset({"targets", "countries"})


def code_key(code: str) -> str:
    """Return a code as the last part of a catalog key: lower case, words joined by underscores."""
    return re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_")


def verification_label(text: object, lang: str) -> object:
    """Return a verification ("verified (ITU annual report)", "partial: goal name only") with its code in words in
    `lang` and its note, which the facts give in English, kept after it; text without a known code as it is."""
    match = _VERIFICATION.match(str(text))
    if not match:
        return text
    code, note = match.groups()
    words = t("verification." + code_key(code), lang)
    note = note.strip()
    if note.startswith("(") and note.index(")") == len(note) - 1:
        note = note[1:-1]
    if note and lang in RIGHT_TO_LEFT_LANGUAGES:
        # An English note inside an Arabic line, isolated so that it reads in its own direction.
        note = f"\u2068{note}\u2069"
    return f"{words} — {note}" if note else words


def list_items(text: object, lang: str) -> list[str]:
    """Return the items of a list cell of the facts ("ITU;UN Regional Commissions", "url ; url"), a placeholder
    code among them ("UNVERIFIED": no source named one) in words in `lang`."""
    items = [item.strip() for item in str(text).split(";") if item.strip()]
    return [t("verification.unverified", lang) if item == "UNVERIFIED" else item for item in items]


def code_label(column: str, code: object, lang: str) -> object:
    """Return the label of a code in `lang` where the catalog has one, else the code as it is."""
    if column in VERIFICATION_COLUMNS:
        return verification_label(code, lang)
    english = catalog(DEFAULT_LANGUAGE)
    if (column, str(code)) in VALUE_KEYS:
        return t(VALUE_KEYS[(column, str(code))], lang)
    for prefix in CODE_LABELS.get(column, ()):
        if f"{prefix}{code}" in english:
            return t(f"{prefix}{code}", lang)
    return code


def localised_values(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return a copy of a table with its code columns (regions, kinds, severities, sectors, levels, bases,
    verifications) in words."""
    shown = frame.copy()
    for column in shown.columns:
        if str(column) in CODE_LABELS or str(column) in VERIFICATION_COLUMNS:
            shown[column] = [code_label(str(column), code, lang) for code in shown[column]]
        elif str(column) in LIST_COLUMNS:
            shown[column] = [
                listed((isolated(item, lang) for item in list_items(cell, lang)), lang)
                if isinstance(cell, str)
                else cell
                for cell in shown[column]
            ]
    return shown


def header_labels(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Return the column headers of a table in `lang` (stable names where the catalog has no header)."""
    english = catalog("en")
    return {
        str(column): t(f"header.{column}", lang) if f"header.{column}" in english else str(column)
        for column in frame.columns
    }


def english_only_columns(frame: pd.DataFrame) -> list[str]:
    """Return the columns of a table whose text the sources give only in English."""
    return [str(column) for column in frame.columns if str(column) in ENGLISH_ONLY_COLUMNS]


def with_text_language(frame: pd.DataFrame, columns: tuple[str, ...] = ENGLISH_ONLY_COLUMNS) -> pd.DataFrame:
    """Return a table with a `text_language` column (`en`) when it holds text that exists only in English."""
    if "text_language" in frame.columns or not any(str(column) in columns for column in frame.columns):
        return frame
    return frame.assign(text_language="en")


# plotly.js's own toolbar and help texts (its English text is the key of its locale dictionary) → catalog keys.
PLOTLY_TEXTS = {
    "Download plot as a PNG": "toolbar.download_png",
    "Download plot as a png": "toolbar.download_png",
    "Download plot": "toolbar.download",
    "Zoom": "toolbar.zoom",
    "Pan": "toolbar.pan",
    "Box Select": "toolbar.box_select",
    "Lasso Select": "toolbar.lasso_select",
    "Zoom in": "toolbar.zoom_in",
    "Zoom out": "toolbar.zoom_out",
    "Autoscale": "toolbar.autoscale",
    "Reset axes": "toolbar.reset_axes",
    "Reset view": "toolbar.reset_view",
    "Reset": "toolbar.reset",
    "Toggle Spike Lines": "toolbar.spikelines",
    "Show closest data on hover": "toolbar.hover_closest",
    "Compare data on hover": "toolbar.hover_compare",
    "Taking snapshot - this may take a few seconds": "toolbar.snapshot_wait",
    "Snapshot succeeded": "toolbar.snapshot_done",
    "Sorry, there was a problem downloading your snapshot!": "toolbar.snapshot_failed",
    "Double-click to zoom back out": "toolbar.double_click_zoom",
    "Double-click on legend to isolate one trace": "toolbar.double_click_legend",
}


# Streamlit's own interface texts that the pages show (element toolbars, the multiselect's menu, placeholders, the
# running status, the sidebar): Streamlit has no locale of its own, so the page setup script rewords them in the
# browser, in titles, labels and placeholders and in its own text (never in the pages' Markdown) → catalog keys.
STREAMLIT_TEXTS = {
    "Fullscreen": "streamlit.fullscreen",
    "Close fullscreen": "streamlit.close_fullscreen",
    "Download as CSV": "streamlit.download_csv",
    "Search": "streamlit.search",
    "Show/hide columns": "streamlit.show_hide_columns",
    "Select all": "streamlit.select_all",
    "Clear all": "streamlit.clear_all",
    "Clear value": "streamlit.clear_value",
    "Clear": "streamlit.clear",
    "No results": "streamlit.no_results",
    "Choose an option": "streamlit.choose_option",
    "Choose options": "streamlit.choose_options",
    "Select...": "streamlit.choose_option",
    "Add options": "streamlit.add_options",
    "Type to search": "streamlit.type_to_search",
    "Selected values": "streamlit.selected_values",
    "Running...": "streamlit.running",
    "Stop": "streamlit.stop",
    "Loading...": "streamlit.loading",
    "Copy to clipboard": "streamlit.copy",
    "Main menu": "streamlit.main_menu",
    "Open": "streamlit.open",
    "Close": "streamlit.close",
    "Sidebar": "streamlit.sidebar",
    "App pages": "streamlit.app_pages",
    "Collapse sidebar": "streamlit.collapse_sidebar",
    "Expand sidebar": "streamlit.expand_sidebar",
    "View less": "streamlit.view_less",
    "Scroll tabs left": "streamlit.scroll_tabs_left",
    "Scroll tabs right": "streamlit.scroll_tabs_right",
    "Skip to main content": "streamlit.skip_to_content",
    "Link to heading": "streamlit.link_to_heading",
}
# Streamlit's texts made around a label of the page (a help icon's "Help for Region") or an icon's name
# ("translate icon"): (prefix, suffix) → catalog key, whose text has the label as `{label}` where it keeps it.
STREAMLIT_PATTERNS = {("Help for ", ""): "streamlit.help_for", ("", " icon"): "streamlit.icon"}


def streamlit_texts(lang: str) -> dict[str, object]:
    """Return what the page setup script rewords of Streamlit's interface in `lang`: its texts (English → `lang`)
    and its patterns ([prefix, suffix, text with `{label}`]); nothing in English."""
    if lang == DEFAULT_LANGUAGE:
        return {"texts": {}, "patterns": []}
    return {
        "texts": {english: t(key, lang) for english, key in STREAMLIT_TEXTS.items()},
        "patterns": [[prefix, suffix, t(key, lang)] for (prefix, suffix), key in STREAMLIT_PATTERNS.items()],
    }


def plotly_locale(lang: str) -> dict:
    """Return the plotly config that words a chart's toolbar in `lang`: the locale's dictionary given inline
    (plotly.js reads `config.locales`), so no locale bundle is fetched from anywhere."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    dictionary = {english: t(key, lang) for english, key in PLOTLY_TEXTS.items()}
    return {"locale": f"wsis-{lang}", "locales": {f"wsis-{lang}": {"dictionary": dictionary}}}


def localised_expected(notice: Notice, lang: str) -> str:
    """Return what a notice expected, in `lang`: the catalog's words, the codes and years of the English text kept."""
    key = f"notice.expected.{notice.param}"
    if key not in catalog(DEFAULT_LANGUAGE):
        return notice.expected
    years = re.findall(r"\b\d{4}\b", notice.expected)
    # The English text lists the valid codes after its colon (or "one of"): the list is written as `lang` writes one.
    codes = listed(notice.expected.split(": ", 1)[-1].removeprefix("one of ").split(", "), lang)
    values = {
        "first": years[0] if years else "",
        "last": years[-1] if years else "",
        "values": codes,
        "editions": codes,
        "sectors": codes,
    }
    return t(key, lang, **values)
