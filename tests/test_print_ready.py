"""Exported charts read well in print: properties of every registry figure, and a few rendered images checked."""

import html
import io
from dataclasses import replace

import numpy as np
import plotly.colors
import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from analytics import charts
from analytics.chart_registry import CHARTS, chart_view
from analytics.export.captions import CAPTION_HEIGHT, export_context, with_caption
from analytics.export.images import document_title, image_session
from analytics.export.single import view_bytes
from analytics.localise import localised_values, with_text_language
from analytics.request import ViewRequest
from messages import t
from wsis_data.constants import PALETTES, SDG_COLOURS
from wsis_data.dataset import committed_dataset

DATASET = committed_dataset()
LANGS = ("en", "fr", "ar", "zh")


def request_for(name: str, lang: str, **fields) -> ViewRequest:
    return ViewRequest(lang=lang, region="Africa", sdgs=(9,) if name == "sdg" else (), hlpf=2025, **fields)


def draws_legend_entry(trace) -> bool:
    """Return whether a trace can put an entry in the legend: a Sankey has no legend entries (and no `showlegend`)."""
    return getattr(trace, "showlegend", False) is not False


def captioned(name: str, lang: str, **fields):
    request = request_for(name, lang, **fields)
    view = chart_view(name, DATASET, request)
    return view, with_caption(view.figure, export_context(DATASET, request))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHARTS)
def test_no_exported_chart_has_an_unnamed_legend_entry(name, lang):
    _view, figure = captioned(name, lang)
    for trace in figure.data:
        if draws_legend_entry(trace):
            assert trace.name and not trace.name.startswith("trace "), (name, trace.type)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHARTS)
def test_a_legend_under_the_plot_sits_above_the_caption_band(name, lang):
    _view, figure = captioned(name, lang)
    caption = next(note for note in figure.layout.annotations if note.name == "caption")
    bottom_margin, height = figure.layout.margin.b, figure.layout.height
    caption_top = bottom_margin + caption.yshift  # pixels above the figure's bottom edge
    assert 0 < caption_top <= CAPTION_HEIGHT
    if any(draws_legend_entry(trace) for trace in figure.data):
        legend = figure.layout.legend
        assert legend.yref == "container" and legend.yanchor == "bottom", name
        assert legend.y * height >= CAPTION_HEIGHT, name


@pytest.mark.parametrize("value", ("targets", "share"))
@pytest.mark.parametrize("palette", PALETTES)
def test_count_colour_bars_tick_whole_numbers_and_shares_tick_percentages(value, palette):
    figure = chart_view("coverage", DATASET, request_for("coverage", "en", value=value, palette=palette)).figure
    bar = figure.data[0].colorbar
    if value == "share":
        assert bar.tickformat == ".0%"
    else:
        assert bar.tickformat == ",d" and float(bar.dtick).is_integer() and bar.dtick >= 1


def test_the_contribution_bars_are_all_labelled_on_a_whole_number_axis():
    figure = chart_view("sdg", DATASET, request_for("sdg", "fr")).figure
    bar = figure.data[0]
    assert list(bar.text) == list(bar.x) and bar.textposition == "outside" and bar.cliponaxis is False
    assert float(figure.layout.xaxis.dtick).is_integer() and figure.layout.xaxis.tickformat == ",d"


@pytest.mark.parametrize("palette", PALETTES)
def test_the_linked_heatmap_has_a_two_state_colour_bar(palette):
    figure = chart_view("coverage", DATASET, request_for("coverage", "fr", value="linked", palette=palette)).figure
    heatmap = figure.data[0]
    assert list(heatmap.colorbar.ticktext) == [t("value.linked.no", "fr"), t("value.linked.yes", "fr")]
    assert len({colour for _position, colour in heatmap.colorscale}) == 2
    assert figure.layout.title.text == t("chart.coverage.linked", "fr")


@pytest.mark.parametrize(("value", "key"), [("targets", "chart.coverage.goal"), ("share", "chart.coverage.share")])
def test_the_heatmap_title_names_the_value_its_cells_show(value, key):
    figure = chart_view("coverage", DATASET, request_for("coverage", "en", value=value)).figure
    assert figure.layout.title.text == t(key, "en")


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("name", ("coverage", "coverage_target", "region_matrix"))
def test_empty_cells_are_near_white_in_every_palette(name, palette):
    heatmap = chart_view(name, DATASET, request_for(name, "en", palette=palette)).figure.data[0]
    position, colour = heatmap.colorscale[0]
    assert position == 0 and heatmap.zmin == 0
    assert charts.relative_luminance(colour) > 0.9


@pytest.mark.parametrize("goal", SDG_COLOURS)
def test_every_label_on_the_sdg_colour_band_has_readable_contrast(goal):
    figure = chart_view("coverage", DATASET, request_for("coverage", "en")).figure
    label = next(note for note in figure.layout.annotations if note.text == f"<b>{goal}</b>")
    assert charts.contrast_ratio(label.font.color, SDG_COLOURS[goal]) >= 4.5


@pytest.mark.parametrize("kind", ("goal", "target"))
def test_network_labels_never_overlap_each_other_or_a_marker(kind):
    figure = chart_view("graph", DATASET, request_for("graph", "en", graph_kind=kind)).figure
    x_range, y_range = figure.layout.xaxis.range, figure.layout.yaxis.range
    margin = charts.NETWORK_MARGIN
    width = charts.NETWORK_WIDTH - margin["l"] - margin["r"]
    height = charts.NETWORK_HEIGHT - margin["t"] - margin["b"]
    labels, markers = [], []
    for trace in figure.data[1:]:
        for x, y, text, side, size in zip(
            trace.x, trace.y, trace.text, trace.textposition, trace.marker.size, strict=True
        ):
            px = (x - x_range[0]) / (x_range[1] - x_range[0]) * width
            py = (y - y_range[0]) / (y_range[1] - y_range[0]) * height
            markers.append((px - size / 2, py - size / 2, px + size / 2, py + size / 2))
            if text:
                labels.append((charts.label_box(px, py, text, size / 2, side), markers[-1]))
    assert len(labels) >= 18  # every action line at least
    for index, (box, own) in enumerate(labels):
        assert not charts._overlaps(box, [other for other, _ in labels[index + 1 :]])
        assert not charts._overlaps(box, [marker for marker in markers if marker != own])


def test_tables_on_screen_show_regions_and_findings_in_the_language_and_exports_mark_english_text():
    findings = DATASET.data_quality
    shown = localised_values(findings, "fr")
    assert set(shown["severity"]) <= {t("finding.severity.info", "fr"), t("finding.severity.warning", "fr")}
    assert not set(shown["kind"]) & set(findings["kind"])
    regions = localised_values(DATASET.itu_activities, "ar")
    assert "Africa" not in set(regions["region"]) and t("region.Africa", "ar") in set(regions["region"])
    assert (with_text_language(findings)["text_language"] == "en").all()


def non_white_share(image: Image.Image, box: tuple[int, int, int, int], colours: list[str]) -> int:
    """Return how many pixels in `box` are within a small distance of any of the colours."""
    pixels = np.asarray(image.convert("RGB").crop(box)).astype(int)
    hits = 0
    for colour in colours:
        target = np.array(plotly.colors.hex_to_rgb(colour))
        hits += int((np.abs(pixels - target).sum(axis=2) < 30).sum())
    return hits


@pytest.fixture(scope="module")
def rendered():
    jobs, figures = [], {}
    for name in ("evidence", "graph", "sdg", "coverage"):
        for lang in ("en", "ar"):
            view, figure = captioned(name, lang, palette="cividis") if name == "coverage" else captioned(name, lang)
            figures[name, lang] = (view, figure)
            jobs += [(figure, "png")]
    _view, french = captioned("evidence", "fr")
    jobs += [(french, "svg"), (french, "pdf")]
    with image_session() as session:
        images = session.render_many(jobs)
    return figures, images, french


def test_no_legend_colour_is_drawn_in_the_rendered_caption_band(rendered):
    figures, images, _french = rendered
    legend_colours = [charts.EVIDENCE_STYLE[name][0] for name in charts.VERDICT_STATUSES[:3]]
    legend_colours += list(charts.CATEGORY_COLOURS[:4])
    for (name, lang), data in zip(figures, images, strict=False):
        image = Image.open(io.BytesIO(data))
        scale = image.height / figures[name, lang][1].layout.height
        band = (0, image.height - int((CAPTION_HEIGHT - 2) * scale), image.width, image.height)
        assert non_white_share(image, band, legend_colours) == 0, (name, lang)


def test_an_empty_cell_renders_light_in_the_colour_blind_palette(rendered):
    figures, images, _french = rendered
    keys = list(figures)
    image = Image.open(io.BytesIO(images[keys.index(("coverage", "en"))])).convert("RGB")
    pixels = np.asarray(image).reshape(-1, 3)
    dark_navy = np.array(plotly.colors.hex_to_rgb("#00224E"))
    # Cividis's dark end marks only the largest values: it never fills a majority of the plot.
    assert (np.abs(pixels - dark_navy).sum(axis=1) < 30).mean() < 0.05


def test_exported_svg_pdf_and_xlsx_carry_the_chart_title(rendered):
    _figures, images, french = rendered
    title = document_title(french)
    assert title == t("chart.evidence.verdicts", "fr", region=t("region.Africa", "fr"))
    svg, pdf = images[-2].decode("utf-8"), images[-1]
    assert f"<title>{html.escape(title)}</title>" in svg
    assert PdfReader(io.BytesIO(pdf)).metadata.title == title
    request = request_for("evidence", "fr")
    workbook = load_workbook(io.BytesIO(view_bytes(chart_view("evidence", DATASET, request), "xlsx", DATASET, request)))
    assert workbook.properties.title == title
    assert workbook["evidence"]["A1"].value == t("header.action_line", "fr")


def test_the_count_plural_reads_in_a_chart_summary():
    view = chart_view("sdg", DATASET, replace(request_for("sdg", "fr")))
    assert "grandes orientations sont liées" in view.summary
