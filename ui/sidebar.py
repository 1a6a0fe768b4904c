"""The shared sidebar: the global controls, initialised from the URL once and mirrored back to it on every run.

The view lives in plain session keys (`view.<name>`), which Streamlit keeps across pages; each widget gets its
value from there before it renders and writes it back when the user changes it. Widget keys alone would be
dropped whenever a page that does not render that widget runs.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analytics.views import Filters
from messages import t
from ui import cached
from ui.view_state import ViewState, parse_view, view_filters, view_query
from wsis_data.constants import C7_MODES, LANGUAGE_NAMES, LANGUAGES, MATRIX_LEVELS, PALETTES, REGION_SCOPES


def view_value(name: str):
    """Return the current value of a view setting."""
    require_router()
    return st.session_state[f"view.{name}"]


def require_router() -> None:
    """Send a page that runs without the entry point back through it.

    Streamlit treats a `pages/` folder beside the entry point as a legacy multipage app until `st.navigation`
    turns that mode off, so the very first request of a fresh server to a deep link (say
    `/matrix_explorer?lang=fr`), and every AppTest run after `switch_page`, runs the page script alone.
    Turning the legacy mode off and rerunning routes it through `dashboard.py`, with the URL intact.
    """
    if PagesManager.uses_pages_directory or not st.session_state.get("view.initialised"):
        PagesManager.uses_pages_directory = False
        st.rerun()


def set_view_value(name: str, value) -> None:
    """Change a view setting (the widget bound to it follows on its next render)."""
    st.session_state[f"view.{name}"] = value


def _store(name: str) -> None:
    set_view_value(name, st.session_state[f"widget.{name}"])


def bind(name: str) -> dict:
    """Return the keyword arguments that bind a widget to the view setting `name`."""
    st.session_state[f"widget.{name}"] = view_value(name)
    return {"key": f"widget.{name}", "on_change": _store, "args": (name,)}


def initialise_from_url() -> None:
    """On a session's first run, put the view the URL asks for into the session, and keep the notices."""
    if st.session_state.get("view.initialised"):
        return
    parsed = parse_view(st.query_params.to_dict(), cached.years())
    state = parsed.state
    values = {
        "lang": state.lang,
        "region": state.region,
        "sdgs": list(state.sdgs),
        "hlpf": state.hlpf,
        "level": state.level,
        "c7": state.c7,
        "al": state.al,
        "palette": PALETTES[0],
    }
    st.session_state.update({f"view.{name}": value for name, value in values.items()})
    st.session_state["notices"] = parsed.notices
    st.session_state["view.initialised"] = True


def current_view() -> ViewState:
    """Return the view held in the session."""
    return ViewState(
        lang=view_value("lang"),
        region=view_value("region"),
        sdgs=tuple(sorted(view_value("sdgs"))),
        hlpf=int(view_value("hlpf")),
        al=view_value("al"),
        level=view_value("level"),
        c7=view_value("c7"),
    )


def filters() -> Filters:
    """Return the analytics filters of the current view."""
    return view_filters(current_view(), view_value("palette"))


def mirror_to_url(state: ViewState) -> None:
    """Write the view into the query string, so that a copied link reopens it."""
    query = view_query(state)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


def render(lang: str) -> None:
    """Render the global controls in the sidebar."""
    verified = cached.hlpf_status()
    goal_names = cached.goal_short_titles(lang)
    with st.sidebar:
        st.selectbox(t("control.language", lang), LANGUAGES, format_func=LANGUAGE_NAMES.get, **bind("lang"))
        st.selectbox(
            t("control.region", lang), REGION_SCOPES, format_func=lambda r: t("region." + r, lang), **bind("region")
        )
        st.multiselect(
            t("control.sdgs", lang),
            list(range(1, 18)),
            format_func=lambda goal: f"{goal} · {goal_names[goal]}",
            placeholder=t("control.sdgs.all", lang),
            help=t("control.sdgs.help", lang),
            **bind("sdgs"),
        )
        st.selectbox(
            t("control.hlpf", lang),
            cached.years(),
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
