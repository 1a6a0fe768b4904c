"""Normalisation of the raw WSIS–SDG Matrix (`actions.json`) into links, rationales and findings.

The raw file nests rationales under a 0-based `goalId`, and each rationale names its SDGs in a free-text
`subId`. The rules below turn that into one link per (action line, SDG target) or (action line, goal).
Every rule that changes or drops something also records a data-quality finding, so nothing is fixed silently.

Rules, in the order they apply:
  R0  A rationale's HTML line breaks (`<br/>`) become newlines and its spaces are tidied; the words are kept.
  R1  `subId` is split on commas; each stripped, non-empty piece is a token.
  R2  A token's goal is its own prefix (`"13.1"` → goal 13), not the enclosing `goalId`; a token under another
      goal is kept under its own goal and reported as `cross_goal_token`.
  R3  A token without a dot names a whole goal and becomes a goal-level link.
  R4  A goal listed with no subgoals at all becomes a goal-level link without a rationale
      (`goal_without_rationale`).
  R5  A goal-level link is dropped where the same action line also links a target of that goal
      (`goal_link_superseded`).
  R6  A target token must be one of the 169 official targets; any other token is dropped (`unknown_target`),
      as is a goal outside 1–17 (`unknown_goal`).
  R7  One action line–target pair covered by several rationales is kept once per rationale in the link table,
      and counted once in every statistic (`duplicate_link`).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wsis_data.constants import ACTION_LINE_CODES, SDG_GOALS

_GOAL_TOKEN = re.compile(r"^(\d{1,2})$")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TARGET_TOKEN = re.compile(r"^(\d{1,2})\.([0-9]{1,2}|[a-z])$")

LINK_COLUMNS = ("action_line", "level", "goal", "target", "rationale_id")
RATIONALE_COLUMNS = ("rationale_id", "action_line", "listed_under_goal", "raw_sub_id", "text")
FINDING_COLUMNS = ("kind", "severity", "action_line", "goal", "detail")


@dataclass(frozen=True)
class NormalisedMatrix:
    """The matrix as rows ready for DataFrames: links, rationales and data-quality findings."""

    links: list[dict]
    rationales: list[dict]
    findings: list[dict]


def rationale_text(raw: str) -> str:
    """Return a rationale as plain text: `<br>` tags become newlines, runs of spaces one space (rule R0)."""
    lines = _LINE_BREAK.split(raw)
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def split_tokens(sub_id: str) -> list[str]:
    """Return the SDG tokens of one raw `subId` (rule R1)."""
    return [token.strip() for token in sub_id.split(",") if token.strip()]


def token_goal(token: str) -> int | None:
    """Return the goal a token names by its own prefix (rule R2), or None if it is not a goal or target."""
    match = _GOAL_TOKEN.match(token) or _TARGET_TOKEN.match(token)
    return int(match.group(1)) if match else None


def is_target_token(token: str) -> bool:
    """Return True where a token has the shape of a target (`9.c`), False for a whole goal (`9`)."""
    return bool(_TARGET_TOKEN.match(token))


def _finding(kind: str, severity: str, action_line: str, goal: int | None, detail: str) -> dict:
    return {"kind": kind, "severity": severity, "action_line": action_line, "goal": goal, "detail": detail}


def _links_of_rationale(
    action_line: str, listed_goal: int, rationale_id: str, sub_id: str, official_targets: frozenset[str]
) -> tuple[list[dict], list[dict]]:
    links, findings = [], []
    for token in split_tokens(sub_id):
        goal = token_goal(token)
        if goal is None or goal not in SDG_GOALS:
            findings.append(
                _finding("unknown_goal", "error", action_line, listed_goal, f"token {token!r} names no SDG")
            )
            continue
        if goal != listed_goal:
            findings.append(
                _finding(
                    "cross_goal_token",
                    "info",
                    action_line,
                    goal,
                    f"token {token!r} listed under goal {listed_goal} (rationale {rationale_id}); kept under goal {goal}",
                )
            )
        if is_target_token(token):
            if token not in official_targets:
                findings.append(
                    _finding(
                        "unknown_target",
                        "error",
                        action_line,
                        goal,
                        f"{token!r} is not one of the 169 targets",
                    )
                )
                continue
            links.append(_link(action_line, "target", goal, token, rationale_id))
        else:
            links.append(_link(action_line, "goal", goal, "", rationale_id))
    return links, findings


def _link(action_line: str, level: str, goal: int, target: str, rationale_id: str) -> dict:
    return {
        "action_line": action_line,
        "level": level,
        "goal": goal,
        "target": target,
        "rationale_id": rationale_id,
    }


def _drop_superseded_goal_links(links: list[dict]) -> tuple[list[dict], list[dict]]:
    """Apply rule R5: a goal-level link gives way to a target-level link of the same action line and goal."""
    with_targets = {(link["action_line"], link["goal"]) for link in links if link["level"] == "target"}
    kept, findings = [], []
    for link in links:
        key = (link["action_line"], link["goal"])
        if link["level"] == "goal" and key in with_targets:
            findings.append(
                _finding(
                    "goal_link_superseded",
                    "info",
                    link["action_line"],
                    link["goal"],
                    f"goal-level link dropped: the action line also links targets of goal {link['goal']}",
                )
            )
            continue
        kept.append(link)
    return kept, findings


def _duplicate_findings(links: Iterable[dict]) -> list[dict]:
    """Report rule R7: the same pair named by more than one rationale, or twice by one."""
    seen: dict[tuple, list[str]] = {}
    for link in links:
        key = (link["action_line"], link["level"], link["goal"], link["target"])
        seen.setdefault(key, []).append(link["rationale_id"] or "(none)")
    return [
        _finding(
            "duplicate_link",
            "info",
            action_line,
            goal,
            f"{target or f'goal {goal}'} is named {len(ids)} times ({', '.join(ids)}); counted once",
        )
        for (action_line, _level, goal, target), ids in seen.items()
        if len(ids) > 1
    ]


def _deduplicate(links: list[dict]) -> list[dict]:
    unique, seen = [], set()
    for link in links:
        key = tuple(link[column] for column in LINK_COLUMNS)
        if key not in seen:
            seen.add(key)
            unique.append(link)
    return unique


def normalise_matrix(actions: Sequence[dict], official_targets: frozenset[str]) -> NormalisedMatrix:
    """Return the links, rationales and findings of the raw matrix entries, in file order."""
    if len(actions) != len(ACTION_LINE_CODES):
        raise ValueError(f"actions.json: expected {len(ACTION_LINE_CODES)} entries, found {len(actions)}")
    links, rationales, findings = [], [], []
    for action_line, entry in zip(ACTION_LINE_CODES, actions, strict=True):
        for goal_entry in entry["goals"]:
            listed_goal = int(goal_entry["goalId"]) + 1
            subgoals = goal_entry.get("subgoals") or []
            if not subgoals:
                findings.append(
                    _finding(
                        "goal_without_rationale",
                        "warning",
                        action_line,
                        listed_goal,
                        "goal listed with no target and no rationale; kept as a goal-level link",
                    )
                )
                links.append(_link(action_line, "goal", listed_goal, "", ""))
                continue
            for position, subgoal in enumerate(subgoals, start=1):
                rationale_id = f"{action_line}-G{listed_goal:02d}-{position}"
                text = rationale_text(subgoal.get("rationale") or "")
                if not text:
                    findings.append(
                        _finding(
                            "empty_rationale",
                            "warning",
                            action_line,
                            listed_goal,
                            f"{rationale_id} has no text",
                        )
                    )
                rationales.append(
                    {
                        "rationale_id": rationale_id,
                        "action_line": action_line,
                        "listed_under_goal": listed_goal,
                        "raw_sub_id": subgoal.get("subId", ""),
                        "text": text,
                    }
                )
                new_links, new_findings = _links_of_rationale(
                    action_line, listed_goal, rationale_id, str(subgoal.get("subId", "")), official_targets
                )
                links.extend(new_links)
                findings.extend(new_findings)
    links, superseded = _drop_superseded_goal_links(links)
    findings.extend(superseded)
    findings.extend(_duplicate_findings(links))
    return NormalisedMatrix(links=_deduplicate(links), rationales=rationales, findings=findings)
