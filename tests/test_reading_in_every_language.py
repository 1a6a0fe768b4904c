"""What a reader of another language sees: lists joined with the language's own comma, codes shown as words, and
axis titles that stay clear of their tick labels whatever theme draws the chart."""

import re

import pandas as pd
import pytest

from analytics.chart_registry import CHARTS, chart_view
from analytics.charts import AXIS_TITLE_STANDOFF, TICK_LABEL_STANDOFF
from analytics.export.captions import describe_filters, view_caption
from analytics.localise import VERIFICATION_CODES, code_key, localised_values, verification_label
from analytics.request import ViewRequest
from messages import catalog, listed, t
from tests.shown import shown
from tests.test_app_pages import on_page
from ui.registry import PAGES
from wsis_data.constants import ITU_SECTORS, LANGUAGES, MAPPING_BASES, MATRIX_LEVELS
from wsis_data.dataset import committed_dataset

DATASET = committed_dataset()
# A Latin comma between two items of an Arabic list: an Arabic letter or a digit on both sides.
ARABIC_ITEM = r"[\u0600-\u06FF0-9٠-٩]"
LATIN_COMMA_IN_ARABIC = re.compile(rf"{ARABIC_ITEM}\)?, \(?{ARABIC_ITEM}")
# Every code a table of the dashboard can hold, by the vocabulary it comes from.
CODES = {
    *MAPPING_BASES,
    *MATRIX_LEVELS,
    *ITU_SECTORS,
    *set(DATASET.sdg_targets["kind"]),
    *set(DATASET.evidence_items["region_basis"]),
    *set(DATASET.data_quality["kind"]),
    *set(DATASET.data_quality["severity"]),
    *VERIFICATION_CODES,
}
STARTS_WITH_VERIFICATION = re.compile(rf"^({'|'.join(map(re.escape, VERIFICATION_CODES))})([\s:;(]|$)")
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error")


def page_texts(test) -> str:
    """Return every text a page shows outside its tables and charts, as read."""
    parts = [str(element.value) for kind in TEXT_ELEMENTS for element in getattr(test, kind)]
    parts += [str(metric.label) for metric in test.metric]
    return shown("\n".join(parts))


@pytest.mark.parametrize(
    ("lang", "joined"), [("en", "1, 4, 9"), ("fr", "1, 4, 9"), ("ar", "1، 4، 9"), ("zh", "1、4、9")]
)
def test_a_list_is_joined_with_the_languages_own_comma(lang, joined):
    assert listed([1, 4, 9], lang) == joined


def test_an_export_caption_lists_its_sdgs_with_the_arabic_comma():
    filters = describe_filters(ViewRequest(lang="ar", sdgs=(1, 4, 9)))
    assert "1، 4، 9" in filters
    assert not LATIN_COMMA_IN_ARABIC.search(filters), filters


@pytest.mark.parametrize("spec", PAGES[:-1], ids=[spec.title_key for spec in PAGES[:-1]])
def test_no_arabic_page_joins_list_items_with_a_latin_comma(spec):
    test = on_page(spec.path, lang="ar", sdg="1,4,9,17", hlpf="2026")
    assert not test.exception
    text = page_texts(test)
    assert not LATIN_COMMA_IN_ARABIC.search(text), LATIN_COMMA_IN_ARABIC.search(text)


def test_the_overview_lists_the_hlpf_sdgs_with_the_arabic_comma():
    test = on_page("app_pages/overview.py", lang="ar", hlpf="2026")
    # HLPF 2026 reviews SDGs 6, 7, 9, 11 and 17 (hlpf_cycles).
    assert "6، 7، 9، 11، 17" in page_texts(test)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_code_a_table_can_show_has_words_in_the_language(lang):
    for column, codes in {
        "mapping_basis": MAPPING_BASES,
        "level": MATRIX_LEVELS,
        "kind": set(DATASET.sdg_targets["kind"]),
        "region_basis": set(DATASET.evidence_items["region_basis"]),
        "sector": ITU_SECTORS,
    }.items():
        worded = localised_values(pd.DataFrame({column: sorted(codes)}), lang)[column]
        assert not set(worded) & set(codes), (column, list(worded))
    for code in VERIFICATION_CODES:
        assert f"verification.{code_key(code)}" in catalog(lang)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("verified", "vérifié"),
        ("lead verified", "facilitateur principal vérifié"),
        ("partial: goal name only", "partiellement vérifié — goal name only"),
        ("verified (ITU annual report 2015)", "vérifié — ITU annual report 2015"),
        ("unverified-secondary: a copy", "non vérifié (source secondaire) — a copy"),
        ("not a verification", "not a verification"),
    ],
)
def test_a_verification_reads_as_words_and_keeps_its_english_note(raw, words):
    assert verification_label(raw, "fr") == words


@pytest.mark.parametrize("spec", PAGES[:-1], ids=[spec.title_key for spec in PAGES[:-1]])
def test_no_page_in_french_shows_a_raw_code_or_column_name_in_its_tables(spec):
    test = on_page(spec.path, lang="fr")
    assert not test.exception
    raw = []
    for element in test.dataframe:
        raw += [("header", column) for column in element.value.columns if f"header.{column}" not in catalog("en")]
        for column, values in element.value.items():
            for value in set(map(str, values.dropna())):
                if value in CODES or STARTS_WITH_VERIFICATION.match(value):
                    raw.append((column, value))
    assert raw == []


@pytest.mark.parametrize("code", ["C1", *sorted(set(DATASET.action_lines["code"]))[1:3]])
def test_the_facilitators_verification_of_a_profile_reads_in_french(code):
    test = on_page("app_pages/action_line_profile.py", lang="fr", al=code)
    assert not test.exception
    verification = DATASET.action_lines.set_index("code").loc[code, "facilitators_verification"]
    line = next(text for text in map(shown, (m.value for m in test.markdown)) if "vérification" in text)
    assert shown(verification_label(verification, "fr")) in line
    assert not re.search(rf"vérification : {re.escape(verification)}\b", line), line


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_keeps_its_axis_titles_clear_of_its_tick_labels_under_any_theme(name, lang):
    request = ViewRequest(lang=lang, region="Africa", sdgs=(9,) if name == "sdg" else (), hlpf=2025)
    figure = chart_view(name, DATASET, request).figure
    # A theme's padding between plot and tick labels (Streamlit's is 8 px) is not counted in the title's standoff.
    assert figure.layout.margin.pad == 0
    for axis in (figure.layout[key] for key in figure.layout if key.startswith("yaxis")):
        assert axis.ticklabelstandoff >= TICK_LABEL_STANDOFF, name
        if axis.title.text:
            assert axis.automargin, name
            assert axis.title.standoff is None or axis.title.standoff >= AXIS_TITLE_STANDOFF, name


@pytest.mark.parametrize(
    ("lang", "label"), [("fr", "Édition des données : "), ("zh", "数据版本："), ("en", "Data edition: ")]
)
def test_a_charts_caption_puts_the_languages_own_colon_after_its_label(lang, label):
    assert view_caption(DATASET, ViewRequest(lang=lang)).startswith(label)


def test_a_profile_lists_its_facilitators_and_sources_as_the_language_lists_them():
    # C1: co-facilitators "ITU;UN Regional Commissions", three sources; C4: no source named its lead facilitator.
    first = page_texts(on_page("app_pages/action_line_profile.py", lang="ar", al="C1"))
    assert "ITU، UN Regional Commissions" in first
    assert " ; " not in first and "ITU;UN" not in first
    fourth = page_texts(on_page("app_pages/action_line_profile.py", lang="fr", al="C4"))
    assert "UNVERIFIED" not in fourth
    assert t("verification.unverified", "fr") in fourth


@pytest.mark.parametrize(
    ("lang", "shown_targets"),
    [
        # In Arabic each code is isolated, so that "9.c" never reads as "c.9" beside the Arabic comma.
        ("ar", "\u20681.3\u2069، \u20681.4\u2069، \u20689.c\u2069"),
        ("zh", "1.3、1.4、9.c"),
        ("fr", "1.3, 1.4, 9.c"),
    ],
)
def test_a_tables_list_of_targets_reads_as_the_language_lists(lang, shown_targets):
    frame = pd.DataFrame({"targets": ["1.3;1.4;9.c"]})
    assert list(localised_values(frame, lang)["targets"]) == [shown_targets]
    assert list(frame["targets"]) == ["1.3;1.4;9.c"], "the table itself (and its CSV) keeps the codes"


def test_a_tables_list_of_countries_reads_as_the_language_lists():
    frame = pd.DataFrame({"countries": ["IRQ;LBY;PSE"]})
    assert list(localised_values(frame, "zh")["countries"]) == ["IRQ、LBY、PSE"]
    assert list(localised_values(frame, "ar")["countries"]) == ["\u2068IRQ\u2069، \u2068LBY\u2069، \u2068PSE\u2069"]
    assert list(frame["countries"]) == ["IRQ;LBY;PSE"], "the table itself (and its CSV) keeps the codes"
