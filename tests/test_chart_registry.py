"""The chart registry: every chart built from a dataset and a request, on screen and as every export format."""

import io

import pytest
from openpyxl import load_workbook

from analytics import view_data
from analytics.chart_registry import CHARTS, ChartView, chart_request, chart_view
from analytics.export.captions import export_context, with_caption
from analytics.export.images import IMAGE_FORMATS, image_session
from analytics.export.single import TABLE_FORMATS, view_bytes
from analytics.request import RequestError, ViewRequest
from messages import t
from wsis_data.dataset import committed_dataset

DATASET = committed_dataset()
# One SDG (the `sdg` chart needs exactly one) and an ITU region (the `difference` chart needs one).
REQUEST = ViewRequest(lang="fr", region="Africa", sdgs=(9,), hlpf=None)
MAGIC = {"png": b"\x89PNG", "svg": b"<svg", "pdf": b"%PDF"}


@pytest.fixture(scope="module")
def views() -> dict[str, ChartView]:
    return {name: chart_view(name, DATASET, REQUEST) for name in CHARTS}


def test_every_registered_chart_builds_a_figure_table_summary_and_caption(views):
    for name, view in views.items():
        assert view.figure.data, name
        assert view.figure.layout.title.text, name
        assert view.summary, name
        assert view.name, name
        assert DATASET.edition_label in view.caption, name
        # A chart that does not read the region shows every region's data, and its caption says so.
        region = "Africa" if "region" in CHARTS[name].reads else "Global"
        assert t("region." + region, "fr") in view.caption, name


def test_every_registered_chart_renders_as_every_image_format_in_one_browser_session(views):
    context = export_context(DATASET, REQUEST)
    jobs = [(with_caption(view.figure, context), fmt) for view in views.values() for fmt in IMAGE_FORMATS]
    with image_session() as session:
        rendered = session.render_many(jobs)
    for (_figure, fmt), data in zip(jobs, rendered, strict=True):
        assert MAGIC[fmt] in data[:200], fmt


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_every_registered_chart_exports_its_table(views, fmt):
    for name, view in views.items():
        data = view_bytes(view, fmt, DATASET, REQUEST)
        if fmt == "csv":
            assert data.decode("utf-8-sig").splitlines()[0] == ",".join(map(str, view.table.columns)), name
        else:
            workbook = load_workbook(io.BytesIO(data))
            assert workbook.sheetnames == ["metadata", view.name[:31]], name


def test_an_unknown_chart_is_refused_with_the_valid_names():
    with pytest.raises(RequestError, match="name='pie': expected one of coverage, coverage_target"):
        chart_view("pie", DATASET, REQUEST)


def test_a_chart_ignores_page_local_choices_it_does_not_read():
    clicked = ViewRequest(cell=("C1", "3"), focus="C2", sectors=("T",), graph_kind="target")
    assert chart_request("evidence", clicked) == ViewRequest()
    assert chart_request("graph", clicked) == ViewRequest(focus="C2", graph_kind="target")


def test_a_chart_ignores_the_region_palette_and_sdgs_when_it_does_not_read_them():
    request = ViewRequest(lang="ar", region="Africa", palette="cividis", sdgs=(4, 9), hlpf=2024, c7="merged")
    assert chart_request("graph", request) == ViewRequest(lang="ar", sdgs=(4, 9), hlpf=2024, c7="merged")
    assert chart_request("coverage_overview", request) == ViewRequest(
        lang="ar", palette="cividis", hlpf=2024, c7="merged"
    )
    assert chart_request("region_matrix", request) == request


def test_the_numbers_are_computed_once_whatever_the_language_and_palette():
    request = ViewRequest(sdgs=(1, 2, 3), c7="merged", value="share")
    chart_view("coverage", DATASET, request)
    before = view_data.goal_coverage.cache_info()
    for lang in ("ar", "zh", "es"):
        for palette in ("sdg", "cividis"):
            view = chart_view(
                "coverage", DATASET, ViewRequest(**{**request.__dict__, "lang": lang, "palette": palette})
            )
            assert view.figure.data[0].colorbar.title.text == t("value.share", lang)
    after = view_data.goal_coverage.cache_info()
    assert after.misses == before.misses
    assert after.hits == before.hits + 6


def test_the_coverage_stars_the_hlpf_sdgs_when_they_are_the_view():
    starred = chart_view("coverage", DATASET, ViewRequest(sdgs=(6, 7, 9, 11, 17), hlpf=2023))
    plain = chart_view("coverage", DATASET, ViewRequest(sdgs=(6, 7), hlpf=2023))
    assert sum("★" in note.text for note in starred.figure.layout.annotations) == 5
    assert not any("★" in note.text for note in plain.figure.layout.annotations)
