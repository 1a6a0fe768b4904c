"""Exports opened with real readers: Pillow, an XML parser, pdftoppm and pypdf, openpyxl, and the manifest checksums."""

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from datetime import date
from xml.etree import ElementTree

import plotly.graph_objects as go
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from analytics.export import images
from analytics.export.images import IMAGE_FORMATS, BrowserMissing, image_session
from analytics.export.pack import build_pack, pack_charts
from analytics.export.pack_request import resolve_pack
from analytics.export.single import chart_bytes
from analytics.request import RequestError, ViewRequest
from messages import t
from tests.conftest import ROOT
from wsis_data.dataset import committed_dataset

DAY = date(2026, 7, 14)
DATASET = committed_dataset()
PUNCTUATION = ".,،:;·"


@pytest.fixture(
    scope="module",
    params=[("fr", "Africa", 2025), ("ar", "Arab States", 2025), ("zh", "Global", 2023)],
    ids=["fr", "ar", "zh"],
)
def pack(request, tmp_path_factory):
    lang, region, year = request.param
    path = tmp_path_factory.mktemp(f"pack_{lang}") / "pack.zip"
    result = build_pack(DATASET, ViewRequest(lang=lang, region=region, hlpf=year), path, day=DAY)
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return {"lang": lang, "year": year, "region": region, "files": files, "result": result, "folder": path.parent}


def test_a_pack_holds_at_least_20_images_and_every_table(pack):
    names = pack["files"]
    assert pack["result"].images >= 20
    assert sum(name.startswith("charts/") for name in names) == pack["result"].images
    assert {"brief.pdf", "brief.docx", "manifest.json", "tables/tables.xlsx", "tables/rationales.csv"} <= set(names)
    sdgs = resolve_pack(DATASET, ViewRequest(hlpf=pack["year"])).sdgs
    for goal in sdgs:
        assert f"charts/sdg{goal:02d}_contributions.svg" in names


def test_the_manifest_checksums_match_every_file(pack):
    manifest = json.loads(pack["files"]["manifest.json"])
    assert manifest["language"] == pack["lang"]
    assert manifest["filters"]["region"] == pack["region"]
    assert manifest["data_edition"]["matrix"]["commit"].startswith("09aad16")
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(pack["files"]) - {"manifest.json"}
    for name, entry in listed.items():
        assert hashlib.sha256(pack["files"][name]).hexdigest() == entry["sha256"], name


def test_png_images_are_rendered_at_scale_2(pack):
    image = Image.open(io.BytesIO(pack["files"]["charts/coverage_goal.png"]))
    assert image.format == "PNG"
    assert image.width == 2 * 1100


def test_svg_images_parse_as_xml_and_keep_the_legend(pack):
    evidence = ElementTree.fromstring(pack["files"]["charts/evidence.svg"])
    text = " ".join(evidence.itertext())
    assert "●" in text and "○" in text and "◆" in text
    coverage = ElementTree.fromstring(pack["files"]["charts/coverage_goal.svg"])
    coverage_text = " ".join(coverage.itertext())
    assert "09aad16" in coverage_text, "the caption states the data edition"


def test_chart_pdfs_open_as_one_page_documents(pack):
    reader = PdfReader(io.BytesIO(pack["files"]["charts/linkage_goal.pdf"]))
    assert len(reader.pages) == 1


def test_the_brief_has_2_to_4_pages_that_render_and_name_each_sdg_in_the_chosen_language(pack, tmp_path):
    brief = tmp_path / "brief.pdf"
    brief.write_bytes(pack["files"]["brief.pdf"])
    reader = PdfReader(brief)
    assert 2 <= len(reader.pages) <= 4
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(brief), str(tmp_path / "page")], check=True)
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == len(reader.pages)
    assert all(Image.open(page).width > 100 for page in rendered)
    _assert_names_each_sdg(reader, pack)


def _assert_names_each_sdg(reader: PdfReader, pack: dict) -> None:
    """Check that a PDF's text holds the title of each SDG of the pack in the pack's language."""
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    extracted = {word.strip(PUNCTUATION) for word in text.split()}
    for goal in resolve_pack(DATASET, ViewRequest(hlpf=pack["year"])).sdgs:
        title = unicodedata.normalize("NFKC", DATASET.sdg_label("goal", str(goal), pack["lang"]).text)
        if pack["lang"] == "zh":
            # Chinese has no spaces; the title may wrap, so compare without white space.
            missing = [] if title in "".join(text.split()) else [title]
        else:
            # Every word of the title is there; PDF text of a right-to-left or wrapped line comes in visual order.
            missing = [word for word in title.split() if word.strip(PUNCTUATION) not in extracted]
        assert not missing, (goal, missing)


def test_the_editable_brief_has_the_headings_figures_tables_and_title_of_the_printed_one(pack):
    document = Document(io.BytesIO(pack["files"]["brief.docx"]))
    lang, sdgs = pack["lang"], resolve_pack(DATASET, ViewRequest(hlpf=pack["year"])).sdgs
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for goal in sdgs:
        title = DATASET.sdg_label("goal", str(goal), lang).text
        assert t("brief.section", lang, goal=goal, title=title) in headings
    shapes = document.inline_shapes
    assert len(shapes) == 1 + len(sdgs), "the coverage chart and one chart per SDG"
    for shape in shapes:
        assert shape._inline.docPr.get("descr") and shape._inline.docPr.get("title")
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        assert Image.open(io.BytesIO(document.part.related_parts[blip.embed].blob)).format == "PNG"
    assert len(document.tables) == len(sdgs)
    assert all(len(table.rows) >= 2 and len(table.columns) == 3 for table in document.tables)
    printed = PdfReader(io.BytesIO(pack["files"]["brief.pdf"]))
    assert document.core_properties.title == printed.metadata.title
    assert document.core_properties.language.startswith(lang)
    title = document.paragraphs[0]
    assert (title._p.pPr.find(qn("w:bidi")) is not None) == (lang == "ar")


def test_the_editable_brief_renders_in_libreoffice_with_each_sdg_named(pack, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "rendering the DOCX brief needs LibreOffice: apt-get install libreoffice-writer-nogui"
    source = tmp_path / "brief.docx"
    source.write_bytes(pack["files"]["brief.docx"])
    profile = (tmp_path / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(tmp_path / "out"), str(source)], check=True, timeout=300)
    rendered = tmp_path / "out" / "brief.pdf"
    reader = PdfReader(rendered)
    sdgs = resolve_pack(DATASET, ViewRequest(hlpf=pack["year"])).sdgs
    assert 2 <= len(reader.pages) <= 2 + len(sdgs), "an overview page, at most a page per SDG, the sources"
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(rendered), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(reader.pages)
    assert all(Image.open(page).convert("L").getextrema()[0] < 128 for page in pages), "no page is blank"
    _assert_names_each_sdg(reader, pack)


def test_the_workbook_has_a_sheet_per_table_and_a_metadata_sheet(pack):
    workbook = load_workbook(io.BytesIO(pack["files"]["tables/tables.xlsx"]))
    assert workbook.sheetnames[0] == "metadata"
    assert {"coverage_goal", "evidence", "linkage_goal", "rationales"} <= set(workbook.sheetnames)
    metadata = [row for row in workbook["metadata"].iter_rows(values_only=True) if any(row)]
    values = " ".join(str(cell) for row in metadata for cell in row if cell)
    assert "09aad16" in values and DAY.isoformat() in values
    assert ("coverage_goal", "action_line") in {(row[0], row[1]) for row in metadata if len(row) > 1}


def test_a_failed_pack_leaves_nothing_behind(tmp_path):
    class Failing:
        def __enter__(self):
            raise RuntimeError("browser crashed")

        def __exit__(self, *exc):
            return False

    with pytest.raises(RuntimeError, match="browser crashed"):
        build_pack(DATASET, ViewRequest(hlpf=2025), tmp_path / "pack.zip", session_factory=Failing)
    assert list(tmp_path.iterdir()) == []


def _without_plot_id(svg: bytes) -> str:
    """Return an SVG with plotly's random id of the plot (six hex digits, named in its defs) replaced."""
    text = svg.decode("utf-8")
    return text.replace(re.search(r'<defs id="defs-([0-9a-f]+)"', text).group(1), "PLOT")


def _with_fixed_trace_ids(figure: go.Figure) -> go.Figure:
    """Return a copy of a figure whose traces carry fixed ids instead of random ones."""
    fixed = go.Figure(figure)
    for index, trace in enumerate(fixed.data):
        trace.uid = f"trace{index}"
    return fixed


def test_a_figure_renders_the_same_after_other_figures_as_it_does_fresh():
    charts = pack_charts(DATASET, resolve_pack(DATASET, ViewRequest(hlpf=2025)))
    figure, others = _with_fixed_trace_ids(charts[0].figure), [view.figure for view in charts[-2:]]
    with image_session() as session:
        fresh_png, fresh_svg = session.render_many([(figure, "png"), (figure, "svg")])
    with image_session() as session:
        batch = session.render_many([*((other, fmt) for other in others for fmt in IMAGE_FORMATS), (figure, "png")])
        batch.append(session.render(figure, "svg"))
    assert batch[-2] == fresh_png
    assert _without_plot_id(batch[-1]) == _without_plot_id(fresh_svg)


def test_the_image_session_prints_a_document_at_the_page_size_its_css_gives():
    document = (
        "<html><head><style>@page { size: A5; margin: 10mm }</style></head><body><h1>Objectif 9</h1></body></html>"
    )
    with image_session() as session:
        pdf = session.print_pdf(document)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width) / 72 * 25.4), round(float(page.mediabox.height) / 72 * 25.4)) == (148, 210)
    assert "Objectif 9" in page.extract_text()


def test_without_a_browser_image_export_says_how_to_install_one(monkeypatch):
    monkeypatch.setattr(images, "find_browser", lambda: None)
    with pytest.raises(BrowserMissing, match="apt-get install chromium"), image_session():
        pass


def test_table_exports_need_no_browser(monkeypatch):
    monkeypatch.setattr(images, "find_browser", lambda: None)
    csv = chart_bytes("evidence", "csv", DATASET, ViewRequest(region="Africa", hlpf=2025), DAY).decode("utf-8-sig")
    header = (
        "action_line,goal,matrix_link,status,items,action_line_only_items,goal_only_items,itu_activities,wsis_prizes"
    )
    assert csv.splitlines()[0] == header


def test_formula_cells_are_neutralised_in_exported_tables(monkeypatch):
    from analytics.export.captions import ExportContext
    from analytics.export.tables import csv_bytes, xlsx_bytes

    frame = __import__("pandas").DataFrame({"name": ["=1+1", "plain"], "count": [-3, 4]})
    assert csv_bytes(frame).decode("utf-8-sig").splitlines()[1] == "'=1+1,-3"
    workbook = load_workbook(
        io.BytesIO(xlsx_bytes({"t": frame}, ExportContext("en", "test", DATASET.edition_label, DAY)))
    )
    assert workbook["t"]["A2"].value == "'=1+1"
    assert workbook["t"]["B2"].value == -3


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (ViewRequest(hlpf=2027), "hlpf='2027': expected a year whose SDG set is known .*not confirmed"),
        (ViewRequest(hlpf=None), "hlpf='': expected an HLPF year or a set of SDGs"),
    ],
)
def test_a_pack_without_sdgs_to_cover_names_what_is_wrong(request_, message):
    with pytest.raises(RequestError, match=message):
        resolve_pack(DATASET, request_)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics.export", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hlpf", "--year", "1999"], "--year='1999': expected a year from 2016 to 2027"),
        (["hlpf", "--sdg", "4", "--year", "2025"], "argument --year: not allowed with argument --sdg"),
        (["hlpf", "--year", "2027"], "--year='2027': expected a year whose SDG set is known"),
        (["hlpf", "--year", "2025", "--region", "Mars"], "--region='Mars': expected Global or an ITU region"),
        (["hlpf", "--year", "2025", "--lang", "de"], "--lang='de': expected one of ar, zh, en, es, fr, ru"),
        (["hlpf", "--sdg", "4,18"], "--sdg='18': expected comma-separated goal numbers from 1 to 17"),
        (["hlpf", "--sdg", "²"], "--sdg='²': expected comma-separated goal numbers"),
        (["hlpf", "--year", "9" * 5000], "--year='" + "9" * 40 + "…': expected a year"),
        (["chart", "--name", "pie", "--format", "svg", "--year", "2025"], "--name='pie': expected one of coverage,"),
        (["chart", "--name", "coverage", "--format", "gif", "--year", "2025"], "--format='gif': expected one of png"),
        (["chart", "--name", "difference", "--format", "csv"], "expected an ITU region other than Global"),
    ],
)
def test_the_cli_rejects_bad_arguments_with_exit_2_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / ("pack.zip" if args[0] == "hlpf" else f"chart.{args[args.index('--format') + 1]}")
    result = run_cli(*args, "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["hlpf", "--year", "2025"], "pack.pdf"),
        (["hlpf", "--year", "2025"], "-"),
        (["chart", "--name", "coverage", "--format", "csv", "--year", "2025"], "coverage.xlsx"),
        (["chart", "--name", "coverage", "--format", "png", "--year", "2025"], "coverage"),
    ],
)
def test_the_cli_refuses_a_file_name_that_says_another_format_and_writes_nothing(tmp_path, args, out):
    result = run_cli(*args, "--out", str(tmp_path / out))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "expected a file name ending in ." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_cli_rejects_an_unwritable_path(tmp_path):
    result = run_cli("hlpf", "--year", "2025", "--out", str(tmp_path / "missing" / "pack.zip"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    (tmp_path / "folder.csv").mkdir()
    result = run_cli(
        "chart", "--name", "coverage", "--format", "csv", "--year", "2025", "--out", str(tmp_path / "folder.csv")
    )
    assert result.returncode == 2 and "it is a folder" in result.stderr


def test_the_cli_writes_a_single_chart_with_its_caption(tmp_path):
    out = tmp_path / "coverage.svg"
    result = run_cli(
        "chart", "--name", "coverage", "--format", "svg", "--year", "2025", "--lang", "fr", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    svg = ElementTree.parse(out).getroot()
    text = " ".join(svg.itertext())
    assert "09aad16" in text
