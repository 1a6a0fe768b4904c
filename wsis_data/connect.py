"""The Connect agenda's codes and its links to the WSIS action lines (`wsis_data/decisions/connect_links.csv`).

No ITU source seen so far maps Connect goals or targets to action lines one by one (the WG-WSIS reports mention
an internal "ITU Mapping Tool for SDG-Connect 2020-WSIS Action Lines" but not its content). A link is therefore
`official` only with the URL of an ITU source that states it, and otherwise `curated`: the maintainers' reading,
with a rationale that says so.
"""

from pathlib import Path

from wsis_data.constants import ACTION_LINE_CODES
from wsis_data.facts import read_csv

DECISIONS = Path(__file__).parent / "decisions"
DECISIONS_FILE = DECISIONS / "connect_links.csv"
# The columns of the decisions file, and of an edition's exported `connect_links.csv`.
CONNECT_DECISION_COLUMNS = ("connect_code", "action_line", "basis", "rationale", "source")
CONNECT_LINK_COLUMNS = (
    "connect_code",
    "agenda",
    "goal_number",
    "target_code",
    "action_line",
    "basis",
    "rationale",
    "source",
)
LINK_BASES = ("official", "curated")
# A short, stable prefix per agenda edition; an agenda not listed here stops the build rather than get a guessed code.
AGENDA_PREFIXES = {
    "Connect 2020": "C2020",
    "Connect 2030": "C2030",
    "Connect 2030 (Rev. Bucharest 2022) / SP 2024-2027": "SP2024",
}


def connect_code(agenda: str, goal_number: str, target_code: str) -> str:
    """Return the code of a Connect row: `C2020-G2` for a goal, `C2020-2.1.A` for a target."""
    if agenda not in AGENDA_PREFIXES:
        raise ValueError(f"connect_agenda.csv: unknown agenda {agenda!r}: expected one of {', '.join(AGENDA_PREFIXES)}")
    suffix = f"G{goal_number}" if target_code == "goal" else target_code
    return f"{AGENDA_PREFIXES[agenda]}-{suffix}"


def _problem(line: int, column: str, value: str, expected: str) -> str:
    return f"connect_links.csv, row {line}, column {column}: {value!r} — {expected}"


def connect_links(agenda: list[dict], path: Path = DECISIONS_FILE) -> list[dict]:
    """Return the checked Connect → action line links of a decisions file, in agenda order then action line order."""
    return checked_connect_links(agenda, read_csv(path))


def checked_connect_links(agenda: list[dict], decisions: list[dict]) -> list[dict]:
    """Return decision rows (`CONNECT_DECISION_COLUMNS`) joined with their agenda rows, checked and in agenda order
    then action line order; a problem raises ValueError naming the row (counted as in a CSV file) and column."""
    rows = {row["connect_code"]: row for row in agenda}
    if len(rows) != len(agenda):
        raise ValueError("connect_agenda.csv: two rows have the same agenda, goal and target code")
    order = {code: index for index, code in enumerate(rows)}
    links, problems, seen = [], [], set()
    for line, link in enumerate(decisions, start=2):
        code, action_line, basis = link["connect_code"], link["action_line"], link["basis"]
        if code not in rows:
            problems.append(_problem(line, "connect_code", code, "a code of the Connect agenda table"))
        if action_line not in ACTION_LINE_CODES:
            problems.append(_problem(line, "action_line", action_line, "an action line code C1…C11 or C7.1…C7.8"))
        if basis not in LINK_BASES:
            problems.append(_problem(line, "basis", basis, "official or curated"))
        if basis == "official" and not link["source"].startswith(("https://", "http://")):
            problems.append(_problem(line, "source", link["source"], "the URL of the ITU source that states the link"))
        if basis == "curated" and not link["rationale"]:
            problems.append(_problem(line, "rationale", "", "the maintainers' reason for a curated link"))
        if (code, action_line) in seen:
            problems.append(_problem(line, "action_line", action_line, f"one row per link; {code} has it already"))
        seen.add((code, action_line))
        if code in rows:
            row = rows[code]
            links.append(
                {
                    **{key: row[key] for key in ("connect_code", "agenda", "goal_number", "target_code")},
                    "action_line": action_line,
                    "basis": basis,
                    "rationale": link["rationale"],
                    "source": link["source"],
                }
            )
    if problems:
        raise ValueError("\n".join(problems))
    position = {code: index for index, code in enumerate(ACTION_LINE_CODES)}
    return sorted(links, key=lambda row: (order[row["connect_code"]], position[row["action_line"]]))
