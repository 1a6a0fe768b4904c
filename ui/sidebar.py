"""The shared view: the request held in the session, initialised from the URL once and mirrored back to it.

The request lives in plain session keys (`view.<field>`, one per `ViewRequest` field), which Streamlit keeps
across pages; each widget gets its value from there before it renders and writes it back when the user changes
it, so page-local choices (the explorer's cell value and cell, the graph's kind and focus, the activity filters)
are part of the shareable link too. Widget keys alone would be dropped whenever a page that does not render that
widget runs.
"""

import contextlib
import re
import urllib.parse
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import fields, replace

import streamlit as st

from analytics.request import ViewRequest, parse_request, request_context, request_query
from messages import isolated, t
from ui import cached
from wsis_data.constants import C7_MODES, ITU_SECTORS, LANGUAGE_NAMES, LANGUAGES, MATRIX_LEVELS, PALETTES, REGION_SCOPES
from wsis_data.store import Edition

# The share link is a part of its own: a control inside a page part (a fragment) reruns that part and the link.
LINK_PART = "share_link"
# The page part being drawn, if any: its controls rerun it (and the link) rather than the whole app.
_drawing_part: ContextVar[str | None] = ContextVar("drawing_part", default=None)

# Fields a multiselect edits: the session holds a list, the request a tuple in a fixed order (the evidence
# sources in the order of the dataset's sources table).
LIST_FIELDS = {
    "sdgs": lambda: tuple(range(1, 18)),
    "sectors": lambda: ITU_SECTORS,
    "evidence_sources": lambda: cached.dataset().evidence_sources,
}


def view_value(name: str):
    """Return the current value of a view setting."""
    return st.session_state[f"view.{name}"]


def set_view_value(name: str, value) -> None:
    """Change a view setting (the widget bound to it follows on its next render)."""
    st.session_state[f"view.{name}"] = value


def _store(name: str, part: str | None = None) -> None:
    set_view_value(name, st.session_state[f"widget.{name}"])
    rerun_part(part)


def bind(name: str) -> dict:
    """Return the keyword arguments that bind a widget to the view setting `name`."""
    st.session_state[f"widget.{name}"] = view_value(name)
    return {"key": f"widget.{name}", "on_change": _store, "args": (name, _drawing_part.get())}


@contextlib.contextmanager
def drawing_part(key: str) -> Iterator[str]:
    """Mark the controls made inside as belonging to the page part `key`; yield the key for their callbacks."""
    token = _drawing_part.set(key)
    try:
        yield key
    finally:
        _drawing_part.reset(token)


def rerun_part(part: str | None) -> None:
    """From a control's callback: rerun its page part and the share link (the view they show changed), or, for a
    control outside any part, let the whole app rerun as usual."""
    if part is not None:
        st.rerun([part, LINK_PART])


def initialise_from_url() -> None:
    """On a session's first run, put the request the URL asks for into the session, and keep the notices."""
    if st.session_state.get("view.initialised"):
        return
    numbers = cached.edition_numbers()
    parsed = parse_request(st.query_params.to_dict(), request_context(cached.dataset(), editions=numbers))
    # Without a valid `edition=`, the latest published edition, written into the URL so a copied link keeps it.
    if parsed.request.edition not in numbers:
        parsed.request = replace(parsed.request, edition=numbers[-1])
    for item in fields(ViewRequest):
        value = getattr(parsed.request, item.name)
        set_view_value(item.name, list(value) if item.name in LIST_FIELDS else value)
    st.session_state["notices"] = parsed.notices
    st.session_state["view.initialised"] = True


def current_request() -> ViewRequest:
    """Return the request held in the session."""
    values = {item.name: view_value(item.name) for item in fields(ViewRequest)}
    for name, order in LIST_FIELDS.items():
        values[name] = tuple(item for item in order() if item in set(values[name]))
    return ViewRequest(**values)


def mirror_to_url(request: ViewRequest) -> None:
    """Write the request into the query string, so that a copied link reopens it."""
    query = request_query(request)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


def edition_title(edition: Edition, lang: str) -> str:
    """Return an edition as the selector lists it: its number, label and date (the label as the curator wrote it)."""
    return t("edition.title", lang, number=edition.number, label=edition.label, date=edition.date)


def view_link(request: ViewRequest) -> str:
    """Return the link that reopens a view: the page's absolute address (when the browser gave it) and the query."""
    query = urllib.parse.urlencode(request_query(request), safe=":,")
    page = st.context.url or ""
    if not re.fullmatch(r"https?://[^\s?#]+", page):
        page = ""
    return f"{page}?{query}" if query else page or "?"


def share_link() -> None:
    """Render the link of the current view in the sidebar, with its copy button (a code block shows it as text)."""

    def link() -> None:
        request = current_request()
        st.caption(t("share.link", request.lang))
        st.code(view_link(request), language=None, wrap_lines=True)

    with st.sidebar:
        st.fragment(link, key=LINK_PART)()


def render(lang: str) -> None:
    """Render the global controls in the sidebar."""
    data = cached.dataset(view_value("edition"))
    verified = cached.hlpf_status(data)
    goal_names = cached.goal_short_titles(data, lang)
    titles = {str(edition.number): edition_title(edition, lang) for edition in cached.editions()}
    with st.sidebar:
        st.selectbox(t("control.language", lang), LANGUAGES, format_func=LANGUAGE_NAMES.get, **bind("lang"))
        st.selectbox(
            t("control.region", lang), REGION_SCOPES, format_func=lambda r: t("region." + r, lang), **bind("region")
        )
        st.multiselect(
            t("control.sdgs", lang),
            list(range(1, 18)),
            format_func=lambda goal: f"{goal} · {isolated(goal_names[goal], lang)}",
            placeholder=t("control.sdgs.all", lang),
            help=t("control.sdgs.help", lang),
            **bind("sdgs"),
        )
        st.selectbox(
            t("control.hlpf", lang),
            data.hlpf_years(),
            format_func=lambda year: str(year) if verified[year] else t("control.hlpf.unconfirmed", lang, year=year),
            help=t("control.hlpf.help", lang),
            **bind("hlpf"),
        )
        st.radio(
            t("control.level", lang),
            MATRIX_LEVELS,
            format_func=lambda v: t("level." + v, lang),
            horizontal=True,
            **bind("level"),
        )
        st.radio(
            t("control.c7", lang), C7_MODES, format_func=lambda v: t("c7." + v, lang), horizontal=True, **bind("c7")
        )
        st.radio(
            t("control.palette", lang),
            PALETTES,
            format_func=lambda v: t("palette." + v, lang),
            horizontal=True,
            **bind("palette"),
        )
        st.selectbox(
            t("control.edition", lang),
            list(reversed(titles)),
            format_func=titles.get,
            help=t("control.edition.help", lang),
            **bind("edition"),
        )
