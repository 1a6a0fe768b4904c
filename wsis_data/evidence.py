"""The evidence model: sources, evidence items and the explicit links each item states.

Three tables hold it, written by the build for the committed sources and by an import for stocktaking files:
  - `evidence_sources`: one row per source with its name, licence/attribution line and coverage statement;
  - `evidence_items`: one row per item (a project, an activity, an award) with its countries and the ITU
    regions derived from them;
  - `evidence_links`: what an item supports, one row per link, at the level the source supports:
      `pair`              an (action line, goal or target) pair: the only level that supports a matrix cell;
      `action_line_only`  an action line the item names, with no goal paired to it;
      `goal_only`         a goal or target the item names, with no action line paired to it.
    Each link has a basis: `official` (the source itself states it) or `curated` (our reading, with a note).

An item that names several action lines and several goals without pairing them is never turned into their
cross product: its links stay at the two single levels.
"""

from collections.abc import Iterable, Mapping

from wsis_data.activities import LIST_SEPARATOR

EVIDENCE_SOURCE_COLUMNS: tuple[str, ...] = ("source", "name", "licence", "coverage", "origin")
EVIDENCE_ITEM_COLUMNS: tuple[str, ...] = (
    "source",
    "item_id",
    "kind",
    "title",
    "organisation",
    "countries",
    "regions",
    "region_basis",
    "year",
    "url",
    "note",
)
EVIDENCE_LINK_COLUMNS: tuple[str, ...] = (
    "source",
    "item_id",
    "action_line",
    "goal",
    "target",
    "level",
    "basis",
    "note",
)
EVIDENCE_COVERAGE_COLUMNS: tuple[str, ...] = ("source", "period", "coverage", "origin")

LINK_LEVELS: tuple[str, ...] = ("pair", "action_line_only", "goal_only")
LINK_BASES: tuple[str, ...] = ("official", "curated")
# Where an item's regions come from: the ITU regions of the countries the source names, the region the
# source states when it names no country, or nowhere (a worldwide or unlocated item).
REGION_BASES: tuple[str, ...] = ("countries", "stated", "none")
# Which parts each level has: (action line, goal or target).
_LEVEL_PARTS = {"pair": (True, True), "action_line_only": (True, False), "goal_only": (False, True)}


def goal_of(code: str) -> str:
    """Return the goal number of an SDG target or goal code (`9.c` → `9`, `4` → `4`)."""
    return code.split(".")[0]


def item_regions(countries: Iterable[str], region_of: Mapping[str, str], stated: str = "") -> tuple[str, str]:
    """Return an item's ITU regions (`;`-joined, in first-seen order) and their basis, from its countries."""
    regions = list(dict.fromkeys(region_of[iso3] for iso3 in countries))
    if regions:
        return LIST_SEPARATOR.join(regions), "countries"
    if stated:
        return stated, "stated"
    return "", "none"


def link_row(
    source: str, item_id: str, level: str, basis: str, note: str, action_line: str = "", sdg: str = ""
) -> dict[str, str]:
    """Return one evidence link row; `sdg` is a target (`4.4`) or a whole goal (`4`)."""
    if basis not in LINK_BASES:
        raise ValueError(f"link {item_id}: basis {basis!r} unknown: expected one of {', '.join(LINK_BASES)}")
    if _LEVEL_PARTS.get(level) != (bool(action_line), bool(sdg)):
        raise ValueError(f"link {item_id}: level {level!r} does not match action line {action_line!r}, SDG {sdg!r}")
    return {
        "source": source,
        "item_id": item_id,
        "action_line": action_line,
        "goal": goal_of(sdg) if sdg else "",
        "target": sdg if "." in sdg else "",
        "level": level,
        "basis": basis,
        "note": note,
    }


def unpaired_links(
    source: str,
    item_id: str,
    action_lines: Iterable[tuple[str, str, str]],
    sdgs: Iterable[tuple[str, str, str]],
    paired: set[str],
) -> list[dict[str, str]]:
    """Return the single-level links of the (code, basis, note) action lines and SDGs that no pair uses."""
    rows = [
        link_row(source, item_id, "action_line_only", basis, note, action_line=code)
        for code, basis, note in action_lines
        if code not in paired
    ]
    rows += [
        link_row(source, item_id, "goal_only", basis, note, sdg=code)
        for code, basis, note in sdgs
        if code not in paired
    ]
    return rows
