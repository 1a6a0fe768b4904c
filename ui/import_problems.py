"""An import's problems in the curator's language: each structured problem (kind, row, column, values) worded from
the catalog, with its row, column, codes and the file's own text isolated in a right-to-left language.

The lines are plain text for `st.text` (never Markdown or HTML). The command line keeps its English lines
(`str(problem)`); a problem without a kind (a format that does not name its problems) is shown in those words.
"""

from messages import isolated, t
from wsis_data.activities import Problem

# A cell's value is shown up to this many characters: enough to find it in the file, not a page of it.
VALUE_CHARACTERS = 60


def _value(value: str | None, lang: str) -> str:
    """Return a cell's value as shown in a line: isolated, cut when long, or the words for an empty cell."""
    if not value:
        return t("evsearch.problem.empty_value", lang)
    shown = value if len(value) <= VALUE_CHARACTERS else value[:VALUE_CHARACTERS] + "…"
    # Isolated, a value without letters ('=1+2') is laid out left to right in Arabic text too (Chromium checked).
    return isolated(repr(shown), lang)


def problem_line(problem: Problem, lang: str) -> str:
    """Return one problem of an import as a line in `lang`: where it is, the value given and what was expected."""
    if problem.kind is None:
        return isolated(str(problem), lang)
    details = {name: isolated(value, lang) for name, value in problem.details}
    text = t("evsearch.problem." + problem.kind, lang, **details)
    if problem.row is None:
        return text
    row, value = isolated(problem.row, lang), _value(problem.value, lang)
    if problem.column == "(row)":
        return t("evsearch.problem.at_row", lang, row=row, value=value, problem=text)
    return t(
        "evsearch.problem.at_cell", lang, row=row, column=isolated(problem.column, lang), value=value, problem=text
    )
