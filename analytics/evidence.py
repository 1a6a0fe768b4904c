"""The evidence check: the matrix's (action line, goal) links against the ITU activities, overall and by region.

Each cell of action line × goal falls in one of:
  supported    the matrix links them, and at least one activity links them too;
  unsupported  the matrix links them, and no activity does;
  candidate    activities link them, and the matrix does not;
  none         neither does.
"""

import numpy as np
import pandas as pd

from analytics.coverage import C7Mode, row_codes, row_order
from wsis_data.constants import REGION_SCOPES, SDG_GOALS

EVIDENCE_STATUSES: tuple[str, ...] = ("supported", "unsupported", "candidate", "none")
REPORTED_STATUSES: tuple[str, ...] = EVIDENCE_STATUSES[:3]


def activity_cells(activity_links: pd.DataFrame, c7: C7Mode = "split") -> pd.DataFrame:
    """Return one row per (activity, region, action line row, goal): the cells an activity gives evidence for."""
    cells = pd.DataFrame(
        {
            "activity_id": activity_links["activity_id"],
            "region": activity_links["region"],
            "action_line": row_codes(activity_links["action_line"], c7),
            "goal": activity_links["goal"].astype("int64"),
        }
    )
    return cells.drop_duplicates(ignore_index=True)


def activity_counts(cells: pd.DataFrame, region: str | None = None, c7: C7Mode = "split") -> pd.DataFrame:
    """Return the action line × goal matrix of distinct activities, for one region scope or for all when None."""
    rows = row_order(c7)
    if region is not None:
        cells = cells[cells["region"] == region]
    flat = cells["action_line"].cat.codes.to_numpy(dtype=np.int64) * len(SDG_GOALS) + cells["goal"].to_numpy() - 1
    counts = np.bincount(flat, minlength=len(rows) * len(SDG_GOALS)).reshape(len(rows), len(SDG_GOALS))
    return pd.DataFrame(
        counts,
        index=pd.Index(rows, name="action_line"),
        columns=pd.Index(list(SDG_GOALS), name="goal"),
    )


def evidence_matrix(linked: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Return the status of each cell given the 0/1 matrix of links and the matching matrix of activity counts."""
    has_link, has_activity = linked.to_numpy() > 0, counts.to_numpy() > 0
    status = np.select(
        [has_link & has_activity, has_link & ~has_activity, ~has_link & has_activity],
        list(REPORTED_STATUSES),
        default="none",
    )
    return pd.DataFrame(status, index=linked.index, columns=linked.columns)


def evidence_cells(linked: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Return every cell as a row: action line, goal, matrix link (bool), activity count and status."""
    status = evidence_matrix(linked, counts)
    frame = pd.DataFrame(
        {
            "action_line": np.repeat(linked.index.to_numpy(), linked.shape[1]),
            "goal": np.tile(linked.columns.to_numpy(), linked.shape[0]),
            "matrix_link": linked.to_numpy().ravel() > 0,
            "activities": counts.to_numpy().ravel(),
            "status": status.to_numpy().ravel(),
        }
    )
    return frame


def status_counts(status: pd.DataFrame) -> dict[str, int]:
    """Return the number of supported, unsupported and candidate cells of a status matrix."""
    values = status.to_numpy().ravel()
    return {name: int((values == name).sum()) for name in REPORTED_STATUSES}


# The two meanings of "Global" get two names: every activity (the scope a region filter of "Global" selects)
# and the activities whose source tags them Global (programmes run worldwide, one region tag among the others).
ALL_REGIONS = "All regions"
GLOBAL_PROGRAMMES = "Global programmes"


def evidence_by_region(linked: pd.DataFrame, cells: pd.DataFrame, c7: C7Mode = "split") -> pd.DataFrame:
    """Return the counts of each evidence status for all regions, each ITU region and the Global programmes."""
    scopes = [(ALL_REGIONS, None), *((region, region) for region in REGION_SCOPES[1:]), (GLOBAL_PROGRAMMES, "Global")]
    rows = []
    for name, region in scopes:
        counts = status_counts(evidence_matrix(linked, activity_counts(cells, region, c7)))
        rows.append({"region": name, **counts})
    return pd.DataFrame(rows)


def region_difference(cells: pd.DataFrame, region: str, c7: C7Mode = "split") -> pd.DataFrame:
    """Return the region's share of activity links in each cell minus the share over all activities."""
    regional, worldwide = activity_counts(cells, region, c7), activity_counts(cells, None, c7)
    regional_share = regional / regional.to_numpy().sum() if regional.to_numpy().sum() else regional * 0.0
    worldwide_share = worldwide / worldwide.to_numpy().sum() if worldwide.to_numpy().sum() else worldwide * 0.0
    return (regional_share - worldwide_share).round(4)


def country_counts(activity_countries: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Return per ISO3 country the number of activities whose source names it, with its ITU region.

    `activity_countries` has one row per (activity_id, iso3), as a dataset parses the activities' country lists.
    """
    counts = activity_countries.drop_duplicates().groupby("iso3").size().rename("activities")
    frame = regions[["iso3", "country_name_en", "itu_region"]].copy()
    frame["activities"] = frame["iso3"].map(counts).fillna(0).astype("int64")
    return frame
