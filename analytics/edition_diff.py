"""Counting the changes between two editions per action line and goal, for the heatmap of changes."""

import pandas as pd

from analytics.coverage import C7Mode, row_codes, row_order

CHANGE_KINDS: tuple[str, ...] = ("added", "removed", "changed")


def change_counts(changes: pd.DataFrame, c7: C7Mode, goals: tuple[int, ...]) -> pd.DataFrame:
    """Return one row per action line row × goal: links added, removed, fields changed and their total."""
    rows = row_order(c7)
    frame = changes[changes["goal"].isin(goals)]
    frame = frame.assign(row=row_codes(frame["action_line"].astype(str), c7).to_numpy())
    grid = pd.MultiIndex.from_product([rows, list(goals)], names=["row", "goal"])
    counted = pd.DataFrame(
        {
            kind: frame[frame["change"] == kind].groupby(["row", "goal"], observed=True).size().reindex(grid)
            for kind in CHANGE_KINDS
        },
        index=grid,
    )
    counted = counted.fillna(0).astype("int64")
    counted["total"] = counted.sum(axis=1)
    return counted.reset_index().rename(columns={"row": "action_line"})
