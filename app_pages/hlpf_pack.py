"""HLPF pack: pick an HLPF year (or a set of SDGs), a region and a language, and download every file in one ZIP."""

import streamlit as st

from analytics.export.images import BrowserMissing
from analytics.export.pack import pack_bytes
from analytics.request import RequestError, ViewRequest
from messages import number, t
from ui import cached, sidebar
from ui.plain import plain
from wsis_data.constants import LANGUAGE_NAMES, LANGUAGES, REGION_SCOPES

view = sidebar.current_request()
lang = view.lang
dataset = cached.dataset(view.edition)
verified = cached.hlpf_with_sets(dataset)

st.title(t("pack.title", lang))
st.markdown(t("pack.intro", lang))
# The pack starts from the sidebar's choice: its SDGs (all of them) when some are selected, else the HLPF year.
if st.session_state.get("pack_from_sidebar") != view.sdgs:
    st.session_state["pack_from_sidebar"] = view.sdgs
    st.session_state["pack_scope"] = "sdgs" if view.sdgs else "year"
    st.session_state["pack_sdgs"] = list(view.sdgs)
scope = st.radio(
    t("pack.scope", lang),
    ("year", "sdgs"),
    format_func=lambda s: t("pack.scope." + s, lang),
    horizontal=True,
    key="pack_scope",
)
left, middle, right = st.columns(3)
if scope == "year":
    default_year = view.hlpf if view.hlpf in verified else verified[-1]
    year = left.selectbox(t("pack.year", lang), verified, index=verified.index(default_year), key="pack_year")
    sdgs: tuple[int, ...] = ()
else:
    year = None
    sdgs = tuple(left.multiselect(t("pack.sdgs", lang), list(range(1, 18)), key="pack_sdgs"))
region = middle.selectbox(
    t("control.region", lang),
    REGION_SCOPES,
    index=REGION_SCOPES.index(view.region),
    format_func=lambda r: t("region." + r, lang),
    key="pack_region",
)
pack_lang = right.selectbox(
    t("control.language", lang), LANGUAGES, index=LANGUAGES.index(lang), format_func=LANGUAGE_NAMES.get, key="pack_lang"
)
request = ViewRequest(lang=pack_lang, region=region, hlpf=year, sdgs=sdgs, c7=view.c7, edition=view.edition)


if st.button(t("pack.build", lang), type="primary", icon=":material/inventory_2:", key="pack_build"):
    # Built where the button is, so that its progress shows there while the charts and the brief are rendered.
    with st.status(t("pack.building", lang), expanded=False) as progress:
        try:
            st.session_state["pack"] = (request, pack_bytes(cached.dataset(request.edition), request))
            progress.update(label=t("pack.built", lang), state="complete")
        except (RequestError, BrowserMissing) as error:
            st.session_state["pack"] = (request, error)
            progress.update(label=t("pack.failed", lang), state="error")
built_for, outcome = st.session_state.get("pack", (None, None))
if built_for == request and isinstance(outcome, Exception):
    st.error(t("pack.error", lang, error=plain(outcome, lang)), icon=":material/error:")
elif built_for == request:
    archive = outcome
    st.success(t("pack.ready", lang, size=number(len(archive) // 1024, lang)), icon=":material/check_circle:")
    name = f"hlpf_{year or 'sdgs'}_{region.replace(' ', '_')}_{pack_lang}.zip"
    st.download_button(
        t("pack.download", lang),
        archive,
        file_name=name,
        mime="application/zip",
        key="pack_download",
        icon=":material/download:",
        on_click="ignore",
    )

st.caption(t("pack.cli", lang))
command = (
    f"python -m analytics.export hlpf --year {year} --region '{region}' --lang {pack_lang} --out pack.zip"
    if year
    else f"python -m analytics.export hlpf --sdg {','.join(map(str, sdgs))} --region '{region}' --lang {pack_lang} --out pack.zip"
)
st.code(command, language=None)
