"""The HLPF pack: every chart, table and the brief for one HLPF year (or set of SDGs), region and language, as one ZIP.

The destination is checked before any work, and the ZIP is written to a temporary file beside it and moved into
place only when complete, so a failure never leaves a partial pack behind.
"""

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from analytics import charts
from analytics.export.brief import (
    BRIEF_WIDTH,
    BriefContent,
    BriefFigure,
    BriefSection,
    action_line_table,
    brief_figure,
    brief_figure_jobs,
    brief_figures,
    brief_html,
)
from analytics.export.brief_docx import brief_docx
from analytics.export.captions import ExportContext, describe_filters, export_context, with_caption
from analytics.export.files import check_writable, write_atomically
from analytics.export.images import IMAGE_FORMATS, ImageSession, image_session
from analytics.export.tables import csv_bytes, xlsx_bytes
from analytics.gaps import gaps_per_goal
from analytics.hlpf import contribution_ranking, hlpf_focus
from analytics.views import ChartView, Filters, activity_view, coverage_chart, graph_view
from messages import number, t
from wsis_data import loaders
from wsis_data.constants import DEFAULT_HLPF_YEAR, GLOBAL_SCOPE, LANGUAGES, REGION_SCOPES


class PackRequestError(ValueError):
    """Raised for a pack or chart request that names an unknown year, region, language, SDG or chart."""


@dataclass(frozen=True)
class PackRequest:
    """What the secretariat asks for: an HLPF year or a set of SDGs, a region scope and a language."""

    lang: str = "en"
    region: str = GLOBAL_SCOPE
    year: int | None = None
    sdgs: tuple[int, ...] = ()
    c7: str = "split"


@dataclass(frozen=True)
class ResolvedRequest:
    """A checked request: the SDGs it covers, and the HLPF year and theme where it names one."""

    request: PackRequest
    sdgs: tuple[int, ...]
    year: int | None
    theme: str

    @property
    def filters(self) -> Filters:
        """Return the analytics filters of the request."""
        request = self.request
        return Filters(
            lang=request.lang,
            region=request.region,
            goals=self.sdgs,
            hlpf=self.year or DEFAULT_HLPF_YEAR,
            c7=request.c7,
        )


def resolve(request: PackRequest) -> ResolvedRequest:
    """Return the checked request, or raise PackRequestError naming what is wrong and what was expected."""
    if request.lang not in LANGUAGES:
        raise PackRequestError(f"unknown language {request.lang!r}: expected one of {', '.join(LANGUAGES)}")
    if request.region not in REGION_SCOPES:
        raise PackRequestError(f"unknown region {request.region!r}: expected one of {', '.join(REGION_SCOPES)}")
    if bad := [goal for goal in request.sdgs if not 1 <= goal <= 17]:
        raise PackRequestError(f"unknown SDG {bad[0]}: expected goal numbers from 1 to 17")
    if request.sdgs:
        return ResolvedRequest(request, tuple(sorted(set(request.sdgs))), request.year, "")
    if request.year is None:
        raise PackRequestError("give an HLPF year or a set of SDGs")
    cycles = loaders.hlpf_cycles()
    if request.year not in set(cycles["year"]):
        years = sorted(int(year) for year in cycles["year"])
        raise PackRequestError(f"unknown HLPF year {request.year}: expected one of {', '.join(map(str, years))}")
    focus = hlpf_focus(request.year, cycles, loaders.matrix_links(), loaders.rationales(), request.c7)
    if not focus.sdgs:
        reason = "is not confirmed in the sources" if not focus.set_verified else "had no in-depth review"
        raise PackRequestError(f"the SDG set of HLPF {request.year} {reason}: give the SDGs explicitly")
    return ResolvedRequest(request, tuple(focus.sdgs), request.year, focus.theme)


def filters_text(resolved: ResolvedRequest) -> str:
    """Return the filters of a request in words, for captions, metadata and the manifest."""
    request = resolved.request
    return describe_filters(request.lang, resolved.sdgs, request.region, request.c7, resolved.year)


def sdg_contribution_chart(goal: int, filters: Filters) -> ChartView:
    """Return the bar chart of the action lines that link one SDG, and how many links each has."""
    lang = filters.lang
    ranking = contribution_ranking(loaders.matrix_links(), [goal], filters.c7)[["action_line", "links", "rank"]]
    ranking["action_line"] = ranking["action_line"].astype(str)
    title = t(
        "chart.sdg_contributions", lang, goal=goal, title=loaders.sdg_label("goal", str(goal), lang, short=True).text
    )
    figure = charts.ranking_bar(ranking, "action_line", "links", lang, title, t("value.links", lang))
    summary = t("summary.sdg_contributions", lang, count=len(ranking), goal=goal)
    return ChartView(figure, ranking, summary, f"sdg{goal:02d}_contributions")


def pack_charts(resolved: ResolvedRequest) -> list[ChartView]:
    """Return the charts of a pack: coverage of the SDGs, one chart per SDG, the linkage graph and the evidence."""
    filters = resolved.filters
    coverage = coverage_chart(filters, "targets", resolved.sdgs if resolved.year else ())
    per_sdg = [sdg_contribution_chart(goal, filters) for goal in resolved.sdgs]
    graph = graph_view(filters, "goal", None).chart
    evidence = activity_view(filters, (), None).evidence
    return [coverage, *per_sdg, graph, evidence]


def _rationale_table(resolved: ResolvedRequest) -> pd.DataFrame:
    links = loaders.matrix_links()
    selected = links[links["goal"].isin(resolved.sdgs) & (links["rationale_id"] != "")]
    table = selected.merge(loaders.rationales()[["rationale_id", "text"]], on="rationale_id")
    table["target"] = table["target"].astype("string").fillna("")
    table["action_line"] = table["action_line"].astype(str)
    return table[["goal", "action_line", "target", "rationale_id", "text"]].sort_values(
        ["goal", "action_line", "target"]
    )


def _brief_sections(
    resolved: ResolvedRequest, per_goal: dict[int, ChartView], figures: dict[int, BriefFigure], rationales: pd.DataFrame
) -> list[BriefSection]:
    lang = resolved.request.lang
    colours = dict(zip(loaders.sdg_goals()["goal"], loaders.sdg_goals()["colour"], strict=True))
    sections = []
    for goal in resolved.sdgs:
        top = per_goal[goal].table.head(4)
        mine = (
            rationales[(rationales["goal"] == goal) & (rationales["text"] != "")]
            .drop_duplicates("rationale_id")
            .head(2)
        )
        sections.append(
            BriefSection(
                goal=goal,
                title=loaders.sdg_label("goal", str(goal), lang).text,
                colour=colours[goal],
                chart=figures[goal],
                action_lines=action_line_table(
                    [
                        (code, loaders.action_line_label(code, lang).text, int(count))
                        for code, count in zip(top["action_line"], top["links"], strict=True)
                    ],
                    lang,
                ),
                rationales=list(zip(mine["action_line"], mine["text"], strict=True)),
            )
        )
    return sections


def _summary_lines(resolved: ResolvedRequest, evidence: ChartView) -> list[str]:
    lang, sdgs = resolved.request.lang, list(resolved.sdgs)
    ranking = contribution_ranking(loaders.matrix_links(), sdgs, resolved.request.c7)
    gaps = gaps_per_goal(loaders.matrix_links(), loaders.sdg_targets())
    gaps = gaps[gaps["goal"].isin(sdgs)]
    lines = [
        t(
            "brief.summary.links",
            lang,
            links=number(int(ranking["links"].sum()), lang),
            action_lines=number(len(ranking), lang),
        ),
        t(
            "brief.summary.targets",
            lang,
            linked=number(int(gaps["linked_targets"].sum()), lang),
            total=number(int(gaps["targets"].sum()), lang),
        ),
        t("brief.summary.top", lang, top=", ".join(ranking["action_line"].astype(str).head(3))),
        t(
            "brief.summary.evidence",
            lang,
            region=t("region." + resolved.request.region, lang),
            summary=evidence.summary,
        ),
    ]
    if resolved.theme:
        lines.insert(0, t("brief.summary.theme", lang, theme=resolved.theme))
    return lines


def _brief_title(resolved: ResolvedRequest) -> str:
    lang, sdgs = resolved.request.lang, ", ".join(map(str, resolved.sdgs))
    if resolved.year:
        return t("brief.title.hlpf", lang, year=resolved.year, sdgs=sdgs)
    return t("brief.title.sdgs", lang, sdgs=sdgs)


def _brief_content(
    resolved: ResolvedRequest,
    context: ExportContext,
    coverage: BriefFigure,
    sections: list[BriefSection],
    evidence: ChartView,
) -> BriefContent:
    lang = context.lang
    return BriefContent(
        lang=lang,
        title=_brief_title(resolved),
        subject=t("brief.subject", lang),
        subtitle=t("brief.subtitle", lang, region=t("region." + resolved.request.region, lang), date=context.date_text),
        day=context.day,
        summary=_summary_lines(resolved, evidence),
        coverage=coverage,
        sections=sections,
        sources=[
            t("brief.source.matrix", lang),
            t("brief.source.texts", lang),
            t("brief.source.activities", lang),
            t("export.meta.edition", lang) + ": " + context.edition,
            t("export.meta.filters", lang) + ": " + context.filters,
        ],
    )


@dataclass(frozen=True)
class PackResult:
    """What a built pack holds: its manifest and the number of images rendered."""

    manifest: dict
    images: int


def pack_files(
    resolved: ResolvedRequest,
    context: ExportContext,
    session_factory: Callable[[], AbstractContextManager[ImageSession]] = image_session,
) -> tuple[dict[str, bytes], int]:
    """Return every file of the pack (name → bytes) and the number of images; the images and the brief are
    rendered in one browser session."""
    views = pack_charts(resolved)
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
    rationales = _rationale_table(resolved)
    with session_factory() as session:
        rendered = session.render_many([*jobs, *brief_figure_jobs([coverage_brief, *goal_briefs])])
        figures = brief_figures(rendered[len(jobs) :], captions)
        sections = _brief_sections(resolved, per_goal, dict(zip(per_goal, figures[1:], strict=True)), rationales)
        content = _brief_content(resolved, context, figures[0], sections, views[-1])
        brief = session.print_pdf(brief_html(content))
    files: dict[str, bytes] = dict(zip(names, rendered[: len(jobs)], strict=True))
    tables = {view.name: view.table for view in views} | {"rationales": rationales}
    for name, table in tables.items():
        files[f"tables/{name}.csv"] = csv_bytes(table)
    files["tables/tables.xlsx"] = xlsx_bytes(tables, context)
    files["brief.pdf"] = brief
    files["brief.docx"] = brief_docx(content)
    return files, len(jobs)


def _manifest(files: dict[str, bytes], resolved: ResolvedRequest, context: ExportContext) -> dict:
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
        "data_edition": loaders.edition(),
        "files": [
            {"path": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        ],
    }


def build_pack(
    request: PackRequest,
    out: Path,
    day: date | None = None,
    session_factory: Callable[[], AbstractContextManager[ImageSession]] = image_session,
) -> PackResult:
    """Write the HLPF pack ZIP to `out` (atomically) and return its manifest and image count."""
    resolved = resolve(request)
    out = check_writable(out)
    context = export_context(request.lang, filters_text(resolved), day)
    files, images = pack_files(resolved, context, session_factory)
    manifest = _manifest(files, resolved, context)

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(files.items()):
                archive.writestr(name, data)
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))

    write_atomically(out, write)
    return PackResult(manifest, images)


def pack_bytes(request: PackRequest, day: date | None = None) -> bytes:
    """Return the HLPF pack as ZIP bytes (for a download button)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.zip"
        build_pack(request, path, day)
        return path.read_bytes()
