"""The editable brief (DOCX) opened with python-docx: text, headings, figures with alt text, tables, direction,
document properties. The content here is SYNTHETIC (made by the tests); the real packs are checked, and
rendered with LibreOffice, in test_exports.py."""

import io
from datetime import date

import pytest
from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image

from analytics.export.brief import (
    BriefContent,
    BriefFigure,
    BriefSection,
    action_line_table,
    brief_html,
    direction,
)
from analytics.export.brief_docx import LANGUAGE_TAGS, ORDER, STYLE_SIZES, _column_widths, brief_docx
from messages import t
from wsis_data.constants import LANGUAGES

DAY = date(2026, 7, 14)


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def synthetic_content(lang: str) -> BriefContent:
    """Return a SYNTHETIC brief: two sections with made-up charts, in `lang`'s own words for the fixed parts."""
    figure = BriefFigure("<svg></svg>", _png("#0072B2"), "SYNTHETIC coverage caption", "SYNTHETIC coverage alt text")
    sections = [
        BriefSection(
            goal=goal,
            title=f"SYNTHETIC goal {goal}",
            colour=colour,
            chart=BriefFigure("<svg></svg>", _png(colour), f"SYNTHETIC caption {goal}", f"SYNTHETIC alt text {goal}"),
            action_lines=action_line_table([("C2", "SYNTHETIC title", 3), ("C7.4", "SYNTHETIC title 2", 1)], lang),
            rationales=[("C2", "SYNTHETIC rationale in English, as the matrix gives it.")],
        )
        for goal, colour in ((4, "#C5192D"), (9, "#FD6925"))
    ]
    return BriefContent(
        lang=lang,
        title=f"SYNTHETIC title ({lang})",
        subject=t("brief.subject", lang),
        subtitle="SYNTHETIC subtitle",
        day=DAY,
        summary=["SYNTHETIC summary line one", "SYNTHETIC summary line two"],
        coverage=figure,
        sections=sections,
        sources=["SYNTHETIC source"],
    )


def _open(lang: str):
    return Document(io.BytesIO(brief_docx(synthetic_content(lang))))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_docx_brief_has_the_headings_summary_tables_and_sources_of_its_content(lang):
    content = synthetic_content(lang)
    document = _open(lang)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("Title", "Heading 1")]
    assert headings[0] == ("Title", content.title)
    assert ("Heading 1", t("brief.summary", lang)) in headings
    for section in content.sections:
        assert ("Heading 1", t("brief.section", lang, goal=section.goal, title=section.title)) in headings
    assert headings[-1] == ("Heading 1", t("brief.sources", lang))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [*content.summary, *content.sources]
    assert len(document.tables) == len(content.sections)
    for table, section in zip(document.tables, content.sections, strict=True):
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        assert cells == [list(section.action_lines.columns), *map(list, section.action_lines.rows)]
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, "the heading row repeats"
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes == ["C2: SYNTHETIC rationale in English, as the matrix gives it."] * 2


def test_every_figure_is_a_png_with_its_caption_under_it_and_its_alt_text():
    content = synthetic_content("fr")
    document = _open("fr")
    figures = [content.coverage, *(section.chart for section in content.sections)]
    shapes = document.inline_shapes
    assert len(shapes) == len(figures)
    for shape, figure in zip(shapes, figures, strict=True):
        assert shape._inline.docPr.get("descr") == figure.alt_text
        assert shape._inline.docPr.get("title") == figure.caption
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        assert document.part.related_parts[blip.embed].blob == figure.png
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [figure.caption for figure in figures]


def test_the_document_properties_name_the_brief_its_subject_language_and_date():
    content = synthetic_content("zh")
    properties = _open("zh").core_properties
    assert properties.title == content.title
    assert properties.subject == t("brief.subject", "zh")
    assert properties.language == LANGUAGE_TAGS["zh"] == "zh-CN"
    assert properties.author == properties.last_modified_by == "WSIS–SDG Matrix dashboard"
    assert properties.created.date() == properties.modified.date() == DAY


def test_arabic_is_laid_out_right_to_left_and_english_quotes_left_to_right():
    document = _open("ar")
    body = document.element.body
    for paragraph in document.paragraphs + [p for table in document.tables for c in table._cells for p in c.paragraphs]:
        if not paragraph.text:
            continue
        bidi = paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("w:bidi")) is not None
        rtl = [run._r.rPr is not None and run._r.rPr.find(qn("w:rtl")) is not None for run in paragraph.runs]
        if paragraph.style.name == "Quote":
            assert not bidi and not any(rtl), paragraph.text
            assert paragraph.runs[0]._r.rPr.find(qn("w:lang")).get(qn("w:val")) == LANGUAGE_TAGS["en"]
        else:
            assert bidi and all(rtl), paragraph.text
            # A bidi paragraph aligns to its start (the right) when it names no other alignment.
            assert paragraph.alignment is None, paragraph.text
    assert all(table._tbl.tblPr.find(qn("w:bidiVisual")) is not None for table in document.tables)
    assert all(section._sectPr.find(qn("w:bidi")) is not None for section in document.sections)
    headings = [p for p in body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None]
    assert {h.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")[0].tag for h in headings} == {qn("w:right")}


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_left_to_right_languages_have_no_right_to_left_markup(lang):
    xml = _open(lang).element.body.xml
    assert "<w:bidi/>" not in xml and "<w:rtl/>" not in xml and "bidiVisual" not in xml


def test_styles_name_the_noto_fonts_for_latin_east_asian_and_arabic_script_and_the_language():
    document = _open("ar")
    for name in ("Normal", "Title", "Heading 1", "Caption", "Quote", "List Bullet"):
        properties = document.styles[name].element.rPr
        fonts = properties.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
        assert fonts.get(qn("w:cs")) == "Noto Sans Arabic"
        assert fonts.get(qn("w:ascii")) == "Noto Sans"
        assert fonts.get(qn("w:asciiTheme")) is None, "a theme font would win over the named one"
        assert properties.find(qn("w:spacing")) is None, "letter spacing pulls Arabic letters apart"
        assert properties.find(qn("w:lang")).get(qn("w:val")) == "ar-SA"


def test_bold_labels_are_bold_in_arabic_script_too():
    document = _open("ar")
    label = next(p for p in document.paragraphs if p.text == t("brief.contributing", "ar"))
    properties = label.runs[0]._r.rPr
    assert properties.find(qn("w:b")) is not None and properties.find(qn("w:bCs")) is not None


def test_every_property_element_the_writer_sets_is_in_the_schemas_order():
    document = _open("ar")
    checked = 0
    for tag, order in ORDER.items():
        position = {qn(name): index for index, name in enumerate(order)}
        for element in [*document.element.body.iter(qn(tag)), *document.styles.element.iter(qn(tag))]:
            places = [position[child.tag] for child in element if child.tag in position]
            assert places == sorted(places), (tag, [child.tag for child in element])
            checked += 1
    assert checked > 50


def test_the_printed_brief_marks_english_quotes_and_keeps_chart_svgs_left_to_right():
    page = brief_html(synthetic_content("ar"))
    assert '<html lang="ar" dir="rtl">' in page
    assert "<blockquote lang='en' dir='ltr'>" in page
    assert "figure svg { width: 100%; height: auto; direction: ltr; }" in page
    assert "aria-label='SYNTHETIC alt text 4'" in page and "<figcaption>SYNTHETIC caption 4</figcaption>" in page
    assert page.count("<table>") == 2 and "<th scope='col'>" in page


def test_direction_is_right_to_left_for_arabic_only():
    assert [direction(lang) for lang in LANGUAGES] == ["rtl" if lang == "ar" else "ltr" for lang in LANGUAGES]


def test_control_characters_xml_cannot_hold_are_replaced_not_raised():
    content = synthetic_content("en")
    content = BriefContent(**{**content.__dict__, "title": "SYNTHETIC\x0b title\x1f", "summary": ["line\x00 one"]})
    document = Document(io.BytesIO(brief_docx(content)))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "SYNTHETIC\ufffd title\ufffd" in texts and "line\ufffd one" in texts
    assert document.core_properties.title == "SYNTHETIC\ufffd title\ufffd"


def test_latin_text_in_a_chinese_brief_is_tagged_english_so_its_words_break_at_spaces():
    styles = _open("zh").styles
    tags = {styles[name].element.rPr.find(qn("w:lang")) for name in STYLE_SIZES}
    assert {(tag.get(qn("w:val")), tag.get(qn("w:eastAsia"))) for tag in tags} == {("en-GB", "zh-CN")}


def test_table_cells_are_centred_vertically_so_codes_sit_level_with_arabic_text():
    [*tables] = _open("ar").tables
    assert tables and all(cell.vertical_alignment == WD_ALIGN_VERTICAL.CENTER for t in tables for cell in t._cells)


def test_a_short_column_heading_gets_a_column_wide_enough_for_one_line():
    code, *_ = _column_widths(("خط العمل", "العنوان", "الروابط"), int(Mm(180)))
    assert code == int(Mm(4 + 2.2 * len("خط العمل")))  # the whole heading, space included
    # A long heading wraps: its column is as wide as its longest word.
    code, *_ = _column_widths(("Línea de acción", "Título", "Vínculos"), int(Mm(180)))
    assert code == int(Mm(4 + 2.2 * len("acción")))
