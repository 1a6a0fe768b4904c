"""The Editions and Curation pages with AppTest: read-only without an identity provider, signed-in curation flows
(with `AppTest.user` standing in for the provider's identity), the store's refusals, the diff of two editions."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from messages import t
from tests.conftest import ROOT
from ui.auth import EXAMPLE_SECRETS
from wsis_data.store import grant_role, open_store, propose, publish, review

TIMEOUT_S = 60
CURATOR, REVIEWER, ADMIN = "ana@example.org", "ben@example.org", "ada@example.org"
# A provider configuration pointing nowhere: AppTest never follows st.login, it reads `AppTest.user`.
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "SYNTHETIC test secret",
    "client_id": "dashboard",
    "client_secret": "SYNTHETIC",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.fixture
def store(tmp_path, monkeypatch, sqlite_template):
    """An edition store of its own (edition 1, three users with one role each) that the app under test opens."""
    path = tmp_path / "wsis.sqlite3"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("WSIS_DATABASE_URL", f"sqlite:///{path}")
    opened = open_store()
    for email, role in ((CURATOR, "curator"), (REVIEWER, "reviewer"), (ADMIN, "admin")):
        grant_role(opened, email, role)
    return opened


def page(path: str, user: str | None = None, provider: bool = True, **query: str) -> AppTest:
    test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT_S)
    if provider:
        test.secrets["auth"] = AUTH
    test.user = {"is_logged_in": user is not None, **({"email": user} if user else {})}
    for name, value in query.items():
        test.query_params[name] = value
    test.run()
    test.switch_page(path)
    return test.run()


def as_user(test: AppTest, email: str | None) -> AppTest:
    test.user = {"is_logged_in": email is not None, **({"email": email} if email else {})}
    return test.run()


def messages(test: AppTest, kind: str) -> str:
    return " ".join(str(element.value) for element in getattr(test, kind)).replace("\\", "").replace("\u2060", "")


def propose_status(test: AppTest, link: int, status: str, evidence: str, reason: str) -> AppTest:
    test.selectbox(key="kind").set_value("set_status").run()
    test.number_input(key="propose_link").set_value(link)
    test.selectbox(key="propose_status").set_value(status)
    test.text_input(key="propose_evidence").set_value(evidence)
    test.text_area(key="propose_reason").set_value(reason)
    return test.button(key="propose_submit").click().run()


def test_without_an_identity_provider_the_curation_page_is_read_only_and_shows_how_to_configure_one(store):
    test = page("app_pages/curation.py", provider=False)
    assert not test.exception
    assert t("curation.read_only", "en") in messages(test, "info")
    assert [block.value for block in test.main.code] == [EXAMPLE_SECRETS.strip()]
    assert not [button for button in test.button if button.key in ("sign_in", "propose_submit")]
    assert len(test.dataframe) == 3  # the latest edition's links, the proposals, the audit log


def test_a_signed_out_visitor_is_offered_the_sign_in_button_and_no_form(store):
    test = page("app_pages/curation.py")
    assert not test.exception
    assert test.button(key="sign_in").label == t("curation.sign_in", "en")
    assert not test.get("form")


def test_a_curator_proposes_a_reviewer_accepts_and_an_admin_publishes_edition_2(store):
    test = page("app_pages/curation.py", user=CURATOR)
    assert "Signed in as ana@example.org · roles: curator" in [text.value for text in test.text]
    propose_status(test, 3, "validated", "itu-2024-17", "Checked against the 2024 activity report")
    assert not test.exception
    assert t("curation.proposed", "en", number=1) in messages(test, "success")

    as_user(test, REVIEWER)
    assert test.selectbox(key="review_choice").value == 1
    test.text_area(key="review_comment").set_value("Evidence checked")
    test.button(key="review_accept").click().run()
    assert t("curation.accepted", "en", number=1) in messages(test, "success")

    as_user(test, ADMIN)
    test.text_input(key="publish_label").set_value("Revision after HLPF 2027")
    test.button(key="publish_submit").click().run()
    assert t("curation.published", "en", number=2) in messages(test, "success")
    assert test.sidebar.selectbox(key="widget.edition").options[0].startswith("Edition 2: Revision after HLPF 2027")
    log = test.dataframe[2].value
    assert log["action"].tolist()[-5:] == [
        "proposal.create",
        "edition.draft",
        "link.set_status",
        "proposal.accept",
        "edition.publish",
    ]
    assert log["actor"].tolist()[-5:] == [CURATOR, REVIEWER, REVIEWER, REVIEWER, ADMIN]


def test_a_reviewer_never_sees_their_own_proposal_to_review(store):
    grant_role(store, CURATOR, "reviewer")
    test = page("app_pages/curation.py", user=CURATOR)
    propose_status(test, 3, "contested", "", "The rationale names no activity")
    assert t("curation.nothing_to_review", "en") in [caption.value for caption in test.caption]


def test_an_empty_reason_and_markup_are_refused_with_a_message_naming_the_field_and_nothing_is_stored(store):
    test = page("app_pages/curation.py", user=CURATOR)
    propose_status(test, 3, "contested", "", "")
    assert "reason" in messages(test, "error")
    propose_status(test, 3, "contested", "", "See [this](https://attacker.example) ![x](https://a.example/i.png)")
    shown = messages(test, "error")
    assert "reason" in shown and "markup" in shown
    assert not test.success
    assert test.dataframe[1].value.empty  # no proposal stored


def test_a_second_accept_on_the_same_link_is_a_conflict_naming_the_first_change(store):
    first = propose(store, CURATOR, "set_status", {"link_id": 3, "status": "contested"}, "No activity found")
    second = propose(store, CURATOR, "change_target", {"link_id": 3, "goal": 4, "target": "4.4"}, "Skills, not access")
    review(store, first, REVIEWER, accept=True, comment="Agreed")
    test = page("app_pages/curation.py", user=REVIEWER)
    assert test.selectbox(key="review_choice").value == second
    test.text_area(key="review_comment").set_value("Looks right")
    test.button(key="review_accept").click().run()
    shown = messages(test, "error")
    assert "conflict" in shown and f"proposal {first}" in shown, shown


def test_the_audit_log_is_a_read_only_table_with_csv_and_xlsx_downloads(store):
    test = page("app_pages/curation.py", user=CURATOR)
    log = test.dataframe[2].value
    assert {"actor", "action", "before", "after"} <= set(log.columns)
    assert "role.grant" in set(log["action"])
    assert not test.get("arrow_data_editor") and not test.get("data_editor")
    downloads = [element for element in test.get("download_button") if element.proto.id]
    assert len(downloads) >= 2


def published_second_edition(store) -> None:
    changed = propose(store, CURATOR, "set_status", {"link_id": 3, "status": "contested"}, "No activity found")
    removed = propose(store, CURATOR, "remove_link", {"link_id": 5}, "Duplicate of another link")
    for proposal in (changed, removed):
        review(store, proposal, REVIEWER, accept=True, comment="Agreed")
    publish(store, ADMIN, "Revision after HLPF 2027")


def test_the_editions_page_shows_the_heatmap_and_table_of_changes_from_edition_1_to_2(store):
    published_second_edition(store)
    test = page("app_pages/editions.py", edition="2", base="1")
    assert not test.exception
    assert test.sidebar.selectbox(key="widget.edition").value == "2"
    summary = t("summary.edition_diff", "en", before=1, added=0, removed=1, changed=1)
    assert summary in [caption.value for caption in test.caption]
    changes = test.dataframe[0].value
    assert sorted(changes["change"]) == ["changed", "removed"]
    assert set(changes["link_id"]) == {3, 5}
    assert dict(test.query_params)["edition"] == "2" and dict(test.query_params)["base"] == "1"


def test_a_delegate_opening_edition_2_sees_it_named_in_the_chart_captions(store):
    published_second_edition(store)
    test = page("app_pages/overview.py", edition="2")
    assert not test.exception
    captions = messages(test, "caption")
    assert "Edition 2: Revision after HLPF 2027" in captions


def test_an_unknown_edition_or_base_falls_back_to_the_latest_with_a_notice(store):
    test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT_S)
    test.query_params["edition"], test.query_params["base"] = "7", "x"
    test.run()
    assert not test.exception
    notices = " ".join(warning.value for warning in test.warning)
    assert "edition=" in notices and "base=" in notices
    assert test.sidebar.selectbox(key="widget.edition").value == "1"
    assert dict(test.query_params)["edition"] == "1" and "base" not in dict(test.query_params)
