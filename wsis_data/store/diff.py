"""The difference between two editions' links, as a pure function over their link frames."""

import pandas as pd

from wsis_data.constants import ACTION_LINE_CODES

DIFF_COLUMNS = ("change", "field", "link_id", "action_line", "goal", "target", "before", "after")
COMPARED_FIELDS = ("target", "rationale", "status", "evidence")


def link_place(goal: object, target: object) -> str:
    """Return where a link points: its target, or `goal N` for a goal-level link."""
    return str(target) if target else f"goal {goal}"


def diff_links(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return one row per added or removed link and per changed field (target, rationale, status, evidence).

    Links are matched by `link_id`, which a link keeps from edition to edition; `goal`/`target` say where the link
    points after the change (before it, for a removed link), so changes can be counted per action line and goal.
    """
    old = before.set_index("link_id")
    new = after.set_index("link_id")
    rows = []
    for link_id in new.index.difference(old.index):
        link = new.loc[link_id]
        rows.append(_row("added", "", link_id, link, "", link_place(link["goal"], link["target"])))
    for link_id in old.index.difference(new.index):
        link = old.loc[link_id]
        rows.append(_row("removed", "", link_id, link, link_place(link["goal"], link["target"]), ""))
    for link_id in old.index.intersection(new.index):
        was, now = old.loc[link_id], new.loc[link_id]
        for field in COMPARED_FIELDS:
            if field == "target":
                was_value, now_value = link_place(was["goal"], was["target"]), link_place(now["goal"], now["target"])
            else:
                was_value, now_value = str(was[field]), str(now[field])
            if was_value != now_value:
                rows.append(_row("changed", field, link_id, now, was_value, now_value))
    frame = pd.DataFrame(rows, columns=list(DIFF_COLUMNS))
    order = {code: position for position, code in enumerate(ACTION_LINE_CODES)}
    frame["_order"] = frame["action_line"].map(order)
    frame = frame.sort_values(["_order", "goal", "target", "link_id", "field"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True).astype({"link_id": "int64", "goal": "int64"})


def _row(change: str, field: str, link_id: int, link: pd.Series, before: str, after: str) -> dict:
    return {
        "change": change,
        "field": field,
        "link_id": int(link_id),
        "action_line": link["action_line"],
        "goal": int(link["goal"]),
        "target": link["target"],
        "before": before,
        "after": after,
    }
