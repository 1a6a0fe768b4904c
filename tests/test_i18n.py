"""The six UN languages: complete catalogs, matching placeholders, and each language shown in the running app."""

import pytest
from babel import Locale
from streamlit.testing.v1 import AppTest

from messages import (
    RAW_PLACEHOLDERS,
    catalog,
    catalog_files,
    number,
    percent,
    placeholders,
    plural,
    plural_branches,
    plural_category,
    t,
)
from tests.conftest import ROOT
from wsis_data.constants import LANGUAGES
from wsis_data.dataset import committed_dataset


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


COUNTS = (0, 1, 2, 3, 11, 100)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("count", COUNTS)
def test_every_message_reads_for_every_count_with_the_cldr_plural_form_and_locale_numbers(lang, count):
    for key, text in catalog(lang).items():
        names = placeholders(text)
        shown = t(key, lang, **dict.fromkeys(names, count))
        assert "{" not in shown and "}" not in shown, (key, shown)
        for name, branches, _start, _end in plural_branches(text):
            category = plural_category(count, lang)
            chosen = branches.get(f"={count}") or branches.get(category)
            assert chosen is not None, f"{lang} {key}: no branch for {count} ({category}) in {name}"
            assert chosen.replace("#", number(count, lang)).split("{")[0] in shown, (key, count, shown)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_plural_has_a_branch_for_each_plural_category_of_its_language(lang):
    categories = Locale.parse({"zh": "zh_Hans"}.get(lang, lang)).plural_form.tags | {"other"}
    for key, text in catalog(lang).items():
        for name, branches, _start, _end in plural_branches(text):
            missing = categories - set(branches) - ({"many"} if lang in ("fr", "es") else set())
            assert not missing, f"{lang} {key}: plural {name} lacks {sorted(missing)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_counts_given_as_numbers_are_written_with_the_locale_grouping(lang):
    for key, text in catalog(lang).items():
        names = placeholders(text) - RAW_PLACEHOLDERS
        if names:
            shown = t(key, lang, **dict.fromkeys(placeholders(text), 12345))
            assert number(12345, lang) in shown, (key, shown)


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 1, "1 lien"),
        ("fr", 2, "2 liens"),
        ("fr", 0, "0 lien"),
        ("en", 1, "1 link"),
        ("en", 2, "2 links"),
        ("ar", 1, "رابط واحد"),
        ("ar", 2, "رابطان"),
        ("ar", 3, "3 روابط"),
        ("ar", 11, "11 رابطاً"),
        ("ar", 100, "100 رابط"),
        ("ru", 1, "1 связь"),
        ("ru", 3, "3 связи"),
        ("ru", 11, "11 связей"),
        ("ru", 21, "21 связь"),
        ("fr", 12345, "12\u202f345 liens"),
    ],
)
def test_plurals_follow_cldr_in_each_language(lang, count, expected):
    assert plural("brief.links", count, lang) == expected


def test_a_count_already_formatted_for_the_locale_still_takes_its_plural_form():
    assert t("brief.links", "fr", count=number(12345, "fr")) == "12\u202f345 liens"
    assert t("brief.links", "ar", count="2") == "رابطان"


@pytest.mark.parametrize(("lang", "expected"), [("en", "60%"), ("fr", "60\xa0%"), ("zh", "60%")])
def test_percentages_follow_the_locale(lang, expected):
    assert percent(0.6, lang) == expected


def test_years_and_goal_numbers_are_not_grouped_like_counts():
    assert "2025" in t("overview.hlpf", "en", year=2025, sdgs="1", theme="x")


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
