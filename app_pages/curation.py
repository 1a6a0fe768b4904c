"""Curation: curators propose changes with a reason, reviewers accept or reject them, admins publish; the audit log.

Everything a curator wrote is shown as plain text (dataframes, `st.text`, or escaped Markdown).
"""

from functools import partial

import pandas as pd
import streamlit as st

from messages import listed, t
from ui import auth, cached, evidence_upload, sidebar
from ui.components import table, table_downloads
from ui.connect_proposal import connect_proposal_form
from wsis_data.constants import ACTION_LINE_CODES
from wsis_data.safe_text import escape_markdown
from wsis_data.store import (
    PROPOSAL_KINDS,
    VALIDATION_STATUSES,
    StoreError,
    audit_log,
    draft_edition,
    edition_links,
    proposals,
    propose,
    publish,
    review,
    user_roles,
)

request = sidebar.current_request()
lang = request.lang
store = cached.store()

PUBLISHED = "curation.published"

st.title(t("curation.title", lang))
st.markdown(t("curation.intro", lang))
if (published := st.session_state.pop(PUBLISHED, None)) is not None:
    st.success(t("curation.published", lang, number=published), icon=":material/check_circle:")


def refused(error: StoreError) -> None:
    """Show what the store refused and why; its message quotes the curator's input, so it is escaped."""
    st.error(t("curation.refused", lang, error=escape_markdown(str(error))), icon=":material/block:")


def submit(email: str, kind: str, payload: dict, reason: str) -> None:
    """Record one proposal and say so, or show what the store refused (nothing is then stored)."""
    try:
        number = propose(store, email, kind, payload, reason)
    except StoreError as error:
        refused(error)
    else:
        st.success(t("curation.proposed", lang, number=number), icon=":material/check_circle:")


def proposal_form(email: str) -> None:
    kind = st.selectbox(
        t("curation.kind", lang), PROPOSAL_KINDS, format_func=lambda k: t("curation.kind." + k, lang), key="kind"
    )
    with st.form("propose", clear_on_submit=False):
        payload: dict[str, object] = {}
        if kind == "add_link":
            payload["action_line"] = st.selectbox(
                t("curation.action_line", lang), ACTION_LINE_CODES, key="propose_action_line"
            )
        elif kind != "change_rationale":
            payload["link_id"] = st.number_input(t("curation.link_id", lang), min_value=1, step=1, key="propose_link")
        if kind in ("add_link", "change_target"):
            payload["goal"] = st.selectbox(t("curation.goal", lang), range(1, 18), key="propose_goal")
            payload["target"] = st.text_input(
                t("curation.target", lang), help=t("curation.target.help", lang), key="propose_target"
            )
        if kind == "change_rationale":
            payload["rationale_id"] = st.text_input(t("curation.rationale_id", lang), key="propose_rationale_id")
        if kind in ("add_link", "change_rationale"):
            payload["rationale"] = st.text_area(t("curation.rationale", lang), key="propose_rationale")
        if kind == "set_status":
            payload["status"] = st.selectbox(
                t("curation.status", lang),
                VALIDATION_STATUSES,
                format_func=lambda s: t("curation.status." + s, lang),
                key="propose_status",
            )
            payload["evidence"] = st.text_input(
                t("curation.evidence", lang), help=t("curation.evidence.help", lang), key="propose_evidence"
            )
        reason = st.text_area(t("curation.reason", lang), key="propose_reason")
        if st.form_submit_button(t("curation.propose", lang), type="primary", key="propose_submit"):
            submit(email, kind, payload, reason)


def review_form(email: str) -> None:
    waiting = [proposal for proposal in proposals(store, "open") if proposal["author"] != email]
    if not waiting:
        st.caption(t("curation.nothing_to_review", lang))
        return
    by_id = {proposal["id"]: proposal for proposal in waiting}
    chosen = st.selectbox(
        t("curation.proposal", lang),
        list(by_id),
        format_func=lambda number: t(
            "curation.proposal.option", lang, number=number, kind=t("curation.kind." + by_id[number]["kind"], lang)
        ),
        key="review_choice",
    )
    proposal = by_id[chosen]
    st.text(t("curation.proposal.by", lang, author=proposal["author"], reason=proposal["reason"]))
    st.json(proposal["payload"])
    with st.form("review"):
        comment = st.text_area(t("curation.comment", lang), key="review_comment")
        accept = st.form_submit_button(t("curation.accept", lang), type="primary", key="review_accept")
        reject = st.form_submit_button(t("curation.reject", lang), key="review_reject")
    if accept or reject:
        try:
            review(store, chosen, email, accept=accept, comment=comment)
        except StoreError as error:
            refused(error)
        else:
            outcome = "curation.accepted" if accept else "curation.rejected"
            st.success(t(outcome, lang, number=chosen), icon=":material/check_circle:")


def publish_form(email: str) -> None:
    draft = draft_edition(store)
    if draft is None:
        st.caption(t("curation.no_draft", lang))
        return
    st.caption(t("curation.draft", lang, number=draft.number, links=draft.links))
    with st.form("publish"):
        label = st.text_input(t("curation.label", lang), help=t("curation.label.help", lang), key="publish_label")
        notes = st.text_area(t("curation.notes", lang), key="publish_notes")
        if st.form_submit_button(t("curation.publish", lang), type="primary", key="publish_submit"):
            try:
                edition = publish(store, email, label, notes)
            except StoreError as error:
                refused(error)
            else:
                # The sidebar ran before this page: run again so that its edition selector lists the new edition.
                cached.forget_editions()
                st.session_state[PUBLISHED] = edition.number
                st.rerun()


email = auth.signed_in_email()
if not auth.provider_configured():
    st.info(t("curation.read_only", lang), icon=":material/lock:")
    # Without highlighting: its token colours fail the contrast check.
    st.code(auth.EXAMPLE_SECRETS, language=None)
elif email is None:
    st.info(t("curation.sign_in.help", lang), icon=":material/login:")
    st.button(t("curation.sign_in", lang), on_click=auth.sign_in, icon=":material/login:", key="sign_in")
else:
    roles = user_roles(store).get(email, [])
    st.text(
        t(
            "curation.signed_in",
            lang,
            email=email,
            roles=listed((t("role." + role, lang) for role in roles), lang) or t("curation.no_role", lang),
        )
    )
    st.button(t("curation.sign_out", lang), on_click=st.logout, icon=":material/logout:", key="sign_out")
    if not roles:
        st.warning(t("curation.no_role.help", lang, email=escape_markdown(email)), icon=":material/person_off:")
    if "curator" in roles:
        st.subheader(t("curation.propose.title", lang))
        proposal_form(email)
        connect_proposal_form(store, lang, partial(submit, email))
    if "reviewer" in roles:
        st.subheader(t("curation.review.title", lang))
        review_form(email)
    if "admin" in roles:
        st.subheader(t("curation.publish.title", lang))
        publish_form(email)

evidence_upload.section(store, lang)

st.subheader(t("curation.links.title", lang))
latest = cached.editions()[-1].number
st.caption(t("curation.links.help", lang, number=latest))
table(edition_links(store, latest), lang)

st.subheader(t("curation.proposals.title", lang))
table(pd.DataFrame(proposals(store)), lang)

st.subheader(t("curation.audit.title", lang))
st.caption(t("curation.audit.help", lang))
log = audit_log(store)
table(log, lang)
table_downloads(log, "audit_log", request, key="audit")
