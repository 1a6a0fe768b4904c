"""Importing a stocktaking file from the Curation page: the command line's import, for a signed-in curator.

The upload goes through `wsis_data.evidence_import.import_stocktaking_upload` (the same reader, checks and plan as
`python -m wsis_data evidence import`): a dry run first, kept per file and source in the session, then an explicit
Import that applies exactly that plan in one transaction, as the curator (the store checks the role again and
writes the audit entry). Problems are shown as plain text in the curator's language, one line each
(`ui.import_problems`); nothing the file holds is rendered as Markdown. Anyone without the curator role sees an explanation and no uploader.
"""

import pandas as pd
import streamlit as st

from messages import isolated, number, t
from ui import auth, cached
from ui.components import table
from ui.import_problems import problem_line
from ui.plain import plain
from wsis_data.evidence_import import ImportPlan, import_stocktaking_upload
from wsis_data.stocktaking import IMPORTABLE_SOURCES, StocktakingFileError
from wsis_data.store import Store, StoreError, user_roles
from wsis_data.store.evidence import DatabaseEvidenceRepository

# An upload is held in the server's memory with its plan until the curator imports it or leaves, about 15 times
# its size at its peak (a 22 MiB file of 200,000 projects: about 340 MiB), so less than the command line's 256 MiB.
# Streamlit refuses a larger file in the browser and the server (`server.maxUploadSize`); the import by its size.
UPLOAD_MAX_MIB = 32
PROBLEMS_SHOWN = 100
EXAMPLES_PER_CHANGE = 10
EXAMPLE_COLUMNS = ["import_change", "id", "title", "organisation", "countries", "action_lines", "sdg_targets", "year"]
CHANGES = ("added", "changed", "withdrawn")

CHECKED = "evimport.checked"  # the dry run on screen: ((curator, file id, source), plan or problems)
OUTCOME = "evimport.outcome"  # what the last Import did: ("success" | "error", text), shown once


def section(store: Store, lang: str) -> None:
    """Render the import of stocktaking files: the uploader, dry run and Import for curators, else why not."""
    st.subheader(t("evimport.title", lang))
    if outcome := st.session_state.pop(OUTCOME, None):
        kind, text = outcome
        (st.success if kind == "success" else st.error)(plain(text, lang))
    email = auth.signed_in_email()
    if email is None or "curator" not in user_roles(store).get(email, []):
        st.caption(plain(t("evimport.curators_only", lang), lang))
        return
    st.caption(plain(t("evimport.help", lang, limit=UPLOAD_MAX_MIB), lang))
    source = st.selectbox(
        t("evimport.source", lang),
        list(IMPORTABLE_SOURCES),
        format_func=lambda name: isolated(IMPORTABLE_SOURCES[name]["name"], lang),
        key="evimport_source",
    )
    uploaded = st.file_uploader(
        t("evimport.file", lang), type=["csv", "xlsx"], key="evimport_file", max_upload_size=UPLOAD_MAX_MIB
    )
    if uploaded is None:
        st.session_state.pop(CHECKED, None)  # the file removed: its plan is not kept in memory
        return
    checked = _dry_run(store, email, uploaded, source, lang)
    if isinstance(checked, StocktakingFileError):
        _problems(checked, lang)
    else:
        _plan(checked, lang)
        if checked.changes_nothing:
            st.info(plain(t("evimport.nothing", lang), lang), icon=":material/check:")
        else:
            st.button(
                t("evimport.import", lang),
                type="primary",
                icon=":material/upload:",
                help=t("evimport.import.help", lang),
                on_click=_import,
                args=(store, email, lang),
                key="evimport_import",
            )


def _dry_run(store: Store, email: str, uploaded, source: str, lang: str) -> ImportPlan | StocktakingFileError:
    """Return the dry run of the uploaded file into `source`, made once per curator, file and source and kept."""
    key = (email, uploaded.file_id, source)
    kept = st.session_state.get(CHECKED)
    if kept is None or kept[0] != key:
        uploaded.seek(0)
        try:
            with st.spinner(t("evimport.checking", lang)):
                result = import_stocktaking_upload(
                    uploaded,
                    uploaded.size,
                    uploaded.name,
                    source,
                    DatabaseEvidenceRepository(store),
                    curator=email,
                    dry_run=True,
                    max_bytes=UPLOAD_MAX_MIB * 1024 * 1024,
                )
        except StocktakingFileError as error:
            result = error
        kept = st.session_state[CHECKED] = (key, result)
    return kept[1]


def _problems(error: StocktakingFileError, lang: str) -> None:
    """Render a refused file: how many problems, then each as one plain-text line in the curator's language (the
    first ones on screen, all of them in the download)."""
    lines = [problem_line(problem, lang) for problem in error.problems]
    st.error(plain(t("evimport.refused", lang, count=len(lines)), lang), icon=":material/block:")
    st.text("\n".join(lines[:PROBLEMS_SHOWN]))
    if len(lines) > PROBLEMS_SHOWN:
        st.caption(plain(t("evimport.problems.more", lang, shown=PROBLEMS_SHOWN), lang))
        st.download_button(
            t("evimport.problems.download", lang),
            ("\n".join(lines) + "\n").encode("utf-8"),
            file_name="import_problems.txt",
            mime="text/plain",
            icon=":material/download:",
            on_click="ignore",
            key="evimport_problems",
        )


def _plan(plan: ImportPlan, lang: str) -> None:
    """Render what importing would change: the counts, and a few examples of each change."""
    st.text(t("evimport.dry_run", lang, file=isolated(plan.file_name, lang)))
    for column, (part, count) in zip(st.columns(4), plan.counts().items(), strict=True):
        column.metric(t("evimport.count." + part, lang), number(count, lang))
    examples = _examples(plan, lang)
    if not examples.empty:
        st.caption(plain(t("evimport.examples", lang, count=EXAMPLES_PER_CHANGE), lang))
        table(examples, lang)


def _examples(plan: ImportPlan, lang: str) -> pd.DataFrame:
    """Return at most EXAMPLES_PER_CHANGE records of each change, with the change in words."""
    parts = [
        getattr(plan, change).head(EXAMPLES_PER_CHANGE).assign(import_change=t("evimport.change." + change, lang))
        for change in CHANGES
    ]
    return pd.concat(parts, ignore_index=True)[EXAMPLE_COLUMNS]


def _import(store: Store, email: str, lang: str) -> None:
    """Apply the dry run on screen as the curator, then forget it (a callback of the Import button)."""
    checked = st.session_state.pop(CHECKED, None)
    if checked is None or not isinstance(checked[1], ImportPlan):
        return
    plan = checked[1]
    try:
        DatabaseEvidenceRepository(store).apply(plan, curator=email)
    except StoreError as error:
        st.session_state[OUTCOME] = ("error", t("curation.refused", lang, error=str(error)))
        return
    imported = t("evimport.imported", lang, file=isolated(plan.file_name, lang), **plan.counts())
    st.session_state[OUTCOME] = ("success", imported)
    # The evidence views rebuild on the next run of any page: their dataset is keyed on the sources' versions.
    cached.forget_evidence_state()
