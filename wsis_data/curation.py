"""Curation of the ITU activity table: the sourced rows of the facts, plus the WTDC regional initiatives.

Every editorial decision is a row in `wsis_data/decisions/*.csv` with its reason, so a reviewer can
check each one against its source:
  - `activity_merges.csv`: near-duplicates merged into one activity. The merged activity carries the union
    of the links and countries, the earliest known start year and the surviving row's source; it stays
    `official` only when every merged row was.
  - `activity_basis.csv`: rows whose `mapping_basis` is corrected (`official` only where the source itself
    names the action line or the SDG).
  - `wtdc_initiative_links.csv`: the action lines and targets we read into each WTDC regional initiative;
    these are always `curated`, since no ITU source maps them.
  - `additional_activities.csv`: further ITU programmes found in public sources, in the activity format with
    an evidence note saying what the source states and what is our reading.
"""

from pathlib import Path

from wsis_data.activities import ACTIVITY_COLUMNS
from wsis_data.codes import LIST_SEPARATOR, split_list
from wsis_data.facts import read_csv

DECISIONS = Path(__file__).parent / "decisions"

PROVENANCE_COLUMNS = ("id", "origin", "evidence", "merged_from", "curation_notes")


def _first_source(cell: str) -> str:
    return cell.split(" ; ")[0].strip()


def _union(*cells: str) -> str:
    items: list[str] = []
    for cell in cells:
        items.extend(item for item in split_list(cell) if item not in items)
    return LIST_SEPARATOR.join(items)


def _wtdc_rows(facts: Path) -> tuple[list[dict], list[dict]]:
    initiatives = {(row["wtdc"], row["code"]): row for row in read_csv(facts / "wtdc_regional_initiatives.csv")}
    activities, provenance = [], []
    for link in read_csv(DECISIONS / "wtdc_initiative_links.csv"):
        initiative = initiatives.pop((link["wtdc"], link["code"]))
        activities.append(
            {
                "id": link["id"],
                "name": f"WTDC-{link['wtdc'][2:4]} Regional Initiative {initiative['code']}: {initiative['title']}",
                "sector": "D",
                "region": initiative["region"],
                "countries": "",
                "action_lines": link["action_lines"],
                "sdg_targets": link["sdg_targets"],
                "start_year": initiative["period"][:4],
                "source_url": _first_source(initiative["source"]),
                "mapping_basis": "curated",
            }
        )
        provenance.append(
            {
                "id": link["id"],
                "origin": "facts/wtdc_regional_initiatives.csv",
                "evidence": initiative["notes"],
                "merged_from": "",
                "curation_notes": f"Links read by us: {link['reason']}",
            }
        )
    if initiatives:
        raise ValueError(f"wtdc_initiative_links.csv has no decision for {sorted(initiatives)}")
    return activities, provenance


def _sourced_rows(path: Path, origin: str) -> tuple[list[dict], list[dict]]:
    activities, provenance = [], []
    for row in read_csv(path):
        activities.append({column: row[column] for column in ACTIVITY_COLUMNS})
        provenance.append(
            {"id": row["id"], "origin": origin, "evidence": row["evidence"], "merged_from": "", "curation_notes": ""}
        )
    return activities, provenance


def _apply_basis(activities: dict[str, dict], provenance: dict[str, dict]) -> None:
    for decision in read_csv(DECISIONS / "activity_basis.csv"):
        activities[decision["id"]]["mapping_basis"] = decision["mapping_basis"]
        note = f"mapping_basis set to {decision['mapping_basis']}: {decision['reason']}"
        provenance[decision["id"]]["curation_notes"] = note


def _apply_merges(activities: dict[str, dict], provenance: dict[str, dict]) -> None:
    for decision in read_csv(DECISIONS / "activity_merges.csv"):
        merged, into = activities.pop(decision["merged_id"]), activities[decision["into_id"]]
        for column in ("countries", "action_lines", "sdg_targets"):
            into[column] = _union(into[column], merged[column])
        years = [year for year in (into["start_year"], merged["start_year"]) if year]
        into["start_year"] = min(years) if years else ""
        if merged["mapping_basis"] != "official":
            into["mapping_basis"] = "curated"
        merged_provenance = provenance.pop(decision["merged_id"])
        target = provenance[decision["into_id"]]
        target["merged_from"] = _union(target["merged_from"], decision["merged_id"])
        target["evidence"] = f"{target['evidence']} | {decision['merged_id']}: {merged_provenance['evidence']}"
        target["curation_notes"] = " ".join(
            filter(
                None,
                [
                    target["curation_notes"],
                    f"Merged {decision['merged_id']} ({merged['source_url']}): {decision['reason']}",
                ],
            )
        )


def curated_activities(facts: Path) -> tuple[list[dict], list[dict]]:
    """Return the curated activity rows (public format) and their provenance rows, ordered by id."""
    fact_rows, fact_provenance = _sourced_rows(facts / "itu_activities.csv", "facts/itu_activities.csv")
    added_rows, added_provenance = _sourced_rows(
        DECISIONS / "additional_activities.csv", "wsis_data/decisions/additional_activities.csv"
    )
    wtdc_rows, wtdc_provenance = _wtdc_rows(facts)
    activities = {row["id"]: row for row in fact_rows + added_rows + wtdc_rows}
    provenance = {row["id"]: row for row in fact_provenance + added_provenance + wtdc_provenance}
    _apply_basis(activities, provenance)
    _apply_merges(activities, provenance)
    ordered = sorted(activities)
    return [activities[key] for key in ordered], [provenance[key] for key in ordered]
