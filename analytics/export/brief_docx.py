"""The HLPF brief as an editable Word document (DOCX), built from the same content as the printed brief.

Figures are the PNG renderings of the brief's charts with their captions and alt text (`docPr` title and
description); tables are Word tables; Arabic is written right to left (paragraph `bidi`, run `rtl`, table
`bidiVisual`, right alignment). Fonts are named for each script (Latin, East Asian, complex script) so that
Word and LibreOffice pick the Noto fonts the project installs.
"""

import io
import unicodedata
from datetime import UTC, datetime, time

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from analytics.export.brief import RATIONALE_LANGUAGE, BriefContent, BriefFigure, BriefTable, direction, shorten
from messages import t
from wsis_data.spreadsheet_safety import xml_text

FONTS = {"ascii": "Noto Sans", "hAnsi": "Noto Sans", "eastAsia": "Noto Sans CJK SC", "cs": "Noto Sans Arabic"}
LANGUAGE_TAGS = {"ar": "ar-SA", "en": "en-GB", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU", "zh": "zh-CN"}
# The language of Latin-script text (`w:lang w:val`; Chinese characters take `eastAsia`, Arabic `bidi`). In a Chinese
# brief the Latin text is English (codes, titles in their English original): tagged zh-CN, LibreOffice breaks its
# words anywhere ("Agenda a|nd").
LATIN_TAGS = {**LANGUAGE_TAGS, "zh": LANGUAGE_TAGS["en"]}
STYLE_SIZES = {"Normal": 9, "Title": 18, "Heading 1": 12, "Heading 2": 10, "Caption": 8, "Quote": 8.5, "List Bullet": 9}
HEADING_COLOUR = RGBColor(0x0B, 0x3C, 0x6E)
TEXT_COLOUR = RGBColor(0x1F, 0x29, 0x33)
PAGE_MARGIN = Mm(14)
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
AUTHOR = "WSIS–SDG Matrix dashboard"
SHORT_HEADING = 12  # half-ems


def _names(words: str) -> tuple[str, ...]:
    return tuple(f"w:{word}" for word in words.split())


# The schema's order of the property elements this module sets (Word rejects a document whose order differs).
ORDER = {
    "w:pPr": _names(
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
        "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
        "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
        "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
        "sectPr pPrChange"
    ),
    "w:rPr": _names(
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
        "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
        "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ),
    "w:tblPr": _names(
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
    ),
    "w:sectPr": _names(
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
        "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
        "printerSettings sectPrChange"
    ),
}


def _element(tag: str, **attributes: str) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _put(parent, tag: str, **attributes: str):
    """Set one property element of `parent` (replacing any it had) at its place in the schema's order."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    element = _element(tag, **attributes)
    order = ORDER[parent.tag.replace(qn("w:"), "w:")]
    later = {qn(name) for name in order[order.index(tag) + 1 :]}
    following = next((child for child in parent if child.tag in later), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)
    return element


def _style_fonts(document: DocumentObject, lang: str) -> None:
    tag = LATIN_TAGS[lang]
    for name, size in STYLE_SIZES.items():
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = HEADING_COLOUR if name in ("Title", "Heading 1", "Heading 2") else TEXT_COLOUR
        properties = style.element.get_or_add_rPr()
        # Theme fonts (asciiTheme…) would win over named ones; the named Noto fonts replace them.
        _put(properties, "w:rFonts", **FONTS)
        # Letter spacing (the template's Title has some) pulls joined Arabic letters apart.
        for spacing in properties.findall(qn("w:spacing")):
            properties.remove(spacing)
        _put(properties, "w:szCs", val=str(int(size * 2)))
        _put(properties, "w:lang", val=tag, eastAsia=LANGUAGE_TAGS["zh"], bidi=LANGUAGE_TAGS["ar"])


def _set_direction(paragraph: Paragraph, right_to_left: bool) -> None:
    """Lay a paragraph and its runs out right to left (bidi, rtl, right aligned), or leave them left to right."""
    if not right_to_left:
        return
    # No `jc`: a bidi paragraph aligns to its start, the right; `jc="right"` would mean its end (the left) in Word.
    _put(paragraph._p.get_or_add_pPr(), "w:bidi")
    for run in paragraph.runs:
        _put(run._r.get_or_add_rPr(), "w:rtl")


def _bold(run, bold: bool) -> None:
    """Make a run bold in every script: Word and LibreOffice draw Arabic runs with the complex-script `bCs`."""
    if bold:
        run.bold = True
        _put(run._r.get_or_add_rPr(), "w:bCs")


class _Writer:
    """Adds the brief's parts to a document, each laid out in the brief's direction."""

    def __init__(self, document: DocumentObject, lang: str) -> None:
        self.document = document
        self.lang = lang
        self.right_to_left = direction(lang) == "rtl"

    def paragraph(
        self, text: str, style: str = "Normal", bold: bool = False, lang: str | None = None, lead: bool = False
    ) -> Paragraph:
        """Add a paragraph; a `lead` one (a label or caption) stays on the page of what follows it."""
        paragraph = self.document.add_paragraph(style=style)
        if lead:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_before = Pt(6)
        run = paragraph.add_run(xml_text(text))
        _bold(run, bold)
        if lang and lang != self.lang:
            # A quotation in another language keeps its own direction and language tag.
            _put(run._r.get_or_add_rPr(), "w:lang", val=LANGUAGE_TAGS[lang])
            _set_direction(paragraph, direction(lang) == "rtl")
        else:
            _set_direction(paragraph, self.right_to_left)
        return paragraph

    def heading(self, text: str, level: int, colour: str | None = None) -> Paragraph:
        paragraph = self.document.add_heading(level=level)
        paragraph.add_run(xml_text(text))
        _set_direction(paragraph, self.right_to_left)
        if colour:
            # The SDG colour as a bar on the reading side of the heading, as in the printed brief.
            borders = _put(paragraph._p.get_or_add_pPr(), "w:pBdr")
            side = "w:right" if self.right_to_left else "w:left"
            borders.append(_element(side, val="single", sz="36", space="6", color=colour.lstrip("#").upper()))
        return paragraph

    def figure(self, figure: BriefFigure, width: int, number: int) -> None:
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(figure.png), width=width)
        properties = shape._inline.docPr
        properties.set("descr", xml_text(figure.alt_text))
        properties.set("title", xml_text(figure.caption))
        properties.set("name", f"Figure {number}")
        _set_direction(paragraph, self.right_to_left)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        self.paragraph(figure.caption, "Caption")

    def table(self, table: BriefTable, width: int) -> Table:
        word_table = self.document.add_table(rows=1, cols=len(table.columns))
        word_table.style = "Table Grid"
        word_table.autofit = False
        widths = _column_widths(table.columns, width)
        _put(word_table._tbl.tblPr, "w:tblW", w=str(sum(Emu(size).twips for size in widths)), type="dxa")
        if self.right_to_left:
            _put(word_table._tbl.tblPr, "w:bidiVisual")
        header = word_table.rows[0]
        # The heading row repeats on each page the table crosses.
        header._tr.get_or_add_trPr().append(_element("w:tblHeader"))
        for cell, text in zip(header.cells, table.columns, strict=True):
            self._cell(cell, text, bold=True)
        for row in table.rows:
            cells = word_table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                self._cell(cell, text)
        for column, size in zip(word_table.columns, widths, strict=True):
            column.width = size
            for cell in column.cells:
                cell.width = size
        return word_table

    def _cell(self, cell, text: str, bold: bool = False) -> None:
        # Centred: a line of Arabic is taller than one of Latin codes, so top-aligned codes sit above their row's text.
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(xml_text(text))
        _bold(run, bold)
        _set_direction(paragraph, self.right_to_left)


def _text_width(word: str) -> int:
    """Return a word's width in half-em units: a Chinese (wide) character takes two, as it is set a full em wide."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in word)


def _heading_width(heading: str) -> int:
    """Return the half-em width a narrow column needs: its whole heading on one line when that is short ("Action
    line", "خط العمل"), else its longest word."""
    whole = _text_width(heading)
    return whole if whole <= SHORT_HEADING else max(map(_text_width, heading.split()))


def _column_widths(columns: tuple[str, ...], width: int) -> list[int]:
    """Return the widths of a brief table's columns: the first and last (a code and a count) as narrow as their
    headings allow, the others sharing the rest."""
    if len(columns) < 3:
        return [width // len(columns)] * len(columns)
    code, value = (int(Mm(max(16, 4 + 2.2 * _heading_width(text)))) for text in (columns[0], columns[-1]))
    return [code, *([(width - code - value) // (len(columns) - 2)] * (len(columns) - 2)), value]


def _page(section, right_to_left: bool) -> None:
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = PAGE_MARGIN
    if right_to_left:
        # Columns and page furniture run right to left as well.
        _put(section._sectPr, "w:bidi")


def _properties(document: DocumentObject, content: BriefContent) -> None:
    properties = document.core_properties
    properties.title = xml_text(content.title)
    properties.subject = xml_text(content.subject)
    properties.language = LANGUAGE_TAGS[content.lang]
    properties.author = properties.last_modified_by = AUTHOR
    properties.keywords = "WSIS; SDG; HLPF"
    properties.comments = xml_text(content.subtitle)
    # The export date, not the template's: the same content gives the same properties.
    moment = datetime.combine(content.day, time(), tzinfo=UTC)
    properties.created = properties.modified = moment
    properties.revision = 1


def brief_docx(content: BriefContent) -> bytes:
    """Return the brief as DOCX bytes: headings, summary, figures with captions and alt text, tables, sources."""
    lang = content.lang
    document = Document()
    right_to_left = direction(lang) == "rtl"
    _style_fonts(document, lang)
    _properties(document, content)
    _page(document.sections[0], right_to_left)
    text_width = PAGE_WIDTH - 2 * PAGE_MARGIN
    writer = _Writer(document, lang)

    writer.heading(content.title, 0)
    writer.paragraph(content.subtitle)
    writer.heading(t("brief.summary", lang), 1)
    for line in content.summary:
        writer.paragraph(line, "List Bullet")
    writer.figure(content.coverage, int(text_width * 0.9), 1)

    # One column, unlike the printed brief: a document to be edited reflows more simply without section breaks.
    column_width = int(text_width * 0.6)
    for number, section in enumerate(content.sections, start=2):
        writer.heading(t("brief.section", lang, goal=section.goal, title=section.title), 1, section.colour)
        writer.figure(section.chart, column_width, number)
        if section.action_lines.rows:
            writer.paragraph(t("brief.contributing", lang), bold=True, lead=True)
            writer.table(section.action_lines, text_width)
        if section.rationales:
            writer.paragraph(t("brief.rationales", lang), bold=True, lead=True)
            for code, text in section.rationales:
                writer.paragraph(f"{code}: {shorten(text)}", "Quote", lang=RATIONALE_LANGUAGE)
    writer.heading(t("brief.sources", lang), 1)
    for source in content.sources:
        writer.paragraph(source, "List Bullet")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
