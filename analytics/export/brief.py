"""The HLPF brief: a short PDF in the chosen language, laid out as HTML here and printed by the pack's browser.

Chromium shapes Arabic and Chinese text with the system's Noto fonts, which a hand-drawn PDF would not.
"""

import html
from dataclasses import dataclass

from messages import number, t
from wsis_data.constants import RIGHT_TO_LEFT_LANGUAGES

PAGE_MARGIN = "14mm"
RATIONALE_CHARACTERS = 200


def shorten(text: str, limit: int = RATIONALE_CHARACTERS) -> str:
    """Return the text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


@dataclass(frozen=True)
class BriefSection:
    """One SDG under review: its title, chart (SVG), contributing action lines and key rationales."""

    goal: int
    title: str
    chart_svg: str
    action_lines: list[tuple[str, str, int]]
    rationales: list[tuple[str, str]]


@dataclass(frozen=True)
class BriefContent:
    """Everything the brief says, already in its language."""

    lang: str
    title: str
    subtitle: str
    summary: list[str]
    coverage_svg: str
    sections: list[BriefSection]
    sources: list[str]


STYLE = """
@page { size: A4; margin: %(margin)s; }
body { font-family: 'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans CJK SC', sans-serif;
       font-size: 8.5pt; color: #1F2933; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #0B3C6E; }
h2 { font-size: 11pt; margin: 4mm 0 1.5mm; padding-inline-start: 3mm; border-inline-start: 5px solid var(--sdg); }
.subtitle { color: #52606D; margin-bottom: 3mm; }
ul { margin: 1mm 0; padding-inline-start: 5mm; }
.chart svg { width: 100%%; height: auto; }
.sections { column-count: 2; column-gap: 7mm; }
.section { break-inside: avoid; margin-bottom: 3mm; }
blockquote { margin: 1mm 0; padding-inline-start: 3mm; border-inline-start: 2px solid #CBD2D9; color: #3E4C59; }
.sources { font-size: 8pt; color: #52606D; break-inside: avoid; }
"""


def brief_html(content: BriefContent, colours: dict[int, str]) -> str:
    """Return the brief as a standalone HTML document."""
    lang = content.lang
    direction = "rtl" if lang in RIGHT_TO_LEFT_LANGUAGES else "ltr"
    parts = [
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">',
        f"<title>{html.escape(content.title)}</title><style>{STYLE % {'margin': PAGE_MARGIN}}</style></head><body>",
        f"<h1>{html.escape(content.title)}</h1><div class='subtitle'>{html.escape(content.subtitle)}</div>",
        f"<h2 style='--sdg:#0B3C6E'>{html.escape(t('brief.summary', lang))}</h2><ul>",
        *[f"<li>{html.escape(line)}</li>" for line in content.summary],
        "</ul>",
        f"<div class='chart'>{content.coverage_svg}</div>",
    ]
    parts.append("<div class='sections'>")
    for section in content.sections:
        parts.append(f"<div class='section' style='--sdg:{colours[section.goal]}'>")
        parts.append(f"<h2>{html.escape(t('brief.section', lang, goal=section.goal, title=section.title))}</h2>")
        parts.append(f"<div class='chart'>{section.chart_svg}</div>")
        if section.action_lines:
            parts.append(f"<b>{html.escape(t('brief.contributing', lang))}</b><ul>")
            parts += [
                f"<li>{html.escape(code)} · {html.escape(title)}: {html.escape(t('brief.links', lang, count=number(count, lang)))}</li>"
                for code, title, count in section.action_lines
            ]
            parts.append("</ul>")
        if section.rationales:
            parts.append(f"<b>{html.escape(t('brief.rationales', lang))}</b>")
            parts += [
                f"<blockquote>{html.escape(code)}: {html.escape(shorten(text))}</blockquote>"
                for code, text in section.rationales
            ]
        parts.append("</div>")
    parts.append("</div>")
    parts.append(f"<div class='sources'><h2 style='--sdg:#52606D'>{html.escape(t('brief.sources', lang))}</h2><ul>")
    parts += [f"<li>{html.escape(source)}</li>" for source in content.sources]
    parts.append("</ul></div></body></html>")
    return "".join(parts)
