"""The six UN languages: complete catalogs, matching placeholders, and each language shown in the running app."""

import string

import pytest
from streamlit.testing.v1 import AppTest

from messages import catalog, catalog_files, number, t
from tests.conftest import ROOT
from wsis_data.constants import LANGUAGES
from wsis_data.dataset import committed_dataset


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_has_every_english_key_with_the_same_placeholders(lang):
    english, other = catalog("en"), catalog(lang)
    assert sorted(set(english) - set(other)) == []
    assert sorted(set(other) - set(english)) == []
    assert [key for key in english if placeholders(english[key]) != placeholders(other[key])] == []
    assert all(value.strip() for value in other.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_area_has_its_catalog_file_in_every_language(lang):
    areas = {path.parent.name for path in catalog_files("en")[1:]}
    assert {path.parent.name for path in catalog_files(lang)[1:]} == areas


def test_a_missing_key_is_an_error_not_a_silent_blank():
    with pytest.raises(KeyError):
        t("no.such.key", "fr")


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [("en", 12345, "12,345"), ("fr", 12345, "12\u202f345"), ("ar", 12345, "12,345"), ("ru", 12345, "12\xa0345")],
)
def test_numbers_are_formatted_for_the_locale(lang, value, expected):
    assert number(value, lang) == expected


KNOWN_PAGE_TITLE = {
    "ar": "ملف الهدف",
    "zh": "可持续发展目标概况",
    "en": "SDG profile",
    "es": "Perfil de ODS",
    "fr": "Profil d'ODD",
    "ru": "Профиль ЦУР",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_shows_its_ui_strings_and_official_goal_titles(lang):
    test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    test.query_params["lang"] = lang
    test.run()
    test.switch_page("app_pages/sdg_profile.py").run()
    assert not test.exception
    assert test.title[0].value == KNOWN_PAGE_TITLE[lang]
    goal_title = committed_dataset().sdg_label("goal", "1", lang).text
    assert any(goal_title in element.value for element in test.markdown)
    assert test.sidebar.selectbox(key="widget.region").format_func("Africa") == t("region.Africa", lang)
