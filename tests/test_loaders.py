"""The loading API: typed frames, labels by language with a visible fallback."""

import pytest

from wsis_data import loaders


def test_codes_are_ordered_categoricals():
    links = loaders.matrix_links()
    assert links["action_line"].cat.categories[0] == "C1"
    assert list(loaders.target_dtype().categories[:7]) == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]


def test_loaders_return_copies_that_callers_may_change():
    frame = loaders.action_lines()
    frame.loc[0, "title_en"] = "changed"
    assert loaders.action_lines().loc[0, "title_en"] != "changed"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Éliminer la pauvreté sous toutes ses formes et partout dans le monde"),
        ("en", "End poverty in all its forms everywhere"),
    ],
)
def test_goal_titles_are_looked_up_by_language(lang, expected):
    label = loaders.sdg_label("goal", "1", lang)
    assert (label.text, label.lang, label.is_fallback) == (expected, lang, False)


def test_chinese_uses_the_public_code_zh():
    assert loaders.sdg_label("goal", "4", "zh").lang == "zh"


def test_an_action_line_title_says_whether_it_is_official():
    assert loaders.action_line_label("C7.1", "fr") == loaders.Label(
        "Administration électronique", "fr", False, "official"
    )
    assert loaders.action_line_label("C6", "ru").status == "unverified"
    assert loaders.action_line_label("C4", "ar").status == "unofficial"


def test_every_action_line_has_a_title_in_every_language():
    titles = loaders.action_line_titles()
    assert titles.groupby("lang")["code"].nunique().to_dict() == dict.fromkeys(("ar", "en", "es", "fr", "ru", "zh"), 19)


def test_an_action_line_title_missing_in_a_language_falls_back_to_english_visibly(monkeypatch):
    index = {key: value for key, value in loaders._title_index().items() if key != ("C4", "ar")}
    monkeypatch.setattr(loaders, "_title_index", lambda: index)
    label = loaders.action_line_label("C4", "ar")
    assert (label.text, label.lang, label.is_fallback) == ("Capacity building", "en", True)


@pytest.mark.parametrize(
    ("iso3", "lang", "name"),
    [("KEN", "fr", "Kenya"), ("DEU", "es", "Alemania"), ("CHN", "ru", "Китай"), ("EGY", "ar", "مصر")],
)
def test_country_names_come_in_the_chosen_language(iso3, lang, name):
    assert loaders.country_label(iso3, lang).text == name


def test_an_unknown_language_is_refused_with_the_allowed_codes():
    with pytest.raises(ValueError, match="expected one of ar, zh, en, es, fr, ru"):
        loaders.sdg_label("goal", "1", "de")


def test_activity_links_explode_each_activity_into_action_line_target_pairs():
    activities = loaders.itu_activities()
    links = loaders.activity_links(activities[activities["id"] == "ITU-001"])
    assert sorted(zip(links["action_line"].astype(str), links["target"].astype(str), strict=True)) == [
        ("C2", "4.a"),
        ("C2", "9.c"),
        ("C7.3", "4.a"),
        ("C7.3", "9.c"),
    ]
    assert sorted(set(links["goal"])) == [4, 9]


def test_goal_labels_cover_all_17_goals():
    labels = loaders.goal_labels("ru")
    assert len(labels) == 17
    assert not labels["is_fallback"].any()
