"""The view in the URL: parsing and writing the public query-string contract, without Streamlit.

Names (stable, public): lang, region, sdg (comma-separated goals), hlpf (a year), al (an action line code),
level (goal|target), c7 (merged|split). An invalid value is dropped with a notice; the view keeps its default.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from analytics.views import Filters
from wsis_data.constants import (
    ACTION_LINE_CODES,
    C7_MODES,
    DEFAULT_HLPF_YEAR,
    DEFAULT_LANGUAGE,
    GLOBAL_SCOPE,
    LANGUAGES,
    MATRIX_LEVELS,
    PALETTES,
    REGION_SCOPES,
)


@dataclass(frozen=True)
class ViewState:
    """Everything that defines a shareable view."""

    lang: str = DEFAULT_LANGUAGE
    region: str = GLOBAL_SCOPE
    sdgs: tuple[int, ...] = ()
    hlpf: int = DEFAULT_HLPF_YEAR
    al: str | None = None
    level: str = "goal"
    c7: str = "split"

    @property
    def goals(self) -> tuple[int, ...]:
        """Return the selected goals, or all 17 when none is selected."""
        return self.sdgs or tuple(range(1, 18))


def view_filters(state: ViewState, palette: str = PALETTES[0]) -> Filters:
    """Return the analytics filters of a view drawn in a palette."""
    return Filters(
        lang=state.lang,
        region=state.region,
        goals=state.goals,
        hlpf=state.hlpf,
        level=state.level,
        c7=state.c7,
        palette=palette,
    )


@dataclass(frozen=True)
class Notice:
    """A query parameter that was ignored: its name, the value given and what was expected."""

    param: str
    value: str
    expected: str


@dataclass
class ParsedView:
    """A view read from a query string, with a notice for every value that was ignored."""

    state: ViewState
    notices: list[Notice] = field(default_factory=list)


def _first(value: str | list[str]) -> str:
    return value[-1] if isinstance(value, list) else value


def _parse_sdgs(raw: str) -> tuple[int, ...] | None:
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if not parts or not all(part.isdigit() and 1 <= int(part) <= 17 for part in parts):
        return None
    return tuple(sorted({int(part) for part in parts}))


def parse_view(params: Mapping[str, str | list[str]], hlpf_years: Iterable[int]) -> ParsedView:
    """Return the view a query string asks for; invalid values keep their default and give a notice."""
    state, notices = ViewState(), []
    years = sorted(hlpf_years)
    choices = {
        "lang": (LANGUAGES, ", ".join(LANGUAGES)),
        "region": (REGION_SCOPES, ", ".join(REGION_SCOPES)),
        "al": (ACTION_LINE_CODES, "an action line code C1–C11 or C7.1–C7.8"),
        "level": (MATRIX_LEVELS, " or ".join(MATRIX_LEVELS)),
        "c7": (C7_MODES, " or ".join(C7_MODES)),
    }
    for name, (allowed, expected) in choices.items():
        if name in params:
            value = _first(params[name]).strip()
            if value in allowed:
                state = replace(state, **{name: value})
            else:
                notices.append(Notice(name, value, expected))
    if "sdg" in params:
        raw = _first(params["sdg"])
        if (sdgs := _parse_sdgs(raw)) is not None:
            state = replace(state, sdgs=sdgs)
        else:
            notices.append(Notice("sdg", raw, "comma-separated goal numbers from 1 to 17"))
    if "hlpf" in params:
        raw = _first(params["hlpf"]).strip()
        if raw.isdigit() and int(raw) in years:
            state = replace(state, hlpf=int(raw))
        else:
            notices.append(Notice("hlpf", raw, f"a year from {years[0]} to {years[-1]}"))
    return ParsedView(state, notices)


def view_query(state: ViewState) -> dict[str, str]:
    """Return the query parameters of a view: only what differs from the default, so links stay short."""
    default, query = ViewState(), {}
    for name in ("lang", "region", "hlpf", "al", "level", "c7"):
        value = getattr(state, name)
        if value is not None and value != getattr(default, name):
            query[name] = str(value)
    if state.sdgs:
        query["sdg"] = ",".join(map(str, state.sdgs))
    return query
