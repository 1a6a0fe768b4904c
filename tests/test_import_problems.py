"""An import's problems are structured in `wsis_data` and worded in the curator's language at the edge: every kind
a stocktaking file can have is met by some file and has its words in all six languages; row, column and values
are isolated in Arabic; the command line's English lines stay as they were.

Every project here is SYNTHETIC (ids `SYN-…`, example.org addresses), written by the tests.
"""

import string

import pytest

from messages import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE, catalog, isolated
from tests.hostile_inputs import HOSTILE_COLUMN_NAMES
from tests.test_curation_pages import CURATOR, page, store  # noqa: F401
from tests.test_evidence_upload_page import CURATION, csv_bytes, problem_lines, upload
from ui.import_problems import problem_line
from wsis_data.activities import dataset_vocabulary
from wsis_data.constants import LANGUAGES
from wsis_data.dataset import committed_dataset
from wsis_data.stocktaking import (
    RECORD_COLUMNS,
    STOCKTAKING_COLUMNS,
    STOCKTAKING_PROBLEM_KINDS,
    STOCKTAKING_PROBLEMS,
    StocktakingFileError,
    read_stocktaking_upload,
    validate_stocktaking,
)

TARGETS, COUNTRIES = frozenset({"4.4", "9.c"}), frozenset({"KEN", "RWA"})
GOOD = ["SYN-1", "Synthetic project", "Org", "KEN", "C7.3", "4.4", "2020", "https://example.org/1", "C7.3>4.4"]
# SYNTHETIC rows that between them hold every kind of row problem.
BAD_ROWS = [
    ["bad id!", "", "", "XXX", "C99", "99.9", "20x", "ftp://example.org", "C7.3"],
    ["SYN-2", "Synthetic", "", "", "", "", "", "", ""],
    ["SYN-3", "Synthetic", "", "", "C7.3", "4.4", "", "", "C1>4.4"],
    GOOD,
    GOOD,
    [*GOOD[:8], "", "one field too many"],
]


def problems_of(header: list[str], rows: list[list[str]]) -> list:
    with pytest.raises(StocktakingFileError) as refused:
        validate_stocktaking(header, rows, TARGETS, COUNTRIES, "synthetic.csv")
    return refused.value.problems


def upload_problems(content: bytes, name: str = "synthetic.csv") -> list:
    with pytest.raises(StocktakingFileError) as refused:
        read_stocktaking_upload(lambda: content, len(content), name, TARGETS, COUNTRIES)
    return refused.value.problems


def every_kind_of_problem() -> list:
    """Return problems met in SYNTHETIC files, at least one of each kind."""
    return [
        *problems_of(list(RECORD_COLUMNS), BAD_ROWS),
        *problems_of(["id", "id", "zz"], [["SYN-1"]]),
        *problems_of([*STOCKTAKING_COLUMNS, *(f"extra{number}" for number in range(12))], [GOOD]),
        *problems_of(list(RECORD_COLUMNS), []),
        *upload_problems(b""),
        *upload_problems("id,title\nSYN-1,Synthétique\n".encode("latin-1")),
    ]


def test_every_kind_of_stocktaking_problem_is_met_by_some_file():
    assert {problem.kind for problem in every_kind_of_problem()} == set(STOCKTAKING_PROBLEM_KINDS)


def test_the_english_line_of_every_problem_is_its_kinds_words_with_its_details():
    for problem in every_kind_of_problem():
        assert problem.expected == STOCKTAKING_PROBLEMS[problem.kind].format(**dict(problem.details))


def test_the_command_lines_lines_keep_their_words():
    problems = problems_of(list(RECORD_COLUMNS), BAD_ROWS)
    lines = [str(problem) for problem in problems]
    assert (
        "row 2, column id: 'bad id!' — expected an id of letters, digits, '.', '_', ':' or '-' (at most 100)" in lines
    )
    assert "row 6, column id: 'SYN-1' — expected a unique id; first used in row 5" in lines
    too_long = "'SYN-1;Synthetic project;Org;KEN;C7.3;4.4;2020;https://exampl'"
    assert f"row 7, column (row): {too_long} — expected 9 fields, found 10" in lines


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_has_its_own_words_in_every_language_with_the_same_placeholders(lang):
    own = catalog(lang)
    english = catalog("en")
    for kind in STOCKTAKING_PROBLEM_KINDS:
        key = "evsearch.problem." + kind
        assert key in own, (lang, kind)
        names = {name for _, name, _, _ in string.Formatter().parse(own[key]) if name}
        assert names == {name for _, name, _, _ in string.Formatter().parse(english[key]) if name}
        if lang != "en":
            assert own[key] != english[key], (lang, kind)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_problem_reads_in_every_language_with_its_row_column_and_details(lang):
    for problem in every_kind_of_problem():
        line = problem_line(problem, lang)
        assert "{" not in line and "}" not in line, line
        if problem.row is not None:
            assert isolated(problem.row, lang) in line
        if problem.column not in (None, "(row)"):
            assert isolated(problem.column, lang) in line
        for _, value in problem.details:
            assert isolated(value, lang) in line


def test_in_arabic_row_numbers_columns_and_values_are_isolates():
    problem = problems_of(list(RECORD_COLUMNS), BAD_ROWS)[0]
    line = problem_line(problem, "ar")
    assert f"{FIRST_STRONG_ISOLATE}2{POP_DIRECTIONAL_ISOLATE}" in line
    assert f"{FIRST_STRONG_ISOLATE}id{POP_DIRECTIONAL_ISOLATE}" in line
    assert f"{FIRST_STRONG_ISOLATE}'bad id!'{POP_DIRECTIONAL_ISOLATE}" in line


def test_in_arabic_a_value_without_letters_is_an_isolate_too():
    formula = ["=1+2", *GOOD[1:]]
    problem = problems_of(list(RECORD_COLUMNS), [formula])[0]
    assert f"{FIRST_STRONG_ISOLATE}'=1+2'{POP_DIRECTIONAL_ISOLATE}" in problem_line(problem, "ar")
    assert "'=1+2'" in problem_line(problem, "fr") and FIRST_STRONG_ISOLATE not in problem_line(problem, "fr")


def test_a_long_value_is_cut_and_an_empty_one_is_said_in_words():
    long = ["SYN-1", "x" * 500, "", "", "C1", "", "", "not a url " + "y" * 500, ""]
    problem = next(problem for problem in problems_of(list(RECORD_COLUMNS), [long]) if problem.column == "url")
    assert len(problem_line(problem, "en")) < 250 and "…" in problem_line(problem, "en")
    empty = next(problem for problem in problems_of(list(RECORD_COLUMNS), BAD_ROWS) if problem.kind == "empty_title")
    assert "(empty cell)" in problem_line(empty, "en") and "(cellule vide)" in problem_line(empty, "fr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_column_names_are_shown_quoted_escaped_and_cut_on_one_line_in_every_language(lang):
    hostile = [*HOSTILE_COLUMN_NAMES, "x" * 5000]
    problems = problems_of([*RECORD_COLUMNS, *hostile, *hostile], [])
    named = [problem for problem in problems if problem.kind in ("unexpected_columns_more", "duplicated_columns")]
    assert {problem.kind for problem in named} == {"unexpected_columns_more", "duplicated_columns"}
    for problem in named:
        line = problem_line(problem, lang)
        assert not set(line) & set("\n\r\u202a\u202b\u202c\u202d\u202e\u2066\u2067"), line
        assert len(line) < 1000 and "x" * 61 not in line and "'x" + "x" * 59 + "…'" in line
        assert "'<b>x</b>'" in line and "'line1\\nline2'" in line and "'\\u202eevil\\u202c'" in line


@pytest.mark.parametrize("lang", ["fr", "ar", "zh", "ru", "es"])
def test_the_curation_page_lists_a_refused_files_problems_in_the_curators_language(store, lang):  # noqa: F811
    content = csv_bytes(BAD_ROWS)
    test = upload(page(CURATION, user=CURATOR, lang=lang), "bad.csv", content)
    assert not test.exception
    vocabulary = dataset_vocabulary(committed_dataset())
    with pytest.raises(StocktakingFileError) as refused:
        read_stocktaking_upload(lambda: content, len(content), "bad.csv", vocabulary.targets, vocabulary.countries)
    # The page's own text, isolates included (Arabic), line for line.
    assert test.text[-1].value.splitlines() == [problem_line(problem, lang) for problem in refused.value.problems]
    assert not any(line.startswith("row ") for line in problem_lines(test))
