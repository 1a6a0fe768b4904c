"""What the HLPF brief says: its title, summary lines, one section per SDG and its sources, in the pack's language.

One `BriefContent` feeds both files of the brief: the PDF (`analytics.export.brief`, HTML printed by the pack's
browser) and the editable Word document (`analytics.export.brief_docx`); the packaging is `analytics.export.pack`.
"""

import pandas as pd

from analytics.chart_registry import ChartView
from analytics.export.brief import BriefContent, BriefFigure, BriefSection, action_line_table
from analytics.export.captions import ExportContext
from analytics.export.pack_request import ResolvedPack
from analytics.gaps import gaps_per_goal
from analytics.hlpf import contribution_ranking
from messages import isolated, listed, number, t
from wsis_data.dataset import Dataset

# Unicode isolates keep an English text (the HLPF theme) in its own direction inside an Arabic line, so that its
# final full stop stays at its end.


def rationale_table(dataset: Dataset, resolved: ResolvedPack) -> pd.DataFrame:
    """Return the rationales of the links into the pack's SDGs, by goal, action line and target."""
    links = dataset.matrix_links
    selected = links[links["goal"].isin(resolved.sdgs) & (links["rationale_id"] != "")]
    table = selected.merge(dataset.rationales[["rationale_id", "text"]], on="rationale_id")
    table["target"] = table["target"].astype("string").fillna("")
    table["action_line"] = table["action_line"].astype(str)
    return table[["goal", "action_line", "target", "rationale_id", "text"]].sort_values(
        ["goal", "action_line", "target"]
    )


def brief_sections(
    dataset: Dataset,
    resolved: ResolvedPack,
    per_goal: dict[int, ChartView],
    figures: dict[int, BriefFigure],
    rationales: pd.DataFrame,
) -> list[BriefSection]:
    """Return one section per SDG: its title and colour, chart, table of top contributing action lines and two
    rationales."""
    lang = resolved.request.lang
    colours = goal_colours(dataset)
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
                title=dataset.sdg_label("goal", str(goal), lang).text,
                colour=colours[goal],
                chart=figures[goal],
                action_lines=action_line_table(
                    [
                        (code, dataset.action_line_label(code, lang).text, int(count))
                        for code, count in zip(top["action_line"], top["links"], strict=True)
                    ],
                    lang,
                ),
                rationales=list(zip(mine["action_line"], mine["text"], strict=True)),
            )
        )
    return sections


def summary_lines(dataset: Dataset, resolved: ResolvedPack, evidence: ChartView) -> list[str]:
    """Return the brief's summary: the theme, links and targets of the SDGs, the top action lines and the evidence."""
    request = resolved.request
    lang, sdgs = request.lang, list(resolved.sdgs)
    ranking = contribution_ranking(dataset.matrix_links, sdgs, request.c7)  # type: ignore[arg-type]
    gaps = gaps_per_goal(dataset.matrix_links, dataset.sdg_targets)
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
        t("brief.summary.top", lang, top=listed(ranking["action_line"].astype(str).head(3), lang)),
        t("brief.summary.evidence_sources", lang, region=t("region." + request.region, lang), summary=evidence.summary),
    ]
    if resolved.theme:
        theme = isolated(resolved.theme, lang)
        lines.insert(0, t("brief.summary.theme", lang, theme=theme))
    return lines


def brief_title(resolved: ResolvedPack) -> str:
    """Return the brief's title: the HLPF year and its SDGs, or the SDGs."""
    lang = resolved.request.lang
    sdgs = listed(resolved.sdgs, lang)
    if resolved.year:
        return t("brief.title.hlpf", lang, year=resolved.year, sdgs=sdgs)
    return t("brief.title.sdgs", lang, sdgs=sdgs)


def brief_content(
    dataset: Dataset,
    resolved: ResolvedPack,
    context: ExportContext,
    coverage: BriefFigure,
    sections: list[BriefSection],
    evidence: ChartView,
) -> BriefContent:
    """Return everything the brief says, in the pack's language, and what its files state about themselves."""
    lang = context.lang
    return BriefContent(
        lang=lang,
        title=brief_title(resolved),
        subject=t("brief.subject", lang),
        subtitle=t("brief.subtitle", lang, region=t("region." + resolved.request.region, lang), date=context.date_text),
        day=context.day,
        summary=summary_lines(dataset, resolved, evidence),
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


def goal_colours(dataset: Dataset) -> dict[int, str]:
    """Return the official colour of each goal, for the brief's section bands."""
    return dict(zip(dataset.sdg_goals["goal"], dataset.sdg_goals["colour"], strict=True))
