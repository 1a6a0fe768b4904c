"""Coverage matrices of the WSIS–SDG Matrix: action line × goal and action line × target."""

from collections.abc import Iterable
from typing import Literal

import pandas as pd

from wsis_data.constants import ACTION_LINE_CODES, C7_CODE, C7_PARTS, SDG_GOALS

CoverageValue = Literal["targets", "linked", "share"]
C7Mode = Literal["split", "merged"]
COVERAGE_VALUES: tuple[str, ...] = ("targets", "linked", "share")


def row_order(c7: C7Mode) -> list[str]:
    """Return the action line rows in matrix order, with C7 as one row when merged."""
    if c7 == "split":
        return list(ACTION_LINE_CODES)
    return [C7_CODE if code == C7_PARTS[0] else code for code in ACTION_LINE_CODES if code not in C7_PARTS[1:]]


def row_codes(action_lines: pd.Series, c7: C7Mode) -> pd.Series:
    """Return the row code of each action line: unchanged when split, `C7` for every part when merged."""
    codes = action_lines.astype(str)
    if c7 == "merged":
        codes = codes.where(~codes.isin(C7_PARTS), C7_CODE)
    return pd.Series(pd.Categorical(codes, categories=row_order(c7), ordered=True), index=action_lines.index)


def row_parts(row: str) -> tuple[str, ...]:
    """Return the action lines a row stands for: the eight C7 parts for the merged `C7`, else the row itself.

    With `row_order` and `row_codes` this is the C7 merging rule, defined here once.
    """
    return C7_PARTS if row == C7_CODE else (row,)


def _selected(links: pd.DataFrame, goals: Iterable[int] | None, action_lines: Iterable[str] | None) -> pd.DataFrame:
    mask = pd.Series(True, index=links.index)
    if goals is not None:
        mask &= links["goal"].isin(list(goals))
    if action_lines is not None:
        wanted = {part for row in action_lines for part in row_parts(row)}
        mask &= links["action_line"].astype(str).isin(wanted)
    return links[mask]


def _rows(c7: C7Mode, action_lines: Iterable[str] | None) -> list[str]:
    order = row_order(c7)
    if action_lines is None:
        return order
    wanted = set(row_codes(pd.Series(list(action_lines), dtype="string"), c7).astype(str))
    return [code for code in order if code in wanted]


def coverage_matrix(
    links: pd.DataFrame,
    targets: pd.DataFrame,
    value: CoverageValue = "targets",
    c7: C7Mode = "split",
    goals: Iterable[int] | None = None,
    action_lines: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return the action line × goal matrix: distinct linked targets, 1/0 for any link, or the share of the goal's targets."""
    if value not in COVERAGE_VALUES:
        raise ValueError(f"unknown coverage value {value!r}: expected one of {', '.join(COVERAGE_VALUES)}")
    goal_columns = sorted(set(goals)) if goals is not None else list(SDG_GOALS)
    selected = _selected(links, goal_columns, action_lines)
    frame = pd.DataFrame({"row": row_codes(selected["action_line"], c7), "goal": selected["goal"]})
    if value == "linked":
        frame = frame.drop_duplicates()
    else:
        is_target = selected["level"] == "target"
        frame = frame[is_target].assign(target=selected.loc[is_target, "target"].astype(str)).drop_duplicates()
    counts = pd.crosstab(frame["row"], frame["goal"]) if len(frame) else pd.DataFrame()
    matrix = counts.reindex(index=_rows(c7, action_lines), columns=goal_columns, fill_value=0).astype("int64")
    matrix.index.name, matrix.columns.name = "action_line", "goal"
    if value == "linked":
        return (matrix > 0).astype("int64")
    if value == "share":
        per_goal = targets.groupby("goal", observed=True).size().reindex(goal_columns)
        return matrix.div(per_goal, axis="columns").round(4)
    return matrix


def target_matrix(
    links: pd.DataFrame,
    targets: pd.DataFrame,
    c7: C7Mode = "split",
    goals: Iterable[int] | None = None,
    action_lines: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return the action line × target matrix with 1 where a target-level link exists, columns in SDG order."""
    goal_set = sorted(set(goals)) if goals is not None else list(SDG_GOALS)
    selected = _selected(links[links["level"] == "target"], goal_set, action_lines)
    frame = pd.DataFrame({"row": row_codes(selected["action_line"], c7), "target": selected["target"].astype(str)})
    columns = [
        str(code) for code in targets.sort_values("target")["target"] if int(str(code).split(".")[0]) in goal_set
    ]
    counts = pd.crosstab(frame["row"], frame["target"]) if len(frame) else pd.DataFrame()
    matrix = (counts.reindex(index=_rows(c7, action_lines), columns=columns, fill_value=0) > 0).astype("int64")
    matrix.index.name, matrix.columns.name = "action_line", "target"
    return matrix


def coverage_long(matrix: pd.DataFrame, value_name: str = "value") -> pd.DataFrame:
    """Return a coverage matrix as a long table (action_line, column, value) for CSV export and screen readers."""
    return matrix.stack().rename(value_name).reset_index()
