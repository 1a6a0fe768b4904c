"""Importing a stocktaking file on the Curation page, with AppTest: a signed-in curator's dry run and Import,
hostile files refused line by line with nothing stored, and no uploader for anyone else.

Every project here is SYNTHETIC (ids `SYN-…`, example.org URLs), written by the tests.
"""

# ruff: noqa: F811 (the curation pages' `store` fixture, imported, is every test's argument)
import csv
import hashlib
import io
import tomllib

import pytest
from openpyxl import Workbook
from sqlalchemy import delete

from messages import t
from tests.conftest import ROOT
from tests.shown import shown
from tests.test_app_pages import texts
from tests.test_curation_pages import ADMIN, CURATOR, REVIEWER, page, store  # noqa: F401
from ui.evidence_upload import UPLOAD_MAX_MIB
from wsis_data.evidence_import import import_stocktaking_upload
from wsis_data.stocktaking import RECORD_COLUMNS
from wsis_data.store import audit_entries
from wsis_data.store.evidence import DatabaseEvidenceRepository
from wsis_data.store.models import RoleRow

CURATION = "app_pages/curation.py"
SOURCE = "wsis_stocktaking"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SYNTHETIC = [
    [
        "SYN-1",
        "Synthetic project one",
        "Org A",
        "KEN;RWA",
        "C7.3;C2",
        "4.4;9.c",
        "2020",
        "https://example.org/1",
        "C7.3>4.4",
    ],
    ["SYN-2", "Synthetic project two", "", "", "C1;C2", "1.1;2.1", "", "", ""],
    ["SYN-3", "Synthetic project three", "Org C", "FRA", "", "5", "2019", "", ""],
]


def csv_bytes(rows, header=RECORD_COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def upload(test, name: str, content: bytes):
    test.file_uploader(key="evimport_file").set_value((name, content, "text/csv"))
    return test.run()


def problem_lines(test) -> list[str]:
    """Return the lines of the problem list: the page's last plain text, under the refusal."""
    return shown(test.text[-1].value).splitlines()


def imports(store) -> list[dict]:
    return [entry for entry in audit_entries(store) if entry["action"] == "evidence_import"]


def metrics(test) -> dict[str, str]:
    return {metric.label: metric.value for metric in test.metric}


def test_a_curators_dry_run_shows_what_would_be_added_and_stores_nothing(store):
    test = upload(page(CURATION, user=CURATOR), "synthetic.csv", csv_bytes(SYNTHETIC))
    assert not test.exception
    assert metrics(test) == {"Added": "3", "Changed": "0", "Withdrawn": "0", "Unchanged": "0"}
    examples = test.dataframe[0].value
    assert list(examples["id"]) == ["SYN-1", "SYN-2", "SYN-3"]
    assert set(examples["import_change"]) == {"added"}
    assert test.button(key="evimport_import").label == t("evimport.import", "en")
    repository = DatabaseEvidenceRepository(store)
    assert repository.version(SOURCE) == 0 and repository.items(SOURCE).empty
    assert imports(store) == []


def test_import_stores_the_checked_file_in_the_audit_log_under_the_curator_and_evidence_views_show_it(store):
    content = csv_bytes(SYNTHETIC)
    test = upload(page(CURATION, user=CURATOR), "synthetic.csv", content)
    test.button(key="evimport_import").click().run()
    assert not test.exception
    success = " ".join(shown(element.value) for element in test.success)
    assert "Imported synthetic.csv: 3 added, 0 changed, 0 withdrawn, 0 unchanged" in success
    repository = DatabaseEvidenceRepository(store)
    assert repository.version(SOURCE) == 1
    assert list(repository.items(SOURCE)["id"]) == ["SYN-1", "SYN-2", "SYN-3"]
    [entry] = imports(store)
    assert entry["actor"] == CURATOR and entry["subject"] == SOURCE and entry["at"]
    sha256 = hashlib.sha256(content).hexdigest()
    assert entry["after"] == {
        "origin": f"synthetic.csv (sha256 {sha256[:12]})",
        "file": "synthetic.csv",
        "sha256": sha256,
        "added": 3,
        "changed": 0,
        "withdrawn": 0,
        "unchanged": 0,
    }
    # The audit table further down the same page already lists it.
    assert "evidence_import" in set(test.dataframe[-1].value["action"])
    test.switch_page("app_pages/activities_regions.py")
    test.run()
    assert not test.exception
    assert "3 projects imported from synthetic.csv" in texts(test)


def test_importing_the_same_file_again_changes_nothing_and_says_so(store):
    test = upload(page(CURATION, user=CURATOR), "synthetic.csv", csv_bytes(SYNTHETIC))
    test.button(key="evimport_import").click().run()
    # The same file still in the uploader is checked again: nothing would change, and there is nothing to confirm.
    assert t("evimport.nothing", "en") in " ".join(shown(element.value) for element in test.info)
    assert metrics(test) == {"Added": "0", "Changed": "0", "Withdrawn": "0", "Unchanged": "3"}
    assert not [button for button in test.button if button.key == "evimport_import"]
    upload(test, "synthetic-again.csv", csv_bytes(SYNTHETIC))
    assert t("evimport.nothing", "en") in " ".join(shown(element.value) for element in test.info)
    assert DatabaseEvidenceRepository(store).version(SOURCE) == 1
    assert len(imports(store)) == 1


def test_a_newer_file_reports_what_it_adds_changes_and_withdraws(store):
    test = upload(page(CURATION, user=CURATOR), "v1.csv", csv_bytes(SYNTHETIC))
    test.button(key="evimport_import").click().run()
    newer = [
        [*SYNTHETIC[0][:6], "2021", *SYNTHETIC[0][7:]],
        SYNTHETIC[1],
        ["SYN-4", "Synthetic project four", "", "", "C4", "", "", "", ""],
    ]
    upload(test, "v2.csv", csv_bytes(newer))
    assert metrics(test) == {"Added": "1", "Changed": "1", "Withdrawn": "1", "Unchanged": "1"}
    examples = test.dataframe[0].value
    assert dict(zip(examples["id"], examples["import_change"], strict=True)) == {
        "SYN-4": "added",
        "SYN-1": "changed",
        "SYN-3": "withdrawn",
    }
    test.button(key="evimport_import").click().run()
    assert list(DatabaseEvidenceRepository(store).items(SOURCE)["id"]) == ["SYN-1", "SYN-2", "SYN-4"]


def hostile_files() -> list:
    """SYNTHETIC hostile files, each with the (English) problem lines the page must refuse it with."""
    formula = [["=1+2", *SYNTHETIC[0][1:]], [*SYNTHETIC[1][:7], '=HYPERLINK("http://attacker.example","x")', ""]]
    duplicated = [SYNTHETIC[0], SYNTHETIC[1], [SYNTHETIC[0][0], *SYNTHETIC[2][1:]]]
    unknown_line = [[*SYNTHETIC[1][:4], "C12;C2", *SYNTHETIC[1][5:]]]
    latin1 = csv_bytes(SYNTHETIC[:1]) + "SYN-9,Projet synthétique,,,C1,,,,\n".encode("latin-1")
    return [
        pytest.param(
            "formula.csv",
            csv_bytes(formula),
            ["Row 2, column id: '=1+2'", 'Row 3, column url: \'=HYPERLINK("http://attacker.example","x")\''],
            id="formula cells",
        ),
        pytest.param(
            "duplicated.csv",
            csv_bytes(duplicated),
            ["Row 4, column id: 'SYN-1' — each id must be unique; this one is first used in row 2"],
            id="duplicated ids",
        ),
        pytest.param(
            "latin1.csv",
            latin1,
            ["The file cannot be read as a table: the file is not UTF-8 text: byte 0xe9 at offset"],
            id="bad encoding",
        ),
        pytest.param(
            "unknown.csv",
            csv_bytes(unknown_line),
            ["Row 2, column action_lines: 'C12' — an action line code C1–C11 or C7.1–C7.8 was expected"],
            id="unknown action line",
        ),
        pytest.param(
            "wide.csv",
            b"id," + b",".join(b"c%d" % number for number in range(100)) + b"\n",
            ["The file cannot be read as a table: row 1: 101 columns: expected at most 64"],
            id="too many columns",
        ),
    ]


@pytest.mark.parametrize(("name", "content", "expected"), hostile_files())
def test_a_hostile_file_is_refused_with_one_plain_line_per_problem_and_nothing_is_stored(
    store, name, content, expected
):
    test = upload(page(CURATION, user=CURATOR), name, content)
    assert not test.exception
    refused = " ".join(shown(element.value) for element in test.error)
    assert "nothing was stored" in refused
    lines = problem_lines(test)
    for line in expected:
        assert any(shown_line.startswith(line) for shown_line in lines), (line, lines)
    assert not [button for button in test.button if button.key == "evimport_import"]
    assert not test.metric
    assert DatabaseEvidenceRepository(store).version(SOURCE) == 0
    assert imports(store) == []


def test_a_file_over_the_upload_limit_is_refused_by_its_size(store, monkeypatch):
    monkeypatch.setattr("ui.evidence_upload.UPLOAD_MAX_MIB", 1)
    content = csv_bytes(SYNTHETIC) + b"#" * (1024 * 1024)
    test = upload(page(CURATION, user=CURATOR), "large.csv", content)
    assert not test.exception
    assert problem_lines(test) == [
        f"The file cannot be read as a table: the file is {len(content):,} bytes: expected at most 1,048,576 bytes"
    ]
    assert DatabaseEvidenceRepository(store).version(SOURCE) == 0


def test_problem_lines_are_plain_text_never_markdown(store):
    hostile = [["SYN-1", "x", "", "", "[C1](https://attacker.example) ![i](https://a.example/i.png)", "", "", "", ""]]
    test = upload(page(CURATION, user=CURATOR), "markup.csv", csv_bytes(hostile))
    lines = problem_lines(test)
    assert any("column action_lines: '[C1](https://attacker.example) ![i]" in line for line in lines), lines
    # Problems are `st.text` (never Markdown); the other messages escape what they quote.
    assert not [element for element in test.markdown if "attacker.example" in element.value]
    assert all("](" not in element.value for element in test.error)


@pytest.mark.parametrize("user", [None, REVIEWER, ADMIN, "nobody@example.org"])
def test_anyone_but_a_signed_in_curator_sees_an_explanation_and_no_uploader(store, user):
    test = page(CURATION, user=user)
    assert not test.exception
    assert not test.file_uploader
    assert "Only a signed-in curator imports stocktaking files here" in texts(test)


def test_without_an_identity_provider_no_uploader_is_offered(store):
    test = page(CURATION, provider=False)
    assert not test.file_uploader
    assert "Only a signed-in curator imports stocktaking files here" in texts(test)


def test_a_curator_whose_role_is_gone_by_the_import_is_refused_and_nothing_is_stored(store):
    test = upload(page(CURATION, user=CURATOR), "synthetic.csv", csv_bytes(SYNTHETIC))
    # The role is taken away in the database between the dry run and the Import: the store checks it again.
    with store.transaction() as session:
        session.execute(delete(RoleRow).where(RoleRow.email == CURATOR))
    test.button(key="evimport_import").click().run()
    refused = " ".join(shown(element.value) for element in test.error)
    assert "does not have the curator role" in refused
    assert DatabaseEvidenceRepository(store).version(SOURCE) == 0


def test_the_server_refuses_an_upload_body_over_the_import_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == UPLOAD_MAX_MIB


def test_a_file_with_many_problems_lists_the_first_hundred_and_offers_all_of_them_as_a_download(store):
    bad = [[f"SYN-{number}", "Synthetic", "", "", "C99", "", "", "", ""] for number in range(150)]
    test = upload(page(CURATION, user=CURATOR), "many.csv", csv_bytes(bad))
    lines = problem_lines(test)
    assert len(lines) == 100 and lines[0].startswith("Row 2, column action_lines: 'C99'")
    assert "Problems: 150" in " ".join(shown(element.value) for element in test.error)
    downloads = [element for element in test.get("download_button") if element.proto.id]
    assert t("evimport.problems.download", "en") in [element.proto.label for element in downloads]


def test_removing_the_file_forgets_its_dry_run(store):
    test = upload(page(CURATION, user=CURATOR), "synthetic.csv", csv_bytes(SYNTHETIC))
    assert "evimport.checked" in test.session_state
    test.file_uploader(key="evimport_file").clear().run()
    assert not test.metric and "evimport.checked" not in test.session_state


def test_an_xlsx_file_imports_like_a_csv(store):
    workbook = Workbook()
    workbook.active.append(list(RECORD_COLUMNS))
    for row in SYNTHETIC:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    test = page(CURATION, user=CURATOR)
    test.file_uploader(key="evimport_file").set_value(("synthetic.xlsx", content.getvalue(), XLSX)).run()
    assert metrics(test) == {"Added": "3", "Changed": "0", "Withdrawn": "0", "Unchanged": "0"}
    test.button(key="evimport_import").click().run()
    assert list(DatabaseEvidenceRepository(store).items(SOURCE)["id"]) == ["SYN-1", "SYN-2", "SYN-3"]


def test_an_import_made_elsewhere_after_the_dry_run_refuses_the_stale_one_and_the_page_checks_again(store):
    test = upload(page(CURATION, user=CURATOR), "synthetic.csv", csv_bytes(SYNTHETIC))
    content = csv_bytes(SYNTHETIC[:1])
    repository = DatabaseEvidenceRepository(store)
    import_stocktaking_upload(io.BytesIO(content), len(content), "other.csv", SOURCE, repository, curator=CURATOR)
    test.button(key="evimport_import").click().run()
    assert "changed by another import" in " ".join(shown(element.value) for element in test.error)
    assert list(repository.items(SOURCE)["id"]) == ["SYN-1"] and repository.version(SOURCE) == 1
    # The file is checked again against what the source now holds.
    assert metrics(test) == {"Added": "2", "Changed": "0", "Withdrawn": "0", "Unchanged": "1"}
