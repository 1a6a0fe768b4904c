"""Tables in the reader's language: codes shown as words, headers translated, English-only text marked as such.

Downloads as CSV keep the stable column names and codes (a script reads them); what a person reads on screen and
in an XLSX sheet carries the words of the chosen language.
"""

import re

import pandas as pd

from analytics.request import Notice
from messages import catalog, t
from wsis_data.constants import DEFAULT_LANGUAGE

# Columns whose values are codes with a catalog label: the catalog key is the prefix plus the code.
CODE_LABELS = {
    "region": "region.",
    "itu_region": "region.",
    "kind": "finding.kind.",
    "severity": "finding.severity.",
    "sector": "sector.",
}
# A value that reads differently in a table row: an activity tagged Global is a global programme, while the
# region filter's "Global" means all activities.
VALUE_KEYS = {("region", "Global"): "table.region.Global", ("itu_region", "Global"): "table.region.Global"}
# Columns whose text exists only in English in the sources (rationales, data-quality details, curation notes).
ENGLISH_ONLY_COLUMNS: tuple[str, ...] = ("rationale", "detail", "curation_notes")


def code_label(column: str, code: object, lang: str) -> object:
    """Return the label of a code in `lang` where the catalog has one, else the code as it is."""
    key = VALUE_KEYS.get((column, str(code)), f"{CODE_LABELS.get(column, '')}{code}")
    return t(key, lang) if column in CODE_LABELS and key in catalog("en") else code


def localised_values(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return a copy of a table with its code columns (regions, finding kinds and severities, sectors) in words."""
    shown = frame.copy()
    for column in shown.columns:
        if str(column) in CODE_LABELS:
            shown[column] = [code_label(str(column), code, lang) for code in shown[column]]
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
    listed = notice.expected.split(": ", 1)[-1]
    values = {
        "first": years[0] if years else "",
        "last": years[-1] if years else "",
        "values": notice.expected.removeprefix("one of "),
        "editions": listed,
        "sectors": listed,
    }
    return t(key, lang, **values)
