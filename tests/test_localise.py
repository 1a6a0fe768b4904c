"""Tables, notices and the chart toolbar in the reader's language; stable codes where a program reads them."""

import pandas as pd
import pytest

from analytics.localise import (
    PLOTLY_TEXTS,
    header_labels,
    localised_expected,
    localised_values,
    plotly_locale,
    with_text_language,
)
from analytics.request import parse_request, request_context
from messages import t
from wsis_data.constants import LANGUAGES
from wsis_data.dataset import committed_dataset


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_the_plotly_toolbar_dictionary_translates_every_text_it_names(lang):
    config = plotly_locale(lang)
    dictionary = config["locales"][config["locale"]]["dictionary"]
    assert set(dictionary) == set(PLOTLY_TEXTS)
    assert all(dictionary[english] != english for english in ("Download plot as a PNG", "Zoom in", "Reset axes"))


def test_english_keeps_plotlys_own_words():
    assert plotly_locale("en") == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_ignored_link_parameter_is_explained_in_the_language(lang):
    query = {"hlpf": "1999", "sdg": "6,18", "palette": "pink", "sector": "Q", "cell": "C99:1", "region": "Mars"}
    notices = parse_request(query, request_context(committed_dataset())).notices
    assert {notice.param for notice in notices} >= {"hlpf", "sdg", "palette", "sector", "cell", "region"}
    for notice in notices:
        worded = localised_expected(notice, lang)
        assert "{" not in worded
        if lang != "en":
            assert worded != notice.expected, notice.param
    hlpf = next(notice for notice in notices if notice.param == "hlpf")
    assert "2016" in localised_expected(hlpf, lang)


def test_code_columns_read_as_words_and_unknown_codes_stay_as_they_are():
    frame = pd.DataFrame(
        {"region": ["Africa", "Global"], "severity": ["warning", "info"], "kind": ["goal", "empty_rationale"]}
    )
    shown = localised_values(frame, "fr")
    assert list(shown["region"]) == [t("region.Africa", "fr"), t("table.region.Global", "fr")]
    assert list(shown["severity"]) == [t("finding.severity.warning", "fr"), t("finding.severity.info", "fr")]
    assert list(shown["kind"]) == ["goal", t("finding.kind.empty_rationale", "fr")]
    assert list(frame["region"]) == ["Africa", "Global"], "the table itself keeps its codes"


def test_every_data_quality_kind_and_severity_has_words_in_every_language():
    findings = committed_dataset().data_quality
    for lang in LANGUAGES:
        shown = localised_values(findings, lang)
        assert not (shown["kind"] == findings["kind"]).any(), lang
        assert not (shown["severity"] == findings["severity"]).any(), lang


def test_headers_are_translated_where_the_catalog_has_them():
    frame = pd.DataFrame(columns=["action_line", "no_such_column"])
    assert header_labels(frame, "zh") == {
        "action_line": t("header.action_line", "zh"),
        "no_such_column": "no_such_column",
    }


def test_english_only_text_is_marked_with_its_language_in_exports():
    assert list(with_text_language(pd.DataFrame({"rationale": ["x"]}))["text_language"]) == ["en"]
    assert "text_language" not in with_text_language(pd.DataFrame({"goal": [1]})).columns
