"""Small helpers over the codes in the tables: list cells, the framework order of SDG codes, and the numbers
(goals, years) that imported files write.

The data layer, the file-import validator and the build all use these; none of them needs the others for it.
Numbers are read with ASCII patterns and a length bound: `str.isdigit()` and `\\d` also accept a superscript
`²` (which `int()` refuses), digits of other scripts such as `２０２０` or `߂߀߂߀` (which `int()` accepts, so that
they would be stored as written), and any number of digits (`int()` refuses more than 4,300).
"""

import re

LIST_SEPARATOR = ";"
# ITU's founding year to the end of the century: the years an activity or a project may start in.
FIRST_YEAR, LAST_YEAR = 1865, 2100
_ASCII_NUMBER = re.compile(r"[0-9]{1,9}", re.ASCII)
_YEAR = re.compile(r"[0-9]{4}", re.ASCII)


def split_list(cell: str) -> list[str]:
    """Return the stripped, non-empty items of a `;`-separated list cell."""
    return [item.strip() for item in str(cell).split(LIST_SEPARATOR) if item.strip()]


def sort_key(code: str) -> tuple:
    """Return the framework order key of a code: 1.1 … 1.5, 1.a, 1.b, then 2.1 …."""
    return tuple((0, int(part), "") if _ASCII_NUMBER.fullmatch(part) else (1, 0, part) for part in code.split("."))


def goal_number(text: str) -> int | None:
    """Return the SDG goal (1 to 17) that `text` writes in ASCII digits, or None."""
    return int(text) if _ASCII_NUMBER.fullmatch(text) and 1 <= int(text) <= 17 else None


def year_number(text: str) -> int | None:
    """Return the year that `text` writes in four ASCII digits, from FIRST_YEAR to LAST_YEAR, or None."""
    return int(text) if _YEAR.fullmatch(text) and FIRST_YEAR <= int(text) <= LAST_YEAR else None
