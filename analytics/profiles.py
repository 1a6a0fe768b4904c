"""Profiles and drill-downs: one matrix cell, one action line, one SDG, in a chosen language."""

from dataclasses import dataclass

import pandas as pd

from analytics.coverage import row_codes, row_parts
from wsis_data.codes import sort_key
from wsis_data.constants import GLOBAL_SCOPE
from wsis_data.dataset import Dataset


def _explained(dataset: Dataset, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return links with their rationale, and their target's official text in `lang` (and the language used)."""
    frame = links.merge(dataset.rationales[["rationale_id", "text"]], on="rationale_id", how="left")
    frame["text"] = frame["text"].fillna("")
    frame["target"] = frame["target"].astype("string").fillna("")
    labels = [dataset.sdg_label("target", code, lang) if code else None for code in frame["target"]]
    frame["target_text"] = [label.text if label else "" for label in labels]
    frame["text_language"] = [label.lang if label else "" for label in labels]
    return frame.rename(columns={"text": "rationale"})


def cell_detail(dataset: Dataset, action_line: str, column: str, lang: str) -> pd.DataFrame:
    """Return the links of one heatmap cell (action line × goal or target): targets, official texts and rationales."""
    links = dataset.matrix_links
    goal = int(column.split(".")[0])
    mask = links["action_line"].astype(str).isin(row_parts(action_line)) & (links["goal"] == goal)
    if "." in column:
        mask &= links["target"].astype(str) == column
    detail = _explained(dataset, links[mask], lang)
    columns = ["action_line", "level", "target", "target_text", "rationale", "rationale_id", "text_language"]
    return (
        detail[columns].astype({"action_line": "string"}).sort_values(["target", "action_line"]).reset_index(drop=True)
    )


@dataclass(frozen=True)
class ActionLineProfile:
    """Everything the profile page shows about one action line."""

    code: str
    title: str
    title_is_fallback: bool
    title_status: str
    facilitators: dict
    links: pd.DataFrame
    indicators: pd.DataFrame
    activities: pd.DataFrame


def _activities_where(dataset: Dataset, mask: pd.Series, region: str) -> pd.DataFrame:
    """Return the activities of a region scope (all for Global) with a parsed (action line, target) link where
    `mask` holds: the same region filter as the activities page."""
    activities = dataset.itu_activities
    ids = dataset.activity_links.loc[mask, "activity_id"]
    shown = activities["id"].isin(ids)
    if region != GLOBAL_SCOPE:
        shown &= activities["region"] == region
    return activities[shown].reset_index(drop=True)


def action_line_profile(dataset: Dataset, code: str, lang: str, region: str = GLOBAL_SCOPE) -> ActionLineProfile:
    """Return one action line's title, facilitators, SDG links with rationales, ICT indicators and the ITU
    activities of the region scope."""
    line = dataset.action_lines.set_index("code").loc[code]
    links = dataset.matrix_links
    detail = _explained(dataset, links[links["action_line"].astype(str) == code], lang)
    detail["goal_title"] = [dataset.sdg_label("goal", str(goal), lang, short=True).text for goal in detail["goal"]]
    detail = detail[["goal", "goal_title", "level", "target", "target_text", "rationale", "rationale_id"]]
    linked_targets = set(detail["target"])
    indicators = dataset.ict_indicators
    indicators = indicators[indicators["sdg_target"].isin(linked_targets)][
        ["indicator", "sdg_target", "short_name", "custodian", "verified", "source"]
    ]
    activities = _activities_where(dataset, dataset.activity_links["action_line"] == code, region)
    label = dataset.action_line_label(code, lang)
    return ActionLineProfile(
        code=code,
        title=label.text,
        title_is_fallback=label.is_fallback,
        title_status=label.status,
        facilitators={
            "lead": line["lead_facilitators"],
            "co": line["co_facilitators"],
            "verification": line["facilitators_verification"],
            "source": line["facilitators_source"],
        },
        links=detail.sort_values(["goal", "target"]).reset_index(drop=True),
        indicators=indicators.reset_index(drop=True),
        activities=activities,
    )


@dataclass(frozen=True)
class SdgProfile:
    """Everything the SDG profile page shows about one goal."""

    goal: int
    title: str
    colour: str
    targets: pd.DataFrame
    indicators: pd.DataFrame
    action_lines: pd.DataFrame
    hlpf_years: list[int]
    activities: pd.DataFrame


def sdg_profile(dataset: Dataset, goal: int, lang: str, region: str = GLOBAL_SCOPE) -> SdgProfile:
    """Return one goal's targets and indicators, the action lines linking it, its HLPF years and the ITU
    activities of the region scope."""
    targets = dataset.sdg_targets
    targets = targets[targets["goal"] == goal].sort_values("target").copy()
    targets["text"] = [dataset.sdg_label("target", str(code), lang).text for code in targets["target"]]
    indicators = dataset.sdg_indicators
    indicators = indicators[indicators["goal"] == goal].copy()
    indicators["text"] = [dataset.sdg_label("indicator", code, lang).text for code in indicators["indicator"]]
    links = dataset.matrix_links
    mine = links[links["goal"] == goal]
    frame = pd.DataFrame(
        {
            "action_line": row_codes(mine["action_line"], "split"),
            "level": mine["level"],
            "target": mine["target"].astype("string"),
        }
    )
    per_line = (
        frame.groupby("action_line", observed=True)
        .agg(
            targets=("target", lambda s: ";".join(sorted(set(s.dropna()), key=sort_key))),
            goal_level=("level", lambda s: bool((s == "goal").any())),
        )
        .reset_index()
    )
    per_line["title"] = [dataset.action_line_label(str(code), lang).text for code in per_line["action_line"]]
    cycles = dataset.hlpf_cycles
    years = [int(year) for year, sdgs in zip(cycles["year"], cycles["sdgs"], strict=True) if goal in sdgs]
    activities = _activities_where(dataset, dataset.activity_links["goal"] == goal, region)
    return SdgProfile(
        goal=goal,
        title=dataset.sdg_label("goal", str(goal), lang).text,
        colour=dataset.sdg_goals.set_index("goal").loc[goal, "colour"],
        targets=targets.reset_index(drop=True),
        indicators=indicators.reset_index(drop=True),
        action_lines=per_line,
        hlpf_years=years,
        activities=activities,
    )


def linked_cells(coverage_table: pd.DataFrame) -> list[tuple[str, str]]:
    """Return the (action line, goal or target) cells of a coverage heatmap's table that hold at least one link."""
    column = "goal" if "goal" in coverage_table.columns else "target"
    value = coverage_table.columns[2]
    linked = coverage_table[value] > 0
    if "goal_level_only" in coverage_table.columns:
        linked |= coverage_table["goal_level_only"].astype(bool)
    cells = coverage_table.loc[linked, ["action_line", column]].astype(str)
    return list(cells.itertuples(index=False, name=None))
