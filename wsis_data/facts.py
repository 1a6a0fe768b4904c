"""Reading of the reference facts (`data/facts/*.csv`) into canonical rows, keeping every source and caveat."""

import csv
from pathlib import Path

from wsis_data.constants import ACTION_LINE_CODES, ITU_REGIONS


def read_csv(path: Path) -> list[dict[str, str]]:
    """Return the rows of a UTF-8 CSV file as dicts of stripped strings."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def hlpf_cycles(facts: Path) -> list[dict]:
    """Return one row per HLPF year: the SDGs under review (empty when none or unconfirmed), theme and status."""
    rows = []
    for row in read_csv(facts / "hlpf_review.csv"):
        confirmed = row["status"].startswith("confirmed")
        sdgs = row["sdgs_under_review"] if confirmed else ""
        rows.append(
            {
                "year": int(row["year"]),
                "sdgs_under_review": sdgs,
                "theme": row["theme"].replace(";", ","),
                "status": row["status"],
                "set_verified": confirmed,
                "source": row["source"],
                "notes": row["notes"],
            }
        )
    return rows


def itu_regions(facts: Path) -> list[dict]:
    """Return the ITU region of each country by ISO3, checking that each region is one of the six."""
    rows = read_csv(facts / "itu_regions.csv")
    for row in rows:
        if row["itu_region"] not in ITU_REGIONS:
            raise ValueError(f"itu_regions.csv: {row['iso3']} has unknown region {row['itu_region']!r}")
    return [
        {
            "iso3": row["iso3"],
            "country_name_en": row["country_name_en"],
            "itu_region": row["itu_region"],
            "itu_status": row["itu_status"],
            "notes": row["notes"],
        }
        for row in sorted(rows, key=lambda r: r["iso3"])
    ]


def facilitators(facts: Path) -> dict[str, dict]:
    """Return the facilitators of each action line code, with their verification status and source."""
    rows = {row["action_line_code"]: row for row in read_csv(facts / "action_line_facilitators.csv")}
    missing = set(ACTION_LINE_CODES) - set(rows)
    if missing:
        raise ValueError(f"action_line_facilitators.csv: no row for {sorted(missing)}")
    return rows


def action_line_titles(facts: Path) -> list[dict]:
    """Return the sourced action line titles by language; only `verified…` rows count as official."""
    return [
        {
            "code": row["code"],
            "lang": row["lang"],
            "title": row["title"],
            "status": "unverified" if row["verification"].startswith("unverified") else "official",
            "verification": row["verification"],
            "source": row["source"],
        }
        for row in read_csv(facts / "action_line_titles.csv")
    ]


def connect_agenda(facts: Path) -> list[dict]:
    """Return the Connect 2020/2030 goals and targets as sourced, with their verification notes."""
    return [
        {
            "agenda": row["agenda"],
            "goal_number": row["goal_number"],
            "goal_name": row["goal_name"],
            "target_code": row["target_code"],
            "text": row["target_text_short"],
            "linked_sdgs": row["linked_sdgs"],
            "verification": row["verification"],
            "source": row["source"],
        }
        for row in read_csv(facts / "connect_agenda.csv")
    ]


def ict_indicators(facts: Path) -> list[dict]:
    """Return the ICT-related SDG indicators; a row whose notes say UNVERIFIED is flagged as such."""
    return [
        {
            "indicator": row["indicator_code"],
            "sdg_target": row["sdg_target"],
            "short_name": row["short_name"].replace(";", ","),
            "custodian": row["custodian"],
            "verified": not row["notes"].upper().startswith("UNVERIFIED"),
            "source": row["source"],
            "notes": row["notes"],
        }
        for row in read_csv(facts / "ict_sdg_indicators.csv")
    ]
