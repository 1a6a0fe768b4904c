"""Gaps and concentration: uncovered targets, depth and breadth rankings, and how concentrated each action line is."""

import numpy as np
import pandas as pd

from analytics.coverage import C7Mode, row_codes, row_order
from wsis_data.constants import SDG_GOALS

CONCENTRATION_EXPLANATION = (
    "Herfindahl–Hirschman index (HHI) of an action line's links across goals: the sum of the squared share of its "
    "links in each goal. 1.0 means every link is in one goal; 1/17 ≈ 0.059 means the links are spread evenly over "
    "all 17 goals."
)


def _target_links(links: pd.DataFrame) -> pd.DataFrame:
    return links[links["level"] == "target"]


def uncovered_targets(links: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Return the targets with no target-level link from any action line, in SDG order."""
    linked = set(_target_links(links)["target"].astype(str))
    uncovered = targets[~targets["target"].astype(str).isin(linked)]
    return uncovered.sort_values("target").reset_index(drop=True)[["target", "goal", "kind"]]


def gaps_per_goal(links: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Return per goal: its targets, the targets linked, the uncovered ones and the covered share."""
    total = targets.groupby("goal").size().reindex(SDG_GOALS, fill_value=0)
    linked = _target_links(links).drop_duplicates("target").groupby("goal").size().reindex(SDG_GOALS, fill_value=0)
    frame = pd.DataFrame({"goal": list(SDG_GOALS), "targets": total.values, "linked_targets": linked.values})
    frame["uncovered_targets"] = frame["targets"] - frame["linked_targets"]
    frame["covered_share"] = (frame["linked_targets"] / frame["targets"]).round(4)
    return frame


def goal_depth_ranking(links: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Return goals ranked by depth of coverage: distinct linked targets, then action lines linking the goal."""
    gaps = gaps_per_goal(links, targets)
    action_lines = links.drop_duplicates(["action_line", "goal"]).groupby("goal").size()
    gaps["action_lines"] = gaps["goal"].map(action_lines).fillna(0).astype("int64")
    ranked = gaps.sort_values(["linked_targets", "action_lines", "goal"], ascending=[False, False, True])
    return ranked.assign(rank=range(1, len(ranked) + 1)).reset_index(drop=True)


def action_line_breadth_ranking(links: pd.DataFrame, c7: C7Mode = "split") -> pd.DataFrame:
    """Return action lines ranked by breadth: distinct goals linked, then distinct targets linked."""
    rows = row_codes(links["action_line"], c7)
    frame = pd.DataFrame({"action_line": rows, "goal": links["goal"], "target": links["target"].astype(str)})
    goals = frame.drop_duplicates(["action_line", "goal"]).groupby("action_line", observed=False).size()
    target_rows = frame[links["level"] == "target"].drop_duplicates(["action_line", "target"])
    target_counts = target_rows.groupby("action_line", observed=False).size()
    ranked = pd.DataFrame(
        {
            "action_line": row_order(c7),
            "goals": goals.reindex(row_order(c7), fill_value=0).values,
            "targets": target_counts.reindex(row_order(c7), fill_value=0).values,
        }
    )
    ranked["order"] = range(len(ranked))
    ranked = ranked.sort_values(["goals", "targets", "order"], ascending=[False, False, True]).drop(columns="order")
    return ranked.assign(rank=range(1, len(ranked) + 1)).reset_index(drop=True)


def link_weights(links: pd.DataFrame, c7: C7Mode = "split") -> pd.DataFrame:
    """Return per (action line, goal) the number of distinct links: each target once, a goal-level link as one."""
    frame = pd.DataFrame(
        {
            "action_line": row_codes(links["action_line"], c7),
            "goal": links["goal"],
            "key": links["target"].astype(str).where(links["level"] == "target", "goal"),
        }
    ).drop_duplicates()
    weights = frame.groupby(["action_line", "goal"], observed=True).size().rename("links").reset_index()
    return weights


def hhi(weights: np.ndarray) -> float:
    """Return the Herfindahl–Hirschman index of non-negative weights (sum of squared shares), 0.0 for no weight."""
    total = weights.sum()
    return float(((weights / total) ** 2).sum()) if total else 0.0


def concentration(links: pd.DataFrame, c7: C7Mode = "split") -> pd.DataFrame:
    """Return each action line's HHI of links across goals, with its goal and link counts."""
    weights = link_weights(links, c7)
    rows = []
    for code in row_order(c7):
        mine = weights.loc[weights["action_line"] == code, "links"].to_numpy()
        rows.append({"action_line": code, "goals": len(mine), "links": int(mine.sum()), "hhi": round(hhi(mine), 4)})
    return pd.DataFrame(rows)
