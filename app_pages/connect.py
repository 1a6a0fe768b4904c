"""Connect agenda: the Sankey Connect goal or target → action line → SDG, its table, the basis and rationale of
each Connect link, and what the Connect sources cover."""

import streamlit as st

from analytics.connect import CONNECT_STAGE
from messages import t
from ui import cached, sidebar
from ui.components import chart, table
from wsis_data.safe_text import escape_markdown

request = sidebar.current_request()
lang = request.lang
dataset = cached.dataset(request.edition)

st.title(t("connect.title", lang))
st.markdown(t("connect.intro", lang))
view = cached.chart("connect", dataset, request)
links = view.table[view.table["stage"] == CONNECT_STAGE]
if links.empty:
    st.info(t("connect.empty", lang))
else:
    chart(view, request, key="connect_chart")

    st.subheader(t("connect.detail.heading", lang))
    agenda = dataset.connect_agenda.set_index("connect_code")
    chosen = st.selectbox(
        t("connect.detail.choose", lang),
        range(len(links)),
        format_func=lambda row: f"{links.iloc[row]['source']} → {links.iloc[row]['target']}",
        key="connect_link",
    )
    link = links.iloc[chosen]
    goal_or_target = agenda.loc[link["source"]]
    # Rationales and sources are data: shown as plain text (st.text), never as Markdown.
    st.caption(t("connect.detail.target", lang))
    st.text(f"{link['source']} · {goal_or_target['agenda']} · {goal_or_target['goal_name']}: {goal_or_target['text']}")
    st.caption(t("connect.detail.basis", lang))
    st.text(link["basis_note"])
    st.caption(t("connect.detail.rationale", lang))
    st.text(link["rationale"])
    st.caption(t("connect.detail.source", lang))
    st.text(link["source_url"] or t("connect.detail.no_source", lang))
    st.caption(t("connect.detail.note", lang))

st.subheader(t("connect.coverage.heading", lang))
coverage = cached.connect_coverage(dataset)
for row in coverage.itertuples(index=False):
    st.markdown(
        "- "
        + escape_markdown(
            t(
                "connect.coverage.line",
                lang,
                agenda=row.agenda,
                goals=row.goals,
                targets=row.targets,
                verified=row.verified,
                partial=row.partial,
                curated=row.curated_links,
                official=row.official_links,
            )
        )
    )
st.caption(t("connect.coverage.missing", lang))
if not coverage["official_links"].any():
    st.caption(t("connect.coverage.no_official", lang))
table(coverage, lang)
