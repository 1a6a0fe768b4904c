"""Checks of curator input: every value is checked before anything is stored, and a failure names the field."""

import re
import unicodedata
from functools import cache

from wsis_data.constants import ACTION_LINE_CODES, SDG_GOALS
from wsis_data.facts import read_csv
from wsis_data.loaders import TABLES
from wsis_data.store.errors import InputError

ROLES: tuple[str, ...] = ("curator", "reviewer", "admin")
VALIDATION_STATUSES: tuple[str, ...] = ("proposed", "validated", "contested")

# Bounds: the longest committed rationale has 1,898 characters.
MAX_RATIONALE = 5_000
MAX_REASON = 2_000
MAX_LABEL = 200
MAX_NOTES = 5_000
MAX_EVIDENCE_ITEMS = 50

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EVIDENCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
_RATIONALE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# Markup is refused rather than escaped: curator text is stored as plain text and shown as plain text.
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>")
_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)")


@cache
def official_targets() -> frozenset[str]:
    """Return the 169 official SDG target codes of the committed tables."""
    return frozenset(row["target"] for row in read_csv(TABLES / "sdg_targets.csv"))


def check_text(field: str, value: object, *, limit: int, required: bool = True, multiline: bool = True) -> str:
    """Return a curator's text stripped, or raise naming the field: empty, too long, control characters, markup."""
    if not isinstance(value, str):
        raise InputError(field, value, "expected text")
    text = value.strip()
    if required and not text:
        raise InputError(field, value, "must not be empty")
    if len(text) > limit:
        raise InputError(field, value, f"at most {limit:,} characters expected")
    # Zero-width (non-)joiners are format characters that some scripts need; other format characters can hide text.
    allowed = ("\n\t" if multiline else "") + "\u200c\u200d"
    for position, char in enumerate(text, start=1):
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") and char not in allowed:
            raise InputError(field, value, f"control character U+{ord(char):04X} at position {position} is not allowed")
    if match := _HTML_TAG.search(text) or _MARKDOWN_LINK.search(text):
        raise InputError(field, value, f"markup {match.group(0)!r} is not allowed: plain text expected")
    return text


def check_email(field: str, value: object) -> str:
    """Return an e-mail address in lower case, or raise naming the field."""
    text = check_text(field, value, limit=254, multiline=False)
    if not _EMAIL.match(text):
        raise InputError(field, value, "expected an e-mail address such as name@example.org")
    return text.lower()


def check_role(value: object) -> str:
    """Return a role name, or raise listing the roles."""
    if value not in ROLES:
        raise InputError("role", value, f"expected one of {', '.join(ROLES)}")
    return str(value)


def check_action_line(field: str, value: object) -> str:
    """Return an action line code, or raise."""
    if value not in ACTION_LINE_CODES:
        raise InputError(field, value, "expected an action line code C1–C11 or C7.1–C7.8")
    return str(value)


def check_goal_and_target(goal: object, target: object) -> tuple[int, str]:
    """Return (goal, target) for a link; target '' means a goal-level link. The target must be official."""
    try:
        goal_number = int(str(goal).strip())
    except ValueError:
        raise InputError("goal", goal, "expected an SDG number from 1 to 17") from None
    if goal_number not in SDG_GOALS:
        raise InputError("goal", goal, "expected an SDG number from 1 to 17")
    target_code = "" if target is None else str(target).strip()
    if target_code:
        if target_code not in official_targets():
            raise InputError("target", target, "expected one of the 169 official SDG targets, e.g. 4.4 or 9.c")
        if target_code.split(".")[0] != str(goal_number):
            raise InputError("target", target, f"expected a target of goal {goal_number}")
    return goal_number, target_code


def check_status(value: object) -> str:
    """Return a validation status, or raise listing them."""
    if value not in VALIDATION_STATUSES:
        raise InputError("status", value, f"expected one of {', '.join(VALIDATION_STATUSES)}")
    return str(value)


def check_evidence(value: object, status: str) -> list[str]:
    """Return evidence item ids (distinct, in order); a link validated by evidence needs at least one."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(";") if part.strip()]
    if not isinstance(value, list | tuple):
        raise InputError("evidence", value, "expected a list of evidence item ids")
    if len(value) > MAX_EVIDENCE_ITEMS:
        raise InputError("evidence", value, f"at most {MAX_EVIDENCE_ITEMS} evidence items expected")
    items: list[str] = []
    for item in value:
        if not isinstance(item, str) or not _EVIDENCE_ID.match(item):
            raise InputError("evidence", item, "expected an evidence item id (letters, digits, . _ : -)")
        if item not in items:
            items.append(item)
    if status == "validated" and not items:
        raise InputError("evidence", value, "a link validated by evidence needs at least one evidence item id")
    return items


def check_rationale_id(value: object) -> str:
    """Return a rationale id such as C1-G03-2, or raise."""
    if not isinstance(value, str) or not _RATIONALE_ID.match(value):
        raise InputError("rationale_id", value, "expected an id of letters, digits, '.', '_' or '-' (e.g. C1-G03-2)")
    return value
