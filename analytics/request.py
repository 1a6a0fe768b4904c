"""The request seam: one frozen description of a view, and the one validation of it.

The URL contract, the command line, the per-chart downloads, the HLPF pack and embeds all describe a view with
a `ViewRequest` and read one from outside through `parse_request`. Every parameter is checked against an
explicit ASCII pattern with a length bound before its value is looked at, so that a superscript digit, a digit
of another script, a 5,000-digit number or a megabyte of text becomes a notice, never an exception. An invalid
value (or invalid part of a list) is dropped with a `Notice` naming the parameter, the value given and what was
expected; strict callers (the command line, the pack) raise `RequestError` with the same words.

Public query parameters (stable): lang, region, sdg (comma-separated goals), hlpf (a year), al (an action line),
level (goal|target), c7 (split|merged), palette, value (explorer cell value), cell (ACTION_LINE:GOAL, or
ACTION_LINE:TARGET at target level), kind (graph: goal|target), focus (an action line the graph and the
activities are narrowed to), sector (comma-separated ITU sectors), source (comma-separated evidence source ids;
none: every loaded source), edition (a published edition's number), base (the edition the editions page compares
`edition` with).
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

from analytics.coverage import COVERAGE_VALUES, row_order
from wsis_data.constants import (
    ACTION_LINE_CODES,
    C7_MODES,
    DEFAULT_HLPF_YEAR,
    DEFAULT_LANGUAGE,
    GLOBAL_SCOPE,
    ITU_SECTORS,
    LANGUAGES,
    MATRIX_LEVELS,
    PALETTES,
    REGION_SCOPES,
    SDG_GOALS,
)
from wsis_data.dataset import COMMITTED_EDITION, Dataset

GRAPH_KINDS: tuple[str, ...] = ("goal", "target")
# A value shown back in a notice is cut to this many characters: the rest of a huge value adds nothing.
NOTICE_VALUE_CHARACTERS = 40


@dataclass(frozen=True)
class ViewRequest:
    """Everything that defines a view, page-local choices included; hashable, so it keys caches."""

    lang: str = DEFAULT_LANGUAGE
    region: str = GLOBAL_SCOPE
    sdgs: tuple[int, ...] = ()
    hlpf: int | None = DEFAULT_HLPF_YEAR
    level: str = MATRIX_LEVELS[0]
    c7: str = C7_MODES[0]
    palette: str = PALETTES[0]
    edition: str = COMMITTED_EDITION
    action_line: str | None = None
    cell: tuple[str, str] | None = None
    value: str = COVERAGE_VALUES[0]
    graph_kind: str = GRAPH_KINDS[0]
    focus: str | None = None
    sectors: tuple[str, ...] = ()
    base: str | None = None
    evidence_sources: tuple[str, ...] = ()

    @property
    def goals(self) -> tuple[int, ...]:
        """Return the selected goals, or all 17 when none is selected."""
        return self.sdgs or SDG_GOALS


@dataclass(frozen=True)
class Notice:
    """A parameter that was ignored: its name, the value given (cut when long) and what was expected."""

    param: str
    value: str
    expected: str

    def __str__(self) -> str:
        return f"{self.param}={self.value!r}: expected {self.expected}"


class RequestError(ValueError):
    """Raised by strict callers for an invalid parameter, worded like the notice: parameter, value, expectation."""

    def __init__(self, notice: Notice):
        self.notice = notice
        super().__init__(str(notice))


@dataclass(frozen=True)
class RequestContext:
    """What a request is checked against: the HLPF years and the editions the app knows."""

    hlpf_years: tuple[int, ...]
    editions: tuple[str, ...] = (COMMITTED_EDITION,)
    targets: frozenset[str] = frozenset()
    evidence_sources: tuple[str, ...] = ()


def request_context(dataset: Dataset, editions: Iterable[str] | None = None) -> RequestContext:
    """Return the context of requests on a dataset (its HLPF years and targets; the editions known to the app)."""
    return RequestContext(
        hlpf_years=dataset.hlpf_years(),
        editions=tuple(editions) if editions is not None else (dataset.edition,),
        targets=frozenset(str(code) for code in dataset.sdg_targets["target"]),
        evidence_sources=dataset.evidence_sources,
    )


@dataclass
class ParsedRequest:
    """A request read from parameters, with a notice for every value (or part of a list) that was dropped."""

    request: ViewRequest
    notices: list[Notice] = field(default_factory=list)


def _shown(value: str) -> str:
    return value if len(value) <= NOTICE_VALUE_CHARACTERS else value[:NOTICE_VALUE_CHARACTERS] + "…"


@dataclass(frozen=True)
class _Choice:
    """A parameter with one value from a fixed set, checked by pattern and length first."""

    attribute: str
    pattern: str
    max_length: int
    allowed: Callable[[RequestContext], Iterable[str]]
    expected: Callable[[RequestContext], str]
    convert: Callable[[str], object] = str


_ACTION_LINE = r"C(?:[1-9]|1[01])(?:\.[1-8])?"
_CHOICES: dict[str, _Choice] = {
    "lang": _Choice("lang", r"[a-z]{2}", 2, lambda _: LANGUAGES, lambda _: "one of " + ", ".join(LANGUAGES)),
    "region": _Choice(
        "region",
        r"[A-Za-z][A-Za-z -]*",
        20,
        lambda _: REGION_SCOPES,
        lambda _: "Global or an ITU region: " + ", ".join(REGION_SCOPES[1:]),
    ),
    "hlpf": _Choice(
        "hlpf",
        r"[0-9]{4}",
        4,
        lambda context: map(str, context.hlpf_years),
        lambda context: f"a year from {min(context.hlpf_years, default='')} to {max(context.hlpf_years, default='')}",
        int,
    ),
    "al": _Choice(
        "action_line", _ACTION_LINE, 5, lambda _: ACTION_LINE_CODES, lambda _: "an action line code C1–C11 or C7.1–C7.8"
    ),
    "focus": _Choice(
        "focus", _ACTION_LINE, 5, lambda _: ACTION_LINE_CODES, lambda _: "an action line code C1–C11 or C7.1–C7.8"
    ),
    "level": _Choice("level", r"[a-z]+", 10, lambda _: MATRIX_LEVELS, lambda _: " or ".join(MATRIX_LEVELS)),
    "c7": _Choice("c7", r"[a-z]+", 10, lambda _: C7_MODES, lambda _: " or ".join(C7_MODES)),
    "palette": _Choice("palette", r"[a-z]+", 10, lambda _: PALETTES, lambda _: " or ".join(PALETTES)),
    "value": _Choice(
        "value", r"[a-z]+", 10, lambda _: COVERAGE_VALUES, lambda _: "one of " + ", ".join(COVERAGE_VALUES)
    ),
    "kind": _Choice("graph_kind", r"[a-z]+", 10, lambda _: GRAPH_KINDS, lambda _: " or ".join(GRAPH_KINDS)),
    "edition": _Choice(
        "edition",
        r"[a-z]+|[0-9]{1,9}",
        12,
        lambda context: context.editions,
        lambda context: "an edition the dashboard holds: " + ", ".join(context.editions),
    ),
    "base": _Choice(
        "base",
        r"[0-9]{1,9}",
        9,
        lambda context: context.editions,
        lambda context: "an edition to compare with: " + ", ".join(context.editions),
    ),
}
# List parameters: each comma-separated part is checked on its own; the valid parts are kept.
_LISTS: dict[
    str,
    tuple[str, str, int, Callable[[str], object], Callable[[RequestContext], tuple], Callable[[RequestContext], str]],
] = {
    "sdg": (
        "sdgs",
        r"[0-9]{1,2}",
        64,
        int,
        lambda _: SDG_GOALS,
        lambda _: "comma-separated goal numbers from 1 to 17",
    ),
    "sector": (
        "sectors",
        r"[A-Z]{1,2}",
        16,
        str,
        lambda _: ITU_SECTORS,
        lambda _: "comma-separated ITU sectors: " + ", ".join(ITU_SECTORS),
    ),
    "source": (
        "evidence_sources",
        r"[a-z][a-z0-9_]{0,39}",
        200,
        str,
        lambda context: context.evidence_sources,
        lambda context: "comma-separated evidence sources: " + ", ".join(context.evidence_sources),
    ),
}
_CELL = re.compile(rf"({_ACTION_LINE}):([0-9]{{1,2}}(?:\.[0-9a-z]{{1,2}})?)", re.ASCII)
_CELL_LENGTH = 12
_CELL_EXPECTED = "an action line and a goal (or a target at target level) of the matrix, as in C6:16"
# The parameters in the order they are read (and their notices listed); `cell` comes last, as it depends on others.
PARAMETERS: tuple[str, ...] = (*_CHOICES, *_LISTS, "cell")


def _text(value: str | list[str]) -> str:
    """Return the value of a parameter; of a repeated one, the last."""
    if isinstance(value, list):
        return str(value[-1]) if value else ""
    return str(value)


def _read_choice(name: str, raw: str, context: RequestContext) -> tuple[object | None, Notice | None]:
    choice = _CHOICES[name]
    value = raw.strip()
    allowed = [str(item) for item in choice.allowed(context)]
    if len(value) <= choice.max_length and re.fullmatch(choice.pattern, value, re.ASCII) and value in allowed:
        return choice.convert(value), None
    return None, Notice(name, _shown(raw), choice.expected(context))


def _read_list(name: str, raw: str, context: RequestContext) -> tuple[tuple, list[Notice]]:
    _attribute, pattern, max_length, convert, allowed_in, expected_in = _LISTS[name]
    allowed, expected = tuple(allowed_in(context)), expected_in(context)
    # A list given with no item at all (`sdg=`, `--sdg ''`, `sdg=,,`) asks for nothing: it is named, not read as "all".
    if len(raw) > max_length or not raw.replace(",", "").strip():
        return (), [Notice(name, _shown(raw), expected)]
    kept, notices = [], []
    for part in raw.split(","):
        item = part.strip()
        if not item:
            continue
        if re.fullmatch(pattern, item, re.ASCII) and (value := convert(item)) in allowed:
            kept.append(value)
        else:
            notices.append(Notice(name, _shown(item), expected))
    return tuple(sorted(set(kept), key=list(allowed).index)), notices


def _read_cell(raw: str, request: ViewRequest, context: RequestContext) -> tuple[tuple[str, str] | None, Notice | None]:
    value = raw.strip()
    match = _CELL.fullmatch(value) if len(value) <= _CELL_LENGTH else None
    if match:
        row, column = match.groups()
        rows = row_order(request.c7)
        if request.level == "goal":
            valid = column.isdigit() and int(column) in request.goals
        else:
            valid = column in context.targets and int(column.split(".")[0]) in request.goals
        if row in rows and valid:
            return (row, column), None
    return None, Notice("cell", _shown(raw), _CELL_EXPECTED)


def parse_request(params: Mapping[str, str | list[str]], context: RequestContext) -> ParsedRequest:
    """Return the request that parameters ask for; an invalid value keeps its default and gives a notice."""
    values: dict[str, object] = {}
    notices: list[Notice] = []
    for name in _CHOICES:
        if name in params:
            value, notice = _read_choice(name, _text(params[name]), context)
            if notice:
                notices.append(notice)
            else:
                values[_CHOICES[name].attribute] = value
    for name, (attribute, *_rest) in _LISTS.items():
        if name in params:
            kept, dropped = _read_list(name, _text(params[name]), context)
            notices += dropped
            if kept:
                values[attribute] = kept
    request = ViewRequest(**values)  # type: ignore[arg-type]
    if "cell" in params:
        cell, notice = _read_cell(_text(params["cell"]), request, context)
        if notice:
            notices.append(notice)
        else:
            request = replace(request, cell=cell)
    return ParsedRequest(request, notices)


def strict_request(params: Mapping[str, str | list[str]], context: RequestContext) -> ViewRequest:
    """Return the request that parameters ask for, or raise RequestError for the first invalid one."""
    parsed = parse_request(params, context)
    if parsed.notices:
        raise RequestError(parsed.notices[0])
    return parsed.request


_QUERY_NAMES = {_CHOICES[name].attribute: name for name in _CHOICES} | {
    attribute: name for name, (attribute, *_rest) in _LISTS.items()
}


def request_query(request: ViewRequest) -> dict[str, str]:
    """Return the query parameters of a request: only what differs from the default, so links stay short."""
    default, query = ViewRequest(), {}
    for item in fields(ViewRequest):
        value = getattr(request, item.name)
        if value == getattr(default, item.name) or value is None:
            continue
        if item.name == "cell":
            query["cell"] = ":".join(value)
        elif isinstance(value, tuple):
            query[_QUERY_NAMES[item.name]] = ",".join(map(str, value))
        else:
            query[_QUERY_NAMES[item.name]] = str(value)
    return query
