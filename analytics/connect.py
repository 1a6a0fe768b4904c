"""The Connect agenda view: how the Connect goals and targets reach the SDGs through the WSIS action lines.

A flow Connect goal or target → action line comes from a Connect link (`official` with its ITU source, or
`curated` by the maintainers with a rationale); a flow action line → SDG comes from the matrix links. Widths
count links: one per Connect link, and per matrix link its distinct target (a goal-level link counts one), as
in the contribution ranking.
"""

from collections.abc import Iterable

import pandas as pd

from analytics.coverage import C7Mode, row_codes

CONNECT_STAGE = "connect"
MATRIX_STAGE = "matrix"
MATRIX_BASIS = "matrix"
FLOW_COLUMNS = ("stage", "source", "target", "links", "basis", "rationale", "source_url")
# A flow that merges several links is official only when every one of them is.
BASIS_ORDER = ("curated", "official")


def _joined(values: pd.Series) -> str:
    return " | ".join(dict.fromkeys(value for value in values if value))


def connect_flows(
    connect_links: pd.DataFrame,
    matrix_links: pd.DataFrame,
    goals: Iterable[int] | None = None,
    c7: C7Mode = "split",
) -> pd.DataFrame:
    """Return the flows of the Connect Sankey: Connect code → action line, then action line → SDG goal.

    Only action lines with a Connect link appear; with `goals`, only the flows that reach one of those SDGs.
    """
    first = pd.DataFrame(
        {
            "source": connect_links["connect_code"].astype(str),
            "target": row_codes(connect_links["action_line"], c7).astype(str),
            "basis": connect_links["basis"].astype(str),
            "rationale": connect_links["rationale"].astype(str),
            "source_url": connect_links["source"].astype(str),
        }
    )
    first = (
        first.groupby(["source", "target"], sort=False)
        .agg(
            links=("basis", "size"),
            basis=("basis", lambda bases: min(bases, key=BASIS_ORDER.index)),
            rationale=("rationale", _joined),
            source_url=("source_url", _joined),
        )
        .reset_index()
    )
    wanted = None if goals is None else set(goals)
    selected = matrix_links if wanted is None else matrix_links[matrix_links["goal"].isin(wanted)]
    reached = pd.DataFrame(
        {
            "source": row_codes(selected["action_line"], c7),
            "target": selected["goal"].astype(int),
            "key": selected["target"].astype(str).where(selected["level"] == "target", "goal"),
        }
    ).drop_duplicates()
    reached = reached[reached["source"].astype(str).isin(set(first["target"]))]
    # Action lines in matrix order, then goals by number.
    second = reached.groupby(["source", "target"], sort=True, observed=True).size().rename("links").reset_index()
    second = second.astype({"source": str, "target": str})
    if wanted is not None:
        first = first[first["target"].isin(set(second["source"]))]
    first = first.assign(stage=CONNECT_STAGE)
    second = second.assign(stage=MATRIX_STAGE, basis=MATRIX_BASIS, rationale="", source_url="")
    flows = pd.concat([first, second], ignore_index=True)[list(FLOW_COLUMNS)]
    return flows.astype({"links": "int64"})


def connect_coverage(connect_agenda: pd.DataFrame, connect_links: pd.DataFrame) -> pd.DataFrame:
    """Return, per Connect agenda, how much of it the sources gave: goals and targets in the table, how many are
    verified or partial, and how many have a link to an action line (official and curated)."""
    agenda = connect_agenda.assign(
        is_goal=connect_agenda["target_code"] == "goal",
        verified=connect_agenda["verification"].str.startswith("verified"),
        partial=connect_agenda["verification"].str.startswith("partial"),
    )
    bases = connect_links.groupby("agenda")["basis"].value_counts().unstack(fill_value=0)
    rows = []
    for name, rows_of_agenda in agenda.groupby("agenda", sort=False):
        rows.append(
            {
                "agenda": name,
                "goals": int(rows_of_agenda["is_goal"].sum()),
                "targets": int((~rows_of_agenda["is_goal"]).sum()),
                "verified": int(rows_of_agenda["verified"].sum()),
                "partial": int(rows_of_agenda["partial"].sum()),
                "official_links": int(bases.get("official", pd.Series(dtype=int)).get(name, 0)),
                "curated_links": int(bases.get("curated", pd.Series(dtype=int)).get(name, 0)),
            }
        )
    return pd.DataFrame(rows)
