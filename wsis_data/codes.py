"""Small helpers over the codes in the tables: list cells and the framework order of SDG codes.

The data layer, the file-import validator and the build all use these; none of them needs the others for it.
"""

LIST_SEPARATOR = ";"


def split_list(cell: str) -> list[str]:
    """Return the stripped, non-empty items of a `;`-separated list cell."""
    return [item.strip() for item in str(cell).split(LIST_SEPARATOR) if item.strip()]


def sort_key(code: str) -> tuple:
    """Return the framework order key of a code: 1.1 … 1.5, 1.a, 1.b, then 2.1 …."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.split("."))
