"""HLPF focus: for a year, the SDGs it reviews in depth, the action lines that contribute most, and why."""

from dataclasses import dataclass

import pandas as pd

from analytics.coverage import C7Mode, row_codes, row_order


class UnknownHlpfYear(ValueError):
    """Raised for a year that the HLPF table does not hold."""


@dataclass(frozen=True)
class HlpfFocus:
    """The SDGs under review in a year, the contribution ranking of the action lines, and the rationales behind it."""

    year: int
    theme: str
    sdgs: list[int]
    set_verified: bool
    status: str
    ranking: pd.DataFrame
    rationales: pd.DataFrame


def hlpf_years(cycles: pd.DataFrame) -> list[int]:
    """Return the HLPF years known to the data, oldest first."""
    return sorted(int(year) for year in cycles["year"])


def contribution_ranking(links: pd.DataFrame, sdgs: list[int], c7: C7Mode = "split") -> pd.DataFrame:
    """Return action lines ranked by links into the given SDGs: distinct targets (a goal-level link counts one), then goals."""
    selected = links[links["goal"].isin(sdgs)]
    frame = pd.DataFrame(
        {
            "action_line": row_codes(selected["action_line"], c7),
            "goal": selected["goal"],
            "key": selected["target"].astype(str).where(selected["level"] == "target", "goal"),
        }
    ).drop_duplicates()
    per_line = frame.groupby("action_line", observed=False).agg(links=("key", "size"), goals=("goal", "nunique"))
    per_goal = frame.groupby(["action_line", "goal"], observed=True).size().unstack(fill_value=0)
    ranking = per_line.reindex(row_order(c7), fill_value=0)
    for goal in sdgs:
        column = per_goal[goal] if goal in per_goal.columns else 0
        ranking[f"sdg_{goal}"] = pd.Series(column, index=per_goal.index).reindex(ranking.index, fill_value=0)
    ranking = ranking.reset_index().rename(columns={"index": "action_line"})
    ranking["order"] = range(len(ranking))
    ranking = ranking.sort_values(["links", "goals", "order"], ascending=[False, False, True]).drop(columns="order")
    ranking = ranking[ranking["links"] > 0]
    return ranking.assign(rank=range(1, len(ranking) + 1)).reset_index(drop=True)


def hlpf_focus(
    year: int, cycles: pd.DataFrame, links: pd.DataFrame, rationales: pd.DataFrame, c7: C7Mode = "split"
) -> HlpfFocus:
    """Return the HLPF focus of a year; an unverified set is flagged and left empty, never guessed."""
    matching = cycles[cycles["year"] == year]
    if matching.empty:
        known = ", ".join(map(str, hlpf_years(cycles)))
        raise UnknownHlpfYear(f"unknown HLPF year {year}: expected one of {known}")
    cycle = matching.iloc[0]
    sdgs = list(cycle["sdgs"]) if cycle["set_verified"] else []
    ranking = contribution_ranking(links, sdgs, c7)
    behind = links[links["goal"].isin(sdgs) & (links["rationale_id"] != "")]
    reasons = behind.merge(rationales[["rationale_id", "text"]], on="rationale_id", how="left")
    reasons = (
        reasons.groupby(["action_line", "goal", "rationale_id", "text"], observed=True)["target"]
        .agg(lambda targets: ";".join(sorted({str(t) for t in targets.dropna()})))
        .reset_index()
        .rename(columns={"target": "targets"})
    )
    return HlpfFocus(
        year=int(year),
        theme=str(cycle["theme"]),
        sdgs=sdgs,
        set_verified=bool(cycle["set_verified"]),
        status=str(cycle["status"]),
        ranking=ranking,
        rationales=reasons,
    )
