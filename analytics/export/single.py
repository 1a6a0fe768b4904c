"""Single-chart exports: any chart of the dashboard by name, as an image with its caption or as its table."""

from collections.abc import Callable
from datetime import date

from analytics.export.captions import export_context, with_caption
from analytics.export.images import IMAGE_FORMATS, image_session
from analytics.export.pack import (
    PackRequest,
    PackRequestError,
    ResolvedRequest,
    filters_text,
    resolve,
    sdg_contribution_chart,
)
from analytics.export.tables import csv_bytes, xlsx_bytes
from analytics.views import ChartView, Filters, activity_view, coverage_chart, graph_view
from wsis_data.constants import GLOBAL_SCOPE

TABLE_FORMATS: tuple[str, ...] = ("csv", "xlsx")
EXPORT_FORMATS: tuple[str, ...] = (*IMAGE_FORMATS, *TABLE_FORMATS)


def _sdg_chart(resolved: ResolvedRequest, filters: Filters) -> ChartView:
    if len(resolved.sdgs) != 1:
        raise PackRequestError("the chart 'sdg' needs exactly one SDG: give --sdg N")
    return sdg_contribution_chart(resolved.sdgs[0], filters)


def _difference(filters: Filters) -> ChartView:
    view = activity_view(filters, (), None).difference
    if view is None:
        raise PackRequestError(f"the chart 'difference' needs an ITU region other than {GLOBAL_SCOPE}")
    return view


CHARTS: dict[str, Callable[[ResolvedRequest, Filters], ChartView]] = {
    "coverage": lambda resolved, filters: coverage_chart(filters, "targets", resolved.sdgs if resolved.year else ()),
    "coverage_target": lambda resolved, filters: coverage_chart(Filters(**{**filters.__dict__, "level": "target"})),
    "sdg": _sdg_chart,
    "graph": lambda resolved, filters: graph_view(filters, "goal", None).chart,
    "evidence": lambda resolved, filters: activity_view(filters, (), None).evidence,
    "region_matrix": lambda resolved, filters: activity_view(filters, (), None).region_matrix,
    "difference": lambda resolved, filters: _difference(filters),
    "map": lambda resolved, filters: activity_view(filters, (), None).country_map,
}


def chart_bytes(name: str, fmt: str, request: PackRequest, day: date | None = None) -> bytes:
    """Return one named chart as an image (png, svg, pdf, with caption) or as its table (csv, xlsx)."""
    if name not in CHARTS:
        raise PackRequestError(f"unknown chart {name!r}: expected one of {', '.join(CHARTS)}")
    if fmt not in EXPORT_FORMATS:
        raise PackRequestError(f"unknown format {fmt!r}: expected one of {', '.join(EXPORT_FORMATS)}")
    if request.year is None and not request.sdgs:
        request = PackRequest(request.lang, request.region, None, tuple(range(1, 18)), request.c7)
    resolved = resolve(request)
    view = CHARTS[name](resolved, resolved.filters)
    context = export_context(request.lang, filters_text(resolved), day)
    if fmt == "csv":
        return csv_bytes(view.table)
    if fmt == "xlsx":
        return xlsx_bytes({view.name: view.table}, context)
    with image_session() as session:
        return session.render(with_caption(view.figure, context), fmt)
