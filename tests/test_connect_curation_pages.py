"""Connect links curated in the app (AppTest): the Curation page proposes a Connect link change, the Connect page
shows the links of the edition asked for, and the Editions page lists the Connect link changes."""

from messages import t
from tests.test_curation_pages import ADMIN, CURATOR, REVIEWER, as_user, messages, page, store  # noqa: F401
from wsis_data.store import edition_connect_links, proposals, propose, publish, review

NEW_RATIONALE = "Our reading, not an ITU mapping: SYNTHETIC rationale of a test edition."
CHANGED = ("C2030-5.1", "C11")
ADDED = ("C2020-3.1", "C10")


def published_connect_edition(store) -> None:  # noqa: F811
    place = dict(zip(("connect_code", "action_line"), CHANGED, strict=True))
    changed = propose(
        store, CURATOR, "change_connect_link", place | {"basis": "curated", "rationale": NEW_RATIONALE}, "Clearer"
    )
    added = dict(zip(("connect_code", "action_line"), ADDED, strict=True))
    added = propose(store, CURATOR, "add_connect_link", added | {"basis": "curated", "rationale": NEW_RATIONALE}, "r")
    for proposal in (changed, added):
        review(store, proposal, REVIEWER, accept=True, comment="Agreed")
    publish(store, ADMIN, "Revision of the Connect links")


def test_the_connect_page_of_an_edition_with_a_changed_link_shows_that_editions_links(store):  # noqa: F811
    published_connect_edition(store)
    test = page("app_pages/connect.py", edition="2")
    assert not test.exception
    coverage = test.dataframe[-1].value.set_index("agenda")
    assert coverage.loc["Connect 2020", "curated_links"] == 7  # six in edition 1, and the added one
    [sankey] = test.get("plotly_chart")
    links = test.selectbox(key="connect_link")
    names = links.options
    assert "C2020-3.1 → C10" in names and "C2030-5.1 → C11" in names
    links.set_value(names.index("C2030-5.1 → C11")).run()
    assert NEW_RATIONALE in [element.value for element in test.text]
    assert "C2020-3.1" in sankey.proto.spec and "C10" in sankey.proto.spec
    earlier = page("app_pages/connect.py", edition="1")
    assert "C2020-3.1 → C10" not in earlier.selectbox(key="connect_link").options
    earlier.selectbox(key="connect_link").set_value(len(earlier.selectbox(key="connect_link").options) - 1).run()
    assert NEW_RATIONALE not in [element.value for element in earlier.text]
    assert earlier.dataframe[-1].value.set_index("agenda").loc["Connect 2020", "curated_links"] == 6
    assert "C10" not in earlier.get("plotly_chart")[0].proto.spec


def test_a_curator_proposes_a_connect_link_change_on_the_curation_page_and_a_reviewer_accepts_it(store):  # noqa: F811
    test = page("app_pages/curation.py", user=CURATOR)
    test.selectbox(key="connect_kind").set_value("change_connect_link").run()
    choice = test.selectbox(key="connect_link_choice")
    choice.set_value(choice.options.index("C2030-5.1 → C11")).run()
    rationale = test.text_area(key="connect_rationale:C2030-5.1 → C11")
    assert rationale.value.startswith("Our reading, not an ITU mapping")  # the form starts from the current text
    rationale.set_value(NEW_RATIONALE)
    test.text_area(key="connect_reason").set_value("A clearer rationale")
    test.button(key="connect_propose_submit").click().run()
    assert not test.exception
    assert t("curation.proposed", "en", number=1) in messages(test, "success")
    [proposal] = proposals(store)
    assert (proposal["kind"], proposal["payload"]["rationale"]) == ("change_connect_link", NEW_RATIONALE)

    as_user(test, REVIEWER)
    assert test.selectbox(key="review_choice").value == 1
    test.text_area(key="review_comment").set_value("Agreed")
    test.button(key="review_accept").click().run()
    assert t("curation.accepted", "en", number=1) in messages(test, "success")
    log = test.dataframe[2].value
    assert "connect_link.change" in set(log["action"])


def test_an_official_connect_link_without_a_source_is_refused_naming_the_field_and_nothing_is_stored(store):  # noqa: F811
    test = page("app_pages/curation.py", user=CURATOR)
    test.selectbox(key="connect_kind").set_value("add_connect_link").run()
    test.selectbox(key="connect_code").set_value("C2020-3.1")
    test.selectbox(key="connect_action_line").set_value("C10")
    test.selectbox(key="connect_basis").set_value("official")
    test.text_area(key="connect_rationale").set_value("<b>ITU says so</b>")
    test.text_area(key="connect_reason").set_value("r")
    test.button(key="connect_propose_submit").click().run()
    assert "rationale" in messages(test, "error") and "markup" in messages(test, "error")
    test.text_area(key="connect_rationale").set_value("ITU says so")
    test.button(key="connect_propose_submit").click().run()
    assert "source" in messages(test, "error")
    assert not test.success and proposals(store) == []
    assert edition_connect_links(store, 1)[-1]["connect_code"] == "C2030-5.1"


def test_the_editions_page_lists_the_connect_link_changes(store):  # noqa: F811
    published_connect_edition(store)
    test = page("app_pages/editions.py", edition="2", base="1")
    assert not test.exception
    connect = test.dataframe[-1].value
    assert connect[["change", "field", "connect_code", "action_line"]].values.tolist() == [
        ["added", "", *ADDED],
        ["changed", "rationale", *CHANGED],
    ]
    assert t("editions.no_changes", "en", before=1, after=2) in messages(test, "info")
