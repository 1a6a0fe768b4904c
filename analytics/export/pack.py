"""The HLPF pack: every chart, table and the brief for one HLPF year (or set of SDGs), region and language, as one ZIP.

This module is the packaging: which charts (from the chart registry), rendered in one browser session, the
tables, the manifest and the ZIP. What the pack covers is `pack_request`; what the brief says is `brief_content`.
The destination is checked before any work, and the ZIP is written to a temporary file beside it and moved into
place only when complete, so a failure never leaves a partial pack behind.
"""

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from analytics.chart_registry import ChartView, chart_view
from analytics.export.brief import BRIEF_WIDTH, brief_figure, brief_figure_jobs, brief_figures, brief_html
from analytics.export.brief_content import brief_content, brief_sections, rationale_table
from analytics.export.brief_docx import brief_docx
from analytics.export.captions import ExportContext, export_context, with_caption
from analytics.export.files import check_writable, write_atomically
from analytics.export.images import IMAGE_FORMATS, ImageSession, image_session
from analytics.export.pack_request import ResolvedPack, resolve_pack
from analytics.export.tables import csv_bytes, xlsx_bytes
from analytics.localise import with_text_language
from analytics.request import ViewRequest
from wsis_data.dataset import Dataset


def pack_charts(dataset: Dataset, resolved: ResolvedPack) -> list[ChartView]:
    """Return the charts of a pack: coverage of the SDGs, one chart per SDG, the linkage graph and the evidence."""
    request = resolved.request
    per_sdg = [chart_view("sdg", dataset, replace(request, sdgs=(goal,))) for goal in resolved.sdgs]
    return [
        chart_view("coverage", dataset, replace(request, level="goal")),
        *per_sdg,
        chart_view("graph", dataset, request),
        chart_view("evidence", dataset, request),
    ]


@dataclass(frozen=True)
class PackResult:
    """What a built pack holds: its manifest and the number of images rendered."""

    manifest: dict
    images: int


def pack_files(
    dataset: Dataset,
    resolved: ResolvedPack,
    context: ExportContext,
    session_factory: Callable[[], AbstractContextManager[ImageSession]] = image_session,
) -> tuple[dict[str, bytes], int]:
    """Return every file of the pack (name → bytes) and the number of images; the images and the brief are
    rendered in one browser session."""
    views = pack_charts(dataset, resolved)
    per_goal = dict(zip(resolved.sdgs, views[1 : 1 + len(resolved.sdgs)], strict=True))
    captioned = [with_caption(view.figure, context) for view in views]
    jobs = [(figure, fmt) for figure in captioned for fmt in IMAGE_FORMATS]
    names = [f"charts/{view.name}.{fmt}" for view in views for fmt in IMAGE_FORMATS]
    lang = context.lang
    coverage_brief = brief_figure(views[0].figure, lang, 130 + 20 * len(views[0].figure.data[0].y))
    goal_briefs = [
        brief_figure(view.figure, lang, 60 + 20 * len(view.table), BRIEF_WIDTH // 2) for view in per_goal.values()
    ]
    captions = [(view.figure.layout.title.text, view.summary) for view in (views[0], *per_goal.values())]
    rationales = rationale_table(dataset, resolved)
    with session_factory() as session:
        rendered = session.render_many([*jobs, *brief_figure_jobs([coverage_brief, *goal_briefs])])
        figures = brief_figures(rendered[len(jobs) :], captions)
        sections = brief_sections(
            dataset, resolved, per_goal, dict(zip(per_goal, figures[1:], strict=True)), rationales
        )
        content = brief_content(dataset, resolved, context, figures[0], sections, views[-1])
        brief = session.print_pdf(brief_html(content))
    files: dict[str, bytes] = dict(zip(names, rendered[: len(jobs)], strict=True))
    # The rationales exist only in English in the matrix: their table says so in a column of its own.
    tables = {view.name: view.table for view in views} | {"rationales": with_text_language(rationales, ("text",))}
    for name, table in tables.items():
        files[f"tables/{name}.csv"] = csv_bytes(table)
    files["tables/tables.xlsx"] = xlsx_bytes(tables, context)
    files["brief.pdf"] = brief
    files["brief.docx"] = brief_docx(content)
    return files, len(jobs)


def _manifest(dataset: Dataset, files: dict[str, bytes], resolved: ResolvedPack, context: ExportContext) -> dict:
    request = resolved.request
    return {
        "title": "WSIS–SDG Matrix HLPF pack",
        "generated": context.day.isoformat(),
        "language": request.lang,
        "filters": {
            "hlpf_year": resolved.year,
            "sdgs": list(resolved.sdgs),
            "region": request.region,
            "c7": request.c7,
            "description": context.filters,
        },
        "edition": dataset.edition,
        "data_edition": dict(dataset.edition_info),
        "files": [
            {"path": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        ],
    }


def build_pack(
    dataset: Dataset,
    request: ViewRequest,
    out: Path,
    day: date | None = None,
    session_factory: Callable[[], AbstractContextManager[ImageSession]] = image_session,
) -> PackResult:
    """Write the HLPF pack of a request on a dataset to `out` (atomically) and return its manifest and image count."""
    resolved = resolve_pack(dataset, request)
    out = check_writable(out)
    context = export_context(dataset, resolved.request, day)
    files, images = pack_files(dataset, resolved, context, session_factory)
    manifest = _manifest(dataset, files, resolved, context)

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(files.items()):
                archive.writestr(name, data)
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))

    write_atomically(out, write)
    return PackResult(manifest, images)


def pack_bytes(dataset: Dataset, request: ViewRequest, day: date | None = None) -> bytes:
    """Return the HLPF pack as ZIP bytes (for a download button)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.zip"
        build_pack(dataset, request, path, day)
        return path.read_bytes()
