"""The committed evidence sources, built from the facts: the curated ITU activities and the WSIS Prizes sample.

ITU activities. None of their sources states an (action line, goal) pair as such, so no link of theirs is an
`official` pair. Each activity's action lines and targets become:
  - curated pairs where the pairing is the only reading of the activity: it names one action line (each of
    its targets is served by that line), or its targets fall in one goal (each of its action lines serves that
    goal, at goal level unless it names one target); or where `decisions/activity_evidence_pairs.csv` pairs
    some codes with a reason;
  - otherwise single-level links (`action_line_only`, `goal_only`): an activity with several action lines
    and several goals supports no cell by itself.
A link is `official` only where `decisions/activity_stated_codes.csv` records that the source names that code.

WSIS Prizes. Each award names one action line (its category) and no SDG, so each becomes one
`action_line_only` link, `official`; its country gives its region. The per-year coverage is read from the
facts' own description (`wsis_prizes.md`).
"""

import hashlib
import re
from pathlib import Path

from wsis_data.activities import LIST_SEPARATOR, split_list
from wsis_data.curation import DECISIONS
from wsis_data.evidence import goal_of, item_regions, link_row, unpaired_links
from wsis_data.facts import read_csv

ITU_ACTIVITIES = "itu_activities"
WSIS_PRIZES = "wsis_prizes"
ITU_SECTOR_NAMES = {"R": "ITU-R", "T": "ITU-T", "D": "ITU-D", "GS": "ITU General Secretariat"}
_BY_RULE_ONE_LINE = (
    "paired by rule (curated): the item names one action line, so each of its targets is read as served by it"
)
_BY_RULE_ONE_GOAL = (
    "paired by rule (curated): the item's targets fall in one goal, so each of its action lines is read as serving it"
)


def _stated_codes() -> dict[str, tuple[set[str], set[str], str]]:
    return {
        row["id"]: (set(split_list(row["action_lines"])), set(split_list(row["sdgs"])), row["reason"])
        for row in read_csv(DECISIONS / "activity_stated_codes.csv")
    }


def _code_basis(code: str, stated: set[str], reason: str) -> tuple[str, str]:
    if code in stated:
        return "official", f"named by the source: {reason}"
    if goal_of(code) in stated:
        return "curated", f"the source names goal {goal_of(code)}; the target is our reading: {reason}"
    return "curated", "our reading of the source (see the item's note)"


def _rule_pairs(action_lines: list[str], targets: list[str]) -> tuple[list[tuple[str, str]], str]:
    goals = list(dict.fromkeys(goal_of(target) for target in targets))
    if len(action_lines) == 1:
        return [(action_lines[0], target) for target in targets], _BY_RULE_ONE_LINE
    if len(goals) == 1:
        sdg = targets[0] if len(targets) == 1 else goals[0]
        return [(line, sdg) for line in action_lines], _BY_RULE_ONE_GOAL
    return [], ""


def _pair_note(note: str, codes: tuple[str, str], named: set[str]) -> str:
    named_here = [code for code in codes if code in named]
    return f"{note}; the source itself names {' and '.join(named_here)}" if named_here else note


def _activity_links(activity: dict, stated: tuple[set[str], set[str], str], decided: list[dict]) -> list[dict]:
    item_id, (stated_lines, stated_sdgs, reason) = activity["id"], stated
    action_lines, targets = split_list(activity["action_lines"]), split_list(activity["sdg_targets"])
    if decided:
        pairs = [(row["action_line"], row["sdg"], f"curated pairing: {row['reason']}") for row in decided]
    else:
        rule_pairs, note = _rule_pairs(action_lines, targets)
        pairs = [(line, sdg, note) for line, sdg in rule_pairs]
    unknown = {code for line, sdg, _ in pairs for code in (line, sdg)} - set(action_lines) - set(targets)
    unknown -= {goal_of(target) for target in targets}
    if unknown:
        raise ValueError(f"activity_evidence_pairs.csv: {item_id} pairs codes it does not name: {sorted(unknown)}")
    named = stated_lines | stated_sdgs
    rows = [
        link_row(ITU_ACTIVITIES, item_id, "pair", "curated", _pair_note(note, (line, sdg), named), line, sdg)
        for line, sdg, note in pairs
    ]
    paired = {code for line, sdg, _ in pairs for code in (line, sdg)}
    lines = [(code, *_code_basis(code, stated_lines, reason)) for code in action_lines]
    sdgs = [(code, *_code_basis(code, stated_sdgs, reason)) for code in targets]
    return rows + unpaired_links(ITU_ACTIVITIES, item_id, lines, sdgs, paired)


def itu_activity_evidence(
    activities: list[dict], provenance: list[dict], region_of: dict[str, str]
) -> tuple[list[dict], list[dict]]:
    """Return the evidence items and links of the curated ITU activities."""
    stated = _stated_codes()
    decided: dict[str, list[dict]] = {}
    for row in read_csv(DECISIONS / "activity_evidence_pairs.csv"):
        decided.setdefault(row["id"], []).append(row)
    known = {activity["id"] for activity in activities}
    if stray := (set(stated) | set(decided)) - known:
        raise ValueError(f"evidence decisions name activities that do not exist: {sorted(stray)}")
    notes = {row["id"]: row["evidence"] for row in provenance}
    items, links = [], []
    for activity in activities:
        stated_region = "" if activity["region"] == "Global" else activity["region"]
        regions, region_basis = item_regions(split_list(activity["countries"]), region_of, stated_region)
        items.append(
            {
                "source": ITU_ACTIVITIES,
                "item_id": activity["id"],
                "kind": "activity",
                "title": activity["name"],
                "organisation": ITU_SECTOR_NAMES[activity["sector"]],
                "countries": activity["countries"],
                "regions": regions,
                "region_basis": region_basis,
                "year": activity["start_year"],
                "url": activity["source_url"],
                "note": notes[activity["id"]],
            }
        )
        links += _activity_links(
            activity, stated.get(activity["id"], (set(), set(), "")), decided.get(activity["id"], [])
        )
    return items, links


def _prize_id(row: dict) -> str:
    key = "\x1f".join(row[column] for column in ("year", "category", "award", "project", "organisation", "source_url"))
    return f"WSISP-{row['year']}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"


def wsis_prize_evidence(facts: Path, region_of: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Return one evidence item per WSIS Prizes award, each linked to its category's action line only."""
    items, links, seen = [], [], set()
    for row in read_csv(facts / "wsis_prizes.csv"):
        if row["sdgs"]:
            raise ValueError(
                f"wsis_prizes.csv: {row['project']!r} names SDGs; the build expects none (see wsis_prizes.md)"
            )
        item_id = _prize_id(row)
        if item_id in seen:
            raise ValueError(f"wsis_prizes.csv: two rows give the same award: {row['year']} {row['project']!r}")
        seen.add(item_id)
        countries = [row["country_iso3"]] if row["country_iso3"] else []
        regions, region_basis = item_regions(countries, region_of)
        items.append(
            {
                "source": WSIS_PRIZES,
                "item_id": item_id,
                "kind": f"prize_{row['award']}",
                "title": row["project"] or "(project not named in the source)",
                "organisation": row["organisation"],
                "countries": LIST_SEPARATOR.join(countries),
                "regions": regions,
                "region_basis": region_basis,
                "year": row["year"],
                "url": row["source_url"],
                "note": row["note"],
            }
        )
        if row["action_line"]:
            note = f"WSIS Prizes {row['year']} {row['award']} in the category {row['category']!r}, as the source states"
            links.append(link_row(WSIS_PRIZES, item_id, "action_line_only", "official", note, row["action_line"]))
    return items, links


_COVERAGE_HEADING = "## Coverage per year"


def prize_coverage(facts: Path) -> list[dict]:
    """Return the per-year coverage of the WSIS Prizes sample, cell by cell as `wsis_prizes.md` states it."""
    text = (facts / "wsis_prizes.md").read_text(encoding="utf-8")
    if _COVERAGE_HEADING not in text:
        raise ValueError(f"wsis_prizes.md: no {_COVERAGE_HEADING!r} section")
    section = text.split(_COVERAGE_HEADING, 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in table]
    header, rows = cells[0], [row for row in cells[2:] if re.fullmatch(r"\d{4}", row[0])]
    return [
        {
            "source": WSIS_PRIZES,
            "period": row[0],
            "coverage": "; ".join(f"{name}: {value}" for name, value in zip(header[1:], row[1:], strict=True)),
            "origin": f"facts/wsis_prizes.md, {_COVERAGE_HEADING.lstrip('# ')}",
        }
        for row in rows
    ]


def _activity_source(items: list[dict], links: list[dict]) -> dict:
    paired = len({link["item_id"] for link in links if link["level"] == "pair"})
    return {
        "source": ITU_ACTIVITIES,
        "name": "ITU activities and initiatives (curated)",
        "licence": (
            "Facts compiled from public web pages, each item attributed by its source URL; ITU pages and "
            "publications © ITU, other pages their publishers'. Links, merges and pairings are this project's "
            "curation (wsis_data/decisions/)."
        ),
        "coverage": (
            f"A curated selection of {len(items)} ITU activities and initiatives, not a complete inventory of ITU's "
            "work. No source states an (action line, goal) pair as such, so every pair is curated "
            f"({paired} items have pairs; the others count only at the action line or goal level); a link's note "
            "says where the source itself names its action line or goal."
        ),
        "origin": "facts/itu_activities.csv; facts/wtdc_regional_initiatives.csv; wsis_data/decisions/",
    }


def _prize_source(items: list[dict]) -> dict:
    years = sorted(item["year"] for item in items)
    winners = sum(item["kind"] == "prize_winner" for item in items)
    return {
        "source": WSIS_PRIZES,
        "name": "WSIS Prizes winners and champions (partial sample)",
        "licence": (
            "Facts (who won which category in which year) from stored public pages, each item attributed by its "
            "source URL; ITU pages © ITU, other pages their publishers'; no text copied; translations of "
            "non-English titles are ours."
        ),
        "coverage": (
            f"A partial sample of {len(items)} awards ({winners} winners, {len(items) - winners} champions), "
            f"{years[0]}–{years[-1]}: no year is complete (coverage per year in evidence_coverage, from "
            "wsis_prizes.md). No source names SDGs for an awarded project, so awards count only at the action "
            "line level."
        ),
        "origin": "facts/wsis_prizes.csv; facts/wsis_prizes.md",
    }


def evidence_tables(
    facts: Path, activities: list[dict], provenance: list[dict], regions: list[dict]
) -> dict[str, list[dict]]:
    """Return the rows of evidence_sources, evidence_items, evidence_links and evidence_coverage."""
    region_of = {row["iso3"]: row["itu_region"] for row in regions}
    activity_items, activity_links = itu_activity_evidence(activities, provenance, region_of)
    prize_items, prize_links = wsis_prize_evidence(facts, region_of)
    return {
        "evidence_sources": [_activity_source(activity_items, activity_links), _prize_source(prize_items)],
        "evidence_items": activity_items + prize_items,
        "evidence_links": activity_links + prize_links,
        "evidence_coverage": prize_coverage(facts),
    }
