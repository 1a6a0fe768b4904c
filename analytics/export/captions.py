"""Self-describing exports: the caption under each image and the metadata beside each table."""

import copy
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
from babel.dates import format_date

from analytics.request import ViewRequest
from messages import listed, t
from wsis_data.constants import BABEL_LOCALES, RIGHT_TO_LEFT_LANGUAGES
from wsis_data.dataset import Dataset

CAPTION_HEIGHT = 70
CAPTION_WIDTH = 1100
# Right-to-left embedding around each caption line: an SVG text line starts left to right, which would put the
# Latin edition name and dates of an Arabic caption out of order.
RIGHT_TO_LEFT_EMBEDDING, POP_DIRECTION = "\u202b", "\u202c"


@dataclass(frozen=True)
class ExportContext:
    """What every exported file states about itself: language, filters (already worded), edition and date."""

    lang: str
    filters: str
    edition: str
    day: date

    @property
    def date_text(self) -> str:
        """Return the export date formatted for the language."""
        return format_date(self.day, format="long", locale=BABEL_LOCALES[self.lang])


def describe_filters(request: ViewRequest) -> str:
    """Return the filters of a request in words, in its language, for captions and metadata."""
    lang, goals = request.lang, request.goals
    sdgs = listed(goals, lang) if len(goals) < 17 else t("export.filters.all_sdgs", lang)
    scope = (
        t("export.filters.hlpf", lang, year=request.hlpf, sdgs=sdgs)
        if request.hlpf
        else t("export.filters.sdgs", lang, sdgs=sdgs)
    )
    return t(
        "export.filters", lang, scope=scope, region=t("region." + request.region, lang), c7=t("c7." + request.c7, lang)
    )


def edition_text(dataset: Dataset, lang: str) -> str:
    """Return the name of a dataset's edition in `lang`: a stored edition's number, label and date, else its label."""
    info = dataset.edition_info
    if "number" in info:
        return t("edition.title", lang, number=info["number"], label=info.get("label", ""), date=info.get("date", ""))
    return dataset.edition_label


def export_context(dataset: Dataset, request: ViewRequest, day: date | None = None) -> ExportContext:
    """Return the context of an export of a request on a dataset, made today (or on `day`)."""
    return ExportContext(
        request.lang, describe_filters(request), edition_text(dataset, request.lang), day or date.today()
    )


def view_caption(dataset: Dataset, request: ViewRequest) -> str:
    """Return what a chart states about its data without a date: the data edition and the filters in words."""
    lang = request.lang
    edition = t("common.labelled", lang, label=t("export.meta.edition", lang), value=edition_text(dataset, lang))
    return f"{edition} · {describe_filters(request)}"


def caption(context: ExportContext) -> str:
    """Return the caption of an exported chart: source, edition, filters and date."""
    return t("export.caption", context.lang, edition=context.edition, filters=context.filters, date=context.date_text)


def caption_lines(context: ExportContext) -> list[str]:
    """Return the caption's two lines (source and edition; filters and date), embedded right to left in Arabic."""
    lines = caption(context).split(" · ", 1)
    if context.lang in RIGHT_TO_LEFT_LANGUAGES:
        return [RIGHT_TO_LEFT_EMBEDDING + line + POP_DIRECTION for line in lines]
    return lines


def with_caption(figure: go.Figure, context: ExportContext) -> go.Figure:
    """Return a copy of the figure with the caption written in a band of its own under the plot; a legend
    anchored to the figure's bottom edge is lifted above that band, so that nothing covers the caption."""
    captioned = go.Figure(copy.deepcopy(figure.to_dict()))
    margin = captioned.layout.margin.b or 60
    right_to_left = context.lang in RIGHT_TO_LEFT_LANGUAGES
    captioned.add_annotation(
        name="caption",
        text="<br>".join(caption_lines(context)),
        xref="paper",
        yref="paper",
        x=1.0 if right_to_left else 0.0,
        y=0,
        yshift=-(margin + 10),
        xanchor="right" if right_to_left else "left",
        yanchor="top",
        align="right" if right_to_left else "left",
        showarrow=False,
        font={"size": 10, "color": "#52606D"},
    )
    old_height = captioned.layout.height or 500
    height = old_height + CAPTION_HEIGHT
    legend = captioned.layout.legend
    if legend.yref == "container" and legend.yanchor == "bottom":
        legend.y = ((legend.y or 0) * old_height + CAPTION_HEIGHT) / height
    # At least as wide as the caption's longest line, so that no exported caption is cut at the right edge.
    width = max(captioned.layout.width or CAPTION_WIDTH, CAPTION_WIDTH)
    captioned.update_layout(height=height, width=width, margin={"b": margin + CAPTION_HEIGHT})
    return captioned
