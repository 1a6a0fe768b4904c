"""Single-chart exports: any registered chart by name, as an image with its caption or as its table."""

from datetime import date

from analytics.chart_registry import ChartView, chart_spec, chart_view
from analytics.export.captions import export_context, with_caption
from analytics.export.images import IMAGE_FORMATS, document_title, image_session
from analytics.export.pack_request import chart_scope
from analytics.export.tables import csv_bytes, xlsx_bytes
from analytics.request import Notice, RequestError, ViewRequest
from wsis_data.dataset import Dataset

TABLE_FORMATS: tuple[str, ...] = ("csv", "xlsx")
EXPORT_FORMATS: tuple[str, ...] = (*IMAGE_FORMATS, *TABLE_FORMATS)


def check_format(fmt: str) -> str:
    """Return an export format, or raise RequestError listing the valid ones."""
    if fmt not in EXPORT_FORMATS:
        raise RequestError(Notice("format", fmt, "one of " + ", ".join(EXPORT_FORMATS)))
    return fmt


def view_bytes(view: ChartView, fmt: str, dataset: Dataset, request: ViewRequest, day: date | None = None) -> bytes:
    """Return a chart view as an image (png, svg, pdf, with its caption) or as its table (csv, xlsx)."""
    context = export_context(dataset, request, day)
    if check_format(fmt) == "csv":
        return csv_bytes(view.table)
    if fmt == "xlsx":
        return xlsx_bytes({view.name: view.table}, context, document_title(view.figure))
    with image_session() as session:
        return session.render(with_caption(view.figure, context), fmt)


def chart_bytes(name: str, fmt: str, dataset: Dataset, request: ViewRequest, day: date | None = None) -> bytes:
    """Return one named chart of a request as an image or a table; an HLPF year stands for its SDGs."""
    chart_spec(name)
    check_format(fmt)
    scoped = chart_scope(dataset, request)
    return view_bytes(chart_view(name, dataset, scoped), fmt, dataset, scoped, day)
