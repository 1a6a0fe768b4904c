"""The Curation page's form for a Connect link: add one, remove one, or change its basis, rationale or source.

A Connect link goes from a Connect goal or target to a WSIS action line. The store refuses an `official` link
without the URL of its ITU source and a `curated` one without a rationale; the form says so before it is sent.
Current rationales and sources are curators' text: shown with `st.text`, never as Markdown.
"""

from collections.abc import Callable

import streamlit as st

from messages import t
from wsis_data.connect import LINK_BASES
from wsis_data.constants import ACTION_LINE_CODES
from wsis_data.store import CONNECT_PROPOSAL_KINDS, Store, working_connect_links
from wsis_data.store.connect_links import connect_agenda


def _link_name(link: dict[str, str]) -> str:
    return f"{link['connect_code']} → {link['action_line']}"


def _new_link(lang: str) -> dict[str, str]:
    agenda = {row["connect_code"]: row for row in connect_agenda()}
    code = st.selectbox(
        t("connect.curate.code", lang),
        list(agenda),
        format_func=lambda code: f"{code} · {agenda[code]['agenda']}: {agenda[code]['text']}"[:140],
        key="connect_code",
    )
    action_line = st.selectbox(t("connect.curate.action_line", lang), ACTION_LINE_CODES, key="connect_action_line")
    return {"connect_code": code, "action_line": action_line}


def _stored_link(links: list[dict[str, str]], lang: str) -> dict[str, str]:
    chosen = st.selectbox(
        t("connect.curate.link", lang),
        range(len(links)),
        format_func=lambda row: _link_name(links[row]),
        key="connect_link_choice",
    )
    link = links[chosen]
    st.caption(t("connect.curate.current", lang))
    st.text(f"{t('connect.basis.' + link['basis'], lang)}\n{link['rationale']}\n{link['source']}".strip())
    return link


def connect_proposal_form(store: Store, lang: str, submit: Callable[[str, dict, str], None]) -> None:
    """Render the form that proposes one Connect link change; `submit(kind, payload, reason)` sends it as the page
    sends its other proposals (recorded, or the store's refusal shown)."""
    st.subheader(t("connect.curate.title", lang))
    st.caption(t("connect.curate.help", lang))
    kind = st.selectbox(
        t("connect.curate.kind", lang),
        CONNECT_PROPOSAL_KINDS,
        format_func=lambda k: t("curation.kind." + k, lang),
        key="connect_kind",
    )
    links = working_connect_links(store)
    if kind != "add_connect_link" and not links:
        st.info(t("connect.curate.none", lang), icon=":material/info:")
        return
    place = _new_link(lang) if kind == "add_connect_link" else _stored_link(links, lang)
    payload: dict[str, object] = {"connect_code": place["connect_code"], "action_line": place["action_line"]}
    with st.form("connect_propose", clear_on_submit=False):
        if kind != "remove_connect_link":
            # A change starts from the link's current values: each link has its own fields.
            current = place if kind == "change_connect_link" else {"basis": "curated", "rationale": "", "source": ""}
            suffix = "" if kind == "add_connect_link" else f":{_link_name(place)}"
            payload["basis"] = st.selectbox(
                t("connect.curate.basis", lang),
                LINK_BASES,
                index=LINK_BASES.index(current["basis"]),
                format_func=lambda basis: t("connect.basis." + basis, lang),
                key="connect_basis" + suffix,
            )
            payload["rationale"] = st.text_area(
                t("connect.curate.rationale", lang), value=current["rationale"], key="connect_rationale" + suffix
            )
            payload["source"] = st.text_input(
                t("connect.curate.source", lang),
                value=current["source"],
                help=t("connect.curate.source.help", lang),
                key="connect_source" + suffix,
            )
        reason = st.text_area(t("connect.curate.reason", lang), key="connect_reason")
        if st.form_submit_button(t("connect.curate.propose", lang), type="primary", key="connect_propose_submit"):
            submit(kind, payload, reason)
