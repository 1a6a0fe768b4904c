"""Small hand-built frames for analytics tests, typed like a dataset's frames."""

import io

import pandas as pd

from wsis_data.dataset import ACTION_LINE_DTYPE, REGION_DTYPE, committed_dataset


def links_from_csv(text: str) -> pd.DataFrame:
    """Return a matrix link frame from inline CSV with columns action_line,level,goal,target,rationale_id."""
    frame = pd.read_csv(io.StringIO(text), dtype="string", keep_default_na=False)
    frame["action_line"] = frame["action_line"].astype(ACTION_LINE_DTYPE)
    frame["goal"] = frame["goal"].astype("int64")
    frame["target"] = frame["target"].replace("", pd.NA).astype(committed_dataset().target_dtype)
    return frame


def activity_links_from_csv(text: str) -> pd.DataFrame:
    """Return an activity link frame from inline CSV with columns activity_id,region,action_line,target."""
    frame = pd.read_csv(io.StringIO(text), dtype="string", keep_default_na=False)
    frame["action_line"] = frame["action_line"].astype(ACTION_LINE_DTYPE)
    frame["region"] = frame["region"].astype(REGION_DTYPE)
    frame["goal"] = frame["target"].str.split(".").str[0].astype("int64")
    frame["target"] = frame["target"].astype(committed_dataset().target_dtype)
    return frame


def targets_frame() -> pd.DataFrame:
    """Return the real 169-target table (structure only, not matrix data)."""
    return committed_dataset().sdg_targets
