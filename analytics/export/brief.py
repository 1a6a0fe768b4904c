"""The HLPF brief: one content object, printed to PDF as HTML by the pack's browser (here) and written as an
editable Word document (`brief_docx.py`).

Chromium shapes Arabic and Chinese text with the system's Noto fonts, which a hand-drawn PDF would not.
"""

import html
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go

from messages import number, t
from wsis_data.constants import RIGHT_TO_LEFT_LANGUAGES

PAGE_MARGIN = "14mm"
RATIONALE_CHARACTERS = 200
# The matrix rationales exist in English only; the brief marks them as English text in every language.
RATIONALE_LANGUAGE = "en"
BRIEF_WIDTH = 760
# Each figure of the brief is rendered twice in the pack's browser: SVG for the printed brief, PNG for the DOCX.
BRIEF_IMAGE_FORMATS = ("svg", "png")


def shorten(text: str, limit: int = RATIONALE_CHARACTERS) -> str:
    """Return the text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def direction(lang: str) -> str:
    """Return the writing direction of a language: `rtl` or `ltr`."""
    return "rtl" if lang in RIGHT_TO_LEFT_LANGUAGES else "ltr"


@dataclass(frozen=True)
class BriefFigure:
    """A chart of the brief: SVG for the printed brief, PNG for the editable one, its caption and its alt text."""

    svg: str
    png: bytes
    caption: str
    alt_text: str


@dataclass(frozen=True)
class BriefTable:
    """A table of the brief: column headings and rows, already worded in the brief's language."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class BriefSection:
    """One SDG under review: its title and colour, chart, table of contributing action lines and key rationales."""

    goal: int
    title: str
    colour: str
    chart: BriefFigure
    action_lines: BriefTable
    rationales: list[tuple[str, str]]


@dataclass(frozen=True)
class BriefContent:
    """Everything the brief says, already in its language, and what its files state about themselves."""

    lang: str
    title: str
    subject: str
    subtitle: str
    day: date
    summary: list[str]
    coverage: BriefFigure
    sections: list[BriefSection]
    sources: list[str]


def action_line_table(rows: list[tuple[str, str, int]], lang: str) -> BriefTable:
    """Return the table of an SDG's contributing action lines: code, title and number of links."""
    return BriefTable(
        (t("axis.action_line", lang), t("brief.column.title", lang), t("value.links", lang)),
        tuple((code, title, number(count, lang)) for code, title, count in rows),
    )


def brief_figure(figure: go.Figure, lang: str, height: int, width: int = BRIEF_WIDTH) -> dict:
    """Return a chart laid out for the brief: no title (the caption carries it), its size for the page, whole
    numbers on a bar chart's count axis, bar labels on the reading side, and labels above the plot centred
    on their place so that they stay inside the SDG colour band at a brief's smaller height."""
    layout = figure.to_dict()
    layout["layout"].update(width=width, height=height, title={"text": ""})
    layout["layout"].setdefault("margin", {}).update(t=45, b=35)
    if all(trace.get("type") == "bar" for trace in layout["data"]):
        layout["layout"].setdefault("xaxis", {}).update(dtick=1, tickformat="d", rangemode="tozero")
        right_to_left = direction(lang) == "rtl"
        layout["layout"].setdefault("yaxis", {}).update(dtick=1, side="right" if right_to_left else "left")
        layout["layout"]["margin"].update({"l": 20, "r": 60} if right_to_left else {"l": 60, "r": 20}, t=10)
        for trace in layout["data"]:
            trace.update(textfont={"size": 11}, cliponaxis=False)
    for annotation in layout["layout"].get("annotations", ()):
        if annotation.get("yref") == "paper" and annotation.get("y", 0) > 1:
            annotation["yanchor"] = "middle"
    return layout


def brief_figure_jobs(figures: list[dict]) -> list[tuple[dict, str]]:
    """Return the render jobs of the brief's figures: each in every format the brief needs."""
    return [(figure, fmt) for figure in figures for fmt in BRIEF_IMAGE_FORMATS]


def brief_figures(rendered: list[bytes], captions: list[tuple[str, str]]) -> list[BriefFigure]:
    """Return the brief's figures from their rendered images (in `brief_figure_jobs` order) and (caption, alt text)."""
    per_figure = len(BRIEF_IMAGE_FORMATS)
    figures = []
    for index, (caption, alt_text) in enumerate(captions):
        svg, png = rendered[index * per_figure : (index + 1) * per_figure]
        text = svg.decode("utf-8")
        figures.append(BriefFigure(text[text.index("<svg") :], png, caption, alt_text))
    return figures


STYLE = """
@page { size: A4; margin: %(margin)s; }
body { font-family: 'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans CJK SC', sans-serif;
       font-size: 8.5pt; color: #1F2933; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #0B3C6E; }
h2 { font-size: 11pt; margin: 4mm 0 1.5mm; padding-inline-start: 3mm; border-inline-start: 5px solid var(--sdg); }
.subtitle { color: #52606D; margin-bottom: 3mm; }
ul { margin: 1mm 0; padding-inline-start: 5mm; }
figure { margin: 0 0 2mm; }
/* plotly lays out its SVG left to right and positions every label itself; an inherited rtl would move them. */
figure svg { width: 100%%; height: auto; direction: ltr; }
figcaption { font-size: 7.5pt; color: #52606D; }
.sections { column-count: 2; column-gap: 7mm; }
/* Sections flow from column to column and page to page; only their parts are kept whole. */
.section { margin-bottom: 3mm; }
.keep, blockquote { break-inside: avoid; }
.label { font-weight: bold; }
table { border-collapse: collapse; width: 100%%; margin: 1mm 0 2mm; }
th, td { border-bottom: 1px solid #CBD2D9; padding: 0.5mm 1mm; text-align: start; vertical-align: top; }
td.count { text-align: end; }
th:first-child, th:last-child, td:first-child, td.count { white-space: nowrap; }
blockquote { margin: 1mm 0; padding-inline-start: 3mm; border-inline-start: 2px solid #CBD2D9; color: #3E4C59; }
.sources { font-size: 8pt; color: #52606D; break-inside: avoid; }
"""


def _figure_html(figure: BriefFigure) -> str:
    label = html.escape(figure.alt_text, quote=True)
    return (
        f"<figure role='img' aria-label='{label}'>{figure.svg}"
        f"<figcaption>{html.escape(figure.caption)}</figcaption></figure>"
    )


def _table_html(table: BriefTable) -> str:
    head = "".join(f"<th scope='col'>{html.escape(column)}</th>" for column in table.columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in row[:-1])
        + f"<td class='count'>{html.escape(row[-1])}</td></tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def brief_html(content: BriefContent) -> str:
    """Return the brief as a standalone HTML document."""
    lang = content.lang
    parts = [
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction(lang)}"><head><meta charset="utf-8">',
        f"<title>{html.escape(content.title)}</title><style>{STYLE % {'margin': PAGE_MARGIN}}</style></head><body>",
        f"<h1>{html.escape(content.title)}</h1><div class='subtitle'>{html.escape(content.subtitle)}</div>",
        f"<h2 style='--sdg:#0B3C6E'>{html.escape(t('brief.summary', lang))}</h2><ul>",
        *[f"<li>{html.escape(line)}</li>" for line in content.summary],
        "</ul>",
        _figure_html(content.coverage),
    ]
    parts.append("<div class='sections'>")
    for section in content.sections:
        heading = html.escape(t("brief.section", lang, goal=section.goal, title=section.title))
        # Each heading stays with its chart, and each label with the first lines it introduces.
        parts.append(f"<div class='section' style='--sdg:{section.colour}'><div class='keep'><h2>{heading}</h2>")
        parts.append(_figure_html(section.chart) + "</div>")
        if section.action_lines.rows:
            parts.append(f"<div class='keep'><div class='label'>{html.escape(t('brief.contributing', lang))}</div>")
            parts.append(_table_html(section.action_lines) + "</div>")
        quotes = [
            f"<blockquote lang='{RATIONALE_LANGUAGE}' dir='{direction(RATIONALE_LANGUAGE)}'>"
            f"{html.escape(code)}: {html.escape(shorten(text))}</blockquote>"
            for code, text in section.rationales
        ]
        if quotes:
            parts.append(f"<div class='keep'><div class='label'>{html.escape(t('brief.rationales', lang))}</div>")
            parts += [quotes[0] + "</div>", *quotes[1:]]
        parts.append("</div>")
    parts.append("</div>")
    parts.append(f"<div class='sources'><h2 style='--sdg:#52606D'>{html.escape(t('brief.sources', lang))}</h2><ul>")
    parts += [f"<li>{html.escape(source)}</li>" for source in content.sources]
    parts.append("</ul></div></body></html>")
    return "".join(parts)
