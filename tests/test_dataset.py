"""The dataset seam: typed frames parsed once, labels by language with a visible fallback, a key per content."""

import dataclasses

import pandas as pd
import pytest

from wsis_data import loaders
from wsis_data.dataset import COMMITTED_EDITION, Dataset, Label, committed_dataset

DATASET = committed_dataset()


def test_codes_are_ordered_categoricals():
    assert DATASET.matrix_links["action_line"].cat.categories[0] == "C1"
    assert list(DATASET.target_dtype.categories[:7]) == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]


def test_the_committed_dataset_names_its_edition_and_evidence_sources():
    assert DATASET.edition == COMMITTED_EDITION
    assert "09aad16" in DATASET.edition_label
    assert DATASET.edition_info["matrix"]["commit"].startswith("09aad16")
    assert DATASET.evidence_sources == ("itu_activities", "wsis_prizes")
    assert committed_dataset() is DATASET


def test_a_dataset_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DATASET.edition = "3"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Éliminer la pauvreté sous toutes ses formes et partout dans le monde"),
        ("en", "End poverty in all its forms everywhere"),
    ],
)
def test_goal_titles_are_looked_up_by_language(lang, expected):
    label = DATASET.sdg_label("goal", "1", lang)
    assert (label.text, label.lang, label.is_fallback) == (expected, lang, False)


def test_chinese_uses_the_public_code_zh():
    assert DATASET.sdg_label("goal", "4", "zh").lang == "zh"


def test_an_action_line_title_says_whether_it_is_official():
    assert DATASET.action_line_label("C7.1", "fr") == Label("Administration électronique", "fr", False, "official")
    assert DATASET.action_line_label("C6", "ru").status == "unverified"
    assert DATASET.action_line_label("C4", "ar").status == "unofficial"


def test_every_action_line_has_a_title_in_every_language():
    titles = DATASET.action_line_titles
    assert titles.groupby("lang")["code"].nunique().to_dict() == dict.fromkeys(("ar", "en", "es", "fr", "ru", "zh"), 19)


def test_an_action_line_title_missing_in_a_language_falls_back_to_english_visibly():
    titles = DATASET.source_tables["action_line_titles"]
    without = titles[~((titles["code"] == "C4") & (titles["lang"] == "ar"))].reset_index(drop=True)
    edited = DATASET.with_tables({"action_line_titles": without}, edition="2", edition_info={})
    label = edited.action_line_label("C4", "ar")
    assert (label.text, label.lang, label.is_fallback) == ("Capacity building", "en", True)


@pytest.mark.parametrize(
    ("iso3", "lang", "name"),
    [("KEN", "fr", "Kenya"), ("DEU", "es", "Alemania"), ("CHN", "ru", "Китай"), ("EGY", "ar", "مصر")],
)
def test_country_names_come_in_the_chosen_language(iso3, lang, name):
    assert DATASET.country_label(iso3, lang).text == name


def test_an_unknown_language_is_refused_with_the_allowed_codes():
    with pytest.raises(ValueError, match="expected one of ar, zh, en, es, fr, ru"):
        DATASET.sdg_label("goal", "1", "de")


def test_activity_list_cells_are_parsed_once_into_action_line_target_pairs():
    links = DATASET.activity_links
    mine = links[links["activity_id"] == "ITU-001"]
    assert sorted(zip(mine["action_line"].astype(str), mine["target"].astype(str), strict=True)) == [
        ("C2", "4.a"),
        ("C2", "9.c"),
        ("C7.3", "4.a"),
        ("C7.3", "9.c"),
    ]
    assert sorted(set(mine["goal"])) == [4, 9]


def test_hlpf_sdg_sets_are_parsed_into_lists_of_goals():
    cycles = DATASET.hlpf_cycles.set_index("year")
    assert all(isinstance(goal, int) for goals in cycles["sdgs"] for goal in goals)


def test_goal_labels_cover_all_17_goals():
    labels = DATASET.goal_labels("ru")
    assert len(labels) == 17
    assert not labels["is_fallback"].any()


def test_the_same_tables_give_the_same_key_and_one_changed_link_another():
    tables = loaders.committed_tables()
    again = Dataset.from_tables(tables, edition=COMMITTED_EDITION, edition_info=loaders.committed_edition_info())
    assert again.key == DATASET.key and again == DATASET
    links = tables["matrix_links"].copy()
    links.loc[0, "goal"] = "17" if links.loc[0, "goal"] != "17" else "16"
    changed = DATASET.with_tables({"matrix_links": links}, edition=COMMITTED_EDITION, edition_info={})
    assert changed.key != DATASET.key
    assert DATASET.with_tables({}, edition="3", edition_info={}).key != DATASET.key


def test_a_database_edition_is_labelled_with_its_number():
    edition = DATASET.with_tables({}, edition="3", edition_info=dict(DATASET.edition_info))
    assert edition.edition == "3"
    assert edition.edition_label.startswith("Edition 3: Matrix 09aad16")


def test_a_missing_table_is_named():
    tables = {name: frame for name, frame in loaders.committed_tables().items() if name != "rationales"}
    with pytest.raises(KeyError, match="rationales"):
        Dataset.from_tables(tables, edition="2", edition_info={})


def test_tables_are_read_as_strings_like_pandas_reads_the_csv():
    frame = loaders.committed_tables()["matrix_links"]
    assert all(isinstance(dtype, pd.StringDtype) for dtype in frame.dtypes)
